/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Combining repetitions: figures from the repetitions that succeeded, what the harness verified beside them, and
 * the error of a transport for which none did.
 */
final class RepetitionSummaryTest
{
    @Test
    void figuresComeFromTheSuccessfulRepetitionsAndFailuresAreKept()
    {
        final List<Rotation.Result> trials = List.of(
            trial(1, 1000, 100_000),
            Rotation.Result.failed("tcp", 64, 2, "timed out"),
            trial(3, 3000, 300_000));
        final List<TurnResult> turns = List.of(
            new TurnResult("tcp", 64, 1, 0, RotationMain.PING, 500, 500, 100, 1_000_000, 1000, 1000, 1000),
            new TurnResult("tcp", 64, 1, 0, RotationMain.STREAM, 500, 500, 100_000, 1_000_000_000, 0, 0, 0),
            new TurnResult("tcp", 64, 3, 0, RotationMain.PING, 500, 500, 100, 1_000_000, 3000, 3000, 3000));
        final BenchResults.Result result = RepetitionSummary.summarise("tcp", 64, false, Map.of("k", "v"), trials,
            turns);

        assertNull(result.error());
        assertEquals(2, result.repetitions());
        assertEquals(2000, result.rttNs().p50(), 2000 * 0.001);
        assertEquals(200, result.rttNs().samples());
        assertEquals(200_000, result.throughput().msgsPerS(), 1e-6);
        assertEquals("v", result.settings().get("k"));
        assertEquals("false", result.settings().get("zero_copy"));
        assertEquals("2600 of 2600 messages arrived intact and in order (both directions, all repetitions)",
            result.settings().get("verified"));
        assertEquals("repetition 2: timed out", result.settings().get("failed_repetitions"));
        // Geometric mean of 1000/500 and 3000/500 over the two ping turns.
        assertEquals(Math.sqrt(2.0 * 6.0), result.placement().rttP50OverProbe(), 1e-2);
        assertEquals("3.46 (p99.9: 3.46; geometric mean over 2 turns)", result.settings().get("rtt_p50_over_probe"));
        assertEquals("turns", result.placement().basis());
        assertEquals("median 1.00e+05, range 1.00e+05..1.00e+05 over 1 turns",
            result.settings().get("throughput_turns_msgs_per_s"));
        assertEquals(200, RepetitionSummary.merge(trials).getTotalCount());
    }

    @Test
    void aTransportWithNoSuccessfulRepetitionCarriesTheErrorInsteadOfFigures()
    {
        final List<Rotation.Result> trials = List.of(
            Rotation.Result.failed("pipe", 64, 1, "mkfifo failed"),
            Rotation.Result.failed("pipe", 64, 2, "mkfifo failed"));
        final BenchResults.Result result = RepetitionSummary.summarise("pipe", 64, false, Map.of(), trials, List.of());

        assertEquals("mkfifo failed", result.error());
        assertNull(result.rttNs());
        assertNull(result.throughput());
        assertNull(RepetitionSummary.merge(trials));
    }

    @Test
    void aRoundTripOnlyTransportReportsZeroMessagesPerSecond()
    {
        final Histogram histogram = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);
        histogram.recordValueWithCount(200, 10);
        final Rotation.Result trial = new Rotation.Result("raw-block", 8, 1, null, histogram, Double.NaN, 0, 0, 20,
            22, 22, 0, Map.of());
        final BenchResults.Result result = RepetitionSummary.summarise("raw-block", 8, false, Map.of(), List.of(trial),
            List.of());

        assertTrue(result.hasFigures());
        assertEquals(0.0, result.throughput().msgsPerS());
    }

    private static Rotation.Result trial(final int repetition, final long rttNs, final double msgsPerS)
    {
        final Histogram histogram = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);
        histogram.recordValueWithCount(rttNs, 100);
        return new Rotation.Result("tcp", 64, repetition, null, histogram, msgsPerS, 0, 0, 1200, 1300, 1300, 500,
            Map.of());
    }
}
