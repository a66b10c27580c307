/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The outcome of one trial: one transport, one size, one repetition, measured by one pair of child JVMs. Either
 * figures or an error.
 *
 * @param transport            the transport's name.
 * @param size                 message length in bytes.
 * @param repetition           which repetition, from 1.
 * @param error                why the trial failed, or {@code null} if it has figures.
 * @param histogram            round trips in nanoseconds ({@code null} on failure).
 * @param msgsPerS             one-way throughput, messages per second; {@link Double#NaN} if not measured.
 * @param throughputMessages   messages counted for the throughput.
 * @param allocBytesPerMsg     bytes allocated on both hot threads per message moved during the measured phases.
 * @param initiatorAllocBytes  bytes allocated on the initiator's hot thread during the measured phases.
 * @param responderAllocBytes  bytes allocated on the responder's hot thread during the measured phases.
 * @param measuredMessages     messages moved during the measured phases, both directions.
 * @param sent                 messages sent, both sides, all phases.
 * @param verified             messages received and verified intact, both sides, all phases.
 * @param probeBeforeNs        the placement probe's median round trip just before the phases
 *                             ({@link PlacementProbe}), 0 if unknown.
 * @param probeAfterNs         the same just after the phases.
 * @param observed             settings the children observed, such as socket buffer sizes.
 */
public record TrialResult(
    String transport,
    int size,
    int repetition,
    String error,
    Histogram histogram,
    double msgsPerS,
    long throughputMessages,
    double allocBytesPerMsg,
    long initiatorAllocBytes,
    long responderAllocBytes,
    long measuredMessages,
    long sent,
    long verified,
    long probeBeforeNs,
    long probeAfterNs,
    Map<String, String> observed)
{
    /**
     * A trial that produced no figures.
     *
     * @param transport  the transport's name.
     * @param size       message length.
     * @param repetition which repetition.
     * @param error      why.
     * @return the result.
     */
    public static TrialResult failed(final String transport, final int size, final int repetition, final String error)
    {
        return new TrialResult(transport, size, repetition, error, null, Double.NaN, 0, Double.NaN, 0, 0, 0, 0, 0,
            0, 0, Map.of());
    }

    /**
     * Combines the two sides' reports, checking that they agree: every message sent by one side was verified by
     * the other, and both counted the same measured messages.
     *
     * @param transport  the transport's name.
     * @param size       message length.
     * @param repetition which repetition.
     * @param initiator  the initiator's report.
     * @param responder  the responder's report.
     * @param throughput whether the transport measures throughput.
     * @return the result, failed if the reports disagree.
     */
    public static TrialResult of(
        final String transport,
        final int size,
        final int repetition,
        final PeerReport initiator,
        final PeerReport responder,
        final boolean throughput)
    {
        if (initiator.sent() != responder.verified() || responder.sent() != initiator.verified())
        {
            return failed(transport, size, repetition, "messages went missing: the initiator sent " +
                initiator.sent() + " and the responder verified " + responder.verified() + "; the responder sent " +
                responder.sent() + " and the initiator verified " + initiator.verified());
        }
        if (initiator.pingSamples() != responder.pingSamples() ||
            initiator.throughputMessages() != responder.throughputMessages())
        {
            return failed(transport, size, repetition, "the sides disagree on the measured messages: " +
                initiator.pingSamples() + "/" + responder.pingSamples() + " pings, " +
                initiator.throughputMessages() + "/" + responder.throughputMessages() + " streamed");
        }
        final Histogram histogram = initiator.decodeHistogram();
        if (null == histogram || 0 == histogram.getTotalCount())
        {
            return failed(transport, size, repetition, "no round trip was measured");
        }
        final long streamed = responder.throughputMessages();
        final double msgsPerS = throughput && responder.throughputNs() > 0 ?
            streamed * 1e9 / responder.throughputNs() : Double.NaN;
        if (throughput && !(msgsPerS > 0))
        {
            return failed(transport, size, repetition, "no message was streamed in the measured throughput phase");
        }
        final long measured = 2 * histogram.getTotalCount() + streamed;
        final long initiatorAlloc = initiator.pingAllocatedBytes() + initiator.throughputAllocatedBytes();
        final long responderAlloc = responder.pingAllocatedBytes() + responder.throughputAllocatedBytes();
        final Map<String, String> observed = new java.util.LinkedHashMap<>();
        prefixed(observed, "initiator.", initiator.settings());
        prefixed(observed, "responder.", responder.settings());
        return new TrialResult(transport, size, repetition, null, histogram, msgsPerS, streamed,
            (double)(initiatorAlloc + responderAlloc) / measured, initiatorAlloc, responderAlloc, measured,
            initiator.sent() + responder.sent(), initiator.verified() + responder.verified(),
            initiator.probeBeforeNs(), initiator.probeAfterNs(), observed);
    }

    /**
     * The same result with more observed settings.
     *
     * @param more settings to add; existing ones are kept.
     * @return a copy.
     */
    TrialResult withObserved(final Map<String, String> more)
    {
        final Map<String, String> all = new java.util.LinkedHashMap<>(observed);
        more.forEach(all::putIfAbsent);
        return new TrialResult(transport, size, repetition, error, histogram, msgsPerS, throughputMessages,
            allocBytesPerMsg, initiatorAllocBytes, responderAllocBytes, measuredMessages, sent, verified,
            probeBeforeNs, probeAfterNs, all);
    }

    /**
     * Whether the trial produced figures.
     *
     * @return {@code true} if there is no error.
     */
    public boolean succeeded()
    {
        return null == error;
    }

    private static void prefixed(final Map<String, String> into, final String prefix, final Map<String, String> from)
    {
        if (null != from)
        {
            from.forEach((key, value) -> into.put(prefix + key, value));
        }
    }
}
