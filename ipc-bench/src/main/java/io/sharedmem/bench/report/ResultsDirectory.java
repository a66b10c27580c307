/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The layout of {@code bench-results/}: one directory per run named by its UTC start time
 * ({@code 2026-11-25T14-03-12Z}, sortable and free of colons), and a symbolic link {@code latest} to the newest.
 * <pre>{@code
 * Path run = ResultsDirectory.newRun(Path.of("bench-results"));   // bench-results/2026-11-25T14-03-12Z/
 * ReportWriter.writeAll(results, histograms, run);
 * ResultsDirectory.linkLatest(run);                                // bench-results/latest -> 2026-11-25T14-03-12Z
 * }</pre>
 * Stateless and thread-safe; two runs started in the same second get distinct directories.
 */
public final class ResultsDirectory
{
    /**
     * Name of the link to the newest run.
     */
    public static final String LATEST = "latest";

    private static final DateTimeFormatter STAMP =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private ResultsDirectory()
    {
    }

    /**
     * Creates the directory of a new run under the base, creating the base if needed.
     *
     * @param base the results directory, such as {@code bench-results}.
     * @return the new, empty directory: {@code base/<UTC time>}, with {@code -2}, {@code -3}, ... appended when that
     *         name is taken.
     * @throws UncheckedIOException if it cannot be created.
     */
    public static Path newRun(final Path base)
    {
        return newRun(base, Clock.systemUTC());
    }

    static Path newRun(final Path base, final Clock clock)
    {
        final String stamp = STAMP.format(clock.instant());
        try
        {
            Files.createDirectories(base);
            for (int attempt = 1; ; attempt++)
            {
                final Path run = base.resolve(1 == attempt ? stamp : stamp + "-" + attempt);
                try
                {
                    return Files.createDirectory(run);
                }
                catch (final FileAlreadyExistsException ex)
                {
                    // Another run this second: take the next suffix.
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a results directory under " + base + ": " + ex, ex);
        }
    }

    /**
     * Points {@code latest}, beside the run directory, at it: a relative symbolic link, replaced atomically so a
     * reader never finds it missing.
     *
     * @param run a run directory, such as one from {@link #newRun(Path)}.
     * @return {@code true} if the link now points at the run; {@code false} if this file system has no symbolic
     *         links (the run is still there; say so and go on).
     * @throws IllegalStateException if {@code latest} exists and is not a symbolic link: it is never replaced then.
     * @throws UncheckedIOException  if the link cannot be made for another reason.
     */
    public static boolean linkLatest(final Path run)
    {
        final Path dir = run.toAbsolutePath().normalize();
        final Path base = dir.getParent();
        final Path latest = base.resolve(LATEST);
        if (Files.exists(latest, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(latest))
        {
            throw new IllegalStateException(latest + " exists and is not a symbolic link: not replacing it; " +
                "move it away to have " + LATEST + " point at the newest run");
        }
        final Path temporary = base.resolve("." + LATEST + "-" + ProcessHandle.current().pid());
        try
        {
            Files.deleteIfExists(temporary);
            Files.createSymbolicLink(temporary, dir.getFileName());
            Files.move(temporary, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        catch (final UnsupportedOperationException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            try
            {
                Files.deleteIfExists(temporary);
            }
            catch (final IOException ignore)
            {
                // The original failure is the one to report.
            }
            throw new UncheckedIOException("cannot point " + latest + " at " + dir + ": " + ex, ex);
        }
    }
}
