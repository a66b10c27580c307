/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.shm;

import io.sharedmem.channel.MessageProducer;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Map;

/**
 * The producer of an {@code shm:} channel over an {@link SpscRing}: the ring's {@link RingProducer}, plus the ring
 * itself, which this object opened and closes (removing it when it is the last side out, see
 * {@link ShmChannelProvider}). Every call is the ring producer's; the extra call is inlined by the JIT.
 * <p>
 * Not thread-safe: one thread produces.
 */
final class ShmProducer implements MessageProducer
{
    private final String channel;
    private final SpscRing ring;
    private final RingProducer producer;
    private final boolean keep;
    private final long consumedAtOpen;
    private boolean closed;

    ShmProducer(final String channel, final SpscRing ring, final RingProducer producer, final boolean keep)
    {
        this.channel = channel;
        this.ring = ring;
        this.producer = producer;
        this.keep = keep;
        this.consumedAtOpen = ring.snapshot().consumedMessages();
    }

    @Override
    public boolean offer(final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length)
    {
        return producer.offer(msgTypeId, srcBuffer, offset, length);
    }

    @Override
    public int tryClaim(final int msgTypeId, final int length)
    {
        return producer.tryClaim(msgTypeId, length);
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return producer.buffer();
    }

    @Override
    public void commit(final int index)
    {
        producer.commit(index);
    }

    @Override
    public void abort(final int index)
    {
        producer.abort(index);
    }

    @Override
    public boolean write(
        final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length,
        final IdleStrategy idleStrategy, final Duration timeout)
    {
        return producer.write(msgTypeId, srcBuffer, offset, length, idleStrategy, timeout);
    }

    @Override
    public int maxMsgLength()
    {
        return producer.maxMsgLength();
    }

    @Override
    public boolean isConnected()
    {
        return producer.isConnected();
    }

    @Override
    public Map<String, String> settings()
    {
        return ShmConsumer.settings(channel, ring, keep);
    }

    /**
     * Releases the producer role and unmaps the ring; removes the ring if no consumer holds it and either nothing
     * waits in it or a consumer consumed from it while this producer was open (it came and left).
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            producer.close();
            if (!keep)
            {
                final RoleStatus consumer = ring.consumerStatus();
                if ((RoleStatus.FREE == consumer || RoleStatus.DEAD == consumer) &&
                    (!ring.hasUnconsumedMessages() || ring.snapshot().consumedMessages() > consumedAtOpen))
                {
                    ring.unlinkIfUnused();
                }
            }
        }
        finally
        {
            ring.close();
        }
    }

    @Override
    public String toString()
    {
        return "MessageProducer{" + channel + "}";
    }
}
