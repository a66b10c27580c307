/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.shm;

import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.spi.Waiting;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingOptions;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link MessageConsumer} over an {@link MpscRing}: takes the ring's consumer role and reads with Agrona's
 * {@link ManyToOneRingBuffer#read read} and {@link ManyToOneRingBuffer#controlledRead controlledRead}.
 * <p>
 * Producers of a many-to-one ring hold no role, so this consumer cannot tell whether any is there:
 * {@link #isConnected()} is {@code true} while it is open, and {@link #read} never throws
 * {@link io.sharedmem.PeerDeadException}. When {@code read} has seen no progress for the liveness time-out while a
 * producer's claim is outstanding, it calls {@link ManyToOneRingBuffer#unblock()}: a producer killed between claim and
 * commit would otherwise block the ring for good.
 * <p>
 * Not thread-safe: one thread consumes.
 */
public final class MpscConsumer implements MessageConsumer
{
    private final MpscRing ring;
    private final MpscRing.Consumer consumer;
    private final ManyToOneRingBuffer ringBuffer;
    private final long unblockAfterNs;
    private long lastProgressNs = System.nanoTime();
    private long lastConsumerPosition = -1;
    private final Unblocker unblocker = new Unblocker();

    /**
     * Takes the consumer role of a ring, unblocking it after the default liveness time-out without progress.
     *
     * @param ring the ring; this object closes it.
     * @throws io.sharedmem.RoleTakenException if a live process holds the consumer role.
     */
    public MpscConsumer(final MpscRing ring)
    {
        this(ring, RingOptions.LIVENESS_TIMEOUT_DEFAULT);
    }

    /**
     * Takes the consumer role of a ring.
     *
     * @param ring         the ring; this object closes it.
     * @param unblockAfter how long {@link #read} waits without progress behind an outstanding claim before it
     *                     unblocks the ring.
     * @throws io.sharedmem.RoleTakenException if a live process holds the consumer role.
     */
    public MpscConsumer(final MpscRing ring, final Duration unblockAfter)
    {
        this.ring = ring;
        this.ringBuffer = ring.ringBuffer();
        this.unblockAfterNs = unblockAfter.toNanos();
        this.consumer = ring.consumer();
    }

    @Override
    public int poll(final MessageHandler handler, final int limit)
    {
        return consumer.read(handler, limit);
    }

    @Override
    public int controlledPoll(final ControlledMessageHandler handler, final int limit)
    {
        return consumer.controlledRead(handler, limit);
    }

    /**
     * {@inheritDoc} Never throws {@link io.sharedmem.PeerDeadException}: producers of an MPSC ring hold no role.
     */
    @Override
    public int read(
        final MessageHandler handler, final int limit, final IdleStrategy idleStrategy, final Duration timeout)
    {
        return Waiting.read(this, handler, limit, idleStrategy, timeout, unblocker);
    }

    /**
     * Never finds the producers gone (they hold no role); unblocks the ring when it is stuck behind a claim.
     */
    private final class Unblocker implements Waiting.PeerCheck
    {
        @Override
        public boolean isGone(final long nowNs)
        {
            unblockIfStuck(nowNs);
            return false;
        }

        @Override
        public RuntimeException gone()
        {
            return new IllegalStateException("not reached: producers of an MPSC ring are never gone");
        }
    }

    private void unblockIfStuck(final long now)
    {
        final long position = ringBuffer.consumerPosition();
        if (position != lastConsumerPosition || ringBuffer.producerPosition() == position)
        {
            lastConsumerPosition = position;
            lastProgressNs = now;
        }
        else if (now - lastProgressNs >= unblockAfterNs)
        {
            ringBuffer.unblock();
            lastProgressNs = now;
        }
    }

    /**
     * Always {@code true} while open: producers of an MPSC ring hold no role.
     *
     * @return {@code true}.
     */
    @Override
    public boolean isConnected()
    {
        return true;
    }

    @Override
    public Map<String, String> settings()
    {
        return settings(ring);
    }

    static Map<String, String> settings(final MpscRing ring)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kind", "mpsc-ring");
        settings.put("ring", ring.block().name());
        settings.put("path", ring.block().path().toString());
        settings.put("capacity", Integer.toString(ring.ringBuffer().capacity()));
        settings.put("max_message", Integer.toString(ring.ringBuffer().maxMsgLength()));
        settings.put("removed_on_close", "never");
        return settings;
    }

    /**
     * Releases the consumer role and unmaps the ring. Idempotent; the ring stays.
     */
    @Override
    public void close()
    {
        ring.close();
    }

    @Override
    public String toString()
    {
        return "MpscConsumer{ring=\"" + ring.block().name() + "\"}";
    }
}
