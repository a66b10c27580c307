/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.PeerDeadException;
import io.sharedmem.ring.RingConsumer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer's loop: reads in batches of at most {@link #limit} through the public API, checking every message with
 * a {@link DeliveryChecker}, and records in the {@link DeliveryLog} how far each completed poll consumed. A dead
 * producer is waited for (a successor may come); a stream that stops for longer than {@link #hangNs} is a hang.
 * <p>
 * Not thread-safe: one consuming thread.
 */
final class Consumption
{
    private static final Duration READ_TIMEOUT = Duration.ofMillis(200);

    /** Stop once the seq expected next reaches this; -1 for never. */
    long until = -1;
    /** Stop once the producer has logged that it is done and everything it committed arrived. */
    boolean untilProducerDone;
    /** The batch limit of each poll. */
    int limit = 64;
    /** How long nothing may arrive before this counts as a hang. */
    long hangNs = TimeUnit.SECONDS.toNanos(60);
    /**
     * With {@link #untilProducerDone}, a consumer that received nothing at all stops after this long once the
     * producer is done: everything had been consumed before it started.
     */
    long quietNs = TimeUnit.SECONDS.toNanos(2);

    /**
     * Consumes until {@link #until}, or until the producer is done.
     *
     * @param consumer the consumer role.
     * @param checker  checks every message.
     * @param log      records progress, or null.
     * @throws IllegalStateException if a message was wrong (torn, lost, repeated) or nothing came for too long.
     */
    void run(final RingConsumer consumer, final DeliveryChecker checker, final DeliveryLog log)
    {
        final IdleStrategy idle = new BusySpinIdleStrategy();
        long lastProgress = System.nanoTime();
        while (!done(checker, log, lastProgress))
        {
            int n;
            final long before = checker.next;
            try
            {
                n = consumer.read(checker, limit, idle, READ_TIMEOUT);
            }
            catch (final PeerDeadException ex)
            {
                // The producer died and everything it committed was delivered: wait for its successor.
                n = 0;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (null != checker.error)
            {
                throw new IllegalStateException("VIOLATION after " + checker.received + " messages: " +
                    checker.error);
            }
            final long now = System.nanoTime();
            if (n > 0)
            {
                // A poll commits the batch delivered before it when it starts (docs/RINGS.md): what was delivered
                // before this read is committed; this read's batch may be delivered again.
                if (null != log && before >= 0)
                {
                    log.consumedUpTo(before);
                }
                lastProgress = now;
            }
            else if (now - lastProgress > hangNs)
            {
                throw new IllegalStateException("HANG: nothing arrived for " +
                    TimeUnit.NANOSECONDS.toMillis(hangNs) + " ms after " + checker.received + " messages (next " +
                    checker.next + ")");
            }
        }
    }

    private boolean done(final DeliveryChecker checker, final DeliveryLog log, final long lastProgress)
    {
        if (until >= 0 && checker.next >= until)
        {
            return true;
        }
        if (!untilProducerDone || null == log || !log.isDone())
        {
            return false;
        }
        return checker.next >= 0 ? checker.next >= log.committed() : System.nanoTime() - lastProgress > quietNs;
    }
}
