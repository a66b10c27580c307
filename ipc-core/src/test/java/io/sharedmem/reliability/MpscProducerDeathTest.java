/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.CrashWatch;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.TestBlocks;
import io.sharedmem.testing.Trials;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mpsc-ring} producers killed with {@code kill -9}, one of them inside a claim: the consumer does not stop for
 * ever. After the unblock time-out it turns the abandoned claim into padding (Agrona's {@code unblock()}) and goes
 * on; every message a live producer committed arrives, in order per producer, whole; a killed producer loses at most
 * the message it was writing.
 */
class MpscProducerDeathTest
{
    private static final int CAPACITY = 16 * 1024;
    private static final int MAX = 256;
    private static final long SEED = 7;
    private static final Duration UNBLOCK = Duration.ofMillis(300);
    private static final Duration START = Duration.ofSeconds(60);
    private static final long SLACK_NS = TimeUnit.SECONDS.toNanos(15);
    private static final int PRODUCERS = 3;
    private static final int[] SLOW_FILLS = { 0, 2_000, 20_000 };

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    private final List<String> problems = new ArrayList<>();
    private final CheckedMessages messages = new CheckedMessages(CheckedMessages.HEADER, MAX, SEED);

    /**
     * The consumer's side: one checker per producer slot, and the longest stretch without progress.
     */
    private final class Consuming implements MessageHandler
    {
        final DeliveryChecker[] checkers = new DeliveryChecker[PRODUCERS];
        final MpscRing ring;
        final MpscRing.Consumer consumer;
        long torn;
        long longestStallNs;
        private long lastProgressNs = System.nanoTime();

        Consuming(final MpscRing ring)
        {
            this.ring = ring;
            this.consumer = ring.consumer();
            for (int i = 0; i < PRODUCERS; i++)
            {
                checkers[i] = new DeliveryChecker(messages, null, 0);
                checkers[i].allowSkipAtProducerChange = true;
            }
        }

        @Override
        public void onMessage(final int type, final org.agrona.MutableDirectBuffer buffer, final int index,
            final int length)
        {
            final String bad = messages.verify(type, buffer, index, length);
            final int slot = null == bad ? CheckedMessages.incarnation(buffer, index) >>> 16 : -1;
            if (slot < 0 || slot >= PRODUCERS)
            {
                torn++;
                problems.add("torn: " + bad);
                return;
            }
            if (!checkers[slot].check(type, buffer, index, length))
            {
                problems.add("producer " + slot + ": " + checkers[slot].error);
            }
        }

        void restartStallClock()
        {
            lastProgressNs = System.nanoTime();
            longestStallNs = 0;
        }

        /**
         * Reads once; tracks how long the consumer made no progress while producers had claimed space.
         */
        int poll()
        {
            final int n = consumer.read(this, 256);
            final long now = System.nanoTime();
            if (n > 0 || ring.ringBuffer().producerPosition() == ring.ringBuffer().consumerPosition())
            {
                lastProgressNs = now;
            }
            else
            {
                longestStallNs = Math.max(longestStallNs, now - lastProgressNs);
            }
            return n;
        }

        long received()
        {
            long received = 0;
            for (final DeliveryChecker checker : checkers)
            {
                received += checker.received;
            }
            return received;
        }

        void count(final ReliabilityFigures figures)
        {
            figures.messagesChecked += received() + torn;
            figures.tornOrPhantom += torn;
            for (final DeliveryChecker checker : checkers)
            {
                figures.tornOrPhantom += checker.torn;
                figures.lost += checker.lost;
                figures.duplicatedBeyondContract += checker.duplicated;
            }
        }
    }

    @Test
    void producerKilledInsideAClaimIsUnblockedAfterTheTimeOutAndTheOthersGoOn() throws Exception
    {
        final String test = "MpscProducerDeathTest#producerKilledInsideAClaimIsUnblockedAfterTheTimeOutAndTheOthersGoOn";
        final ReliabilityFigures figures = new ReliabilityFigures(test, 0);
        figures.trialKind = "mpsc producer kill -9 inside a claim";
        final String name = blocks.newName("mpscclaim");
        final String logName = blocks.newName("mpsclog");
        final int count = Trials.scaled(5_000, 100_000);
        try (CrashWatch watch = new CrashWatch(test);
            MpscRing ring = SpscRing.options().capacity(CAPACITY).unblockTimeout(UNBLOCK).createMpsc(name);
            SharedBlock logBlock = SharedBlock.create(logName, PRODUCERS * MpscWorker.SLOT))
        {
            final Consuming consuming = new Consuming(ring);
            try
            {
                // Nothing is read until the claimer is dead: a live producer's claim is never unblocked here.
                final ChildJvm hanger = watch.start(MpscWorker.class, "claimAndHang", "ring=" + name, "id=2",
                    "max=" + MAX);
                hanger.awaitLineStartingWith("claimed", START);
                watch.kill(hanger);
                figures.producerKills++;
                figures.killsInsideARecord++;
                final long killedAt = System.nanoTime();
                final List<ChildJvm> producers = new ArrayList<>();
                for (int id = 0; id < 2; id++)
                {
                    producers.add(startProducer(watch, name, logName, id, 0, 0, count, 0));
                }
                consuming.restartStallClock();
                // Blocked behind the dead claim until the time-out, then everything the live producers committed.
                final long end = System.nanoTime() + SLACK_NS + UNBLOCK.toNanos() + TimeUnit.SECONDS.toNanos(60);
                while ((consuming.checkers[0].next < count || consuming.checkers[1].next < count) &&
                    System.nanoTime() - end < 0 && problems.isEmpty())
                {
                    consuming.poll();
                }
                for (final ChildJvm producer : producers)
                {
                    assertEquals(0, producer.awaitExit(START), producer.report());
                }
                final long unblockedAfterMs = TimeUnit.NANOSECONDS.toMillis(consuming.longestStallNs);
                System.out.println("unblocked " + consuming.consumer.unblocks() + " time(s); longest stall " +
                    unblockedAfterMs + " ms (time-out " + UNBLOCK.toMillis() + " ms), " +
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt) + " ms after the kill all " +
                    consuming.received() + " messages were in");
                figures.trials = 1;
                if (consuming.checkers[0].next != count || consuming.checkers[1].next != count)
                {
                    figures.hangs++;
                    problems.add("the consumer stopped at " + consuming.checkers[0].next + " and " +
                        consuming.checkers[1].next + " of " + count + " messages");
                }
                if (consuming.consumer.unblocks() < 1)
                {
                    problems.add("the abandoned claim was never unblocked");
                    figures.unclearAnswers++;
                }
                if (consuming.longestStallNs > UNBLOCK.toNanos() + SLACK_NS)
                {
                    figures.hangs++;
                    problems.add("the consumer stalled " + unblockedAfterMs + " ms");
                }
                if (consuming.longestStallNs < UNBLOCK.toNanos() * 9 / 10)
                {
                    figures.unclearAnswers++;
                    problems.add("the claim was unblocked after " + unblockedAfterMs + " ms, before the time-out");
                }
            }
            finally
            {
                consuming.count(figures);
                figures.jvmCrashes = watch.crashes();
                figures.write();
            }
            assertEquals(0, figures.violations(), problems + "\n" + watch.describe());
            assertTrue(problems.isEmpty(), problems.toString());
        }
    }

    @Test
    void producersKilledAtRandomNeverStopTheConsumer() throws Exception
    {
        final String test = "MpscProducerDeathTest#producersKilledAtRandomNeverStopTheConsumer";
        final long seed = Trials.seed(test);
        final SplittableRandom random = new SplittableRandom(seed);
        final ReliabilityFigures figures = new ReliabilityFigures(test, seed);
        figures.trialKind = "mpsc producer kill -9";
        final int kills = Trials.scaled(4, 40);
        final String name = blocks.newName("mpsckill");
        final String logName = blocks.newName("mpsclog");
        try (CrashWatch watch = new CrashWatch(test);
            MpscRing ring = SpscRing.options().capacity(CAPACITY).unblockTimeout(UNBLOCK).createMpsc(name);
            SharedBlock logBlock = SharedBlock.create(logName, PRODUCERS * MpscWorker.SLOT))
        {
            final AtomicBuffer log = logBlock.buffer();
            final Consuming consuming = new Consuming(ring);
            final ChildJvm[] producers = new ChildJvm[PRODUCERS];
            final long[] from = new long[PRODUCERS];
            final int[] incarnation = new int[PRODUCERS];
            final List<java.util.Set<Long>> inFlight = new ArrayList<>();
            for (int id = 0; id < PRODUCERS; id++)
            {
                inFlight.add(new java.util.HashSet<>());
            }
            try
            {
                for (int id = 0; id < PRODUCERS; id++)
                {
                    producers[id] = startProducer(watch, name, logName, id, 0, 0, 100_000_000,
                        SLOW_FILLS[random.nextInt(SLOW_FILLS.length)]);
                }
                for (int k = 0; k < kills + PRODUCERS; k++)
                {
                    final boolean last = k >= kills;
                    final int id = last ? k - kills : random.nextInt(PRODUCERS);
                    final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(20, 400));
                    while (System.nanoTime() - until < 0)
                    {
                        consuming.poll();
                    }
                    final long phase = log.getLongVolatile(id * MpscWorker.SLOT + 8);
                    watch.kill(producers[id]);
                    figures.producerKills++;
                    if (DeliveryLog.CLAIMED == phase)
                    {
                        figures.killsInsideARecord++;
                    }
                    // The message it may have been writing, never committed: the one seq of this kill allowed missing.
                    final long writing = Math.max(log.getLongVolatile(id * MpscWorker.SLOT), from[id]);
                    inFlight.get(id).add(writing);
                    from[id] = writing + 1;
                    if (!last)
                    {
                        producers[id] = startProducer(watch, name, logName, id, ++incarnation[id], from[id],
                            100_000_000, SLOW_FILLS[random.nextInt(SLOW_FILLS.length)]);
                    }
                }
                // Every producer is dead now: everything they committed must come, however their claims were left.
                final long end = System.nanoTime() + UNBLOCK.toNanos() + SLACK_NS;
                boolean complete = false;
                while (!complete && System.nanoTime() - end < 0)
                {
                    consuming.poll();
                    complete = true;
                    for (int id = 0; id < PRODUCERS; id++)
                    {
                        complete &= consuming.checkers[id].next >= log.getLongVolatile(id * MpscWorker.SLOT);
                    }
                }
                for (int id = 0; id < PRODUCERS; id++)
                {
                    for (final long seq : consuming.checkers[id].skippedSeqs)
                    {
                        if (!inFlight.get(id).contains(seq))
                        {
                            figures.lost++;
                            problems.add("producer " + id + ": seq " + seq + " never arrived, and no producer was " +
                                "killed writing it");
                        }
                    }
                    final long committed = log.getLongVolatile(id * MpscWorker.SLOT);
                    if (consuming.checkers[id].next < committed)
                    {
                        figures.lost += committed - consuming.checkers[id].next;
                        problems.add("producer " + id + " committed up to seq " + (committed - 1) + ", only " +
                            (consuming.checkers[id].next - 1) + " arrived");
                    }
                }
                figures.trials = figures.producerKills;
                System.out.println("unblocked " + consuming.consumer.unblocks() + " time(s) after " +
                    figures.producerKills + " kills (" + figures.killsInsideARecord + " inside a claim); " +
                    "longest stall " + TimeUnit.NANOSECONDS.toMillis(consuming.longestStallNs) + " ms");
                if (consuming.longestStallNs > UNBLOCK.toNanos() + SLACK_NS)
                {
                    figures.hangs++;
                    problems.add("the consumer stalled " + TimeUnit.NANOSECONDS.toMillis(consuming.longestStallNs) +
                        " ms");
                }
            }
            finally
            {
                consuming.count(figures);
                figures.jvmCrashes = watch.crashes();
                figures.write();
            }
            assertEquals(0, figures.violations(), problems + "\n" + watch.describe());
        }
    }

    private static ChildJvm startProducer(final CrashWatch watch, final String name, final String log, final int id,
        final int incarnation, final long from, final long count, final int slowFill) throws Exception
    {
        final ChildJvm child = watch.start(MpscWorker.class, "produce", "ring=" + name, "log=" + log, "id=" + id,
            "incarnation=" + incarnation, "from=" + from, "count=" + count, "max=" + MAX, "seed=" + SEED,
            "slowFill=" + slowFill);
        child.awaitLineStartingWith("producing", START);
        return child;
    }
}
