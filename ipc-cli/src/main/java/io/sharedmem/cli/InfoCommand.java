/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockInfo;
import io.sharedmem.block.BlockNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code ipc info NAME}: everything the file system says about one block, and its kind.
 */
@Command(name = "info", description = "Describe one block: path, size, kind, owner, permissions, last write.")
final class InfoCommand extends BlockCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "The block's name (a leading / is allowed).")
    String name;

    @Override
    public Integer call()
    {
        final String bare = BlockNames.normalise(name);
        final BlockInfo info = BlockFiles.info(directory(), bare);
        final PrintWriter out = out();
        out.println("name:        " + BlockNames.printable(info.name()));
        out.println("path:        " + BlockNames.printable(info.path().toString()));
        out.println("size:        " + info.size() + " bytes (" + Sizes.human(info.size()) + ")");
        out.println("kind:        " + BlockKind.of(info.path()));
        out.println("owner:       " + info.owner() + " (uid " + info.ownerUid() + ")");
        out.println("permissions: " + PosixFilePermissions.toString(info.permissions()) + " (" +
            octal(info.permissions()) + ")");
        out.println("modified:    " + info.lastModified() + " (by write calls; stores through a mapping do not " +
            "change it)");
        return 0;
    }

    /**
     * Permissions in octal, as {@code chmod} takes them.
     *
     * @param permissions the permissions.
     * @return such as {@code 0600}.
     */
    static String octal(final java.util.Set<PosixFilePermission> permissions)
    {
        int mode = 0;
        for (final PosixFilePermission permission : permissions)
        {
            mode |= 0400 >> permission.ordinal();
        }
        return String.format("%04o", mode);
    }
}
