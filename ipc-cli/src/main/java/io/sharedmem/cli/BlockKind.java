/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

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
 * Tells a raw block (the user's bytes, as Python sees them) from a formatted one (a header of this library at its
 * start), by reading its first bytes with a plain file read, never by mapping.
 * <p>
 * <b>Placeholder:</b> the block header is not defined yet. When it is, replace {@link #isFormatted(int)} by a check
 * of the header descriptor's magic; nothing else here needs to change.
 * <p>
 * Stateless and thread-safe.
 */
final class BlockKind
{
    /**
     * A block whose bytes are all the user's.
     */
    static final String RAW = "raw";

    /**
     * A block that starts with this library's header.
     */
    static final String FORMATTED = "formatted";

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
     * @return {@link #RAW}, {@link #FORMATTED} or {@link #UNREADABLE}.
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
                final ByteBuffer first = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                while (first.hasRemaining() && channel.read(first) > 0)
                {
                    // Short reads are possible; a file shorter than a word is raw.
                }
                return first.hasRemaining() || !isFormatted(first.getInt(0)) ? RAW : FORMATTED;
            }
        }
        catch (final IOException | SecurityException ex)
        {
            return UNREADABLE;
        }
    }

    /**
     * Whether a block's first 4 bytes (read little-endian) are this library's header magic.
     *
     * @param firstWord the first 4 bytes.
     * @return {@code false} until the header is defined.
     */
    static boolean isFormatted(final int firstWord)
    {
        return false;
    }
}
