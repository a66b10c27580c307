/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.jmh;

import io.sharedmem.block.BlockDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark methods do what they claim, outside JMH: messages go round the ring lap after lap, block accesses
 * read back what they wrote, and no block is left in the block directory. Behaviour only, never speed.
 */
class MicroBenchmarksTest
{
    static Stream<RingBenchmark> ringBenchmarks()
    {
        return Stream.of(new AgronaOneToOneRingBenchmark(), new SpscRingBenchmark());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ringBenchmarks")
    void ringBenchmarkDeliversEveryMessageAcrossManyLaps(final RingBenchmark benchmark)
    {
        benchmark.messageLength = 64;
        benchmark.setUp();
        try
        {
            // 64-byte messages take 72-byte records: 3,000 laps of a 64 KiB ring, each with a padding record.
            final long messages = 3_000L * RingBenchmark.CAPACITY / 72;
            long seen = 0;
            for (long i = 0; i < messages; i++)
            {
                seen = 0 == (i & 1) ? benchmark.offerThenPoll() : benchmark.claimCommitThenPoll();
            }
            // The handler adds length + first byte ('m') per message; at a wrap one message waits for the next poll.
            assertTrue(seen >= (messages - 1) * (64 + 'm'), "seen " + seen + " of " + messages);
        }
        finally
        {
            benchmark.tearDown();
        }
        assertNoBlocksLeft();
    }

    @Test
    void blockAccessReadsBackWhatItWrote()
    {
        final BlockAccessBenchmark benchmark = new BlockAccessBenchmark();
        benchmark.setUp();
        try
        {
            benchmark.putLongPlain();
            benchmark.putLongRelease();
            benchmark.putLongVolatile();
            assertEquals(3, benchmark.getLongPlain());
            assertEquals(3, benchmark.getLongAcquire());
            assertEquals(3, benchmark.getLongVolatile());
            assertTrue(benchmark.compareAndSetLong());
            assertTrue(benchmark.compareAndSetLong());
            assertEquals(5, benchmark.getAndAddLong());
            assertEquals(6, benchmark.getLongVolatile());
        }
        finally
        {
            benchmark.tearDown();
        }
        assertNoBlocksLeft();
    }

    private static void assertNoBlocksLeft()
    {
        final String mine = BenchBlocks.PREFIX;
        try (Stream<Path> files = Files.list(BlockDirectory.resolve()))
        {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith(mine) &&
                f.getFileName().toString().contains("-" + ProcessHandle.current().pid() + "-")).count());
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
