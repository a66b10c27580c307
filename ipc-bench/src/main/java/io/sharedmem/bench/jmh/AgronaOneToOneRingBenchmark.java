/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import io.sharedmem.SharedBlock;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The baseline: Agrona's {@link OneToOneRingBuffer} over a {@link SharedBlock} of the same data capacity as ours,
 * through the same benchmark methods ({@link RingBenchmark}).
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar AgronaOneToOneRingBenchmark -prof gc
 * </pre>
 */
public class AgronaOneToOneRingBenchmark extends RingBenchmark
{
    private SharedBlock block;
    private OneToOneRingBuffer ring;

    @Override
    protected void open(final String blockName, final int capacity)
    {
        block = SharedBlock.create(blockName, capacity + RingBufferDescriptor.TRAILER_LENGTH);
        block.unlink();
        ring = new OneToOneRingBuffer(block.buffer());
    }

    @Override
    protected boolean offer(final int msgTypeId, final DirectBuffer buffer, final int offset, final int length)
    {
        return ring.write(msgTypeId, buffer, offset, length);
    }

    @Override
    protected boolean claimWriteCommit(final int msgTypeId, final DirectBuffer source, final int length)
    {
        final int index = ring.tryClaim(msgTypeId, length);
        if (index < 0)
        {
            return false;
        }
        ring.buffer().putBytes(index, source, 0, length);
        ring.commit(index);
        return true;
    }

    @Override
    protected int poll(final MessageHandler handler)
    {
        return ring.read(handler, POLL_LIMIT);
    }

    @Override
    protected void close()
    {
        block.close();
    }
}
