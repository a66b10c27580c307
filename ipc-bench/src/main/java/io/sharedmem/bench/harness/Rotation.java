/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Transports;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one rotation, both peers' reports combined: a {@link Result} per transport, and every measured turn.
 *
 * @param results one per transport, in rotation order; all failed with the same error if the rotation failed.
 * @param turns   every measured turn, in the order they ran; empty on failure.
 */
public record Rotation(List<Result> results, List<TurnResult> turns)
{
    /**
     * Copies the lists.
     */
    public Rotation
    {
        results = List.copyOf(results);
        turns = List.copyOf(turns);
    }

    /**
     * What one transport measured in one rotation: figures, or an error.
     *
     * @param transport           the transport's name.
     * @param size                message length in bytes.
     * @param repetition          which repetition, from 1.
     * @param error               why it has no figures, or {@code null}.
     * @param histogram           measured round trips in nanoseconds ({@code null} on failure).
     * @param msgsPerS            one-way throughput, messages per second; {@link Double#NaN} if not measured.
     * @param initiatorAllocBytes bytes allocated on the initiator's hot thread during the measured parts.
     * @param responderAllocBytes the same on the responder's.
     * @param measuredMessages    messages moved during the measured parts, both directions.
     * @param sent                messages sent, both sides, warm-up included.
     * @param verified            messages received and verified intact, both sides, warm-up included.
     * @param probeNs             the median placement probe before its ping turns, 0 if unknown.
     * @param observed            settings the peers observed, such as socket buffer sizes.
     */
    public record Result(
        String transport,
        int size,
        int repetition,
        String error,
        Histogram histogram,
        double msgsPerS,
        long initiatorAllocBytes,
        long responderAllocBytes,
        long measuredMessages,
        long sent,
        long verified,
        long probeNs,
        Map<String, String> observed)
    {
        /**
         * A transport without figures.
         *
         * @param transport  its name.
         * @param size       message length.
         * @param repetition which repetition.
         * @param error      why.
         * @return the result.
         */
        public static Result failed(final String transport, final int size, final int repetition, final String error)
        {
            return new Result(transport, size, repetition, error, null, Double.NaN, 0, 0, 0, 0, 0, 0, Map.of());
        }

        /**
         * Whether there are figures.
         *
         * @return {@code true} if there is no error.
         */
        public boolean succeeded()
        {
            return null == error;
        }

        /**
         * Bytes allocated on both hot threads per message moved during the measured parts.
         *
         * @return bytes per message.
         */
        public double allocBytesPerMsg()
        {
            return (double)(initiatorAllocBytes + responderAllocBytes) / measuredMessages;
        }
    }

    /**
     * A rotation that produced no figures.
     *
     * @param transports its transports.
     * @param size       message size.
     * @param repetition which repetition.
     * @param error      why.
     * @return the outcome, every transport failed with the error.
     */
    static Rotation failed(final List<String> transports, final int size, final int repetition, final String error)
    {
        final String why = transports.size() > 1 ? "rotation failed: " + error : error;
        return new Rotation(transports.stream().map((t) -> Result.failed(t, size, repetition, why)).toList(),
            List.of());
    }

    /**
     * Combines the two peers' reports, checking that they agree: every message one side sent was verified by the
     * other, and both counted the same measured messages.
     *
     * @param spec       the rotation.
     * @param repetition which repetition.
     * @param initiator  the initiator's report.
     * @param responder  the responder's report.
     * @return the outcome; a transport whose sides disagree is failed.
     */
    static Rotation of(final RotationSpec spec, final int repetition, final RotationReport initiator,
        final RotationReport responder)
    {
        final List<String> names = spec.transports();
        final int size = spec.size();
        if (initiator.transports().size() != names.size() || responder.transports().size() != names.size() ||
            initiator.turns().size() != responder.turns().size())
        {
            return failed(names, size, repetition, "the two sides' reports do not match: " +
                initiator.transports().size() + "/" + responder.transports().size() + " transports, " +
                initiator.turns().size() + "/" + responder.turns().size() + " turns");
        }
        final List<Result> results = new ArrayList<>();
        for (int i = 0; i < names.size(); i++)
        {
            results.add(result(names.get(i), size, repetition, initiator, responder, i));
        }
        final List<TurnResult> turns = new ArrayList<>();
        for (int k = 0; k < initiator.turns().size(); k++)
        {
            final RotationReport.TurnRecord mine = initiator.turns().get(k);
            final boolean ping = RotationMain.PING.equals(mine.phase());
            final long[] values = ping ? mine.values() : responder.turns().get(k).values();
            turns.add(new TurnResult(mine.transport(), size, repetition, mine.round(), mine.phase(),
                mine.probeBeforeNs(), mine.probeAfterNs(), values[Turn.MESSAGES], values[Turn.NANOS],
                ping ? values[Turn.P50] : 0, ping ? values[Turn.P99] : 0, ping ? values[Turn.P999] : 0));
        }
        return new Rotation(results, turns);
    }

