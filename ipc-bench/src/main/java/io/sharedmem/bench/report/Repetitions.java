/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.HdrHistogram.AbstractHistogram;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Summarises the repetitions of one transport at one size into a {@link BenchResults.Result}: each figure is the
 * median over the repetitions, with the minimum and maximum as the spread, as the suite reports them.
 * <pre>{@code
 * List<Repetitions.Figures> reps = ...;   // one per repetition: its RTT histogram (ns), msgs/s, B/msg
 * Result result = Repetitions.summarise("spsc-ring", 64, reps, Map.of("capacity", "65536"));
 * }</pre>
 * With an even number of repetitions the median is the mean of the middle two. Stateless and thread-safe.
 */
public final class Repetitions
{
    private Repetitions()
    {
    }

    /**
     * What one repetition measured.
     *
     * @param rttNs            its round-trip times, recorded in nanoseconds; only read.
     * @param msgsPerS         its one-way throughput in messages per second.
     * @param allocBytesPerMsg bytes allocated per message in its child JVMs, or {@code null} if not measured.
     */
    public record Figures(AbstractHistogram rttNs, double msgsPerS, Double allocBytesPerMsg)
    {
        /**
         * Checks the histogram is there.
         */
        public Figures
        {
            Objects.requireNonNull(rttNs, "rttNs");
        }
    }

    /**
     * The median of each figure over the repetitions, the spread, and the total sample count.
     *
     * @param transport   the transport's name.
     * @param size        the message size in bytes.
     * @param repetitions what each repetition measured; at least one.
     * @param settings    the transport's settings, as text.
     * @return the result.
     * @throws IllegalArgumentException if there are no repetitions.
     */
    public static BenchResults.Result summarise(
        final String transport,
        final int size,
        final List<Figures> repetitions,
        final Map<String, String> settings)
    {
        final int n = repetitions.size();
        if (0 == n)
        {
            throw new IllegalArgumentException("no repetitions to summarise for " + new ResultKey(transport, size));
        }

        final double[] p50 = new double[n];
        final double[] p90 = new double[n];
        final double[] p99 = new double[n];
        final double[] p999 = new double[n];
        final double[] p9999 = new double[n];
        final double[] max = new double[n];
        final double[] msgs = new double[n];
        final double[] alloc = new double[n];
        long samples = 0;
        int allocCount = 0;
        for (int i = 0; i < n; i++)
        {
            final Figures figures = repetitions.get(i);
            final BenchResults.Rtt rtt = BenchResults.Rtt.of(figures.rttNs());
            p50[i] = rtt.p50();
            p90[i] = rtt.p90();
            p99[i] = rtt.p99();
            p999[i] = rtt.p999();
            p9999[i] = rtt.p9999();
            max[i] = rtt.max();
            samples += rtt.samples();
            msgs[i] = figures.msgsPerS();
            if (null != figures.allocBytesPerMsg())
            {
                alloc[allocCount++] = figures.allocBytesPerMsg();
            }
        }

        final BenchResults.Rtt rtt = new BenchResults.Rtt(
            Math.round(median(p50)), Math.round(median(p90)), Math.round(median(p99)), Math.round(median(p999)),
            Math.round(median(p9999)), Math.round(median(max)), samples);
        final BenchResults.Spread spread = new BenchResults.Spread(range(p50), range(p99), range(p999), range(msgs));
        final Double allocBytesPerMsg = 0 == allocCount ? null : median(Arrays.copyOf(alloc, allocCount));

        return BenchResults.Result.measured(
            transport, size, rtt, BenchResults.Throughput.of(median(msgs), size), allocBytesPerMsg, n, spread,
            settings);
    }

    /**
     * The median: with an even number of values, the mean of the middle two.
     *
     * @param values the values; not modified.
     * @return the median, or {@link Double#NaN} if there are none.
     */
    public static double median(final double[] values)
    {
        if (0 == values.length)
        {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return 0 == (sorted.length & 1) ? (sorted[middle - 1] + sorted[middle]) / 2.0 : sorted[middle];
    }

    private static BenchResults.Range range(final double[] values)
    {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double value : values)
        {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new BenchResults.Range(min, max);
    }
}
