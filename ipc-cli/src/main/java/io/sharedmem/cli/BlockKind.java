/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.LayoutVersionException;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.HeaderSnapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Tells what a block holds, by reading its first bytes with a plain file read, never by mapping: a raw block (the
 * user's bytes, as Python sees them), or one of this library's formatted blocks (a header at its start, see
 * {@link HeaderDescriptor}), and then which kind.
 * <p>
 * Stateless and thread-safe.
 */
final class BlockKind
{
    /**
     * A block whose bytes are all the user's (or one being created, whose ready word is still zero).
     */
    static final String RAW = "raw";

    /**
     * A block that starts with this library's header, of a kind or layout version this tool does not know.
     */
    static final String FORMATTED = "formatted";

    /**
     * A formatted block whose header contradicts itself or the file (truncated).
     */
    static final String CORRUPT = "corrupt";

    /**
     * A block this user cannot read.
     */
    static final String UNREADABLE = "unreadable";

    private BlockKind()
    {
    }

    /**
     * The kind of the block file at a path.
     *
     * @param path the file; a link or non-regular file is never opened.
     * @return {@link #RAW}, a ring kind such as {@code spsc-ring}, {@link #FORMATTED}, {@link #CORRUPT} or
     * {@link #UNREADABLE}.
     */
    static String of(final Path path)
    {
        try
        {
            final BasicFileAttributes attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile())
            {
                // Opening a FIFO for reading would block: never open anything but a regular file.
                return UNREADABLE;
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
            {
                final ByteBuffer first = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                while (first.hasRemaining() && channel.read(first) > 0)
                {
                    // Short reads are possible; a file shorter than a word is raw.
                }
                if (first.hasRemaining() || !isFormatted(first.getLong(0)))
                {
                    return RAW;
                }
            }
            return formattedKind(path);
        }
        catch (final IOException | SecurityException ex)
        {
            return UNREADABLE;
        }
    }

    private static String formattedKind(final Path path)
    {
        try
        {
            final HeaderSnapshot header = HeaderSnapshot.read(path.getFileName().toString(), path);
            return null != header.kind() ? header.kind().label() : FORMATTED;
        }
        catch (final LayoutVersionException ex)
        {
            return FORMATTED;
        }
        catch (final SharedMemoryException ex)
        {
            return CORRUPT;
        }
    }

    /**
     * Whether a block's first 8 bytes (read little-endian) carry this library's header magic in their high half.
     *
     * @param readyWord the first 8 bytes.
     * @return {@code true} for a formatted block of any layout version.
     */
    static boolean isFormatted(final long readyWord)
    {
        return HeaderDescriptor.MAGIC == (int)(readyWord >>> 32);
    }
}
