/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.TrialSpec;
import io.sharedmem.block.BlockDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes everything a trial may have left: its private directory (sockets, FIFOs), its Aeron directory and every
 * block whose name starts with its prefix. Removing a name never disturbs a process that still has the file mapped,
 * so this is safe at any time. Stateless and thread-safe.
 */
final class TrialFiles
{
    private TrialFiles()
    {
    }

    /**
     * Removes what the trial left.
     *
     * @param spec the trial.
     * @return the paths that could not be removed, with the reason; empty when all is clean.
     */
    static List<String> removeAll(final TrialSpec spec)
    {
        final java.util.ArrayList<String> failures = new java.util.ArrayList<>();
        removeTree(spec.directory(), failures);
        removeTree(spec.aeronDirectory(), failures);
        final Path blocks = BlockDirectory.resolve();
        if (Files.isDirectory(blocks))
        {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(blocks, spec.blockPrefix() + "*"))
            {
                for (final Path block : stream)
                {
                    delete(block, failures);
                }
            }
            catch (final IOException ex)
            {
                failures.add(blocks + ": " + ex.getMessage());
            }
        }
        return failures;
    }

    private static void removeTree(final Path root, final List<String> failures)
    {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> delete(path, failures));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            failures.add(root + ": " + ex.getMessage());
        }
    }

    private static void delete(final Path path, final List<String> failures)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final NoSuchFileException ignore)
        {
            // Gone already: what we wanted.
        }
        catch (final IOException ex)
        {
            failures.add(path + ": " + ex);
        }
    }
}
