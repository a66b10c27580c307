/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The figures of one transport at one message size, over every repetition: what the report, the console table and
 * {@code results.json} are made from. Each figure is the median over the repetitions that succeeded, with the
 * spread (lowest and highest) of the two headline figures; the histogram holds every round trip of every
 * repetition, for {@code .hgrm} files and percentile plots. A transport that could not run has an {@link #error()}
 * and {@code null} figures.
 * <p>
 * Field names in {@code results.json} are given per component.
 *
 * @param transport        {@code "transport"}: the transport's name, such as {@code spsc-ring}.
 * @param size             {@code "size"}: message length in bytes.
 * @param rtt              {@code "rtt_ns"}: round-trip percentiles; {@code null} on error.
 * @param throughput       {@code "throughput"}: one-way throughput; {@code null} on error or when the transport
 *                         measures round trips only (raw-block).
 * @param allocBytesPerMsg {@code "alloc_bytes_per_msg"}: bytes allocated on both children's hot threads per message
 *                         moved in the measured phases; {@code null} on error.
 * @param allocBySide      {@code "alloc_bytes_per_msg_by_side"}: the same for each child separately; {@code null}
 *                         on error.
 * @param repetitions      {@code "repetitions"}: how many repetitions produced figures.
 * @param spread           {@code "spread"}: lowest and highest p50 and throughput over the repetitions; {@code null}
 *                         on error.
 * @param error            {@code "error"}: why there are no figures, or {@code null}.
 * @param zeroCopy         {@code "zero_copy"}: whether senders claim and commit in place instead of copying.
 * @param messagesSent     {@code "messages_sent"}: messages sent by both sides over all repetitions.
 * @param messagesVerified {@code "messages_verified"}: of those, how many arrived and were verified intact
 *                         (always equal, or the repetition failed).
 * @param failures         {@code "failed_repetitions"}: errors of repetitions that failed while others succeeded.
 * @param settings         {@code "settings"}: the transport's configuration and what the children observed.
 * @param histogram        not in JSON: every round trip of every repetition, in nanoseconds; {@code null} on
 *                         error.
 */
public record TransportResult(
    String transport,
    int size,
    Rtt rtt,
    Throughput throughput,
    Double allocBytesPerMsg,
    AllocBySide allocBySide,
    int repetitions,
    Spread spread,
    String error,
    boolean zeroCopy,
    long messagesSent,
    long messagesVerified,
    List<String> failures,
    Map<String, String> settings,
    Histogram histogram)
{
    /**
     * Round-trip percentiles in nanoseconds ({@code "rtt_ns"}).
     *
     * @param p50     {@code "p50"}: median.
     * @param p90     {@code "p90"}.
     * @param p99     {@code "p99"}.
     * @param p999    {@code "p999"}: 99.9th percentile.
     * @param p9999   {@code "p9999"}: 99.99th percentile.
     * @param max     {@code "max"}: the longest (median over repetitions of each repetition's longest).
     * @param samples {@code "samples"}: round trips measured, all repetitions together.
     */
    public record Rtt(long p50, long p90, long p99, long p999, long p9999, long max, long samples)
    {
    }

    /**
     * One-way throughput ({@code "throughput"}).
     *
     * @param msgsPerS {@code "msgs_per_s"}: messages per second.
     * @param mbPerS   {@code "mb_per_s"}: payload megabytes (10<sup>6</sup> bytes) per second.
     */
    public record Throughput(double msgsPerS, double mbPerS)
    {
    }

    /**
     * Bytes allocated per message on each child's hot thread ({@code "alloc_bytes_per_msg_by_side"}), medians over
     * the repetitions.
     *
     * @param initiator {@code "initiator"}: the side that pings and streams.
     * @param responder {@code "responder"}: the side that echoes and receives the stream.
     */
    public record AllocBySide(double initiator, double responder)
    {
    }

    /**
     * How far the repetitions were apart ({@code "spread"}).
     *
     * @param rttP50MinNs  {@code "rtt_p50_min_ns"}: the lowest p50 of a repetition.
     * @param rttP50MaxNs  {@code "rtt_p50_max_ns"}: the highest.
     * @param msgsPerSMin  {@code "msgs_per_s_min"}: the lowest throughput of a repetition; {@code NaN} if none.
     * @param msgsPerSMax  {@code "msgs_per_s_max"}: the highest.
     */
    public record Spread(long rttP50MinNs, long rttP50MaxNs, double msgsPerSMin, double msgsPerSMax)
    {
    }

    /**
     * Combines the repetitions of one transport at one size.
     *
     * @param transport the transport's name.
     * @param size      message length.
     * @param zeroCopy  whether it is a zero-copy variant.
     * @param settings  its configuration.
     * @param trials    its trials, one per repetition.
     * @return the medians and spreads of the trials that succeeded, or an error if none did.
     */
    public static TransportResult aggregate(
        final String transport,
        final int size,
        final boolean zeroCopy,
        final Map<String, String> settings,
        final List<TrialResult> trials)
    {
        final List<TrialResult> good = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        for (final TrialResult trial : trials)
        {
            if (trial.succeeded())
            {
                good.add(trial);
            }
            else
            {
                failures.add("repetition " + trial.repetition() + ": " + trial.error());
            }
        }
        if (good.isEmpty())
        {
            final String error = failures.isEmpty() ? "not run" : trials.get(0).error();
            return new TransportResult(transport, size, null, null, null, null, 0, null, error, zeroCopy, 0, 0,
                List.copyOf(failures), settings, null);
        }

        final int n = good.size();
        final double[] p50 = new double[n];
        final double[] p90 = new double[n];
        final double[] p99 = new double[n];
        final double[] p999 = new double[n];
        final double[] p9999 = new double[n];
        final double[] max = new double[n];
        final double[] rate = new double[n];
        final double[] alloc = new double[n];
        final double[] initiatorAlloc = new double[n];
        final double[] responderAlloc = new double[n];
        final Histogram all = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);
        long sent = 0;
        long verified = 0;
        final Map<String, String> allSettings = new java.util.LinkedHashMap<>(settings);
        for (int i = 0; i < n; i++)
        {
            final TrialResult trial = good.get(i);
            final Histogram histogram = trial.histogram();
            p50[i] = histogram.getValueAtPercentile(50.0);
            p90[i] = histogram.getValueAtPercentile(90.0);
            p99[i] = histogram.getValueAtPercentile(99.0);
            p999[i] = histogram.getValueAtPercentile(99.9);
            p9999[i] = histogram.getValueAtPercentile(99.99);
            max[i] = histogram.getMaxValue();
            rate[i] = trial.msgsPerS();
            alloc[i] = trial.allocBytesPerMsg();
            initiatorAlloc[i] = (double)trial.initiatorAllocBytes() / trial.measuredMessages();
            responderAlloc[i] = (double)trial.responderAllocBytes() / trial.measuredMessages();
            all.add(histogram);
            sent += trial.sent();
            verified += trial.verified();
            trial.observed().forEach(allSettings::putIfAbsent);
        }

        final Rtt rtt = new Rtt(
            Math.round(median(p50)), Math.round(median(p90)), Math.round(median(p99)), Math.round(median(p999)),
            Math.round(median(p9999)), Math.round(median(max)), all.getTotalCount());
        final double msgsPerS = median(rate);
        final Throughput throughput = Double.isNaN(msgsPerS) ? null :
            new Throughput(msgsPerS, msgsPerS * size / 1e6);
        final Spread spread = new Spread(
            Math.round(min(p50)), Math.round(max(p50)),
            Double.isNaN(msgsPerS) ? Double.NaN : min(rate), Double.isNaN(msgsPerS) ? Double.NaN : max(rate));
        return new TransportResult(transport, size, rtt, throughput, median(alloc),
            new AllocBySide(median(initiatorAlloc), median(responderAlloc)), n, spread, null, zeroCopy,
            sent, verified, List.copyOf(failures), allSettings, all);
    }

    /**
     * The median: the middle value, or the mean of the two middle values.
     *
     * @param values the values; not changed.
     * @return the median, or {@code NaN} if there are none or any is {@code NaN}.
     */
    static double median(final double[] values)
    {
        if (0 == values.length)
        {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1]))
        {
            return Double.NaN;
        }
        final int middle = sorted.length / 2;
        return 0 == sorted.length % 2 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
    }

    private static double min(final double[] values)
    {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(final double[] values)
    {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
