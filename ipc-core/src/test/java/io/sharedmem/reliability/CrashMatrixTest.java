/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.CrashWatch;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.TestBlocks;
import io.sharedmem.testing.Trials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash matrix: producers, consumers and both killed with {@code kill -9} at random moments, through the public
 * API only, each outcome checked against the delivery contract of {@code docs/RINGS.md}, word for word:
 * <ul>
 *     <li>"every committed message delivered in order; nothing committed lost": a message whose offer or commit
 *     returned in the killed producer (its {@link DeliveryLog} says so) must arrive, in order;</li>
 *     <li>"a producer killed at any instruction never exposes a torn or phantom message": every message is checked
 *     whole (sequence number, length, type, CRC32C, every byte) and nothing may arrive that no producer
 *     committed;</li>
 *     <li>"after a consumer crash the batch in flight is delivered again: at-least-once for that batch,
 *     exactly-once otherwise": the successor consumer's first message must not precede the end of the dead
 *     consumer's last completed poll;</li>
 *     <li>a successor takes a dead holder's role within its time-out, nothing waits past a time-out, and no JVM
 *     crashes ({@link CrashWatch}).</li>
 * </ul>
 * Rings are small (1 to 64 KiB) so that they wrap often; messages small, large or mixed; producers offer, claim or
 * both (aborting one claim in 64); consumers poll with batch limits of 1 and larger. {@code mvn verify} runs a quick
 * slice; {@code -Preliability} at least 100 producer kills, 100 consumer kills and 20 of both. Each test prints its
 * seed and its figures ({@link ReliabilityFigures}).
 */
class CrashMatrixTest
{
    private static final Duration START = Duration.ofSeconds(60);
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int[] CAPACITIES = { 1024, 4096, 16 * 1024, 64 * 1024 };
    private static final int[] LIMITS = { 1, 1, 4, 32, 256 };
    private static final String[] PATHS = { Production.OFFER, Production.CLAIM, Production.MIXED };
    private static final int[] SLOW_FILLS = { 0, 0, 300, 3000 };
    private static final Pattern ACQUIRE = Pattern.compile("tookOver=(true|false) acquireMs=(\\d+)");
    private static final int KILLS_PER_SERIES = 5;
    private static final long LOG_SEQS = 48L << 20;

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    private final List<String> problems = new ArrayList<>();
    private long longestTakeoverMs;

    /**
     * One series' ring: capacity and the message format.
     */
    private static final class Series
    {
        final int capacity;
        final int min;
        final int max;
        final long messageSeed;
        final String sizes;

        Series(final SplittableRandom random)
        {
            capacity = CAPACITIES[random.nextInt(CAPACITIES.length)];
            final int largest = capacity / 8;
            switch (random.nextInt(3))
            {
                case 0:
                    sizes = "small";
                    min = CheckedMessages.HEADER;
                    max = Math.min(64, largest);
                    break;
                case 1:
                    sizes = "large";
                    min = Math.max(CheckedMessages.HEADER, largest / 4);
                    max = largest;
                    break;
                default:
                    sizes = "mixed";
                    min = CheckedMessages.HEADER;
                    max = largest;
                    break;
            }
            messageSeed = random.nextLong();
        }

        CheckedMessages messages()
        {
            return new CheckedMessages(min, max, messageSeed);
        }

        List<String> args(final String mode, final String ring, final String log, final String... more)
        {
            final List<String> args = new ArrayList<>(List.of(mode, "ring=" + ring, "log=" + log, "min=" + min,
                "max=" + max, "seed=" + messageSeed));
            args.addAll(List.of(more));
            return args;
        }

        @Override
        public String toString()
        {
            return capacity + "-byte ring, " + sizes + " messages (" + min + ".." + max + " bytes)";
        }
    }

