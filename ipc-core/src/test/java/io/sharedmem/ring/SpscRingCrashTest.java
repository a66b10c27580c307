/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.NoSuchBlockException;
import io.sharedmem.PeerDeadException;
import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.CrashPoints;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Processes killed at every step of the commit paths, and at random: the consumer never sees a torn, half-written or
 * phantom message, nothing committed is lost, and a new process takes the role over and goes on.
 * <p>
 * Every message is checked completely against its sequence number ({@link TestMessages}) and in order.
 */
class SpscRingCrashTest
{
    private static final int CAPACITY = 4096;
    private static final int MAX = CAPACITY / 8;
    private static final Duration START = Duration.ofSeconds(60);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    private final long seed = Long.getLong("sharedmem.test.seed", System.nanoTime());
    private final SplittableRandom random = new SplittableRandom(seed);

    SpscRingCrashTest()
    {
        System.out.println("seed " + seed + " (replay with -Dsharedmem.test.seed=" + seed + ")");
    }

    static List<String> crashAt(final int point, final long after)
    {
        return List.of("-Dsharedmem.test.crashPoints=true", "-Dsharedmem.test.crashPoint=" + point,
            "-Dsharedmem.test.crashAfter=" + after);
    }

    @ParameterizedTest(name = "point {0}, {1}")
    @CsvSource({
        "1, offer", "1, claim",   // owner checked, nothing of the record written
        "2, offer",               // half the payload written
        "3, offer", "3, claim",   // whole payload written, zero word after it not yet
        "4, offer", "4, claim",   // zero word written, header word (the commit) not yet
        "5, offer", "5, claim",   // committed; tail not advanced
        "6, offer", "6, claim",   // padding committed at the end of the region, record not begun
    })
    void producerHaltedAfterEachStoreLeavesNoTornOrPhantomMessage(final int point, final String path) throws Exception
    {
        final String name = blocks.newName("pcrash" + point);
        try (SpscRing ring = SpscRing.create(name, CAPACITY);
            RingConsumer consumer = ring.consumer())
        {
            final RingChild.Checker checker = new RingChild.Checker(new TestMessages(0, MAX, 42), 0);
            final long after = CrashPoints.PRODUCER_AFTER_PADDING == point ? random.nextInt(2, 40) :
                random.nextInt(100, 3000);
            try (ChildJvm victim = ChildJvm.start(crashAt(point, after), RingChild.class, "produce", "ring=" + name,
                "count=-1", "max=" + MAX, "claim=" + "claim".equals(path)))
            {
                consumeWhile(consumer, checker, victim);
                assertEquals(CrashPoints.HALT_STATUS, victim.awaitExit(START), victim.report());
            }
            drain(consumer, checker);
            assertTrue(checker.received > 0);
            continueWithNewProducer(name, consumer, checker, 20_000);
        }
    }

    @ParameterizedTest(name = "{1} halted at point {0}")
    @CsvSource({
        "21, producer", "22, producer", "23, producer",   // before the owner word's CAS, after it, before the info
        "21, consumer", "22, consumer", "23, consumer",
    })
    void processHaltedWhileTakingARoleLeavesItToASuccessorWithoutForce(final int point, final String role)
        throws Exception
    {
        final String name = blocks.newName("rcrash" + point);
        final Duration liveness = Duration.ofSeconds(1);
        try (SpscRing ring = SpscRing.options().capacity(CAPACITY).livenessTimeout(liveness).create(name))
        {
            final String mode = "producer".equals(role) ? "produce" : "consume";
            try (ChildJvm victim = ChildJvm.start(crashAt(point, 0), RingChild.class, mode, "ring=" + name,
                "count=10", "max=" + MAX, "liveness=1000"))
            {
                assertEquals(CrashPoints.HALT_STATUS, victim.awaitExit(START), victim.report());
            }
            final boolean producer = "producer".equals(role);
            final RoleStatus status = producer ? ring.producerStatus() : ring.consumerStatus();
            assertEquals(CrashPoints.ROLE_BEFORE_CAS == point ? RoleStatus.FREE : RoleStatus.TAKING, status);
            // A supervisor restarting the process without force: refused at most while the half-taken slot is younger
            // than the liveness time-out, then the role is its own.
            final long start = System.nanoTime();
            try (ChildJvm successor = ChildJvm.start(RingChild.class, mode, "ring=" + name, "count=10", "until=10",
                "from=0", "max=" + MAX, "liveness=1000", "retryTakenMs=10000"))
            {
                final String line = successor.awaitLine((l) -> l.startsWith("producing") || l.startsWith("consuming"),
                    START);
                // Halted before its compare-and-set, the victim never held the role: it is simply free.
                assertTrue(line.contains("tookOver=" + (CrashPoints.ROLE_BEFORE_CAS != point)), successor.report());
                final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(tookMs < 8_000, "took " + tookMs + " ms" + successor.report());
                if (producer)
                {
                    assertEquals(0, successor.awaitExit(START), successor.report());
                }
                else
                {
                    assertTrue(successor.isAlive() || 0 == successor.awaitExit(Duration.ZERO), successor.report());
                }
            }
            assertFalse(producer ? ring.isProducerAlive() : ring.isConsumerAlive());
        }
    }

