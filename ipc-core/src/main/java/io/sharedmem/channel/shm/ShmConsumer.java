/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.shm;

import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.SpscRing;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consumer of an {@code shm:} channel over an {@link SpscRing}: the ring's {@link RingConsumer}, plus the ring
 * itself, which this object opened and closes (removing it when it is the last side out). Its
 * {@link #idleStrategy()} is the ring's doorbell.
 * <p>
 * Not thread-safe: one thread consumes.
 */
final class ShmConsumer implements MessageConsumer
{
    private final String channel;
    private final SpscRing ring;
    private final RingConsumer consumer;
    private final boolean keep;
    private boolean closed;

    ShmConsumer(final String channel, final SpscRing ring, final RingConsumer consumer, final boolean keep)
    {
        this.channel = channel;
        this.ring = ring;
        this.consumer = consumer;
        this.keep = keep;
    }

    @Override
    public int poll(final MessageHandler handler, final int limit)
    {
        return consumer.poll(handler, limit);
    }

    @Override
    public int controlledPoll(final ControlledMessageHandler handler, final int limit)
    {
        return consumer.controlledPoll(handler, limit);
    }

    @Override
    public int read(
        final MessageHandler handler, final int limit, final IdleStrategy idleStrategy, final Duration timeout)
    {
        return consumer.read(handler, limit, idleStrategy, timeout);
    }

    @Override
    public boolean isConnected()
    {
        return consumer.isConnected();
    }

    /**
     * The ring's doorbell: about 1 % of a core while idle, woken tens of microseconds after a commit.
     *
     * @return {@link RingConsumer#doorbellIdleStrategy()}.
     */
    @Override
    public IdleStrategy idleStrategy()
    {
        return consumer.doorbellIdleStrategy();
    }

    @Override
    public Map<String, String> settings()
    {
        return settings(channel, ring, keep);
    }

    static Map<String, String> settings(final String channel, final SpscRing ring, final boolean keep)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("channel", channel);
        settings.put("kind", "spsc-ring");
        settings.put("ring", ring.name());
        settings.put("path", ring.block().path().toString());
        settings.put("capacity", Integer.toString(ring.capacity()));
        settings.put("max_message", Integer.toString(ring.maxMsgLength()));
        settings.put("removed_on_close", keep ? "never" : "by the last side out");
        return settings;
    }

    /**
     * Releases the consumer role and unmaps the ring; removes the ring if no producer holds it any more.
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
            consumer.close();
            if (!keep)
            {
                ring.unlinkIfUnused();
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
        return "MessageConsumer{" + channel + "}";
    }
}
