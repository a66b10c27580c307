/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.BlockOptions;
import io.sharedmem.SharedBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipc create NAME SIZE}: creates a block, zeroed, and leaves it for other processes to attach to.
 */
@Command(name = "create", description = "Create a block of SIZE zero bytes (4096, 4k, 1m, 1g) and leave it there.")
final class CreateCommand extends BlockCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "The block's name.")
    String name;

    @Parameters(index = "1", paramLabel = "SIZE", converter = Sizes.class,
        description = "Its size: bytes, or with k, m or g (powers of 1024).")
    long size;

    @Option(names = "--permissions", paramLabel = "rw-------",
        description = "Permissions as ls -l shows them; default rw------- (owner only).")
    String permissions;

    @Override
    public Integer call()
    {
        final BlockOptions options = SharedBlock.options().directory(directory());
        if (null != permissions)
        {
            options.permissions(permissions);
        }
        try (SharedBlock block = options.create(name, size))
        {
            out().println("Created block \"" + block.name() + "\" of " + block.size() + " bytes (" +
                Sizes.human(block.size()) + ") at " + block.path() + ".");
        }
        return 0;
    }
}
