/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.RoleTakenException;
import io.sharedmem.SharedBlock;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.CrashPoints;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rings shared with processes in other pid namespaces, as containers have: a child JVM runs under
 * {@code unshare --pid --fork --mount-proc}, where it is pid 1 and its pid means nothing to this process. Its liveness
 * is judged by its heartbeat alone: never taken over while it heartbeats, taken over automatically (no force) once
 * it has been silent for the liveness time-out, as an orchestrator restarting a crashed container needs. Needs root;
 * skipped otherwise.
 */
class SpscRingNamespaceTest
{
    private static final int CAPACITY = 4096;
    private static final int MAX = CAPACITY / 8;
    private static final long LIVENESS_MS = 1000;
    private static final Duration START = Duration.ofSeconds(60);
    private static final List<String> UNSHARE = List.of("unshare", "--pid", "--fork", "--mount-proc");

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @BeforeAll
    static void needsRootAndUnshare()
    {
        assumeTrue("0".equals(Processes.run(Duration.ofSeconds(10), "id", "-u").stdout().trim()),
            "not root: new pid namespaces need root here");
        assumeTrue(Processes.which("unshare").isPresent(), "unshare (util-linux) is not installed");
        assumeTrue(0 == Processes.run(Duration.ofSeconds(10), "unshare", "--pid", "--fork", "--mount-proc", "true")
            .exitCode(), "unshare --pid --fork --mount-proc is not permitted here");
    }

