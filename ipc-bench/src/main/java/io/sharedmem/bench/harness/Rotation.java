/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one rotation: a {@link TrialResult} per transport, built from the totals of its measured turns
 * exactly as a trial's is from its phases, and every turn on its own.
 *
 * @param results            one per transport, in rotation order; all failed with the same error if the rotation
 *                           failed.
 * @param turns              every measured turn, both sides combined, in the order they ran; empty on failure.
 * @param compileMsMeasuring milliseconds the JIT compilers of the initiator and the responder spent while the
 *                           measured rounds ran ({@code -1} where unknown); empty on failure.
 */
public record Rotation(List<TrialResult> results, List<TurnResult> turns, List<Long> compileMsMeasuring)
{
    /**
     * Copies the lists.
     */
    public Rotation
    {
        results = List.copyOf(results);
        turns = List.copyOf(turns);
        compileMsMeasuring = List.copyOf(compileMsMeasuring);
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
    static Rotation failed(final List<Transport> transports, final int size, final int repetition, final String error)
    {
        final List<TrialResult> results = new ArrayList<>();
        for (final Transport transport : transports)
        {
            results.add(TrialResult.failed(transport.name(), size, repetition, "rotation failed: " + error));
        }
        return new Rotation(results, List.of(), List.of());
    }

    /**
     * Combines the two sides' reports.
     *
     * @param transports the transports, in rotation order.
     * @param size       message size.
     * @param repetition which repetition.
     * @param initiator  the initiator's report.
     * @param responder  the responder's report.
     * @return the outcome; a transport whose sides disagree is failed, as in a trial.
     */
    static Rotation of(final List<Transport> transports, final int size, final int repetition,
        final RotationReport initiator, final RotationReport responder)
    {
        if (initiator.transports().size() != transports.size() || responder.transports().size() != transports.size() ||
            initiator.turns().size() != responder.turns().size())
        {
            return failed(transports, size, repetition, "the two sides' reports do not match: " +
                initiator.transports().size() + "/" + responder.transports().size() + " transports, " +
                initiator.turns().size() + "/" + responder.turns().size() + " turns");
        }
        final List<TrialResult> results = new ArrayList<>();
        for (int i = 0; i < transports.size(); i++)
        {
            final Transport transport = transports.get(i);
            final TrialResult result = TrialResult.of(transport.name(), size, repetition,
                initiator.transports().get(i), responder.transports().get(i), transport.measuresThroughput());
            results.add(result.succeeded() ? result.withObserved(rotationNotes(initiator, responder)) : result);
        }
        final List<TurnResult> turns = new ArrayList<>();
        for (int i = 0; i < initiator.turns().size(); i++)
        {
            final RotationReport.TurnRecord mine = initiator.turns().get(i);
            final RotationReport.TurnRecord theirs = responder.turns().get(i);
            final boolean ping = RotationMain.PING.equals(mine.phase());
            final long[] values = ping ? mine.values() : theirs.values();
            turns.add(new TurnResult(mine.transport(), size, repetition, mine.round(), mine.phase(),
                mine.probeBeforeNs(), mine.probeAfterNs(), values[Turn.MESSAGES], values[Turn.NANOS],
                ping ? values[Turn.P50] : 0, ping ? values[Turn.P99] : 0, ping ? values[Turn.P999] : 0));
        }
        return new Rotation(results, turns, List.of(initiator.compileMsMeasuring(), responder.compileMsMeasuring()));
    }

    private static Map<String, String> rotationNotes(final RotationReport initiator, final RotationReport responder)
    {
        final Map<String, String> notes = new LinkedHashMap<>();
        notes.put("jit_compile_ms_while_measuring", "initiator " + initiator.compileMsMeasuring() + ", responder " +
            responder.compileMsMeasuring() + " (all transports of the rotation)");
        return notes;
    }
}
