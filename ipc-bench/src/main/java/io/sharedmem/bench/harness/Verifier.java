/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Checks every message that arrives: its length, its sequence number (exactly one more than the last: nothing
 * lost, repeated or reordered) and every byte of its content ({@link MessagePattern}). It also notes, for the
 * phase under way, when the first measured message and the phase's end marker arrived and how much the thread had
 * allocated then. The first wrong message ends the rotation with an exception describing it.
 * <p>
 * Not thread-safe: used on the polling thread only. Allocates nothing unless a message is wrong.
 */
final class Verifier implements MessageHandler
{
    private final String transport;
    private final int size;
    private long expectedSequence = 1;
    private long lastHeader;
    private long verified;

    private long measuredCount;
    private long firstMeasuredNs;
    private long firstMeasuredAllocated;
    private long endNs;
    private long endAllocated;
    private boolean ended;

    Verifier(final String transport, final int size)
    {
        this.transport = transport;
        this.size = size;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (length != size)
        {
            throw new IllegalStateException(transport + ": message " + expectedSequence + " arrived with " + length +
                " bytes instead of " + size);
        }
        final long header = buffer.getLong(index);
        if ((header & MessagePattern.SEQUENCE_MASK) != expectedSequence)
        {
            throw new IllegalStateException(transport + ": expected message " + expectedSequence + ", got " +
                (header & MessagePattern.SEQUENCE_MASK) + " (header 0x" + Long.toHexString(header) + ")");
        }
        final int mismatch = MessagePattern.firstMismatch(buffer, index, length);
        if (mismatch >= 0)
        {
            throw new IllegalStateException(transport + ": message " + expectedSequence + " is corrupt from byte " +
                mismatch + " of " + length);
        }
        expectedSequence++;
        lastHeader = header;
        verified++;

        if (0 != (header & MessagePattern.MEASURED) && measuredCount++ < 2)
        {
            // Timed from the first measured message; allocation counted from the second, because the first takes
            // this branch for the first time (deoptimisation, constant resolution) and that is not the transport.
            if (1 == measuredCount)
            {
                firstMeasuredNs = System.nanoTime();
            }
            firstMeasuredAllocated = Allocation.currentThread();
        }
        if (0 != (header & MessagePattern.END))
        {
            endNs = System.nanoTime();
            endAllocated = Allocation.currentThread();
            ended = true;
        }
    }

    /**
     * Forgets the per-phase notes before the next phase; the sequence carries on.
     */
    void startPhase()
    {
        measuredCount = 0;
        firstMeasuredNs = 0;
        firstMeasuredAllocated = 0;
        endNs = 0;
        endAllocated = 0;
        ended = false;
    }

    long verified()
    {
        return verified;
    }

    long lastHeader()
    {
        return lastHeader;
    }

    boolean ended()
    {
        return ended;
    }

    long measuredCount()
    {
        return measuredCount;
    }

    /**
     * From the first measured message to the end marker.
     *
     * @return nanoseconds, or 0 if no measured message arrived.
     */
    long measuredNs()
    {
        return measuredCount > 0 ? endNs - firstMeasuredNs : 0;
    }

    /**
     * What the thread allocated from the second measured message to the end marker.
     *
     * @return bytes, or 0 if no measured message arrived.
     */
    long measuredAllocated()
    {
        return measuredCount > 0 ? endAllocated - firstMeasuredAllocated : 0;
    }
}
