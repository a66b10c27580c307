/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedBlock;
import io.sharedmem.internal.Heartbeats;
import io.sharedmem.internal.RoleSlot;

/**
 * A role held by this process in a ring over Agrona's buffers (the consumer of an {@link MpscRing}, the transmitter
 * of a {@link BroadcastRing}): taken on creation, heartbeating from the daemon thread, released on close.
 * Thread-safe.
 */
final class RoleHandle implements AutoCloseable
{
    private final RoleSlot slot;
    private final RoleSlot.Acquired acquired;
    private final Heartbeats.Ticker ticker;
    private volatile boolean closed;

    RoleHandle(
        final SharedBlock block, final RoleSlot slot, final boolean force, final long livenessTimeoutNs,
        final Runnable onTick)
    {
        this.slot = slot;
        this.acquired = RingSupport.acquire(block, slot, force, livenessTimeoutNs);
        this.ticker = (now) ->
        {
            if (slot.heartbeat(acquired.ownerWord(), now) && null != onTick)
            {
                onTick.run();
            }
        };
        Heartbeats.register(ticker);
    }

    void checkOwner()
    {
        if (closed)
        {
            throw new IllegalStateException("the " + slot.role() + " is closed");
        }
        slot.checkHeldBy(acquired.ownerWord());
    }

    boolean tookOver()
    {
        return acquired.takeover();
    }

    boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        Heartbeats.unregister(ticker);
        try
        {
            // Read before the compare-and-set: a file truncated under the mapping then faults on a guarded load
            // rather than crashing the JVM in an interpreted compare-and-set (see BlockFaults).
            if (slot.isHeldBy(acquired.ownerWord()))
            {
                slot.release(acquired.ownerWord());
            }
        }
        catch (final RuntimeException | InternalError ignore)
        {
            // Unmapped, or truncated under the mapping, while closing: nothing more to release.
        }
    }
}
