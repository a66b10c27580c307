/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The performance targets set for {@code spsc-ring} (and its claim path), judged against a run's results. The targets
 * are data: the table in {@code targets.md} beside this class, one row per target naming who set it, the transport
 * judged (the subject), the measure, the percentile, the transport compared with, the bound and the message size.
 * <p>
 * Target ids read like {@code rtt-p50-vs-tcp-64}, {@code throughput-vs-aeron-ipc-1024}, prefixed by the subject when
 * it is not {@code spsc-ring} ({@code spsc-ring-claim-throughput-vs-aeron-ipc-claim-64}); a note in
 * {@link BenchResults#targetNotes()} under that id is shown as the "why" of the outcome. These are ratios from one
 * run on one machine, never timed tests.
 * <p>
 * The "at most" round-trip targets (against raw-block, Agrona and Aeron: all shared memory, all moved alike by the
 * vCPU placement) are judged on the transports' {@link BenchResults.Placement probe-normalised} figures when both
 * have them, and say so; the others on the measured figures. Stateless and thread-safe.
 */
public final class Targets
{
    private static final String DEFAULT_SUBJECT = ResultTable.BASELINE;

    private enum Measure
    {
        /** Other's round trip over the subject's, at least the bound. */
        RTT_LOWER_BY,
        /** The subject's round trip over other's, at most the bound. */
        RTT_AT_MOST,
        /** The subject's throughput over other's, at least the bound. */
        THROUGHPUT_HIGHER_BY
    }

    private record Target(
        String source, String subject, Measure measure, String percentile, String other, double bound, int size)
    {
        String id()
        {
            return (DEFAULT_SUBJECT.equals(subject) ? "" : subject + "-") +
                (Measure.THROUGHPUT_HIGHER_BY == measure ? "throughput" : "rtt-" + percentile) +
                "-vs-" + other + "-" + size;
        }

        String description()
        {
            final String at = " at " + Formats.size(size);
            final String bound = Formats.bound(this.bound);
            final String rtt = subject + " " + ("p999".equals(percentile) ? "p99.9" : percentile) + " RTT ";
            switch (measure)
            {
                case RTT_LOWER_BY:
                    return rtt + "≥ " + bound + " lower than " + other + at;
                case RTT_AT_MOST:
                    return rtt + (1.0 == this.bound ? "≤ " + other + "'s" : "≤ " + bound + " " + other + "'s") + at;
                default:
                    return subject + " throughput ≥ " + bound + " " + other + "'s" + at;
            }
        }
    }

    private static final List<Target> TARGETS = read("targets.md");

    private Targets()
    {
    }

    /**
     * Judges every target against the results; notes in {@link BenchResults#targetNotes()} become the outcomes'
     * {@link TargetOutcome#why()}.
     *
     * @param results the run's results.
     * @return one outcome per target, in the order above.
     */
    public static List<TargetOutcome> evaluate(final BenchResults results)
    {
        final List<TargetOutcome> outcomes = new ArrayList<>(TARGETS.size());
        for (final Target target : TARGETS)
        {
            outcomes.add(evaluate(target, results));
        }
        return outcomes;
    }

    /**
     * The ids of every target, in order.
     *
     * @return the ids.
     */
    public static List<String> ids()
    {
        final List<String> ids = new ArrayList<>(TARGETS.size());
        for (final Target target : TARGETS)
        {
            ids.add(target.id());
        }
        return ids;
    }

    private static TargetOutcome evaluate(final Target target, final BenchResults results)
    {
        final String why = results.targetNotes().get(target.id());
        final BenchResults.Result spsc = results.find(target.subject(), target.size());
        final BenchResults.Result other = results.find(target.other(), target.size());
        final boolean throughput = Measure.THROUGHPUT_HIGHER_BY == target.measure();
        final String missing = missing(spsc, target.subject(), target.size(), throughput) +
            missing(other, target.other(), target.size(), throughput);
        final String comparison = Measure.RTT_AT_MOST == target.measure() ?
            TargetOutcome.AT_MOST : TargetOutcome.AT_LEAST;
        if (!missing.isEmpty())
        {
            return new TargetOutcome(target.id(), target.description(), target.source(), target.size(),
                TargetOutcome.NOT_MEASURED, comparison, target.bound(), null, null, null, missing.trim(), why, null,
                null);
        }

        // Every target is a ratio of the subject's figure and the other's, one way up or the other; the most favourable
        // repetitions give the best case: the largest numerator over the smallest denominator for "at least".
        final boolean atLeast = TargetOutcome.AT_LEAST.equals(comparison);
        final boolean oursOnTop = Measure.RTT_LOWER_BY != target.measure();
        final BenchResults.Result top = oursOnTop ? spsc : other;
        final BenchResults.Result bottom = oursOnTop ? other : spsc;
        double actual = throughput ? top.throughput().msgsPerS() / bottom.throughput().msgsPerS() :
            (double)top.rttNs().at(target.percentile()) / bottom.rttNs().at(target.percentile());
        final BenchResults.Range high = null == spsc.spread() || null == other.spread() ? null :
            throughput ? top.spread().msgsPerS() : top.spread().rtt(target.percentile());
        final BenchResults.Range low = null == high ? null :
            throughput ? bottom.spread().msgsPerS() : bottom.spread().rtt(target.percentile());
        Double bestCase = null == high || null == low ? null :
            atLeast ? high.max() / low.min() : high.min() / low.max();
        String basis = null;
        Double measured = null;
        final double normalised = Measure.RTT_AT_MOST == target.measure() && null != spsc.placement() &&
            null != other.placement() ? spsc.placement().overProbe(target.percentile()) /
            other.placement().overProbe(target.percentile()) : Double.NaN;
        if (Double.isFinite(normalised))
        {
            measured = actual;
            actual = normalised;
            basis = TargetOutcome.PROBE_NORMALISED;
            bestCase = null;
        }

        final boolean met = atLeast ? actual >= target.bound() : actual <= target.bound();
        final Double shortfall = met ? null : Math.abs(target.bound() - actual) / target.bound();
        return new TargetOutcome(target.id(), target.description(), target.source(), target.size(),
            met ? TargetOutcome.MET : TargetOutcome.MISSED, comparison, target.bound(), actual, shortfall,
            met ? null : bestCase, null, why, basis, measured);
    }

    private static String missing(
        final BenchResults.Result result, final String transport, final int size, final boolean throughput)
    {
        if (null == result)
        {
            return transport + " not run at " + Formats.size(size) + ". ";
        }
        if (!result.hasFigures())
        {
            return String.format(Locale.ROOT, "%s failed at %s: %s. ", transport, Formats.size(size),
                null == result.error() ? "no figures" : result.error());
        }
        if (throughput && !(result.throughput().msgsPerS() > 0))
        {
            return transport + " has no throughput figure at " + Formats.size(size) + ". ";
        }
        return "";
    }

    private static List<Target> read(final String resource)
    {
        final List<Target> targets = new ArrayList<>();
        try (InputStream in = Targets.class.getResourceAsStream(resource))
        {
            if (null == in)
            {
                throw new IllegalStateException("the targets " + resource + " are missing from the jar");
            }
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                // The rows of the Markdown table; its header and rule have no size.
                final String[] f = line.replaceAll("^\\s*\\|\\s*|\\s*\\|\\s*$", "").split("\\s*\\|\\s*", -1);
                if (7 == f.length && f[6].matches("\\d+"))
                {
                    targets.add(new Target(f[0], f[1],
                        Measure.valueOf(f[2].toUpperCase(Locale.ROOT).replace('-', '_')), f[3].isEmpty() ? null : f[3],
                        f[4], Double.parseDouble(f[5]), Integer.parseInt(f[6])));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the targets " + resource, ex);
        }
        return List.copyOf(targets);
    }
}
