/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.BlockInfo;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code ipc dump NAME}: a block's bytes in hexadecimal and ASCII, in the layout of {@code xxd}, read with plain file
 * reads. A file shorter than it claimed is shown as far as it goes.
 */
@Command(name = "dump", description = "Show a block's bytes in hexadecimal and ASCII, as xxd does.")
final class DumpCommand extends BlockCommand
{
    /**
     * Bytes shown when no {@code --length} is given.
     */
    static final int DEFAULT_LENGTH = 4096;

    /**
     * Most bytes one dump reads.
     */
    static final long MAX_LENGTH = 64L << 20;

    private static final int BYTES_PER_LINE = 16;

    @Parameters(index = "0", paramLabel = "NAME", description = "The block's name.")
    String name;

    @Option(names = "--offset", paramLabel = "N", converter = Sizes.class,
        description = "Where to start, in bytes (4096, 4k, 0x1000); default 0.")
    long offset;

    @Option(names = "--length", paramLabel = "N", converter = Sizes.class,
        description = "How many bytes to show; default " + DEFAULT_LENGTH + " (at most 64m).")
    Long length;

    @Override
    public Integer call()
    {
        final String bare = BlockNames.normalise(name);
        final BlockInfo info = BlockFiles.info(directory(), bare);
        if (offset > info.size())
        {
            throw new SharedMemoryException(bare, "offset " + offset + " is beyond the end of block \"" + bare +
                "\" (" + info.size() + " bytes)");
        }
        final long available = info.size() - offset;
        final long wanted = null != length ? Math.min(length, available) : Math.min(DEFAULT_LENGTH, available);
        if (wanted > MAX_LENGTH)
        {
            throw new IllegalArgumentException("--length " + length + " is more than one dump shows (" +
                MAX_LENGTH + " bytes); dump in parts with --offset");
        }

        final byte[] bytes = BlockReads.read(directory(), bare, offset, (int)wanted);
        print(out(), offset, bytes);
        if (bytes.length < wanted)
        {
            err().println("ipc dump: block \"" + bare + "\" ended after " + (offset + bytes.length) + " bytes, " +
                "though it had " + info.size() + " when listed (truncated meanwhile?)");
        }
        else if (null == length && available > wanted)
        {
            err().println("ipc dump: showed " + wanted + " of the " + available + " bytes from offset " + offset +
                "; use --offset and --length for more");
        }
        return 0;
    }

    /**
     * Prints bytes as {@code xxd} does: offset, eight groups of two bytes, the printable ASCII.
     *
     * @param out    where to print.
     * @param start  the offset of the first byte.
     * @param bytes  the bytes.
     */
    static void print(final PrintWriter out, final long start, final byte[] bytes)
    {
        final StringBuilder line = new StringBuilder(80);
        for (int i = 0; i < bytes.length; i += BYTES_PER_LINE)
        {
            line.setLength(0);
            line.append(String.format("%08x:", start + i));
            final int end = Math.min(i + BYTES_PER_LINE, bytes.length);
            for (int j = i; j < i + BYTES_PER_LINE; j++)
            {
                if ((j - i) % 2 == 0)
                {
                    line.append(' ');
                }
                line.append(j < end ? String.format("%02x", bytes[j] & 0xff) : "  ");
            }
            line.append("  ");
            for (int j = i; j < end; j++)
            {
                final int b = bytes[j] & 0xff;
                line.append(b >= 0x20 && b < 0x7f ? (char)b : '.');
            }
            out.println(line);
        }
    }
}
