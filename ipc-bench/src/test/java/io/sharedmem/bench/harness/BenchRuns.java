/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.block.BlockDirectory;
import io.sharedmem.testing.TestBlocks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tiny benchmark runs for tests: short phases, one repetition, names under {@link TestBlocks#PREFIX} unique to the
 * run, and a check that nothing is left behind in the block directory, the temporary directory or the network
 * namespaces.
 */
final class BenchRuns
{
    /**
     * Where {@code ip netns} keeps the names of network namespaces.
     */
    static final Path NETNS_DIR = Path.of("/var/run/netns");

    private BenchRuns()
    {
    }

    /**
     * A plan for a tiny run: 200 ms measured and 100 ms of warm-up per transport, default capacity and turn.
     *
     * @param transports transport names.
     * @param size       message size.
     * @return the plan.
     */
    static BenchPlan tiny(final List<String> transports, final int size)
    {
        return tiny(transports, size, BenchPlan.DEFAULT_CAPACITY, BenchPlan.DEFAULT_TURN);
    }

    /**
     * A plan for a tiny run with another ring capacity or turn.
     *
     * @param transports transport names.
     * @param size       message size.
     * @param capacity   ring capacity.
     * @param turn       turn length.
     * @return the plan.
     */
    static BenchPlan tiny(final List<String> transports, final int size, final int capacity, final Duration turn)
    {
        final String prefix = TestBlocks.PREFIX + "bench-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "-";
        return new BenchPlan(transports, List.of(size), 1, Duration.ofMillis(200), Duration.ofMillis(100), capacity,
            false, prefix, false, turn);
    }

    /**
     * Runs a plan, printing to a buffer, and checks that the run left nothing behind.
     *
     * @param plan    the plan.
     * @param console receives what the run printed.
     * @return the run.
     * @throws Exception if the run fails or leaves files.
     */
    static BenchRun run(final BenchPlan plan, final StringBuilder console) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final BenchRun run;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            run = new BenchRunner(plan, out, false).run();
        }
        finally
        {
            console.append(bytes.toString(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), leftovers(plan.blockPrefix()), "files left behind by the run");
        return run;
    }

    /**
     * Files in the block directory or the temporary directory, and network namespaces, whose names start with the
     * prefix.
     *
     * @param prefix the prefix.
     * @return their paths.
     * @throws IOException if a directory cannot be read.
     */
    static List<String> leftovers(final String prefix) throws IOException
    {
        final List<String> found = new ArrayList<>();
        for (final Path dir : List.of(BlockDirectory.resolve(), Path.of(System.getProperty("java.io.tmpdir")),
            NETNS_DIR))
        {
            if (NETNS_DIR == dir && !Files.isDirectory(dir))
            {
                continue;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, prefix + "*"))
            {
                stream.forEach((path) -> found.add(path.toString()));
            }
        }
        return found;
    }
}
