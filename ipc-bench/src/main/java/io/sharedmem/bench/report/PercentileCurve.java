/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A round-trip latency distribution as points (percentile, value), the shape of HdrHistogram's percentile plots:
 * drawn against {@code 1/(1-percentile)} on a log axis, the tail gets as much room as the median.
 * <p>
 * Comes from a histogram ({@link #of(AbstractHistogram)}), from a {@code .hgrm} file ({@link HgrmFiles#read}), or,
 * when neither is at hand, from the six percentiles in {@code results.json} ({@link #of(BenchResults.Rtt)}).
 * Immutable and thread-safe.
 *
 * @param points the points by increasing percentile.
 */
public record PercentileCurve(List<Point> points)
{
    /**
     * Ticks per halving of the distance to 100 %, as HdrHistogram's own percentile output uses.
     */
    public static final int TICKS_PER_HALF_DISTANCE = 5;

    /**
     * One point of the curve.
     *
     * @param percentile the fraction of samples at or below the value, 0 to 1.
     * @param valueNs    the value in nanoseconds.
     * @param totalCount how many samples are at or below it.
     */
    public record Point(double percentile, double valueNs, long totalCount)
    {
    }

    /**
     * Copies the points.
     */
    public PercentileCurve
    {
        points = List.copyOf(points);
    }

    /**
     * The curve of a histogram of nanoseconds, at the points HdrHistogram's percentile output would print.
     *
     * @param histogram the histogram; only read, but its percentile iteration is not thread-safe.
     * @return the curve; empty for an empty histogram.
     */
    public static PercentileCurve of(final AbstractHistogram histogram)
    {
        final List<Point> points = new ArrayList<>();
        if (histogram.getTotalCount() > 0)
        {
            for (final HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE))
            {
                points.add(new Point(value.getPercentileLevelIteratedTo() / 100.0, value.getValueIteratedTo(),
                    value.getTotalCountToThisValue()));
            }
        }
        return new PercentileCurve(points);
    }

    /**
     * A coarse curve through the percentiles of {@code results.json}: p50, p90, p99, p99.9, p99.99 and max.
     *
     * @param rtt the percentiles.
     * @return the curve.
     */
    public static PercentileCurve of(final BenchResults.Rtt rtt)
    {
        final long n = rtt.samples();
        return new PercentileCurve(List.of(
            new Point(0.5, rtt.p50(), Math.round(n * 0.5)),
            new Point(0.9, rtt.p90(), Math.round(n * 0.9)),
            new Point(0.99, rtt.p99(), Math.round(n * 0.99)),
            new Point(0.999, rtt.p999(), Math.round(n * 0.999)),
            new Point(0.9999, rtt.p9999(), Math.round(n * 0.9999)),
            new Point(1.0, rtt.max(), n)));
    }

    /**
     * The points as chart coordinates {@code [1/(1-percentile), nanoseconds]}. The 100 % point, which has no finite
     * abscissa, is placed at the sample count (where {@code 1/(1-p)} would put the last of {@code n} samples), and
     * never before the previous point.
     *
     * @return pairs {@code [x, y]}, x not decreasing.
     */
    public List<double[]> chartPoints()
    {
        final List<double[]> xy = new ArrayList<>(points.size());
        double lastX = 1.0;
        for (final Point point : points)
        {
            final double x = Math.max(lastX,
                point.percentile() >= 1.0 ? point.totalCount() : 1.0 / (1.0 - point.percentile()));
            xy.add(new double[] { x, point.valueNs() });
            lastX = x;
        }
        return xy;
    }

    /**
     * Whether the curve has no points.
     *
     * @return {@code true} if empty.
     */
    public boolean isEmpty()
    {
        return points.isEmpty();
    }
}