    @Test
    void producersKilledAtRandomLoseNothingCommittedAndExposeNothingTorn() throws Exception
    {
        final ReliabilityFigures figures = matrix(
            "CrashMatrixTest#producersKilledAtRandomLoseNothingCommittedAndExposeNothingTorn", "producer kill -9",
            Trials.scaled(6, 120), (f) -> f.producerKills, "producer",
            (random, watch, f, kills) -> producerSeries(new Series(random), random, watch, f, kills));
        assertTrue(figures.killsInsideARecord > 0 || !Trials.isReliability(),
            "no kill landed while a record was claimed: the matrix proved less than it should");
    }

    /**
     * Series after series, each on a new ring of its own, until the test's kills are done.
     */
    @FunctionalInterface
    private interface SeriesRun
    {
        void run(SplittableRandom random, CrashWatch watch, ReliabilityFigures figures, int kills) throws Exception;
    }

    /**
     * Runs series until {@code kills} have been made, writes the figures whatever happened, then asserts that none
     * of them is a violation.
     */
    private ReliabilityFigures matrix(final String test, final String kind, final int kills,
        final ToLongFunction<ReliabilityFigures> killed, final String role, final SeriesRun series) throws Exception
    {
        final long seed = Trials.seed(test);
        final SplittableRandom random = new SplittableRandom(seed);
        final ReliabilityFigures figures = new ReliabilityFigures(test, seed);
        figures.trialKind = kind;
        try (CrashWatch watch = new CrashWatch(test))
        {
            try
            {
                while (killed.applyAsLong(figures) < kills)
                {
                    series.run(random, watch, figures,
                        (int)Math.min(KILLS_PER_SERIES, kills - killed.applyAsLong(figures)));
                }
            }
            finally
            {
                figures.jvmCrashes = watch.crashes();
                figures.trials = killed.applyAsLong(figures);
                System.out.println("longest takeover of a dead " + role + "'s role: " + longestTakeoverMs + " ms");
                figures.write();
            }
            assertEquals(0, figures.violations(), problems + "\n" + watch.describe());
        }
        return figures;
    }

    private void producerSeries(final Series series, final SplittableRandom random, final CrashWatch watch,
        final ReliabilityFigures figures, final int kills) throws Exception
    {
        System.out.println("producer kills: " + series);
        final String name = blocks.newName("pkill");
        final String logName = blocks.newName("pklog");
        try (SpscRing ring = SpscRing.create(name, series.capacity);
            RingConsumer consumer = ring.consumer();
            SharedBlock logBlock = SharedBlock.create(logName, DeliveryLog.size(0)))
        {
            final DeliveryLog log = new DeliveryLog(logBlock);
            final DeliveryChecker checker = new DeliveryChecker(series.messages(), null, 0);
            try
            {
                producerKills(series, name, logName, consumer, log, checker, random, watch, figures, kills);
            }
            finally
            {
                System.out.println("  " + checker.received + " messages checked");
                figures.messagesChecked += checker.received + checker.torn;
                figures.tornOrPhantom += checker.torn;
                figures.lost += checker.lost;
                figures.duplicatedBeyondContract += checker.duplicated;
            }
        }
    }

