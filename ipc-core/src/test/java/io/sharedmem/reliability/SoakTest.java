/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.CrashWatch;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.TestBlocks;
import io.sharedmem.testing.Trials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Soak: a producer JVM and a consumer JVM at full speed through one ring, 10 s in {@code mvn verify}, 10 minutes with
 * {@code -Preliability}. Every message is checked (sequence number, length, type, CRC32C, every byte, in order), and
 * each child's open file descriptors, threads and resident memory are sampled from {@code /proc} every second: after
 * the warm-up they must stay flat.
 */
class SoakTest
{
    private static final int CAPACITY = 64 * 1024;
    private static final int MAX = 1024;
    private static final long SEED = 11;
    private static final int FD_SLACK = 2;
    private static final int THREAD_SLACK = 4;
    private static final long RSS_SLACK_KB = 24 * 1024;
    /**
     * A fixed heap, every page of it touched at start: resident memory then shows what the process keeps, not how
     * far its young generation has been written to so far (in a 10 s run that alone grows it by tens of MiB).
     */
    private static final List<String> HEAP = List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch");

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    /**
     * One look at a process in {@code /proc}.
     *
     * @param secondsIn seconds since the start.
     * @param fds       open file descriptors.
     * @param threads   threads.
     * @param rssKb     resident memory, KiB.
     */
    record Sample(double secondsIn, int fds, int threads, long rssKb)
    {
    }

    @Test
    void producerAndConsumerAtFullSpeedCheckEveryMessageAndStayFlat() throws Exception
    {
        final String test = "SoakTest#producerAndConsumerAtFullSpeedCheckEveryMessageAndStayFlat";
        final long durationMs = Trials.scaledMs(10_000, 600_000);
        final ReliabilityFigures figures = new ReliabilityFigures(test, 0);
        figures.trialKind = "soak, " + durationMs / 1000 + " s at full speed";
        final String name = blocks.newName("soak");
        final String logName = blocks.newName("soaklog");
        final List<String> problems = new ArrayList<>();
        try (SpscRing ignored = SpscRing.create(name, CAPACITY);
            SharedBlock logBlock = SharedBlock.create(logName, DeliveryLog.size(0));
            CrashWatch watch = new CrashWatch(test))
        {
            final DeliveryLog log = new DeliveryLog(logBlock);
            final String[] common = { "ring=" + name, "log=" + logName, "min=16", "max=" + MAX, "seed=" + SEED };
            try
            {
                final ChildJvm consumer = watch.start(HEAP, RingWorker.class,
                    concat(common, "consume", "limit=256", "untilProducerDone=true"));
                consumer.awaitLineStartingWith("consuming", Duration.ofSeconds(60));
                final ChildJvm producer = watch.start(HEAP, RingWorker.class,
                    concat(common, "produce", "path=mixed", "durationMs=" + durationMs));
                producer.awaitLineStartingWith("producing", Duration.ofSeconds(60));

                final List<Sample> producerSamples = new ArrayList<>();
                final List<Sample> consumerSamples = new ArrayList<>();
                final long start = System.nanoTime();
                final long intervalMs = durationMs >= 60_000 ? 1_000 : 500;
                while (producer.isAlive())
                {
                    Thread.sleep(intervalMs);
                    final double at = (System.nanoTime() - start) / 1e9;
                    sample(producer, at, producerSamples);
                    sample(consumer, at, consumerSamples);
                    if (at > durationMs / 1000.0 + 120)
                    {
                        figures.hangs++;
                        problems.add("the producer did not stop");
                        break;
                    }
                }
                final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                awaitExit(producer, figures, problems);
                awaitExit(consumer, figures, problems);
                final long produced = log.committed();
                final long checked = log.checked();
                figures.trials = 1;
                figures.messagesChecked = checked;
                figures.tornOrPhantom += log.violations();
                if (checked != produced)
                {
                    figures.lost += Math.max(0, produced - checked);
                    problems.add("the producer committed " + produced + " messages, the consumer checked " + checked);
                }
                System.out.printf("soak: %,d messages in %d s (%,.0f msgs/s), every one checked%n", checked, seconds,
                    checked / Math.max(1.0, seconds));
                checkFlat("producer", producerSamples, problems);
                checkFlat("consumer", consumerSamples, problems);
            }
            finally
            {
                figures.jvmCrashes = watch.crashes();
                figures.write();
            }
            assertEquals(0, figures.violations(), problems + "\n" + watch.describe());
            assertTrue(problems.isEmpty(), problems.toString());
        }
    }

