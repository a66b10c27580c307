/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.block.BlockFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a block's bytes with plain file reads: never by mapping (a file truncated by someone else would then kill the
 * tool with {@code SIGBUS}), never through a link, never opening anything but a regular file.
 * <p>
 * Stateless and thread-safe.
 */
final class BlockReads
{
    private BlockReads()
    {
    }

    /**
     * Reads up to {@code length} bytes of a block from {@code offset}; fewer if the file ends first.
     *
     * @param directory where blocks live.
     * @param name      the normalised block name.
     * @param offset    where to start.
     * @param length    how many bytes at most.
     * @return the bytes read.
     * @throws io.sharedmem.SharedMemoryException if the block is missing, not a regular file, or unreadable.
     */
    static byte[] read(final Path directory, final String name, final long offset, final int length)
    {
        BlockFiles.info(directory, name);                 // missing or not a regular file: a clear error, no open
        final Path path = directory.resolve(name);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            final ByteBuffer bytes = ByteBuffer.allocate(length);
            long position = offset;
            int read;
            while (bytes.hasRemaining() && (read = channel.read(bytes, position)) > 0)
            {
                position += read;
            }
            final byte[] result = new byte[bytes.position()];
            bytes.flip().get(result);
            return result;
        }
        catch (final IOException ex)
        {
            throw BlockFiles.translate(ex, name, directory, "read");
        }
    }
}
