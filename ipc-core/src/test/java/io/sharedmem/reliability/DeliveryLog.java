/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import org.agrona.concurrent.AtomicBuffer;

/**
 * What producers and consumers did, in a raw block that outlives them: a killed process cannot report, but every
 * store it made before the kill is in the block. Written by the one producer and the one consumer of the moment,
 * read by the test.
 * <pre>
 * consumer side
 *     0  consumedUpTo   a seq below which everything is committed: what was delivered before the last read that
 *                       returned (a poll commits the batch before it when it starts)
 *     8  nextExpected   the seq after the last message handled
 *    16  firstOfRun     the first seq the current consumer process received; -1 until then (the test resets it)
 *    24  checked        messages checked, every consumer process together
 *    32  violations     torn, lost or repeated messages seen by consumers (which also print ERROR and stop)
 *    40  skipped        seqs skipped where the producer changed (allowed only for a killed producer's message in flight)
 * producer side (apart, so the two sides do not share cache lines)
 *   256  committed      the seq after the last message whose offer or commit returned
 *   264  phase          {@link #BETWEEN}, {@link #CLAIMED} (a record claimed, not yet committed), {@link #OFFERING}
 *   272  done           1 once the producer produced its count
 * deliveries
 *  4096  one byte per seq: how often it was delivered
 * </pre>
 * Not thread-safe beyond that single-writer discipline.
 */
final class DeliveryLog
{
    static final int BETWEEN = 0;
    static final int CLAIMED = 1;
    static final int OFFERING = 2;

    private static final int CONSUMED_UP_TO = 0;
    private static final int NEXT_EXPECTED = 8;
    private static final int FIRST_OF_RUN = 16;
    private static final int CHECKED = 24;
    private static final int VIOLATIONS = 32;
    private static final int SKIPPED = 40;
    private static final int COMMITTED = 256;
    private static final int PHASE = 264;
    private static final int DONE = 272;
    private static final int COUNTS = 4096;

    private final AtomicBuffer buffer;
    private final long maxSeq;

    DeliveryLog(final SharedBlock block)
    {
        this.buffer = block.buffer();
        this.maxSeq = block.size() - COUNTS;
    }

    /**
     * The block size for a log of up to {@code maxSeq} messages.
     */
    static long size(final long maxSeq)
    {
        return COUNTS + maxSeq;
    }

    long consumedUpTo()
    {
        return buffer.getLongVolatile(CONSUMED_UP_TO);
    }

    void consumedUpTo(final long seq)
    {
        buffer.putLongRelease(CONSUMED_UP_TO, seq);
    }

    long nextExpected()
    {
        return buffer.getLongVolatile(NEXT_EXPECTED);
    }

    long firstOfRun()
    {
        return buffer.getLongVolatile(FIRST_OF_RUN);
    }

    void resetFirstOfRun()
    {
        buffer.putLongVolatile(FIRST_OF_RUN, -1);
    }

    long checked()
    {
        return buffer.getLongVolatile(CHECKED);
    }

    long violations()
    {
        return buffer.getLongVolatile(VIOLATIONS);
    }

    long skipped()
    {
        return buffer.getLongVolatile(SKIPPED);
    }

    long committed()
    {
        return buffer.getLongVolatile(COMMITTED);
    }

    int phase()
    {
        return (int)buffer.getLongVolatile(PHASE);
    }

    boolean isDone()
    {
        return 0 != buffer.getLongVolatile(DONE);
    }

    /**
     * How often a message was delivered.
     */
    int deliveries(final long seq)
    {
        return buffer.getByteVolatile((int)(COUNTS + seq));
    }

    long maxSeq()
    {
        return maxSeq;
    }

    // Consumer side: one writer at a time.

    void delivered(final long seq, final boolean first)
    {
        if (first)
        {
            buffer.putLongRelease(FIRST_OF_RUN, seq);
        }
        if (seq < maxSeq)
        {
            final int at = (int)(COUNTS + seq);
            buffer.putByte(at, (byte)Math.min(127, buffer.getByte(at) + 1));
        }
        buffer.putLong(CHECKED, buffer.getLong(CHECKED) + 1);
        buffer.putLongRelease(NEXT_EXPECTED, seq + 1);
    }

    void checkedOnly()
    {
        buffer.putLong(CHECKED, buffer.getLong(CHECKED) + 1);
    }

    void violation()
    {
        buffer.putLongRelease(VIOLATIONS, buffer.getLong(VIOLATIONS) + 1);
    }

    void skipped(final long count)
    {
        buffer.putLongRelease(SKIPPED, buffer.getLong(SKIPPED) + count);
    }

    // Producer side: one writer at a time.

    void phase(final int phase)
    {
        buffer.putLongRelease(PHASE, phase);
    }

    void committed(final long nextSeq)
    {
        buffer.putLongRelease(COMMITTED, nextSeq);
        buffer.putLongRelease(PHASE, BETWEEN);
    }

    void done()
    {
        buffer.putLongRelease(DONE, 1);
    }
}