    @Test
    void liveProducerInAnotherPidNamespaceIsNeverTakenOver() throws Exception
    {
        final String name = blocks.newName("nsalive");
        try (SpscRing ring = SpscRing.options().capacity(CAPACITY).livenessTimeout(Duration.ofMillis(LIVENESS_MS))
            .create(name);
            ChildJvm holder = inNamespace("hold", "ring=" + name, "role=producer"))
        {
            holder.awaitLineStartingWith("holding", START);
            // Several liveness time-outs: the holder's pid cannot be looked up from here, its heartbeat can.
            final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * LIVENESS_MS);
            while (System.nanoTime() - end < 0)
            {
                assertEquals(RoleStatus.ALIVE, ring.producerStatus());
                Thread.sleep(50);
            }
            assertTrue(ring.isProducerAlive());
            final RoleTakenException ex = assertThrows(RoleTakenException.class, ring::producer);
            assertTrue(ex.getMessage().contains("another pid namespace"), ex.getMessage());
            assertFalse(ring.unlinkIfUnused(), "a live ring in another container is never removed");
            assertTrue(SharedBlock.exists(name));
        }
    }

    @Test
    void crashedProducerContainerIsReplacedWithoutForceAndNothingIsLostOrTorn() throws Exception
    {
        final String name = blocks.newName("nsprod");
        try (SpscRing ring = SpscRing.options().capacity(CAPACITY).livenessTimeout(Duration.ofMillis(LIVENESS_MS))
            .create(name);
            RingConsumer consumer = ring.consumer())
        {
            final RingChild.Checker checker = new RingChild.Checker(new TestMessages(0, MAX, 42), 0);
            for (int crash = 0; crash < 2; crash++)
            {
                try (ChildJvm producer = inNamespace("produce", "ring=" + name, "from=" + checker.next, "count=-1",
                    "max=" + MAX, "liveness=" + LIVENESS_MS, "retryTakenMs=20000"))
                {
                    producer.awaitLineStartingWith("producing", START);
                    consumeFor(consumer, checker, 300);
                    killNamespace(producer);
                }
                drain(consumer, checker);
            }
            // The orchestrator's restart: no force; it waits out the liveness time-out of the dead container.
            try (ChildJvm successor = inNamespace("produce", "ring=" + name, "from=" + checker.next, "count=20000",
                "max=" + MAX, "liveness=" + LIVENESS_MS, "retryTakenMs=20000"))
            {
                assertTrue(successor.awaitLineStartingWith("producing", START).contains("tookOver=true"),
                    successor.report());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (successor.isAlive())
                {
                    consumer.poll(checker, 64);
                    assertNull(checker.error, checker.error);
                    assertTrue(System.nanoTime() - deadline < 0, successor.report());
                }
                assertEquals(0, successor.awaitExit(START), successor.report());
            }
            drain(consumer, checker);
            assertTrue(checker.received > 20_000, "messages of every container, in order: " + checker.received);
        }
    }

    @Test
    void crashedConsumerContainerIsReplacedWithoutForceAndNothingIsLost() throws Exception
    {
        final int count = 200_000;
        final int limit = 16;
        final String name = blocks.newName("nscons");
        final String log = blocks.newName("nslog");
        try (SpscRing ignored = SpscRing.options().capacity(CAPACITY).livenessTimeout(Duration.ofMillis(LIVENESS_MS))
            .create(name);
            SharedBlock logBlock = SharedBlock.create(log, count);
            ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=" + count,
                "max=" + MAX, "liveness=" + LIVENESS_MS))
        {
            // The container dies inside the stream by construction (its JVM halts after a random number of commits,
            // fewer than the batches of the stream), never after a consumer that finished and gave the role back.
            final long seed = Long.getLong("sharedmem.test.seed", System.nanoTime());
            System.out.println("seed " + seed + " (replay with -Dsharedmem.test.seed=" + seed + ")");
            final int crashAfter = new SplittableRandom(seed).nextInt(100, 5_000);
            try (ChildJvm victim = inNamespace(List.of("-Dsharedmem.test.crashPoints=true",
                "-Dsharedmem.test.crashPoint=" + CrashPoints.CONSUMER_AFTER_HANDLER,
                "-Dsharedmem.test.crashAfter=" + crashAfter), "consume", "ring=" + name, "from=0", "until=" + count,
                "limit=" + limit, "max=" + MAX, "log=" + log, "liveness=" + LIVENESS_MS))
            {
                victim.awaitExit(START);
                killNamespace(victim);
                assertTrue(victim.stdoutLines().stream().noneMatch((l) -> l.startsWith("consumed")),
                    "the victim was to crash after " + crashAfter + " messages: " + victim.report());
            }
            try (ChildJvm successor = inNamespace("consume", "ring=" + name, "until=" + count, "limit=" + limit,
                "max=" + MAX, "log=" + log, "liveness=" + LIVENESS_MS, "retryTakenMs=20000"))
            {
                assertTrue(successor.awaitLineStartingWith("consuming", START).contains("tookOver=true"),
                    successor.report());
                assertEquals(0, successor.awaitExit(START), successor.report());
            }
            assertEquals(0, producer.awaitExit(START), producer.report());
            final int twice = RingChild.assertDeliveredOnceOrTwice(logBlock.buffer(), count);
            assertTrue(twice <= limit, twice + " delivered twice: more than the batch in flight");
        }
    }

    private static ChildJvm inNamespace(final String... args) throws Exception
    {
        return inNamespace(List.of(), args);
    }

    private static ChildJvm inNamespace(final List<String> jvmOptions, final String... args) throws Exception
    {
        return ChildJvm.start(UNSHARE, null, jvmOptions, System.getProperty("java.class.path"),
            RingChild.class.getName(), args);
    }

    /**
     * Kills the JVM inside the namespace (its pid 1, a descendant of {@code unshare}), which ends the namespace: a
     * container's crash.
     */
    private static void killNamespace(final ChildJvm child) throws InterruptedException
    {
        child.kill();
    }

    private static void consumeFor(final RingConsumer consumer, final RingChild.Checker checker, final long ms)
    {
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() - end < 0)
        {
            consumer.poll(checker, 64);
            assertNull(checker.error, checker.error);
        }
    }

    private static void drain(final RingConsumer consumer, final RingChild.Checker checker)
    {
        while (consumer.poll(checker, 64) > 0)
        {
            assertNull(checker.error, checker.error);
        }
        assertNull(checker.error, checker.error);
    }
}
