/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-process hot path of a ring over a block, one thread: one message in, one message out, copied
 * ({@link #offerThenPoll()}) or written in place ({@link #claimCommitThenPoll()}). This is the cost of the code
 * itself; moving cache lines between cores, which dominates across processes, is the cross-JVM harness's business.
 * <p>
 * Each ring is one small subclass implementing {@link #open}, {@link #offer}, {@link #claimWriteCommit},
 * {@link #poll} and {@link #close}; the benchmark methods and settings are inherited. The consumer's handler reads
 * the first byte of each message, so a ring cannot win by not delivering. {@link SpscRingBenchmark} (this project's
 * ring) and {@link AgronaOneToOneRingBenchmark} are the subclasses.
 * <p>
 * Run: {@code java -jar ipc-bench/target/benchmarks.jar RingBenchmark -prof gc}; every method must show 0 B/op.
 */
@State(Scope.Thread)
public abstract class RingBenchmark extends JmhSettings
{
    /**
     * Data capacity of every ring benchmarked: 64 KiB, as in the cross-JVM harness.
     */
    public static final int CAPACITY = 64 * 1024;

    /**
     * The message type id offered.
     */
    public static final int MSG_TYPE_ID = 1;

    /**
     * Most messages one poll may deliver. More than one: at the wrap, a poll that meets the padding record stops at
     * the end of the buffer, and a limit of one would leave the consumer a message further behind at every lap
     * until the ring filled.
     */
    public static final int POLL_LIMIT = 16;

    /**
     * Message length in bytes; {@code -p messageLength=8,64,1024} for others.
     */
    @Param({ "64" })
    public int messageLength;

    private final Consumed consumed = new Consumed();
    private UnsafeBuffer message;

    /**
     * Fills the message and opens the ring.
     */
    @Setup
    public void setUp()
    {
        message = new UnsafeBuffer(new byte[messageLength]);
        message.setMemory(0, messageLength, (byte)'m');
        open(BenchBlocks.uniqueName(getClass().getSimpleName()), CAPACITY);
    }

    /**
     * Closes the ring.
     */
    @TearDown
    public void tearDown()
    {
        close();
    }

    /**
     * Copies one message in, then takes it out.
     *
     * @return what the handler saw, so nothing is optimised away.
     */
    @Benchmark
    public long offerThenPoll()
    {
        if (!offer(MSG_TYPE_ID, message, 0, messageLength))
        {
            throw new IllegalStateException("ring full: the consumer fell behind in a single thread");
        }
        poll(consumed);
        return consumed.sink;
    }

    /**
     * Claims room, writes the message in place, commits it, then takes it out.
     *
     * @return what the handler saw, so nothing is optimised away.
     */
    @Benchmark
    public long claimCommitThenPoll()
    {
        if (!claimWriteCommit(MSG_TYPE_ID, message, messageLength))
        {
            throw new IllegalStateException("ring full: the consumer fell behind in a single thread");
        }
        poll(consumed);
        return consumed.sink;
    }

    /**
     * Creates the ring over a new block; the block should be unlinked at once so nothing is left behind.
     *
     * @param blockName a unique block name.
     * @param capacity  the ring's data capacity in bytes.
     */
    protected abstract void open(String blockName, int capacity);

    /**
     * Copies a message into the ring.
     *
     * @param msgTypeId the type id.
     * @param buffer    the message's buffer.
     * @param offset    where the message starts.
     * @param length    its length.
     * @return {@code false} if the ring is full.
     */
    protected abstract boolean offer(int msgTypeId, DirectBuffer buffer, int offset, int length);

    /**
     * Claims room for a message, copies it into the claimed space, and commits it.
     *
     * @param msgTypeId the type id.
     * @param source    the bytes to write in place.
     * @param length    the message length.
     * @return {@code false} if the ring is full.
     */
    protected abstract boolean claimWriteCommit(int msgTypeId, DirectBuffer source, int length);

    /**
     * Delivers what is there, at most {@link #POLL_LIMIT} messages, to the handler.
     *
     * @param handler the handler.
     * @return how many messages were delivered.
     */
    protected abstract int poll(MessageHandler handler);

    /**
     * Releases the ring and its block.
     */
    protected abstract void close();

    /**
     * Reads the first byte of each message, as a consumer that looks at what it gets must.
     */
    private static final class Consumed implements MessageHandler
    {
        long sink;

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            sink += length + (length > 0 ? buffer.getByte(index) : 0);
        }
    }
}