    private static Result result(final String name, final int size, final int repetition,
        final RotationReport initiator, final RotationReport responder, final int index)
    {
        final RotationReport.Totals a = initiator.transports().get(index);
        final RotationReport.Totals b = responder.transports().get(index);
        final long[] mine = sums(initiator, name);
        final long[] theirs = sums(responder, name);
        if (a.sent() != b.verified() || b.sent() != a.verified())
        {
            return Result.failed(name, size, repetition, "messages went missing: the initiator sent " + a.sent() +
                " and the responder verified " + b.verified() + "; the responder sent " + b.sent() +
                " and the initiator verified " + a.verified());
        }
        if (mine[0] != theirs[0] || mine[3] != theirs[3])
        {
            return Result.failed(name, size, repetition, "the sides disagree on the measured messages: " + mine[0] +
                "/" + theirs[0] + " pings, " + mine[3] + "/" + theirs[3] + " streamed");
        }
        final Histogram histogram = RotationReport.decode(a.histogram());
        if (null == histogram || 0 == histogram.getTotalCount())
        {
            return Result.failed(name, size, repetition, "no round trip was measured");
        }
        final boolean throughput = Transports.byName(name).measuresThroughput();
        final double msgsPerS = throughput && theirs[4] > 0 ? theirs[3] * 1e9 / theirs[4] : Double.NaN;
        if (throughput && !(msgsPerS > 0))
        {
            return Result.failed(name, size, repetition, "no message was streamed in the measured throughput turns");
        }
        final Map<String, String> observed = new LinkedHashMap<>();
        a.settings().forEach((key, value) -> observed.put("initiator." + key, value));
        b.settings().forEach((key, value) -> observed.put("responder." + key, value));
        observed.put("jit_compile_ms_while_measuring", "initiator " + initiator.compileMsMeasuring() +
            ", responder " + responder.compileMsMeasuring() + " (all transports of the rotation)");
        return new Result(name, size, repetition, null, histogram, msgsPerS, mine[2] + mine[5], theirs[2] + theirs[5],
            2 * histogram.getTotalCount() + theirs[3], a.sent() + b.sent(), a.verified() + b.verified(), mine[6],
            observed);
    }

    /**
     * One side's totals of one transport's measured turns: ping messages, nanoseconds and bytes allocated, the same
     * for stream turns, and the median probe before its ping turns.
     */
    private static long[] sums(final RotationReport report, final String transport)
    {
        final long[] sums = new long[7];
        final List<Long> probes = new ArrayList<>();
        for (final RotationReport.TurnRecord turn : report.turns())
        {
            if (turn.transport().equals(transport))
            {
                final int at = RotationMain.PING.equals(turn.phase()) ? 0 : 3;
                sums[at] += turn.values()[Turn.MESSAGES];
                sums[at + 1] += turn.values()[Turn.NANOS];
                sums[at + 2] += turn.values()[Turn.ALLOCATED];
                if (0 == at)
                {
                    probes.add(turn.probeBeforeNs());
                }
            }
        }
        final long[] sorted = probes.stream().mapToLong(Long::longValue).sorted().toArray();
        sums[6] = 0 == sorted.length ? 0 : sorted[sorted.length / 2];
        return sums;
    }
}
