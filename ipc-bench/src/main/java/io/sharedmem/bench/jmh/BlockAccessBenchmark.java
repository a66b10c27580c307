/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import io.sharedmem.SharedBlock;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Typed access to a {@link SharedBlock}: the cost of each memory ordering on one long, from one thread, on a block
 * in the block directory ({@code /dev/shm}). Uncontended: what an access costs before any other core is involved.
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar BlockAccessBenchmark -prof gc
 * </pre>
 * Every method must show 0 B/op under {@code -prof gc}.
 */
@State(Scope.Thread)
public class BlockAccessBenchmark extends JmhSettings
{
    /**
     * The long under test: at the start of its own cache line.
     */
    static final int OFFSET = 64;

    private SharedBlock block;
    private AtomicBuffer buffer;
    private long value;

    /**
     * Creates the block (already unlinked: nothing is left behind whatever happens).
     */
    @Setup
    public void setUp()
    {
        block = BenchBlocks.createUnlinked("access", 4096);
        buffer = block.buffer();
    }

    /**
     * Unmaps the block.
     */
    @TearDown
    public void tearDown()
    {
        block.close();
    }

    /**
     * A plain load.
     *
     * @return the value.
     */
    @Benchmark
    public long getLongPlain()
    {
        return buffer.getLong(OFFSET);
    }

    /**
     * A plain store.
     */
    @Benchmark
    public void putLongPlain()
    {
        buffer.putLong(OFFSET, ++value);
    }

    /**
     * A load with acquire semantics.
     *
     * @return the value.
     */
    @Benchmark
    public long getLongAcquire()
    {
        return buffer.getLongAcquire(OFFSET);
    }

    /**
     * A volatile load.
     *
     * @return the value.
     */
    @Benchmark
    public long getLongVolatile()
    {
        return buffer.getLongVolatile(OFFSET);
    }

    /**
     * A store with release semantics (ordered): how rings publish.
     */
    @Benchmark
    public void putLongRelease()
    {
        buffer.putLongRelease(OFFSET, ++value);
    }

    /**
     * A volatile store: a full fence after the store.
     */
    @Benchmark
    public void putLongVolatile()
    {
        buffer.putLongVolatile(OFFSET, ++value);
    }

    /**
     * A compare-and-set that succeeds: how roles are taken.
     *
     * @return {@code true}.
     */
    @Benchmark
    public boolean compareAndSetLong()
    {
        final long expected = value;
        value = expected + 1;
        return buffer.compareAndSetLong(OFFSET, expected, expected + 1);
    }

    /**
     * An atomic add: how counters count.
     *
     * @return the previous value.
     */
    @Benchmark
    public long getAndAddLong()
    {
        return buffer.getAndAddLong(OFFSET, 1);
    }
}
