/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.BlockExistsException;
import io.sharedmem.NoSuchBlockException;
import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockFaults;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.internal.BlockHeader;
import io.sharedmem.internal.CrashPoints;
import io.sharedmem.internal.RoleSlot;
import org.agrona.BitUtil;

/**
 * Creating and attaching the blocks behind every kind of ring. Thread-safe: static methods only.
 */
final class RingSupport
{
    /**
     * Largest capacity: 1 GiB, so the block stays one mapping.
     */
    static final int MAX_CAPACITY = 1 << 30;

    private RingSupport()
    {
    }

    static void checkCapacity(final int capacity)
    {
        if (capacity < HeaderSnapshot.MIN_CAPACITY || capacity > MAX_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("ring capacity must be a power of two from " +
                HeaderSnapshot.MIN_CAPACITY + " to " + MAX_CAPACITY + " bytes, was " + capacity);
        }
    }

    /**
     * Creates a block for a ring: its whole header is written while the file still has a temporary name, so the ring
     * appears under its name complete, or not at all (a creator killed half-way leaves only a temporary file, which
     * {@code ipc gc} removes).
     */
    static BlockHeader.Attached create(
        final RingOptions options, final String name, final BlockKind kind, final int maxMsgLength)
    {
        final BlockHeader.Format format = new BlockHeader.Format(kind, options.capacity(), maxMsgLength,
            options.userTypeId());
        final SharedBlock block = options.blockOptions().create(name, format.blockSize(), (unnamed) ->
        {
            BlockHeader.format(unnamed.buffer(0, HeaderDescriptor.HEADER_LENGTH), format);
            if (CrashPoints.ENABLED)
            {
                CrashPoints.reached(CrashPoints.CREATE_BEFORE_LINK);
            }
        });
        try
        {
            return new BlockHeader.Attached(block, BlockHeader.readHeader(block));
        }
        catch (final RuntimeException ex)
        {
            block.close();
            throw ex;
        }
    }

    /**
     * Takes a role in a ring of any kind. One look at the file's size first: a truncated ring would otherwise be taken
     * and fail only at a later access; a fault while taking it is named as the truncation it is.
     *
     * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
     */
    static RoleSlot.Acquired acquire(
        final SharedBlock block, final RoleSlot slot, final boolean force, final long livenessTimeoutNs)
    {
        try
        {
            BlockFaults.checkNotTruncated(block);
            return slot.acquire(force, livenessTimeoutNs);
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(block, ex);
        }
    }

    static BlockHeader.Attached attach(final RingOptions options, final String name, final BlockKind kind)
    {
        return BlockHeader.attach(options.blockOptions(), name, kind);
    }

    static Opened createOrAttach(
        final RingOptions options, final String name, final BlockKind kind, final int maxMsgLength)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new Opened(create(options, name, kind, maxMsgLength), true);
            }
            catch (final BlockExistsException ex)
            {
                try
                {
                    return new Opened(attach(options, name, kind), false);
                }
                catch (final NoSuchBlockException gone)
                {
                    // Removed between the two: try again, a few times only.
                    if (attempt >= 3)
                    {
                        throw gone;
                    }
                }
            }
        }
    }

    /**
     * A ring's block, and whether this call created it.
     */
    record Opened(BlockHeader.Attached attached, boolean created)
    {
    }
}
