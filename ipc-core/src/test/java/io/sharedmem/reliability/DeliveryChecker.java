/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks every message one consumer process receives, against the delivery contract of {@code docs/RINGS.md}:
 * each one whole ({@link CheckedMessages#verify}), and each the successor of the one before. What happens across
 * consumer processes (redelivery of the batch in flight) is the test's to check, from the {@link DeliveryLog}.
 * <p>
 * Where the producer process changed (another incarnation), sequence numbers may be missing: the messages killed
 * producers were writing, which they never committed ({@link #allowSkipAtProducerChange}); the test checks them
 * ({@link #skippedSeqs}) against what it killed. Anything else out of order is a violation: a gap is lost messages,
 * a step back is messages delivered twice.
 * <p>
 * Violations are counted and the first is kept in {@link #error}. Not thread-safe: one consuming thread.
 */
final class DeliveryChecker implements MessageHandler
{
    private static final int MAX_SKIP = 1_000;

    final CheckedMessages messages;
    final DeliveryLog log;

    /**
     * Whether seqs may be missing where the incarnation changes: the messages killed producers were writing (one per
     * producer killed, and several producers may be killed before the consumer sees the next one's first message).
     */
    boolean allowSkipAtProducerChange;
    /** The seqs missing where the incarnation changed: for the test to check against what it killed. */
    final List<Long> skippedSeqs = new ArrayList<>();
    /** The seq expected next; -1 until the first message. */
    long next;
    int incarnation = -1;
    long received;
    long torn;
    long lost;
    long duplicated;
    long skipped;
    String error;

    /**
     * @param messages the message format.
     * @param log      where to record deliveries, or null.
     * @param from     the first seq expected, or -1 for whatever comes first.
     */
    DeliveryChecker(final CheckedMessages messages, final DeliveryLog log, final long from)
    {
        this.messages = messages;
        this.log = log;
        this.next = from;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        check(msgTypeId, buffer, index, length);
    }

    /**
     * Checks one message.
     *
     * @return true if it is whole and in order.
     */
    boolean check(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        final String bad = messages.verify(msgTypeId, buffer, index, length);
        if (null != bad)
        {
            torn++;
            violation("torn or phantom: " + bad + " (after seq " + (next - 1) + ")");
            if (null != log)
            {
                log.checkedOnly();
            }
            return false;
        }
        final long seq = CheckedMessages.seq(buffer, index);
        final int from = CheckedMessages.incarnation(buffer, index);
        final boolean first = received == 0;
        boolean ok = true;
        if (next >= 0 && seq != next)
        {
            if (allowSkipAtProducerChange && seq > next && seq - next <= MAX_SKIP && from != incarnation)
            {
                // One message per producer killed since: each may have died writing one. The test checks these
                // against the messages its killed producers were writing.
                for (long s = next; s < seq; s++)
                {
                    skippedSeqs.add(s);
                }
                skipped += seq - next;
                if (null != log)
                {
                    log.skipped(seq - next);
                }
            }
            else if (seq > next)
            {
                lost += seq - next;
                ok = false;
                violation("lost: expected seq " + next + ", got " + seq);
            }
            else
            {
                duplicated += next - seq;
                ok = false;
                violation("delivered again: expected seq " + next + ", got " + seq);
            }
        }
        received++;
        next = seq + 1;
        incarnation = from;
        if (null != log)
        {
            log.delivered(seq, first);
        }
        return ok;
    }

    long violations()
    {
        return torn + lost + duplicated;
    }

    private void violation(final String what)
    {
        if (null == error)
        {
            error = what;
        }
        if (null != log)
        {
            log.violation();
        }
    }
}
