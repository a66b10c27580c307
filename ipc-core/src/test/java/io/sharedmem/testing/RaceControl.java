/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import io.sharedmem.SharedBlock;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The starting gun of a race between processes: a raw block in which the test announces a round and the moment it
 * starts ({@link System#nanoTime()}, which is {@code CLOCK_MONOTONIC} on Linux and so shared by every process), and
 * later that the round is over. Each child sleeps until just before the start, then spins, so they all go within
 * microseconds of each other.
 * <pre>
 *   0  round      the round announced (-1 before the first)
 *   8  startAt    when it starts, in System.nanoTime() of any process
 *  16  ended      the last round whose results the test has collected
 * </pre>
 * Not thread-safe beyond that: one test writes, children read.
 */
public final class RaceControl
{
    /**
     * The size of a control block.
     */
    public static final long SIZE = 64;

    private static final int ROUND = 0;
    private static final int START_AT = 8;
    private static final int ENDED = 16;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(120);

    private final AtomicBuffer buffer;

    /**
     * Views a control block.
     *
     * @param block a raw block of at least {@link #SIZE} bytes.
     */
    public RaceControl(final SharedBlock block)
    {
        this.buffer = block.buffer();
    }

    /**
     * Test side: a fresh control block.
     */
    public void reset()
    {
        buffer.putLongVolatile(ROUND, -1);
        buffer.putLongVolatile(ENDED, -1);
    }

    /**
     * Test side: round {@code round} starts in {@code delayMs}.
     *
     * @param round   the round.
     * @param delayMs milliseconds from now.
     * @return when it starts, in {@link System#nanoTime()}.
     */
    public long start(final long round, final long delayMs)
    {
        final long startAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        buffer.putLongVolatile(START_AT, startAt);
        buffer.putLongVolatile(ROUND, round);
        return startAt;
    }

    /**
     * Test side: the results of {@code round} are in; children may let go of what they hold.
     *
     * @param round the round.
     */
    public void end(final long round)
    {
        buffer.putLongVolatile(ENDED, round);
    }

    /**
     * Child side: waits for round {@code round} and returns at its start.
     *
     * @param round the round.
     * @throws IllegalStateException if it is not announced within two minutes.
     */
    public void awaitStart(final long round)
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (buffer.getLongVolatile(ROUND) < round)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("round " + round + " was never announced");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final long startAt = buffer.getLongVolatile(START_AT);
        final long sleep = startAt - System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(3);
        if (sleep > 0)
        {
            LockSupport.parkNanos(sleep);
        }
        while (System.nanoTime() - startAt < 0)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * Child side: waits until the test has collected round {@code round} (at most two minutes).
     *
     * @param round the round.
     */
    public void awaitEnd(final long round)
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (buffer.getLongVolatile(ENDED) < round && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
