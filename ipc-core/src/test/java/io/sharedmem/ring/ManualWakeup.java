/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.testing.ChildJvm;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A manual tool, not a test: what an idle consumer costs and how fast it wakes, with the doorbell idle strategy or
 * Agrona's backoff strategy.
 * <pre>
 * java -cp ... io.sharedmem.ring.ManualWakeup doorbell|backoff IDLE_SECONDS MESSAGES
 * </pre>
 * Starts a consumer JVM waiting in {@code read}, measures its CPU time (utime + stime from {@code /proc/PID/stat})
 * over the idle seconds, then sends messages one at a time at random gaps of 1 to 5 ms, each carrying
 * {@code System.nanoTime()} ({@code CLOCK_MONOTONIC}, shared by processes); the consumer prints the wake-up latency
 * percentiles.
 */
public final class ManualWakeup
{
    private ManualWakeup()
    {
    }

    /**
     * Entry point.
     *
     * @param args see the class comment.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        if ("consume".equals(args[0]))
        {
            consume(args[1], args[2], Integer.parseInt(args[3]));
            return;
        }
        final String strategy = args[0];
        final int idleSeconds = Integer.parseInt(args[1]);
        final int messages = Integer.parseInt(args[2]);
        final String name = "smtest-wakeup-" + ProcessHandle.current().pid();
        try (SpscRing ring = SpscRing.create(name, 1 << 16);
            RingProducer producer = ring.producer();
            ChildJvm consumer = ChildJvm.start(List.of("-Xmx64m"), ManualWakeup.class, "consume", name, strategy,
                Integer.toString(messages)))
        {
            consumer.awaitLineStartingWith("waiting", Duration.ofSeconds(60));
            Thread.sleep(2000);
            final long cpuBefore = cpuTicks(consumer.pid());
            final long runBefore = runNanos(consumer.pid());
            final long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
            final long cpuTicks = cpuTicks(consumer.pid()) - cpuBefore;
            final long runNanos = runNanos(consumer.pid()) - runBefore;
            final double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: idle consumer CPU %.2f %% of a core over %.1f s (scheduler run time, all threads); " +
                "utime+stime ticks say %.2f %%%n", strategy, 100.0 * runNanos / 1e9 / seconds, seconds,
                100.0 * cpuTicks / 100.0 / seconds);

            final UnsafeBuffer src = new UnsafeBuffer(new byte[64]);
            final SplittableRandom random = new SplittableRandom();
            for (int i = 0; i < messages; i++)
            {
                Thread.sleep(0, 0);
                final long gapNs = TimeUnit.MICROSECONDS.toNanos(random.nextInt(1000, 5000));
                final long until = System.nanoTime() + gapNs;
                while (System.nanoTime() < until)
                {
                    Thread.sleep(0, 200_000);
                }
                src.putLong(0, System.nanoTime());
                while (!producer.offer(1, src, 0, 64))
                {
                    Thread.onSpinWait();
                }
            }
            System.out.println(strategy + ": " + consumer.awaitLineStartingWith("wake-up", Duration.ofSeconds(60)));
            ring.unlink();
        }
    }

    private static void consume(final String name, final String strategy, final int messages)
    {
        final long[] latencies = new long[messages];
        final int[] n = new int[1];
        try (SpscRing ring = SpscRing.attach(name); RingConsumer consumer = ring.consumer())
        {
            final IdleStrategy idle = "doorbell".equals(strategy) ? consumer.doorbellIdleStrategy() :
                new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            System.out.println("waiting");
            while (n[0] < messages)
            {
                consumer.read((t, b, i, l) -> latencies[n[0]++] = System.nanoTime() - b.getLong(i), 1, idle,
                    Duration.ofSeconds(120));
            }
            Arrays.sort(latencies);
            System.out.printf("wake-up latency us: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f (%d messages%s)%n",
                latencies[messages / 2] / 1e3, latencies[messages * 9 / 10] / 1e3, latencies[messages * 99 / 100] / 1e3,
                latencies[messages - 1] / 1e3, messages, idle instanceof DoorbellIdleStrategy ?
                ", " + ((DoorbellIdleStrategy)idle).sleeps() + " sleeps" : "");
        }
    }

    /**
     * Nanoseconds on a CPU of all the process's threads, from {@code /proc/PID/task/TID/schedstat}: exact, unlike the
     * tick-sampled utime and stime, which over-charge a process that wakes in step with the timer tick.
     */
    private static long runNanos(final long pid) throws Exception
    {
        long total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    total += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                }
                catch (final java.io.IOException ex)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        return total;
    }

    private static long cpuTicks(final long pid) throws Exception
    {
        final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
