/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.shm;

import io.sharedmem.PeerDeadException;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.channel.spi.Waiting;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingOptions;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageProducer} over an {@link MpscRing}: Agrona's {@link ManyToOneRingBuffer#write},
 * {@link ManyToOneRingBuffer#tryClaim tryClaim}, {@code commit} and {@code abort}, unchanged. Producers of a
 * many-to-one ring hold no role, so any number of processes (and threads) may produce.
 * <p>
 * Delivery is Agrona's: every committed message is delivered once, in the order of commits. A producer killed between
 * {@code tryClaim} and {@code commit} blocks the ring until the consumer unblocks it ({@link MpscConsumer} does after
 * a liveness time-out without progress).
 * <p>
 * <b>Thread safety:</b> {@code offer}, {@code tryClaim}, {@code commit}, {@code abort} and {@code write} may be called
 * from any number of threads at once, as on Agrona's ring buffer (each thread commits the index its own claim
 * returned); {@link #close()} once they have stopped.
 */
public final class MpscProducer implements MessageProducer
{
    private static final long PEER_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MpscRing ring;
    private final ManyToOneRingBuffer ringBuffer;
    private final Duration livenessTimeout;
    private final ConsumerCheck consumerCheck = new ConsumerCheck();
    private volatile boolean closed;

    /**
     * Produces into a ring, judging the consumer gone (for {@link #write}) by the default liveness time-out.
     *
     * @param ring the ring; this object closes it.
     */
    public MpscProducer(final MpscRing ring)
    {
        this(ring, RingOptions.LIVENESS_TIMEOUT_DEFAULT);
    }

    /**
     * Produces into a ring.
     *
     * @param ring            the ring; this object closes it.
     * @param livenessTimeout the ring's liveness time-out, as documented on the channel's settings.
     */
    public MpscProducer(final MpscRing ring, final Duration livenessTimeout)
    {
        this.ring = ring;
        this.ringBuffer = ring.ringBuffer();
        this.livenessTimeout = livenessTimeout;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code false} if the ring is full.
     */
    @Override
    public boolean offer(final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length)
    {
        return ringBuffer.write(msgTypeId, srcBuffer, offset, length);
    }

    @Override
    public int tryClaim(final int msgTypeId, final int length)
    {
        return ringBuffer.tryClaim(msgTypeId, length);
    }

    /**
     * The ring buffer's memory: the same for every claim.
     *
     * @return the buffer.
     */
    @Override
    public MutableDirectBuffer buffer()
    {
        return ringBuffer.buffer();
    }

    @Override
    public void commit(final int index)
    {
        ringBuffer.commit(index);
    }

    @Override
    public void abort(final int index)
    {
        ringBuffer.abort(index);
    }

    /**
     * {@inheritDoc} The consumer counts as gone when the process holding its role is dead or has not heartbeat for
     * the liveness time-out; without any consumer, this waits for one.
     */
    @Override
    public boolean write(
        final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length,
        final IdleStrategy idleStrategy, final Duration timeout)
    {
        return Waiting.write(this, msgTypeId, srcBuffer, offset, length, idleStrategy, timeout, consumerCheck);
    }

    @Override
    public int maxMsgLength()
    {
        return ringBuffer.maxMsgLength();
    }

    /**
     * Whether a live process holds the ring's consumer role (reads {@code /proc}).
     *
     * @return {@code true} if the consumer is alive.
     */
    @Override
    public boolean isConnected()
    {
        return ring.consumerStatus().isAlive();
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> settings = MpscConsumer.settings(ring);
        settings.put("liveness_timeout", livenessTimeout.toString());
        return settings;
    }

    /**
     * Unmaps the ring. Idempotent; the ring stays for other producers and the consumer.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            ring.close();
        }
    }

    @Override
    public String toString()
    {
        return "MpscProducer{ring=\"" + ring.block().name() + "\"}";
    }

    /**
     * Whether the consumer role's holder is gone, looked at no more often than every 100 ms ({@code /proc}).
     */
    private final class ConsumerCheck implements Waiting.PeerCheck
    {
        private long nextCheckNs = System.nanoTime();
        private RoleStatus status;

        @Override
        public boolean isGone(final long nowNs)
        {
            if (nowNs - nextCheckNs < 0)
            {
                return false;
            }
            nextCheckNs = nowNs + PEER_CHECK_INTERVAL_NS;
            status = ring.consumerStatus();
            return RoleStatus.DEAD == status || RoleStatus.STALE == status;
        }

        @Override
        public RuntimeException gone()
        {
            return new PeerDeadException(ring.block().name(), "mpsc ring \"" + ring.block().name() +
                "\" is full and its consumer is " + (RoleStatus.DEAD == status ? "dead" : "not heartbeating") +
                "; start a new consumer to drain it");
        }
    }
}
