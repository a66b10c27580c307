/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.BenchCommand;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C in the middle of a run across two network namespaces: the bench JVM's shutdown hook kills the peers and
 * removes the namespaces with the rotation's files. A real {@code ipc bench} JVM, interrupted with SIGINT.
 */
final class InterruptedRunTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path out;

    @Test
    void ctrlCRemovesTheNamespacesAndFilesOfTheRotationUnderWay() throws Exception
    {
        final String unavailable = Transports.byName("tcp-netns").unavailableReason();
        Assumptions.assumeTrue(null == unavailable, () -> "tcp-netns cannot run here: " + unavailable);
        String prefix = null;
        try (ChildJvm bench = ChildJvm.start(BenchCommand.class, "--transports", "tcp-netns", "--duration", "60s",
            "--repetitions", "1", "--out", out.toString()))
        {
            prefix = BenchPlan.DEFAULT_PREFIX + bench.pid() + "-";
            final Path namespace = BenchRuns.NETNS_DIR.resolve(prefix + "1-t0-b");
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(namespace) || javaPeers(bench).size() < 2)
            {
                assertTrue(bench.isAlive() && System.nanoTime() < deadline, () -> "no rotation started" +
                    bench.report());
                Thread.sleep(20);
            }
            final List<ProcessHandle> peers = javaPeers(bench);
            Thread.sleep(500);

            assertEquals(0, Processes.run(WAIT, "kill", "-INT", Long.toString(bench.pid())).exitCode());
            bench.awaitExit(WAIT);
            for (final ProcessHandle peer : peers)
            {
                // Throws if a peer outlives the bench JVM by the time-out.
                peer.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals(List.of(), BenchRuns.leftovers(prefix), "left behind after Ctrl-C");
        }
        finally
        {
            // Whatever a failure left: namespaces outlive every process.
            for (final String left : null == prefix ? List.<String>of() : BenchRuns.leftovers(prefix))
            {
                if (left.startsWith(BenchRuns.NETNS_DIR.toString()))
                {
                    Processes.run(WAIT, "ip", "netns", "del", Path.of(left).getFileName().toString());
                }
            }
        }
    }

    /**
     * The bench JVM's children that are JVMs running a side of the rotation ({@code ip netns exec} replaces itself
     * with {@code java}).
     */
    private static List<ProcessHandle> javaPeers(final ChildJvm bench)
    {
        return bench.process().descendants().filter((process) -> process.info().arguments()
            .map((args) -> List.of(args).contains(RotationMain.class.getName())).orElse(false)).toList();
    }
}