    private void producerKills(final Series series, final String name, final String logName,
        final RingConsumer consumer, final DeliveryLog log, final DeliveryChecker checker,
        final SplittableRandom random, final CrashWatch watch, final ReliabilityFigures figures, final int kills)
        throws Exception
    {
        for (int k = 0; k < kills; k++)
        {
            final String path = PATHS[random.nextInt(PATHS.length)];
            try (ChildJvm victim = watch.start(RingWorker.class, series.args("produce", name, logName,
                "from=" + checker.next, "incarnation=" + k, "path=" + path,
                "slowFill=" + SLOW_FILLS[random.nextInt(SLOW_FILLS.length)]).toArray(new String[0])))
            {
                if (!tookRole(victim, "producing", k > 0, figures))
                {
                    return;
                }
                pollFor(consumer, checker, TimeUnit.MILLISECONDS.toNanos(killDelayMs(random)));
                if (random.nextBoolean())
                {
                    // Catch up, so the kill finds the producer writing rather than waiting on a full ring.
                    while (consumer.poll(checker, 64) > 0)
                    {
                        checkConsumer(checker);
                    }
                }
                final int phase = log.phase();
                watch.kill(victim);
                figures.producerKills++;
                if (DeliveryLog.CLAIMED == phase)
                {
                    figures.killsInsideARecord++;
                }
            }
            drain(consumer, checker, figures);
            final long committed = log.committed();
            if (checker.next < committed)
            {
                figures.lost += committed - checker.next;
                problems.add(series + ": the killed producer had committed up to seq " + (committed - 1) +
                    " but only " + (checker.next - 1) + " arrived");
            }
            else if (checker.next > committed + 1)
            {
                figures.tornOrPhantom += checker.next - committed - 1;
                problems.add(series + ": seqs up to " + (checker.next - 1) + " arrived, but the producer " +
                    "committed only up to " + (committed - 1) + " (and at most one more)");
            }
        }
        // A last producer takes over and finishes: the ring is still whole and in order.
        final long from = checker.next;
        final int count = Trials.scaled(2_000, 5_000);
        try (ChildJvm last = watch.start(RingWorker.class, series.args("produce", name, logName, "from=" + from,
            "count=" + count, "incarnation=" + kills).toArray(new String[0])))
        {
            if (!tookRole(last, "producing", true, figures))
            {
                return;
            }
            final long deadline = System.nanoTime() + WAIT_NS;
            while (checker.next < from + count && System.nanoTime() - deadline < 0)
            {
                consumer.poll(checker, 64);
                checkConsumer(checker);
            }
            awaitExit(last, 0, figures);
        }
        drain(consumer, checker, figures);
        if (checker.next != from + count)
        {
            figures.lost += Math.max(0, from + count - checker.next);
            problems.add(series + ": the last producer committed " + count + " messages from seq " + from +
                ", the consumer is at " + checker.next);
        }
    }

    @Test
    void consumersKilledAtRandomGetOnlyTheBatchInFlightAgain() throws Exception
    {
        matrix("CrashMatrixTest#consumersKilledAtRandomGetOnlyTheBatchInFlightAgain", "consumer kill -9",
            Trials.scaled(6, 120), (f) -> f.consumerKills, "consumer",
            (random, watch, f, kills) -> consumerSeries(new Series(random), LIMITS[random.nextInt(LIMITS.length)],
                random, watch, f, kills));
    }

