/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code ipc rm NAME...}: removes blocks by name. Refuses anything that is not a regular file (a link is left alone,
 * never followed) and any block another user owns. Processes that have a removed block mapped keep working.
 */
@Command(name = "rm", description = "Remove blocks. Processes that have one mapped keep it until they close it.")
final class RmCommand extends BlockCommand
{
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The blocks' names.")
    List<String> names;

    @Override
    public Integer call()
    {
        int failures = 0;
        SharedMemoryException last = null;
        for (final String name : names)
        {
            final String bare = BlockNames.normalise(name);
            try
            {
                BlockFiles.remove(directory(), bare, true);
                out().println("Removed block \"" + bare + "\".");
            }
            catch (final SharedMemoryException ex)
            {
                failures++;
                last = ex;
                if (names.size() > 1)
                {
                    err().println("ipc rm: " + ex.getMessage());
                }
            }
        }
        if (1 == names.size() && null != last)
        {
            throw last;
        }
        return 0 == failures ? 0 : Ipc.EXIT_FAILURE;
    }
}
