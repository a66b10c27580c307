/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The performance targets the issues set for {@code spsc-ring}, judged against a run's results.
 * <p>
 * Issue 4 (benchmark suite), at 64-byte messages: p50 round trip at least 50× lower than blocking {@code tcp} and
 * {@code uds}, 40× lower than {@code pipe}, 15× lower than the spin-polled variants; throughput at least 100×
 * {@code tcp} and 1.5× {@code aeron-ipc}; p50 round trip at most 1.1× {@code raw-block}. Issue 3 (ring) adds:
 * throughput at least 1.5× {@code aeron-ipc} at 1 KiB too, and p50 and p99.9 round trip at most
 * {@code agrona-one-to-one}'s and {@code aeron-ipc}'s (at 64 bytes here). Targets that both issues set are judged
 * once.
 * <p>
 * Target ids read like {@code rtt-p50-vs-tcp-64}, {@code throughput-vs-aeron-ipc-1024}; a note in
 * {@link BenchResults#targetNotes()} under that id is shown as the "why" of the outcome. These are ratios from one
 * run on one machine, never timed tests.
 * <p>
 * The "at most" round-trip targets (against raw-block, Agrona and Aeron: all shared memory, all moved alike by the
 * vCPU placement) are judged on the transports' {@link BenchResults.Placement probe-normalised} figures when both
 * have them, and say so; the others on the measured figures. Stateless and thread-safe.
 */
public final class Targets
{
    private enum Measure
    {
        /** Other's round trip over spsc-ring's, at least the bound. */
        RTT_LOWER_BY,
        /** spsc-ring's round trip over other's, at most the bound. */
        RTT_AT_MOST,
        /** spsc-ring's throughput over other's, at least the bound. */
        THROUGHPUT_HIGHER_BY
    }

    private record Target(String source, Measure measure, String percentile, String other, double bound, int size)
    {
        String id()
        {
            return (Measure.THROUGHPUT_HIGHER_BY == measure ? "throughput" : "rtt-" + percentile) +
                "-vs-" + other + "-" + size;
        }

        String description()
        {
            final String at = " at " + Formats.size(size);
            final String bound = Formats.UNICODE.bound(this.bound);
            final String rtt = "spsc-ring " + ("p999".equals(percentile) ? "p99.9" : percentile) + " RTT ";
            switch (measure)
            {
                case RTT_LOWER_BY:
                    return rtt + "≥ " + bound + " lower than " + other + at;
                case RTT_AT_MOST:
                    return rtt + (1.0 == this.bound ? "≤ " + other + "'s" : "≤ " + bound + " " + other + "'s") + at;
                default:
                    return "spsc-ring throughput ≥ " + bound + " " + other + "'s" + at;
            }
        }
    }

    private static final String ISSUE_3 = "issue 3";
    private static final String ISSUE_4 = "issue 4";
    private static final String BOTH = "issues 3, 4";

    private static final List<Target> TARGETS = List.of(
        new Target(ISSUE_4, Measure.RTT_LOWER_BY, "p50", Transports.TCP, 50, 64),
        new Target(ISSUE_4, Measure.RTT_LOWER_BY, "p50", Transports.UDS, 50, 64),
        new Target(ISSUE_4, Measure.RTT_LOWER_BY, "p50", Transports.PIPE, 40, 64),
        new Target(ISSUE_4, Measure.RTT_LOWER_BY, "p50", Transports.TCP_SPIN, 15, 64),
        new Target(ISSUE_4, Measure.RTT_LOWER_BY, "p50", Transports.UDS_SPIN, 15, 64),
        new Target(ISSUE_4, Measure.RTT_LOWER_BY, "p50", Transports.PIPE_SPIN, 15, 64),
        new Target(ISSUE_4, Measure.THROUGHPUT_HIGHER_BY, null, Transports.TCP, 100, 64),
        new Target(BOTH, Measure.THROUGHPUT_HIGHER_BY, null, Transports.AERON_IPC, 1.5, 64),
        new Target(ISSUE_3, Measure.THROUGHPUT_HIGHER_BY, null, Transports.AERON_IPC, 1.5, 1024),
        new Target(BOTH, Measure.RTT_AT_MOST, "p50", Transports.RAW_BLOCK, 1.1, 64),
        new Target(ISSUE_3, Measure.RTT_AT_MOST, "p50", Transports.AGRONA_ONE_TO_ONE, 1.0, 64),
        new Target(ISSUE_3, Measure.RTT_AT_MOST, "p50", Transports.AERON_IPC, 1.0, 64),
        new Target(ISSUE_3, Measure.RTT_AT_MOST, "p999", Transports.AGRONA_ONE_TO_ONE, 1.0, 64),
        new Target(ISSUE_3, Measure.RTT_AT_MOST, "p999", Transports.AERON_IPC, 1.0, 64));

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
        final BenchResults.Result spsc = results.find(Transports.SPSC_RING, target.size());
        final BenchResults.Result other = results.find(target.other(), target.size());
        final boolean throughput = Measure.THROUGHPUT_HIGHER_BY == target.measure();
        final String missing = missing(spsc, Transports.SPSC_RING, target.size(), throughput) +
            missing(other, target.other(), target.size(), throughput);
        final String comparison = Measure.RTT_AT_MOST == target.measure() ?
            TargetOutcome.AT_MOST : TargetOutcome.AT_LEAST;
        if (!missing.isEmpty())
        {
            return new TargetOutcome(target.id(), target.description(), target.source(), target.size(),
                TargetOutcome.NOT_MEASURED, comparison, target.bound(), null, null, null, missing.trim(), why, null,
                null);
        }

        double actual;
        Double bestCase;
        String basis = null;
        Double measured = null;
        final BenchResults.Spread spsSpread = spsc.spread();
        final BenchResults.Spread otherSpread = other.spread();
        final boolean spreads = null != spsSpread && null != otherSpread;
        switch (target.measure())
        {
            case RTT_LOWER_BY:
            {
                actual = (double)other.rttNs().at(target.percentile()) / spsc.rttNs().at(target.percentile());
                final BenchResults.Range mine = spreads ? spsSpread.rtt(target.percentile()) : null;
                final BenchResults.Range theirs = spreads ? otherSpread.rtt(target.percentile()) : null;
                bestCase = null == mine || null == theirs ? null : theirs.max() / mine.min();
                break;
            }
            case RTT_AT_MOST:
            {
                actual = (double)spsc.rttNs().at(target.percentile()) / other.rttNs().at(target.percentile());
                final BenchResults.Range mine = spreads ? spsSpread.rtt(target.percentile()) : null;
                final BenchResults.Range theirs = spreads ? otherSpread.rtt(target.percentile()) : null;
                bestCase = null == mine || null == theirs ? null : mine.min() / theirs.max();
                final double normalised = normalisedRatio(spsc, other, target.percentile());
                if (Double.isFinite(normalised))
                {
                    measured = actual;
                    actual = normalised;
                    basis = TargetOutcome.PROBE_NORMALISED;
                    bestCase = null;
                }
                break;
            }
            default:
            {
                actual = spsc.throughput().msgsPerS() / other.throughput().msgsPerS();
                final BenchResults.Range mine = spreads ? spsSpread.msgsPerS() : null;
                final BenchResults.Range theirs = spreads ? otherSpread.msgsPerS() : null;
                bestCase = null == mine || null == theirs ? null : mine.max() / theirs.min();
                break;
            }
        }

        final boolean met = TargetOutcome.AT_LEAST.equals(comparison) ? actual >= target.bound() :
            actual <= target.bound();
        final Double shortfall = met ? null : Math.abs(target.bound() - actual) / target.bound();
        return new TargetOutcome(target.id(), target.description(), target.source(), target.size(),
            met ? TargetOutcome.MET : TargetOutcome.MISSED, comparison, target.bound(), actual, shortfall,
            met ? null : bestCase, null, why, basis, measured);
    }

    /**
     * The ratio of two results' probe-normalised percentiles, if both have one.
     */
    private static double normalisedRatio(
        final BenchResults.Result spsc, final BenchResults.Result other, final String percentile)
    {
        if (null == spsc.placement() || null == other.placement())
        {
            return Double.NaN;
        }
        return spsc.placement().overProbe(percentile) / other.placement().overProbe(percentile);
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
}