    @Test
    void halfTakenProducerCountsAsDeadAfterTheLivenessTimeOut() throws Exception
    {
        final String name = blocks.newName("halftaken");
        final Duration liveness = Duration.ofSeconds(1);
        try (SpscRing ring = SpscRing.options().capacity(CAPACITY).livenessTimeout(liveness).create(name);
            RingConsumer consumer = ring.consumer())
        {
            try (ChildJvm victim = ChildJvm.start(crashAt(CrashPoints.ROLE_AFTER_CAS, 0), RingChild.class,
                "produce", "ring=" + name, "count=10", "max=" + MAX))
            {
                assertEquals(CrashPoints.HALT_STATUS, victim.awaitExit(START), victim.report());
            }
            assertEquals(RoleStatus.TAKING, ring.producerStatus());
            assertTrue(ring.isProducerAlive(), "taking the role, for all anyone can tell");
            assertFalse(ring.unlinkIfUnused());
            // A consumer waiting 7 s learns within about the liveness time-out that the producer is gone.
            final long start = System.nanoTime();
            final PeerDeadException gone = assertThrows(PeerDeadException.class, () -> consumer.read(
                (t, b, i, l) -> fail("nothing was produced"), 1, new SleepingMillisIdleStrategy(1),
                Duration.ofSeconds(7)));
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs < 5_000, "waited " + waitedMs + " ms: " + gone.getMessage());
            assertEquals(RoleStatus.DEAD, ring.producerStatus());
            assertFalse(ring.isProducerAlive());
            consumer.close();
            assertTrue(ring.unlinkIfUnused(), "the half-taken role no longer keeps the ring");
        }
    }

    @ParameterizedTest(name = "point {0}")
    @ValueSource(ints = { CrashPoints.CREATE_AFTER_RESERVE, CrashPoints.CREATE_BEFORE_LINK })
    void creatorHaltedHalfWayLeavesNoRingUnderTheName(final int point) throws Exception
    {
        final String name = blocks.newName("ccreate" + point);
        try (ChildJvm victim = ChildJvm.start(crashAt(point, 0), RingChild.class, "create", "ring=" + name,
            "capacity=" + CAPACITY))
        {
            assertEquals(CrashPoints.HALT_STATUS, victim.awaitExit(START), victim.report());
        }
        assertFalse(SharedBlock.exists(name), "a ring appears under its name complete, or not at all");
        assertThrows(NoSuchBlockException.class, () -> SpscRing.attach(name));
        // A restarted creator just creates it again.
        try (SpscRing ring = SpscRing.createOrAttach(name, CAPACITY))
        {
            assertTrue(ring.isCreator());
        }
    }

    @ParameterizedTest(name = "point {0}")
    @ValueSource(ints = { CrashPoints.CREATE_AFTER_RESERVE, CrashPoints.CREATE_BEFORE_LINK })
    void creatorEndedBySigtermHalfWayLeavesNoHiddenFile(final int point) throws Exception
    {
        final String name = blocks.newName("ctermcreate" + point);
        final List<String> stopThere = new ArrayList<>(crashAt(point, 0));
        stopThere.add("-Dsharedmem.test.crashAction=stop");
        try (ChildJvm victim = ChildJvm.start(stopThere, RingChild.class, "create", "ring=" + name,
            "capacity=" + CAPACITY))
        {
            victim.awaitLineStartingWith("stopped at " + point, START);
            Processes.awaitStopped(victim.pid(), START);
            final String hidden = BlockFiles.CREATING_PREFIX + victim.pid() + "-*";
            assertEquals(1, countFiles(hidden), "the creator stopped half-way has its hidden file");
            // SIGTERM is held while the process is stopped and handled as it goes on: the JVM's shutdown hooks run
            // while the creating thread may still name the block or fail to.
            Processes.run(START, "kill", "-TERM", Long.toString(victim.pid()));
            Processes.run(START, "kill", "-CONT", Long.toString(victim.pid()));
            victim.awaitExit(START);
            assertEquals(0, countFiles(hidden), "the hidden file of a creation cut short by SIGTERM is removed");
        }
        if (SharedBlock.exists(name))
        {
            // Named before the JVM ended: then it is complete.
            try (SpscRing ring = SpscRing.attach(name))
            {
                assertEquals(CAPACITY, ring.capacity());
            }
        }
    }

    @Test
    void producerKilledAtRandomWithLargeMessagesNeverCorruptsTheRing() throws Exception
    {
        final int minKills = 20;
        final int maxKills = 100;
        final int capacity = 64 * 1024;
        final String name = blocks.newName("pkill");
        final String status = blocks.newName("pkstatus");
        int dirty = 0;
        try (SpscRing ring = SpscRing.create(name, capacity);
            SharedBlock statusBlock = SharedBlock.create(status, 8);
            RingConsumer consumer = ring.consumer())
        {
            final TestMessages messages = new TestMessages(capacity / 16, capacity / 8, 42);
            final RingChild.Checker checker = new RingChild.Checker(messages, 0);
            int k = 0;
            // At least 20 kills, and on until 2 of them landed inside a claimed record (most land in a wait).
            for (; k < minKills || (dirty < 2 && k < maxKills); k++)
            {
                statusBlock.buffer().putByteVolatile(0, (byte)0);
                try (ChildJvm victim = ChildJvm.start(RingChild.class, "produce", "ring=" + name,
                    "from=" + checker.next, "count=-1", "min=" + capacity / 16, "max=" + capacity / 8,
                    // Claims are filled in place, word by word: a kill then often lands inside a claimed record.
                    "claim=" + (k % 4 != 3), "slowFill=" + (k % 4 == 0 ? 0 : 2000), "status=" + status))
                {
                    victim.awaitLineStartingWith("producing", START);
                    final long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(20, 300));
                    while (System.nanoTime() - killAt < 0)
                    {
                        consumer.poll(checker, 4);
                        assertNull(checker.error, checker.error);
                    }
                    // Catch up first, so the kill finds the producer working rather than waiting on a full ring
                    // (on a loaded machine the checking consumer is often the slower side).
                    while (consumer.poll(checker, 4) > 0)
                    {
                        assertNull(checker.error, checker.error);
                    }
                    victim.kill();
                }
                drain(consumer, checker);
                if (0 != statusBlock.buffer().getByteVolatile(0))
                {
                    dirty++;
                }
            }
            System.out.println("producer kills: " + k + ", inside a claimed but uncommitted record: " + dirty);
            assertTrue(dirty > 0, "no kill landed in the middle of a record: the test proved nothing");
            continueWithNewProducer(name, consumer, checker, 2_000);
        }
    }

    @ParameterizedTest(name = "point {0}")
    @ValueSource(ints = {
        CrashPoints.CONSUMER_AFTER_HANDLER, CrashPoints.CONSUMER_AFTER_COMMIT, CrashPoints.CONSUMER_BEFORE_EPOCH })
    void consumerHaltedAtEachStepOfItsCommitLosesNothing(final int point) throws Exception
    {
        final int count = 100_000;
        final int limit = 16;
        final String name = blocks.newName("ccrash" + point);
        final String log = blocks.newName("log" + point);
        try (SpscRing ignored = SpscRing.create(name, CAPACITY);
            SharedBlock logBlock = SharedBlock.create(log, count);
            ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=" + count,
                "max=" + MAX))
        {
            // Taking the role happens once per process; the commit points, once per batch.
            final long after = CrashPoints.CONSUMER_BEFORE_EPOCH == point ? 0 : random.nextInt(50, 2000);
            try (ChildJvm victim = ChildJvm.start(crashAt(point, after), RingChild.class,
                "consume", "ring=" + name, "from=0", "until=" + count, "limit=" + limit, "max=" + MAX, "log=" + log))
            {
                assertEquals(CrashPoints.HALT_STATUS, victim.awaitExit(START), victim.report());
            }
            try (ChildJvm successor = ChildJvm.start(RingChild.class, "consume", "ring=" + name, "until=" + count,
                "limit=" + limit, "max=" + MAX, "log=" + log))
            {
                assertTrue(successor.awaitLineStartingWith("consuming", START).contains("tookOver=true"));
                assertEquals(0, successor.awaitExit(START), successor.report());
            }
            assertEquals(0, producer.awaitExit(START), producer.report());
            final int redelivered = RingChild.assertDeliveredOnceOrTwice(logBlock.buffer(), count);
            if (CrashPoints.CONSUMER_AFTER_HANDLER != point)
            {
                assertEquals(0, redelivered, "the batch was committed before the halt: nothing may come twice");
            }
            assertTrue(redelivered <= limit, redelivered + " redelivered, more than one batch");
        }
    }

    @Test
    void consumerKilledAtRandomAndRestartedLosesNothing() throws Exception
    {
        final int count = 1_000_000;
        final int limit = 8;
        final int kills = 8;
        final String name = blocks.newName("ckill");
        final String log = blocks.newName("clog");
        try (SpscRing ignored = SpscRing.create(name, CAPACITY);
            SharedBlock logBlock = SharedBlock.create(log, count);
            ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=" + count,
                "max=" + MAX))
        {
            final List<String> firsts = new ArrayList<>();
            int k = 0;
            // Whether the stream is done is read from the delivery log, never from a killed child's output: a victim
            // may consume the last message and be killed before it says so (the cause of an earlier flaky failure:
            // its successor then waited for messages that had all been delivered).
            for (; k < kills && !allDelivered(logBlock.buffer(), count); k++)
            {
                try (ChildJvm victim = ChildJvm.start(RingChild.class, "consume", "ring=" + name, "until=" + count,
                    "limit=" + limit, "max=" + MAX, "log=" + log))
                {
                    final String line = victim.awaitLine(
                        (l) -> l.startsWith("first") || l.startsWith("consumed") || l.startsWith("ERROR"), START);
                    assertTrue(line.startsWith("first"), victim.report());
                    firsts.add(line);
                    Thread.sleep(random.nextInt(5, 100));
                    victim.kill();
                    assertTrue(!victim.stdoutLines().toString().contains("ERROR"), victim.report());
                }
            }
            if (!allDelivered(logBlock.buffer(), count))
            {
                try (ChildJvm last = ChildJvm.start(RingChild.class, "consume", "ring=" + name, "until=" + count,
                    "limit=" + limit, "max=" + MAX, "log=" + log))
                {
                    assertEquals(0, last.awaitExit(START), last.report());
                }
            }
            assertEquals(0, producer.awaitExit(START), producer.report());
            final int redelivered = RingChild.assertDeliveredOnceOrTwice(logBlock.buffer(), count);
            System.out.println("consumer kills: " + k + ", messages redelivered: " + redelivered + ", starts " +
                firsts);
            assertTrue(redelivered <= kills * limit, redelivered + " redelivered, more than one batch per kill");
        }
    }

    @Test
    void consumerKilledAfterItsLastMessageLeavesTheRingDoneNotStuck() throws Exception
    {
        final int count = 50_000;
        final int limit = 8;
        final String name = blocks.newName("cdone");
        final String log = blocks.newName("cdlog");
        try (SpscRing ring = SpscRing.create(name, CAPACITY);
            SharedBlock logBlock = SharedBlock.create(log, count);
            ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=" + count,
                "max=" + MAX))
        {
            try (ChildJvm victim = ChildJvm.start(RingChild.class, "consume", "ring=" + name, "until=" + count,
                "limit=" + limit, "max=" + MAX, "log=" + log, "haltWhenDone=true"))
            {
                assertEquals(CrashPoints.HALT_STATUS, victim.awaitExit(START), victim.report());
            }
            assertEquals(0, producer.awaitExit(START), producer.report());
            assertTrue(allDelivered(logBlock.buffer(), count));
            assertEquals(0, RingChild.assertDeliveredOnceOrTwice(logBlock.buffer(), count),
                "nothing delivered twice before the halt");
            // The successor takes the dead consumer's role over and finds the stream complete but for the last batch
            // the dead one delivered and had not yet committed (at most one batch, redelivered whole); then nothing
            // is unconsumed, and it does not wait on a producer that has finished.
            final RingChild.Checker checker = new RingChild.Checker(new TestMessages(0, MAX, 42), -1);
            try (RingConsumer successor = ring.consumer())
            {
                assertTrue(successor.tookOver());
                while (successor.poll(checker, 64) > 0)
                {
                    assertNull(checker.error, checker.error);
                }
                assertTrue(checker.received <= limit, checker.received + " redelivered, more than one batch");
                assertTrue(0 == checker.received || count == checker.next, "only the last messages come again");
                assertEquals(0, successor.poll(checker, 64));
            }
            assertTrue(!ring.hasUnconsumedMessages());
            assertEquals(ring.snapshot().tailHint(), ring.snapshot().head(), "consumed up to the producer's tail");
        }
    }

    private static boolean allDelivered(final AtomicBuffer log, final int count)
    {
        for (int seq = count - 1; seq >= 0; seq--)
        {
            if (0 == log.getByteVolatile(seq))
            {
                return false;
            }
        }
        return true;
    }

    private static void consumeWhile(final RingConsumer consumer, final RingChild.Checker checker, final ChildJvm child)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive())
        {
            consumer.poll(checker, 64);
            assertNull(checker.error, checker.error);
            assertTrue(System.nanoTime() - deadline < 0, "child still running" + child.report());
        }
    }

    /**
     * Delivers everything a dead producer committed, and checks nothing more appears (no phantom).
     */
    private static void drain(final RingConsumer consumer, final RingChild.Checker checker)
    {
        while (consumer.poll(checker, 64) > 0)
        {
            assertNull(checker.error, checker.error);
        }
        assertNull(checker.error, checker.error);
        for (int i = 0; i < 1000; i++)
        {
            assertEquals(0, consumer.poll(checker, 64), "a message appeared with no producer: phantom");
        }
    }

    private long countFiles(final String glob) throws IOException
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(blocks.directory(), glob))
        {
            long count = 0;
            for (final Path ignore : stream)
            {
                count++;
            }
            return count;
        }
    }

    private static void continueWithNewProducer(
        final String name, final RingConsumer consumer, final RingChild.Checker checker, final int count)
        throws Exception
    {
        final long from = checker.next;
        final TestMessages messages = checker.messages;
        final int min = messages.minLength;
        try (ChildJvm successor = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "from=" + from,
            "count=" + count, "min=" + min, "max=" + messages.maxLength))
        {
            assertTrue(successor.awaitLineStartingWith("producing", START).contains("tookOver=true"),
                successor.report());
            consumeWhile(consumer, checker, successor);
            assertEquals(0, successor.awaitExit(START), successor.report());
        }
        drain(consumer, checker);
        assertEquals(from + count, checker.next, "every message of the new producer, in order");
    }
}
