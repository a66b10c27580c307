/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.block.BlockFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/**
 * {@code ipc gc}: removes what dead processes left behind. Today that is the hidden file a block is prepared under
 * ({@code .sharedmem-creating-PID-HEX}) when its creator was killed while reserving pages: removed when no process
 * {@code PID} is running. Each further kind of leftover (rings whose processes are all gone, for one) is one more
 * collecting method called from {@link #call()}.
 */
@Command(name = "gc", description = "Remove leftovers of dead processes (unfinished block creations).")
final class GcCommand extends BlockCommand
{
    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    private int removed;
    private int failed;

    @Override
    public Integer call()
    {
        final Path dir = directory();
        collectUnfinishedCreations(dir);
        if (0 == removed && 0 == failed)
        {
            out().println("Nothing to clean in " + dir + ".");
        }
        return 0 == failed ? 0 : Ipc.EXIT_FAILURE;
    }

    private void collectUnfinishedCreations(final Path dir)
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, BlockFiles.CREATING_PREFIX + "*"))
        {
            for (final Path path : stream)
            {
                final String file = path.getFileName().toString();
                final OptionalLong pid = creatorPid(file);
                final BasicFileAttributes attributes =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (pid.isEmpty() || !attributes.isRegularFile())
                {
                    continue;                                   // not ours: leave it alone
                }
                if (ProcessHandle.of(pid.getAsLong()).isPresent())
                {
                    out().println("Kept " + file + ": its creator, process " + pid.getAsLong() + ", is running.");
                    continue;
                }
                remove(path, "unfinished creation of process " + pid.getAsLong() + ", which is gone, " +
                    attributes.size() + " bytes");
            }
        }
        catch (final IOException ex)
        {
            failed++;
            err().println("ipc gc: cannot read " + dir + ": " + ex.getMessage());
        }
    }

    private void remove(final Path path, final String why)
    {
        final String file = path.getFileName().toString();
        if (dryRun)
        {
            out().println("Would remove " + file + " (" + why + ").");
            removed++;
            return;
        }
        try
        {
            Files.delete(path);
            out().println("Removed " + file + " (" + why + ").");
            removed++;
        }
        catch (final IOException ex)
        {
            failed++;
            err().println("ipc gc: cannot remove " + path + ": " + ex);
        }
    }

    /**
     * The pid in a name of the form {@code .sharedmem-creating-PID-HEX}.
     *
     * @param file the file name.
     * @return the pid, or empty if the name is not of that form.
     */
    static OptionalLong creatorPid(final String file)
    {
        final String rest = file.substring(BlockFiles.CREATING_PREFIX.length());
        final int dash = rest.indexOf('-');
        if (dash <= 0 || !rest.substring(0, dash).chars().allMatch(Character::isDigit) ||
            !rest.substring(dash + 1).matches("[0-9a-f]+"))
        {
            return OptionalLong.empty();
        }
        try
        {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        }
        catch (final NumberFormatException ex)
        {
            return OptionalLong.empty();
        }
    }
}
