/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.ring.RingProducer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.BooleanSupplier;

/**
 * A producer's loop: commits {@link CheckedMessages} {@code from, from + 1, ...} through the public API, by
 * {@code offer} or by {@code tryClaim}, filling in place and {@code commit} (now and then a claim is aborted first,
 * which the consumer must skip), recording each commit in the {@link DeliveryLog}. Used by child producers and by a
 * test's own producer thread.
 * <p>
 * Not thread-safe: one producing thread.
 */
final class Production
{
    /** Every message by offer. */
    static final String OFFER = "offer";
    /** Every message by claim and commit. */
    static final String CLAIM = "claim";
    /** Offer or claim, chosen per message from its seq. */
    static final String MIXED = "mixed";

    private static final long K = 0x9E37_79B9_7F4A_7C15L;
    private static final long K2 = 0xC2B2_AE3D_27D4_EB4FL;
    private static final long STOPPED = Long.MIN_VALUE;

    long from;
    /** How many messages; -1 for as many as it takes until {@link #stop} says so. */
    long count = -1;
    int incarnation;
    String path = MIXED;
    /** Spins between filling a claim and committing it: an application that works on a claimed record. */
    int slowFill;
    /** How long the ring may stay full before this counts as a hang. */
    long hangNs = 60_000_000_000L;
    BooleanSupplier stop = () -> false;

    /** Messages committed so far. */
    volatile long produced;

    /**
     * Produces until the count is reached or {@link #stop} says so.
     *
     * @param producer the producer role.
     * @param messages the message format.
     * @param log      where each commit is recorded, or null.
     * @return the seq after the last committed message.
     * @throws IllegalStateException if the ring stayed full longer than {@link #hangNs}.
     */
    long run(final RingProducer producer, final CheckedMessages messages, final DeliveryLog log)
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[messages.maxLength]);
        final AtomicBuffer ring = producer.buffer();
        final long end = count < 0 ? Long.MAX_VALUE : from + count;
        long seq = from;
        for (; seq < end && !stop.getAsBoolean(); seq++)
        {
            final int length = messages.length(seq);
            final int type = CheckedMessages.typeId(seq);
            final boolean claim = CLAIM.equals(path) || (MIXED.equals(path) && (seq * K) >>> 63 == 0);
            if (claim)
            {
                if ((seq * K2) >>> 58 == 0)
                {
                    // One claim in 64 is aborted before the real one: committed as padding, never delivered.
                    final int aborted = claimWaiting(producer, type, length);
                    if (aborted < 0)
                    {
                        break;
                    }
                    messages.fill(ring, aborted, seq, incarnation);
                    producer.abort(aborted);
                }
                final int index = claimWaiting(producer, type, length);
                if (index < 0)
                {
                    break;
                }
                if (null != log)
                {
                    log.phase(DeliveryLog.CLAIMED);
                }
                messages.fill(ring, index, seq, incarnation);
                for (int i = 0; i < slowFill; i++)
                {
                    Thread.onSpinWait();
                }
                producer.commit(index);
            }
            else
            {
                messages.fill(scratch, 0, seq, incarnation);
                if (null != log)
                {
                    log.phase(DeliveryLog.OFFERING);
                }
                long since = 0;
                while (STOPPED != since && !producer.offer(type, scratch, 0, length))
                {
                    since = waitForRoom(since, seq);
                }
                if (STOPPED == since)
                {
                    break;
                }
            }
            if (null != log)
            {
                log.committed(seq + 1);
            }
            produced++;
        }
        return seq;
    }

    /**
     * @return the claimed index, or -1 if told to stop while waiting for room.
     */
    private int claimWaiting(final RingProducer producer, final int type, final int length)
    {
        long since = 0;
        int index;
        while ((index = producer.tryClaim(type, length)) < 0)
        {
            since = waitForRoom(since, -1);
            if (STOPPED == since)
            {
                return -1;
            }
        }
        return index;
    }

    /**
     * @return when the wait began, or {@link #STOPPED} if told to stop.
     */
    private long waitForRoom(final long since, final long seq)
    {
        Thread.onSpinWait();
        if (stop.getAsBoolean())
        {
            return STOPPED;
        }
        final long now = System.nanoTime();
        if (0 == since)
        {
            return now;
        }
        if (now - since > hangNs)
        {
            throw new IllegalStateException("the ring stayed full for " + hangNs / 1_000_000 + " ms" +
                (seq >= 0 ? " at seq " + seq : ""));
        }
        return since;
    }
}
