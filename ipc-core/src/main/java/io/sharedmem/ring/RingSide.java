/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.Heartbeats;
import io.sharedmem.internal.RoleSlot;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

/**
 * What a {@link RingProducer} and a {@link RingConsumer} share: the role they hold, its heartbeat, and its release.
 * Not thread-safe, like its subclasses.
 */
abstract class RingSide implements AutoCloseable
{
    private static final long PEER_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SUSPECT_AFTER_NS = TimeUnit.SECONDS.toNanos(1);

    final SpscRing ring;
    final AtomicBuffer buffer;
    final AtomicBuffer header;
    final RoleSlot slot;
    final RoleSlot.Acquired acquired;
    final long ownerWord;
    final int capacity;
    final int mask;
    boolean closed;
    private boolean fenced;

    private final boolean takeover;
    private final long previousPid;
    private final Heartbeats.Ticker ticker = this::tick;
    private long nextPeerCheckNs;

    RingSide(final SpscRing ring, final RoleSlot slot, final RoleSlot.Acquired acquired)
    {
        this.ring = ring;
        this.buffer = ring.data();
        this.header = ring.header();
        this.slot = slot;
        this.acquired = acquired;
        this.ownerWord = acquired.ownerWord();
        this.takeover = acquired.takeover();
        this.previousPid = acquired.previousPid();
        this.capacity = ring.capacity();
        this.mask = capacity - 1;
    }

    /**
     * Starts a wait on the peer (see {@link #peerGone}): the first look at its liveness comes one interval later.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    final void startPeerWatch(final long nowNs)
    {
        nextPeerCheckNs = nowNs + PEER_CHECK_INTERVAL_NS;
    }

    /**
     * While waiting on the peer (for room, or for messages): whether the peer holding the other role is gone, looked
     * at no more often than every 100 ms. A peer that heartbeat recently is alive, judged from memory; only an older
     * heartbeat costs a look in {@code /proc}.
     *
     * @param peer  the other role's slot.
     * @param nowNs {@link System#nanoTime()}.
     * @return {@link RoleStatus#DEAD} or {@link RoleStatus#STALE} if the peer is gone, else {@code null}.
     */
    final RoleStatus peerGone(final RoleSlot peer, final long nowNs)
    {
        if (nowNs - nextPeerCheckNs < 0)
        {
            return null;
        }
        nextPeerCheckNs = nowNs + PEER_CHECK_INTERVAL_NS;
        final long livenessTimeoutNs = ring.livenessTimeoutNs();
        final RoleStatus status =
            peer.quickStatus(Math.min(livenessTimeoutNs / 2, SUSPECT_AFTER_NS), livenessTimeoutNs);
        return RoleStatus.DEAD == status || RoleStatus.STALE == status ? status : null;
    }

    /**
     * Says how a peer is gone, for an exception's message.
     *
     * @param peer   the other role's slot.
     * @param status what {@link #peerGone} returned.
     * @return such as "(pid 123) is dead".
     */
    static String describeGone(final RoleSlot peer, final RoleStatus status)
    {
        return "(pid " + peer.snapshot().holderPid() + ") is " + (RoleStatus.DEAD == status ? "dead" :
            "not heartbeating (stale for longer than the liveness time-out)");
    }

    /**
     * Starts heartbeating; called by the subclass once its recovery is done.
     */
    final void startHeartbeats()
    {
        Heartbeats.register(ticker);
    }

    /**
     * Puts right what a previous holder of the role may have left half done; see the subclasses.
     */
    abstract void recover();

    /**
     * Runs {@link #recover()}, releasing the role again if it fails, so a corrupt ring does not keep the role held.
     */
    final void recoverOrRelease()
    {
        try
        {
            recover();
        }
        catch (final RuntimeException ex)
        {
            slot.release(ownerWord);
            throw ex;
        }
    }

    /**
     * Runs on the heartbeat thread every interval while the role is held.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    abstract void tick(long nowNs);

    /**
     * Called by {@link #close()} while the role is still held, just before releasing it.
     */
    abstract void beforeRelease();

    /**
     * Called by {@link #close()} last, held or not: release what the side owns besides the role.
     */
    abstract void afterClose();

    /**
     * The exception for a write attempted after the role was lost; tells the subclass once that it was fenced.
     *
     * @return closed or fenced.
     */
    final RuntimeException fencedOrClosed()
    {
        if (closed)
        {
            return new IllegalStateException(slot.role() + " of ring \"" + ring.name() + "\" is closed");
        }
        if (!fenced)
        {
            fenced = true;
            onFenced();
        }
        return slot.fenced(ownerWord);
    }

    /**
     * Whether this side found it was forced out.
     *
     * @return {@code true} once fenced.
     */
    final boolean isFenced()
    {
        return fenced;
    }

    /**
     * Called once, on the side's thread, when it finds it was forced out; it writes nothing to the ring afterwards.
     */
    void onFenced()
    {
    }

    /**
     * The ring this side belongs to.
     *
     * @return the ring.
     */
    public SpscRing ring()
    {
        return ring;
    }

    /**
     * Capacity of the data region.
     *
     * @return bytes.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Whether the role was taken from a holder that had not released it.
     *
     * @return {@code true} after a takeover.
     */
    public boolean tookOver()
    {
        return takeover;
    }

    /**
     * The pid of the holder the role was taken from.
     *
     * @return the pid, 0 if the role was free.
     */
    public long previousHolderPid()
    {
        return previousPid;
    }

    /**
     * Whether this side still holds its role (one volatile read).
     *
     * @return {@code false} once closed or fenced.
     */
    public boolean isOwner()
    {
        return !closed && slot.isHeldBy(ownerWord);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Releases the role (if another process has not taken it over) and stops its heartbeat. Idempotent. Call from
     * the thread that uses this side, or once it has stopped.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        Heartbeats.unregister(ticker);
        try
        {
            if (slot.isHeldBy(ownerWord))
            {
                beforeRelease();
                slot.release(ownerWord);
            }
            else if (!fenced)
            {
                fenced = true;
                onFenced();
            }
        }
        catch (final RuntimeException | InternalError ex)
        {
            // Unmapped, fenced or truncated under the mapping (InternalError: see BlockFaults) while
            // closing: nothing more to release.
        }
        finally
        {
            closed = true;
            afterClose();
        }
    }
}
