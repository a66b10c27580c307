/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.report.Repetitions;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the rotations of one transport at one size into its entry in {@code results.json}: the medians and spreads
 * of the repetitions that succeeded ({@link Repetitions#summarise}), or the error if none did, and its round trips
 * set against the placement probes of its turns ({@link BenchResults.Placement}). What the harness knows beyond the
 * figures goes with the transport's settings: that every message was verified, the allocation of each side, the vCPU
 * placements it ran in ({@link PlacementProbe}), the spread of its throughput turns, and the errors of repetitions
 * that failed while others succeeded. Stateless and thread-safe.
 */
final class RepetitionSummary
{
    /**
     * How far apart, as a ratio, the probes before and after a turn may be for the turn to count in the
     * probe-normalised figures.
     */
    static final double PROBE_AGREEMENT = 1.25;

    private RepetitionSummary()
    {
    }

    /**
     * The entry of one transport at one size.
     *
     * @param transport the transport's name.
     * @param size      message size.
     * @param zeroCopy  whether it is a zero-copy variant.
     * @param settings  its configuration.
     * @param results   its share of each repetition's rotation.
     * @param turns     its measured turns.
     * @return the result with figures, or failed with the first error if no repetition succeeded.
     */
    static BenchResults.Result summarise(
        final String transport,
        final int size,
        final boolean zeroCopy,
        final Map<String, String> settings,
        final List<Rotation.Result> results,
        final List<TurnResult> turns)
    {
        final Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("zero_copy", Boolean.toString(zeroCopy));
        final List<Repetitions.Figures> figures = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final double[] initiatorAlloc = new double[results.size()];
        final double[] responderAlloc = new double[results.size()];
        long sent = 0;
        long verified = 0;
        for (final Rotation.Result result : results)
        {
            if (!result.succeeded())
            {
                failures.add("repetition " + result.repetition() + ": " + result.error());
                continue;
            }
            initiatorAlloc[figures.size()] = (double)result.initiatorAllocBytes() / result.measuredMessages();
            responderAlloc[figures.size()] = (double)result.responderAllocBytes() / result.measuredMessages();
            // A transport measured by ping-pong only reports 0 messages per second, which reports show as "-".
            final double msgsPerS = Double.isNaN(result.msgsPerS()) ? 0 : result.msgsPerS();
            figures.add(new Repetitions.Figures(result.histogram(), msgsPerS, result.allocBytesPerMsg()));
            sent += result.sent();
            verified += result.verified();
            result.observed().forEach(all::putIfAbsent);
        }

        if (figures.isEmpty())
        {
            final String error = results.isEmpty() ? "not run" : results.get(0).error();
            return BenchResults.Result.failed(transport, size, error, all);
        }
        all.put("verified", String.format(Locale.ROOT,
            "%d of %d messages arrived intact and in order (both directions, all repetitions)", verified, sent));
        all.put("alloc_bytes_per_msg_by_side", String.format(Locale.ROOT, "initiator %.3f, responder %.3f",
            Repetitions.median(Arrays.copyOf(initiatorAlloc, figures.size())),
            Repetitions.median(Arrays.copyOf(responderAlloc, figures.size()))));

        // Every ping turn's percentiles over the geometric mean of the probes on either side of it, combined by their
        // geometric mean; and, in the settings, the spread of the probes and of the turns' throughput.
        final double[] probes = new double[turns.size()];
        final double[] p50 = new double[turns.size()];
        final double[] p999 = new double[turns.size()];
        final double[] rates = new double[turns.size()];
        int pings = 0;
        int streams = 0;
        int disagreeing = 0;
        for (final TurnResult turn : turns)
        {
            if (turn.isPing())
            {
                final double probe = turn.probeNs();
                probes[pings] = probe > 0 ? probe : Double.NaN;
                final boolean agree = agree(turn.probeBeforeNs(), turn.probeAfterNs());
                disagreeing += agree ? 0 : 1;
                p50[pings] = agree ? turn.p50Ns() / probes[pings] : Double.NaN;
                p999[pings] = agree ? turn.p999Ns() / probes[pings] : Double.NaN;
                pings++;
            }
            else
            {
                rates[streams++] = turn.msgsPerS();
            }
        }
        final double[] pingProbes = Arrays.copyOf(probes, pings);
        all.put("placement_probe_ns", String.format(Locale.ROOT, "median %.0f, range %.0f..%.0f over %d ping turns " +
            "(8-byte raw round trip; each turn's is the geometric mean of the probes before and after it; %d turns " +
            "whose two probes differ more than %.2fx left out of the normalised figures)",
            Repetitions.median(pingProbes), min(pingProbes), max(pingProbes), pings, disagreeing, PROBE_AGREEMENT));
        if (streams > 0)
        {
            final double[] streamRates = Arrays.copyOf(rates, streams);
            all.put("throughput_turns_msgs_per_s", String.format(Locale.ROOT, "median %.3g, range %.3g..%.3g over %d " +
                "turns", Repetitions.median(streamRates), min(streamRates), max(streamRates), streams));
        }
        final BenchResults.Placement placement = new BenchResults.Placement(geometricMean(pingProbes),
            geometricMean(Arrays.copyOf(p50, pings)), geometricMean(Arrays.copyOf(p999, pings)), pings - disagreeing,
            "turns");
        all.put("rtt_p50_over_probe", Double.isNaN(placement.rttP50OverProbe()) ?
            "not available: the probes on either side of every turn differed by more than " + PROBE_AGREEMENT +
                "x (the placement changed meanwhile)" :
            String.format(Locale.ROOT, "%.2f (p99.9: %.2f; geometric mean over %d turns)",
                placement.rttP50OverProbe(), placement.rttP999OverProbe(), placement.samples()));
        if (!failures.isEmpty())
        {
            all.put("failed_repetitions", String.join("; ", failures));
        }
        final BenchResults.Result result = Repetitions.summarise(transport, size, figures, all);
        return Double.isNaN(placement.probeNs()) || Double.isNaN(placement.rttP50OverProbe()) ? result :
            result.withPlacement(placement);
    }

    /**
     * Whether the probes on either side of a turn agree on the placement: both measured, and within
     * {@link #PROBE_AGREEMENT} of each other. When they do not, the placement changed during the turn (or a probe
     * was itself disturbed) and the turn cannot be set against either.
     */
    private static boolean agree(final long before, final long after)
    {
        return before > 0 && after > 0 && Math.max(before, after) <= PROBE_AGREEMENT * Math.min(before, after);
    }

    /**
     * The geometric mean of the positive, finite values.
     *
     * @param values the values.
     * @return the mean, or {@link Double#NaN} if there is none.
     */
    static double geometricMean(final double[] values)
    {
        double logs = 0;
        int n = 0;
        for (final double value : values)
        {
            if (value > 0 && Double.isFinite(value))
            {
                logs += Math.log(value);
                n++;
            }
        }
        return 0 == n ? Double.NaN : Math.exp(logs / n);
    }

    private static double min(final double[] values)
    {
        return Arrays.stream(values).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    private static double max(final double[] values)
    {
        return Arrays.stream(values).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /**
     * Every round trip of the repetitions that succeeded, added together.
     *
     * @param results one transport's share of each rotation.
     * @return the histogram, or {@code null} if none succeeded.
     */
    static Histogram merge(final List<Rotation.Result> results)
    {
        Histogram all = null;
        for (final Rotation.Result result : results)
        {
            if (result.succeeded())
            {
                if (null == all)
                {
                    all = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);
                }
                all.add(result.histogram());
            }
        }
        return all;
    }
}
