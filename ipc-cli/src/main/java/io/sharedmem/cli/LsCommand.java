/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.BlockInfo;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockNames;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import picocli.CommandLine.Command;

/**
 * {@code ipc ls}: one line per block of the directory, with size, kind, owner and permissions. Blocks are looked at
 * with file attributes and a read of their first bytes, never opened for writing or mapped.
 */
@Command(name = "ls", description = "List the blocks: name, size, kind (raw or formatted), owner, permissions.")
final class LsCommand extends BlockCommand
{
    @Override
    public Integer call()
    {
        final Path dir = directory();
        if (!Files.isDirectory(dir))
        {
            throw new SharedMemoryException(null, "block directory " + dir + " (from " + ipc.directorySource() +
                ") does not exist or is not a directory");
        }

        final List<BlockInfo> blocks = BlockFiles.list(dir);
        final PrintWriter out = out();
        if (blocks.isEmpty())
        {
            out.println("No blocks in " + dir + ".");
        }
        else
        {
            int width = "NAME".length();
            for (final BlockInfo block : blocks)
            {
                width = Math.max(width, block.name().length());
            }
            final String format = "%-" + width + "s  %12s  %10s  %-9s  %-10s  %s%n";
            out.printf(format, "NAME", "BYTES", "SIZE", "KIND", "OWNER", "PERMISSIONS");
            for (final BlockInfo block : blocks)
            {
                out.printf(format, BlockNames.printable(block.name()), block.size(), Sizes.human(block.size()),
                    BlockKind.of(block.path()), block.owner(), PosixFilePermissions.toString(block.permissions()));
            }
        }

        final int unfinished = countUnfinished(dir);
        if (unfinished > 0)
        {
            out.println(unfinished + " unfinished creation(s) (" + BlockFiles.CREATING_PREFIX + "*) not listed: " +
                "'ipc gc' removes those whose creator is gone.");
        }
        return 0;
    }

    private static int countUnfinished(final Path dir)
    {
        int count = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, BlockFiles.CREATING_PREFIX + "*"))
        {
            for (final Path ignored : stream)
            {
                count++;
            }
        }
        catch (final IOException ex)
        {
            return 0;
        }
        return count;
    }
}