    private static String[] concat(final String[] common, final String mode, final String... more)
    {
        final List<String> args = new ArrayList<>();
        args.add(mode);
        args.addAll(List.of(common));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static void awaitExit(final ChildJvm child, final ReliabilityFigures figures, final List<String> problems)
        throws InterruptedException
    {
        try
        {
            final int status = child.awaitExit(Duration.ofSeconds(120));
            if (0 != status)
            {
                problems.add(child.fullReport());
                if (RingWorker.EXIT_HANG == status)
                {
                    figures.hangs++;
                }
                else if (RingWorker.EXIT_VIOLATION == status)
                {
                    figures.tornOrPhantom++;
                }
            }
        }
        catch (final AssertionError ex)
        {
            figures.hangs++;
            problems.add(ex.getMessage());
        }
    }

    private static void sample(final ChildJvm child, final double at, final List<Sample> samples)
    {
        final Path proc = Path.of("/proc", Long.toString(child.pid()));
        try (Stream<Path> fds = Files.list(proc.resolve("fd")))
        {
            final int fdCount = (int)fds.count();
            int threads = -1;
            long rss = -1;
            for (final String line : Files.readAllLines(proc.resolve("status")))
            {
                if (line.startsWith("State:") && line.substring(6).trim().matches("[ZX].*"))
                {
                    return;     // exiting: its descriptors and threads are being torn down, not leaked or dropped
                }
                if (line.startsWith("Threads:"))
                {
                    threads = Integer.parseInt(line.substring(8).trim());
                }
                else if (line.startsWith("VmRSS:"))
                {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            if (child.isAlive())
            {
                // Alive after the look, so the look saw a running process, not one that ended during the sleep.
                samples.add(new Sample(at, fdCount, threads, rss));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // The child ended between two looks.
        }
    }

    /**
     * After the warm-up (the first fifth, at least 3 s), file descriptors and threads stay within a small band and
     * resident memory does not grow from the first third of what is left to the last third.
     */
    private static void checkFlat(final String who, final List<Sample> samples, final List<String> problems)
    {
        final double warmUp = Math.max(3.0, samples.isEmpty() ? 0 : samples.get(samples.size() - 1).secondsIn() / 5);
        final List<Sample> steady = samples.stream().filter((s) -> s.secondsIn() >= warmUp).toList();
        if (steady.size() < 3)
        {
            problems.add(who + ": only " + steady.size() + " samples after the warm-up");
            return;
        }
        final int fdMin = steady.stream().mapToInt(Sample::fds).min().orElse(0);
        final int fdMax = steady.stream().mapToInt(Sample::fds).max().orElse(0);
        final int threadMin = steady.stream().mapToInt(Sample::threads).min().orElse(0);
        final int threadMax = steady.stream().mapToInt(Sample::threads).max().orElse(0);
        final int third = Math.max(1, steady.size() / 3);
        final double rssFirst = steady.subList(0, third).stream().mapToLong(Sample::rssKb).average().orElse(0);
        final double rssLast = steady.subList(steady.size() - third, steady.size()).stream()
            .mapToLong(Sample::rssKb).average().orElse(0);
        System.out.printf("soak %s: %d samples after %.0f s of warm-up: fds %d..%d, threads %d..%d, RSS %.1f MiB -> " +
            "%.1f MiB%n", who, steady.size(), warmUp, fdMin, fdMax, threadMin, threadMax, rssFirst / 1024,
            rssLast / 1024);
        if (fdMax - fdMin > FD_SLACK)
        {
            problems.add(who + ": open file descriptors went from " + fdMin + " to " + fdMax);
        }
        if (threadMax - threadMin > THREAD_SLACK)
        {
            problems.add(who + ": threads went from " + threadMin + " to " + threadMax);
        }
        if (rssLast - rssFirst > Math.max(RSS_SLACK_KB, rssFirst / 10))
        {
            problems.add(who + String.format(": resident memory grew from %.1f MiB to %.1f MiB", rssFirst / 1024,
                rssLast / 1024));
        }
    }
}