    private void consumerSeries(final Series series, final int limit, final SplittableRandom random,
        final CrashWatch watch, final ReliabilityFigures figures, final int kills) throws Exception
    {
        System.out.println("consumer kills: " + series + ", batch limit " + limit);
        final String name = blocks.newName("ckill");
        final String logName = blocks.newName("cklog");
        final AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        final Production production = new Production();
        final Thread producerThread;
        final SpscRing ring = SpscRing.create(name, series.capacity);
        try (SharedBlock logBlock = SharedBlock.create(logName, DeliveryLog.size(LOG_SEQS)))
        {
            final DeliveryLog log = new DeliveryLog(logBlock);
            final RingProducer producer = ring.producer();
            production.count = LOG_SEQS - 1;
            production.path = PATHS[random.nextInt(PATHS.length)];
            final long stopAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            final AtomicBoolean stop = new AtomicBoolean();
            production.stop = () -> stop.get() || System.nanoTime() - stopAt > 0;
            final CheckedMessages messages = series.messages();
            producerThread = new Thread(() ->
            {
                try
                {
                    production.run(producer, messages, log);
                }
                catch (final Throwable ex)
                {
                    producerFailure.set(ex);
                }
            }, "crash-matrix-producer");
            producerThread.setDaemon(true);
            producerThread.start();
            try
            {
                long consumedUpTo = -1;
                long deliveredUpTo = -1;
                for (int k = 0; k <= kills; k++)
                {
                    final boolean last = k == kills;
                    if (last)
                    {
                        stop.set(true);
                        producerThread.join(TimeUnit.NANOSECONDS.toMillis(WAIT_NS));
                        if (producerThread.isAlive())
                        {
                            figures.hangs++;
                            problems.add("the producer thread did not stop");
                            return;
                        }
                        log.done();
                    }
                    log.resetFirstOfRun();
                    final List<String> args = new ArrayList<>(series.args("consume", name, logName,
                        "limit=" + limit));
                    if (last)
                    {
                        args.add("untilProducerDone=true");
                    }
                    try (ChildJvm consumer = watch.start(RingWorker.class, args.toArray(new String[0])))
                    {
                        if (!tookRole(consumer, "consuming", k > 0, figures))
                        {
                            return;
                        }
                        if (last)
                        {
                            awaitExit(consumer, 0, figures);
                            if (log.firstOfRun() >= 0)
                            {
                                checkRedelivery(log.firstOfRun(), consumedUpTo, deliveredUpTo, limit, figures);
                            }
                        }
                        else
                        {
                            if (!awaitFirstMessage(log, consumer, figures))
                            {
                                return;
                            }
                            checkRedelivery(log.firstOfRun(), consumedUpTo, deliveredUpTo, limit, figures);
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(killDelayMs(random)));
                            watch.kill(consumer);
                            figures.consumerKills++;
                            checkNoViolation(consumer, figures);
                            consumedUpTo = log.consumedUpTo();
                            deliveredUpTo = log.nextExpected();
                        }
                    }
                }
                if (null != producerFailure.get())
                {
                    throw new AssertionError("the test's producer failed", producerFailure.get());
                }
                final long end = log.committed();
                checkEveryMessageArrived(log, end, Set.of(), figures);
            }
            finally
            {
                stop.set(true);
                producerThread.join(10_000);
                System.out.println("  " + log.checked() + " messages checked, " + production.produced + " produced");
                figures.messagesChecked += log.checked();
                producer.close();
            }
        }
        finally
        {
            ring.close();
        }
    }

    @Test
    void producerAndConsumerKilledTogetherLoseNothingCommitted() throws Exception
    {
        matrix("CrashMatrixTest#producerAndConsumerKilledTogetherLoseNothingCommitted",
            "producer and consumer kill -9 together", Trials.scaled(3, 25), (f) -> f.bothKills, "holder",
            (random, watch, f, kills) -> bothSeries(new Series(random), LIMITS[random.nextInt(LIMITS.length)], random,
                watch, f, kills));
    }

    private void bothSeries(final Series series, final int limit, final SplittableRandom random,
        final CrashWatch watch, final ReliabilityFigures figures, final int kills) throws Exception
    {
        System.out.println("both killed: " + series + ", batch limit " + limit);
        final String name = blocks.newName("bkill");
        final String logName = blocks.newName("bklog");
        try (SpscRing ignored = SpscRing.create(name, series.capacity);
            SharedBlock logBlock = SharedBlock.create(logName, DeliveryLog.size(LOG_SEQS)))
        {
            final DeliveryLog log = new DeliveryLog(logBlock);
            final Set<Long> inFlight = new HashSet<>();
            long from = 0;
            long consumedUpTo = -1;
            long deliveredUpTo = -1;
            for (int k = 0; k <= kills; k++)
            {
                final boolean last = k == kills;
                final String path = PATHS[random.nextInt(PATHS.length)];
                log.resetFirstOfRun();
                final List<String> producerArgs = new ArrayList<>(series.args("produce", name, logName,
                    "from=" + from, "incarnation=" + k, "path=" + path,
                    "slowFill=" + SLOW_FILLS[random.nextInt(SLOW_FILLS.length)]));
                producerArgs.add("count=" + (last ? Trials.scaled(2_000, 5_000) : LOG_SEQS - 1 - from));
                final List<String> consumerArgs = new ArrayList<>(series.args("consume", name, logName,
                    "limit=" + limit, "allowSkip=true"));
                if (last)
                {
                    consumerArgs.add("untilProducerDone=true");
                }
                try (ChildJvm producer = watch.start(RingWorker.class, producerArgs.toArray(new String[0]));
                    ChildJvm consumer = watch.start(RingWorker.class, consumerArgs.toArray(new String[0])))
                {
                    if (!tookRole(producer, "producing", k > 0, figures) ||
                        !tookRole(consumer, "consuming", k > 0, figures))
                    {
                        return;
                    }
                    if (last)
                    {
                        awaitExit(producer, 0, figures);
                        awaitExit(consumer, 0, figures);
                        if (log.firstOfRun() >= 0)
                        {
                            checkRedelivery(log.firstOfRun(), consumedUpTo, deliveredUpTo, limit, figures);
                        }
                        break;
                    }
                    if (!awaitFirstMessage(log, consumer, figures))
                    {
                        return;
                    }
                    checkRedelivery(log.firstOfRun(), consumedUpTo, deliveredUpTo, limit, figures);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(killDelayMs(random)));
                    final int phase = log.phase();
                    // Both at once: the signals go out before either death is waited for, in a random order.
                    final boolean producerFirst = random.nextBoolean();
                    (producerFirst ? producer : consumer).process().destroyForcibly();
                    (producerFirst ? consumer : producer).process().destroyForcibly();
                    watch.kill(producer);
                    watch.kill(consumer);
                    figures.bothKills++;
                    if (DeliveryLog.CLAIMED == phase)
                    {
                        figures.killsInsideARecord++;
                    }
                    checkNoViolation(consumer, figures);
                    // The message the producer may have been writing, never committed: the only seq allowed missing.
                    final long writing = Math.max(log.committed(), from);
                    inFlight.add(writing);
                    from = writing + 1;
                    consumedUpTo = log.consumedUpTo();
                    deliveredUpTo = log.nextExpected();
                }
            }
            System.out.println("  " + log.checked() + " messages checked, " + log.committed() + " committed, " +
                log.skipped() + " skipped where a killed producer was writing");
            figures.messagesChecked += log.checked();
            checkEveryMessageArrived(log, log.committed(), inFlight, figures);
        }
    }

    /**
     * How long a victim lives after it started working: often briefly (still interpreted), often long enough for
     * its hot paths to be compiled.
     */
    private static int killDelayMs(final SplittableRandom random)
    {
        return random.nextBoolean() ? random.nextInt(5, 250) : random.nextInt(250, Trials.scaled(700, 1500));
    }

    /**
     * A new consumer's first message against the dead one's progress: it may repeat one batch (the one in flight, or
     * the last one delivered, whose commit waits for the next poll), never anything committed before it.
     */
    private void checkRedelivery(final long first, final long consumedUpTo, final long deliveredUpTo, final int limit,
        final ReliabilityFigures figures)
    {
        if (consumedUpTo < 0)
        {
            return;
        }
        if (first < consumedUpTo)
        {
            figures.duplicatedBeyondContract += consumedUpTo - first;
            problems.add("a consumer started at seq " + first + " though its predecessor's last completed poll " +
                "had consumed up to " + consumedUpTo + ": delivered again beyond the batch in flight");
        }
        else if (first < deliveredUpTo)
        {
            figures.redeliveredWithinContract += deliveredUpTo - first;
            if (deliveredUpTo - first > limit)
            {
                figures.duplicatedBeyondContract += deliveredUpTo - first - limit;
                problems.add("a consumer redelivered " + (deliveredUpTo - first) + " messages, more than one batch " +
                    "of " + limit);
            }
        }
    }

    private void checkEveryMessageArrived(final DeliveryLog log, final long end, final Set<Long> mayBeMissing,
        final ReliabilityFigures figures)
    {
        long lost = 0;
        long firstLost = -1;
        for (long seq = 0; seq < end; seq++)
        {
            if (0 == log.deliveries(seq) && !mayBeMissing.contains(seq))
            {
                lost++;
                if (firstLost < 0)
                {
                    firstLost = seq;
                }
            }
        }
        if (lost > 0)
        {
            figures.lost += lost;
            problems.add(lost + " committed messages never arrived, the first seq " + firstLost + " (of " + end + ")");
        }
    }

    private boolean tookRole(final ChildJvm child, final String prefix, final boolean takeover,
        final ReliabilityFigures figures) throws InterruptedException
    {
        final String line;
        try
        {
            line = child.awaitLine((l) -> l.startsWith(prefix) || l.startsWith("ERROR"), START);
        }
        catch (final AssertionError ex)
        {
            figures.hangs++;
            problems.add("no '" + prefix + "' within " + START + ": " + ex.getMessage());
            return false;
        }
        if (line.startsWith("ERROR"))
        {
            if (line.contains("TAKEOVER"))
            {
                figures.failedTakeovers++;
            }
            else
            {
                figures.unclearAnswers++;
            }
            problems.add(line + child.report());
            return false;
        }
        final Matcher m = ACQUIRE.matcher(line);
        if (!m.find() || takeover != Boolean.parseBoolean(m.group(1)))
        {
            figures.failedTakeovers++;
            problems.add("expected tookOver=" + takeover + ": " + line);
            return false;
        }
        if (takeover)
        {
            longestTakeoverMs = Math.max(longestTakeoverMs, Long.parseLong(m.group(2)));
        }
        return true;
    }

    private boolean awaitFirstMessage(final DeliveryLog log, final ChildJvm consumer, final ReliabilityFigures figures)
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (log.firstOfRun() < 0)
        {
            if (!consumer.isAlive() || System.nanoTime() - deadline > 0)
            {
                if (consumer.isAlive())
                {
                    figures.hangs++;
                }
                checkNoViolation(consumer, figures);
                problems.add("the consumer received nothing: " + consumer.report());
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    private void checkNoViolation(final ChildJvm child, final ReliabilityFigures figures)
    {
        for (final String line : child.stdoutLines())
        {
            if (line.startsWith("ERROR VIOLATION"))
            {
                if (line.contains("lost:"))
                {
                    figures.lost++;
                }
                else if (line.contains("delivered again:"))
                {
                    figures.duplicatedBeyondContract++;
                }
                else
                {
                    figures.tornOrPhantom++;
                }
                problems.add(line);
            }
            else if (line.startsWith("ERROR HANG"))
            {
                figures.hangs++;
                problems.add(line);
            }
            else if (line.startsWith("ERROR"))
            {
                figures.unclearAnswers++;
                problems.add(line + child.report());
            }
        }
    }

    private void awaitExit(final ChildJvm child, final int expected, final ReliabilityFigures figures)
        throws InterruptedException
    {
        final int status;
        try
        {
            status = child.awaitExit(Duration.ofNanos(WAIT_NS));
        }
        catch (final AssertionError ex)
        {
            figures.hangs++;
            problems.add(ex.getMessage());
            return;
        }
        checkNoViolation(child, figures);
        if (status != expected && status < 128)
        {
            problems.add("exit " + status + child.report());
            if (status != RingWorker.EXIT_VIOLATION && status != RingWorker.EXIT_HANG)
            {
                figures.unclearAnswers++;
            }
        }
    }

    private void pollFor(final RingConsumer consumer, final DeliveryChecker checker, final long ns)
    {
        final long end = System.nanoTime() + ns;
        while (System.nanoTime() - end < 0)
        {
            consumer.poll(checker, 64);
            checkConsumer(checker);
        }
    }

    private void checkConsumer(final DeliveryChecker checker)
    {
        if (null != checker.error)
        {
            throw new AssertionError("the test's consumer saw a violation: " + checker.error);
        }
    }

    /**
     * Delivers everything the dead producer committed, then checks that nothing more appears: no phantom.
     */
    private void drain(final RingConsumer consumer, final DeliveryChecker checker, final ReliabilityFigures figures)
    {
        while (consumer.poll(checker, 64) > 0)
        {
            checkConsumer(checker);
        }
        for (int i = 0; i < 200; i++)
        {
            if (consumer.poll(checker, 64) > 0)
            {
                figures.tornOrPhantom++;
                problems.add("a message appeared after the producer was dead and the ring drained: phantom");
            }
        }
    }
}
