/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * This project's {@link SpscRing} through the same benchmark methods as Agrona's ring ({@link RingBenchmark}): copying
 * {@code offer} then {@code poll}, and {@code tryClaim}, write in place, {@code commit} then {@code poll}, in one
 * thread over a block of 64 KiB of data.
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar SpscRingBenchmark -prof gc
 * </pre>
 * The ring holds the producer and consumer roles of this process for the benchmark's duration (with their heartbeat
 * thread) and is unlinked at once, so nothing is left in the block directory.
 */
public class SpscRingBenchmark extends RingBenchmark
{
    private SpscRing ring;
    private RingProducer producer;
    private RingConsumer consumer;

    @Override
    protected void open(final String blockName, final int capacity)
    {
        ring = SpscRing.create(blockName, capacity);
        ring.unlink();
        producer = ring.producer();
        consumer = ring.consumer();
    }

    @Override
    protected boolean offer(final int msgTypeId, final DirectBuffer buffer, final int offset, final int length)
    {
        return producer.offer(msgTypeId, buffer, offset, length);
    }

    @Override
    protected boolean claimWriteCommit(final int msgTypeId, final DirectBuffer source, final int length)
    {
        final int index = producer.tryClaim(msgTypeId, length);
        if (index < 0)
        {
            return false;
        }
        producer.buffer().putBytes(index, source, 0, length);
        producer.commit(index);
        return true;
    }

    @Override
    protected int poll(final MessageHandler handler)
    {
        return consumer.poll(handler, POLL_LIMIT);
    }

    @Override
    protected void close()
    {
        ring.close();
    }
}
