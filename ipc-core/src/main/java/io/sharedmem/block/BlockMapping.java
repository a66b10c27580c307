/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import io.sharedmem.SharedMemoryException;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory mappings of one open block and every buffer handed out over them.
 * <p>
 * A block of up to {@link Integer#MAX_VALUE} bytes is mapped whole when opened, and windows are views of that one
 * mapping. A larger block cannot be one buffer (both {@code FileChannel.map} and {@code UnsafeBuffer} stop at
 * 2<sup>31</sup>&minus;1 bytes), so each window is mapped on request and kept until the block is closed.
 * <p>
 * {@link #close()} points every buffer handed out at zero bytes (so later use throws
 * {@link IndexOutOfBoundsException} rather than touching unmapped memory), then unmaps. That only protects threads
 * that use a buffer after the close; a thread in the middle of an access while another closes can still fault, so
 * closing while other threads use the block is unsafe.
 * <p>
 * Support class of {@link io.sharedmem.SharedBlock}. Its methods are thread-safe (they synchronise on the instance);
 * the buffers it returns are as thread-safe as {@link UnsafeBuffer}.
 */
public final class BlockMapping implements AutoCloseable
{
    /**
     * Window offsets must be multiples of this, so that 8-byte atomic operations on a window are aligned.
     */
    public static final int WINDOW_ALIGNMENT = 8;

    /**
     * Page size assumed for pre-touching.
     */
    public static final int PAGE_SIZE = 4096;

    private static final byte[] EMPTY = new byte[0];

    private final String name;
    private final Path path;
    private final long size;
    private final boolean readOnly;
    private final boolean preTouch;
    private final FileChannel channel;
    private final List<MappedByteBuffer> mappings = new ArrayList<>();
    private final List<WeakReference<UnsafeBuffer>> handedOut = new ArrayList<>();
    private final MappedByteBuffer whole;
    private final long wholeAddress;
    private UnsafeBuffer wholeBuffer;
    private int pruneAt = 64;
    private boolean closed;

    /**
     * Maps an open block file. The channel is owned from here on and closed by {@link #close()}, also when this
     * constructor fails.
     *
     * @param name     the block name, for messages.
     * @param path     the file, for messages.
     * @param channel  the open file.
     * @param readOnly {@code true} to map read-only.
     * @param preTouch {@code true} to touch every page now, so first accesses later do not page-fault.
     * @throws SharedMemoryException if the file cannot be mapped, or is empty.
     */
    public BlockMapping(
        final String name, final Path path, final FileChannel channel, final boolean readOnly, final boolean preTouch)
    {
        this.name = name;
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
        this.preTouch = preTouch;
        long opened = -1;
        try
        {
            size = channel.size();
            opened = size;
            if (size <= 0)
            {
                throw new SharedMemoryException(name, "block \"" + name + "\" at " + path +
                    " is empty (0 bytes): it is being created, or is not a block");
            }
            if (size <= Integer.MAX_VALUE)
            {
                whole = map(0, size);
                wholeAddress = org.agrona.BufferUtil.address(whole);
            }
            else
            {
                whole = null;
                wholeAddress = 0;
            }
            TruncationWatch.watch(this);
        }
        catch (final IOException ex)
        {
            closeQuietly();
            throw new SharedMemoryException(name, "cannot map block \"" + name + "\" at " + path + ": " + ex, ex);
        }
        catch (final RuntimeException ex)
        {
            closeQuietly();
            throw ex;
        }
        catch (final InternalError ex)
        {
            // Pre-touching faulted: another process truncated the file after it was mapped.
            final long now = fileSize();
            closeQuietly();
            if (!BlockFaults.isMappingFault(ex))
            {
                throw ex;
            }
            throw BlockFaults.truncated(name, opened, now, ex);
        }
    }

    /**
     * Size of the block in bytes, taken from the file when it was opened.
     *
     * @return the size.
     */
    public long size()
    {
        return size;
    }

    /**
     * The size of the file now, read from the open file (so a file unlinked meanwhile still answers): it differs
     * from {@link #size()} only if another process truncated or extended the file.
     *
     * @return bytes, or -1 if it cannot be read (closed, or an I/O error).
     */
    public long fileSize()
    {
        try
        {
            return channel.size();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Whether the block is mapped read-only.
     *
     * @return {@code true} if writes through its buffers are refused.
     */
    public boolean isReadOnly()
    {
        return readOnly;
    }

    /**
     * One buffer over the whole block; the same instance on every call.
     *
     * @return the buffer.
     * @throws IllegalStateException if the block is closed, or is 2 GiB or larger and must be used through windows.
     */
    public synchronized AtomicBuffer buffer()
    {
        ensureOpen();
        if (null == whole)
        {
            throw new IllegalStateException("block \"" + name + "\" is " + size + " bytes, larger than one buffer " +
                "can cover (" + Integer.MAX_VALUE + " bytes): use buffer(offset, length) windows instead");
        }
        if (null == wholeBuffer)
        {
            wholeBuffer = track(newBuffer(wholeAddress, (int)size));
        }
        return wholeBuffer;
    }

    /**
     * A buffer over part of the block. On a block under 2 GiB this is a view of the one mapping and costs an
     * allocation; on a larger block each call maps a new window (a system call), kept until {@link #close()}, so
     * ask once and keep the buffer.
     *
     * @param offset where the window starts; a multiple of {@value #WINDOW_ALIGNMENT} so that atomic 8-byte
     *               operations on it are aligned.
     * @param length how many bytes it covers.
     * @return the window.
     * @throws IllegalArgumentException if the window is misaligned or does not lie within the block.
     * @throws IllegalStateException    if the block is closed.
     * @throws SharedMemoryException    if a window of a large block cannot be mapped.
     */
    public synchronized AtomicBuffer buffer(final long offset, final int length)
    {
        ensureOpen();
        if (offset < 0 || length < 0 || offset > size - length)
        {
            throw new IllegalArgumentException("window [offset " + offset + ", length " + length + "] of block \"" +
                name + "\" does not lie within its " + size + " bytes");
        }
        if ((offset & (WINDOW_ALIGNMENT - 1)) != 0)
        {
            throw new IllegalArgumentException("window offset " + offset + " of block \"" + name +
                "\" is not a multiple of " + WINDOW_ALIGNMENT + ", which atomic access needs");
        }

        if (null != whole)
        {
            return track(newBuffer(wholeAddress + offset, length));
        }

        try
        {
            final MappedByteBuffer window = map(offset, length);
            return track(newBuffer(org.agrona.BufferUtil.address(window), length));
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryException(name, "cannot map window [offset " + offset + ", length " + length +
                "] of block \"" + name + "\" at " + path + ": " + ex, ex);
        }
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closed.
     */
    public synchronized boolean isClosed()
    {
        return closed;
    }

    /**
     * Points every buffer handed out at zero bytes, unmaps, and closes the file. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        TruncationWatch.unwatch(this);

        for (final WeakReference<UnsafeBuffer> ref : handedOut)
        {
            final UnsafeBuffer buffer = ref.get();
            if (buffer instanceof ReadOnlyAtomicBuffer)
            {
                ((ReadOnlyAtomicBuffer)buffer).detach();
            }
            else if (null != buffer)
            {
                buffer.wrap(EMPTY);
            }
        }
        handedOut.clear();
        wholeBuffer = null;

        for (final MappedByteBuffer mapping : mappings)
        {
            IoUtil.unmap(mapping);
        }
        mappings.clear();
        closeQuietly();
    }

    private MappedByteBuffer map(final long offset, final long length) throws IOException
    {
        final MappedByteBuffer mapping = channel.map(
            readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, offset, length);
        mappings.add(mapping);
        if (preTouch)
        {
            touch(mapping, length);
        }
        return mapping;
    }

    private void touch(final MappedByteBuffer mapping, final long length)
    {
        final UnsafeBuffer pages = new UnsafeBuffer(org.agrona.BufferUtil.address(mapping), (int)length);
        // A long index: an int one would overflow past the last page of a mapping close to 2 GiB.
        for (long i = 0; i + Long.BYTES <= length; i += PAGE_SIZE)
        {
            if (readOnly)
            {
                pages.getLongVolatile((int)i);
            }
            else
            {
                // An atomic add of zero writes the page without changing a value another process may be writing.
                // The load first: HotSpot guards it against a page truncated away, but not an interpreted
                // compare-and-set, which would crash the JVM instead (see BlockFaults).
                pages.getLongVolatile((int)i);
                pages.getAndAddLong((int)i, 0);
            }
        }
    }

    private UnsafeBuffer newBuffer(final long address, final int length)
    {
        return readOnly ? new ReadOnlyAtomicBuffer(address, length) : new UnsafeBuffer(address, length);
    }

    private UnsafeBuffer track(final UnsafeBuffer buffer)
    {
        if (handedOut.size() >= pruneAt)
        {
            handedOut.removeIf((ref) -> null == ref.get());
            pruneAt = Math.max(64, handedOut.size() * 2);
        }
        handedOut.add(new WeakReference<>(buffer));
        return buffer;
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("block \"" + name + "\" is closed");
        }
    }

    private void closeQuietly()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // Closing a channel whose mappings are already released cannot leave anything behind worth reporting.
        }
    }
}
