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
 * Turns the trials of one transport at one size into its entry in {@code results.json}: the medians and spreads of
 * the repetitions that succeeded ({@link Repetitions#summarise}), or the error if none did. What the harness knows
 * beyond the figures goes with the transport's settings: that every message was verified, the allocation of each
 * side, the vCPU placement each repetition ran in ({@link PlacementProbe}) with the p50 round trip relative to it,
 * and the errors of repetitions that failed while others succeeded. Stateless and thread-safe.
 */
final class RepetitionSummary
{
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
     * @param trials    its trials, one per repetition.
     * @return the result with figures, or failed with the first error if no trial succeeded.
     */
    static BenchResults.Result summarise(
        final String transport,
        final int size,
        final boolean zeroCopy,
        final Map<String, String> settings,
        final List<TrialResult> trials)
    {
        final Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("zero_copy", Boolean.toString(zeroCopy));
        final List<Repetitions.Figures> figures = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final double[] initiatorAlloc = new double[trials.size()];
        final double[] responderAlloc = new double[trials.size()];
        final double[] overProbe = new double[trials.size()];
        final List<String> probes = new ArrayList<>();
        long sent = 0;
        long verified = 0;
        for (final TrialResult trial : trials)
        {
            if (!trial.succeeded())
            {
                failures.add("repetition " + trial.repetition() + ": " + trial.error());
                continue;
            }
            initiatorAlloc[figures.size()] = (double)trial.initiatorAllocBytes() / trial.measuredMessages();
            responderAlloc[figures.size()] = (double)trial.responderAllocBytes() / trial.measuredMessages();
            final long probe = (trial.probeBeforeNs() + trial.probeAfterNs()) / 2;
            overProbe[figures.size()] = probe > 0 ? trial.histogram().getValueAtPercentile(50.0) / (double)probe :
                Double.NaN;
            probes.add(trial.probeBeforeNs() + " -> " + trial.probeAfterNs());
            // A transport measured by ping-pong only reports 0 messages per second, which reports show as "-".
            final double msgsPerS = Double.isNaN(trial.msgsPerS()) ? 0 : trial.msgsPerS();
            figures.add(new Repetitions.Figures(trial.histogram(), msgsPerS, trial.allocBytesPerMsg()));
            sent += trial.sent();
            verified += trial.verified();
            trial.observed().forEach(all::putIfAbsent);
        }

        if (figures.isEmpty())
        {
            final String error = trials.isEmpty() ? "not run" : trials.get(0).error();
            return BenchResults.Result.failed(transport, size, error, all);
        }
        all.put("verified", String.format(Locale.ROOT,
            "%d of %d messages arrived intact and in order (both directions, all repetitions)", verified, sent));
        all.put("alloc_bytes_per_msg_by_side", String.format(Locale.ROOT, "initiator %.3f, responder %.3f",
            median(Arrays.copyOf(initiatorAlloc, figures.size())),
            median(Arrays.copyOf(responderAlloc, figures.size()))));
        all.put("placement_probe_ns", String.join(", ", probes) + " (8-byte raw round trip before -> after " +
            "each repetition)");
        final double ratio = median(Arrays.copyOf(overProbe, figures.size()));
        if (!Double.isNaN(ratio))
        {
            all.put("rtt_p50_over_probe", String.format(Locale.ROOT, "%.2f", ratio));
        }
        if (!failures.isEmpty())
        {
            all.put("failed_repetitions", String.join("; ", failures));
        }
        return Repetitions.summarise(transport, size, figures, all);
    }

    /**
     * Every round trip of the trials that succeeded, added together.
     *
     * @param trials the trials.
     * @return the histogram, or {@code null} if no trial succeeded.
     */
    static Histogram merge(final List<TrialResult> trials)
    {
        Histogram all = null;
        for (final TrialResult trial : trials)
        {
            if (trial.succeeded())
            {
                if (null == all)
                {
                    all = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);
                }
                all.add(trial.histogram());
            }
        }
        return all;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return 0 == sorted.length % 2 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
    }
}
