/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Combining repetitions: each figure is the median over the repetitions that succeeded, with the spread, and the
 * failures are kept.
 */
final class TransportResultTest
{
    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo()
    {
        assertEquals(2.5, TransportResult.median(new double[]{4, 1, 3, 2}));
        assertEquals(3.0, TransportResult.median(new double[]{5, 1, 3}));
        assertTrue(Double.isNaN(TransportResult.median(new double[0])));
    }

    @Test
    void figuresAreMediansOverSuccessfulRepetitionsWithTheirSpread()
    {
        final TransportResult result = TransportResult.aggregate("tcp", 64, false, Map.of("k", "v"), List.of(
            trial(1, 1000, 100_000),
            TrialResult.failed("tcp", 64, 2, "timed out"),
            trial(3, 3000, 300_000),
            trial(4, 2000, 200_000)));

        assertNull(result.error());
        assertEquals(3, result.repetitions());
        assertEquals(List.of("repetition 2: timed out"), result.failures());
        assertEquals(2000, result.rtt().p50(), 2000 * 0.001);
        assertEquals(3 * 100, result.rtt().samples());
        assertEquals(200_000, result.throughput().msgsPerS(), 1e-6);
        assertEquals(200_000 * 64 / 1e6, result.throughput().mbPerS(), 1e-9);
        assertEquals(1000, result.spread().rttP50MinNs(), 1000 * 0.001);
        assertEquals(3000, result.spread().rttP50MaxNs(), 3000 * 0.001);
        assertEquals(100_000, result.spread().msgsPerSMin(), 1e-6);
        assertEquals(300_000, result.spread().msgsPerSMax(), 1e-6);
        assertEquals(300, result.histogram().getTotalCount());
    }

    @Test
    void aTransportWithNoSuccessfulRepetitionCarriesTheErrorInsteadOfFigures()
    {
        final TransportResult result = TransportResult.aggregate("pipe", 64, false, Map.of(), List.of(
            TrialResult.failed("pipe", 64, 1, "mkfifo failed"),
            TrialResult.failed("pipe", 64, 2, "mkfifo failed")));

        assertEquals("mkfifo failed", result.error());
        assertNull(result.rtt());
        assertNull(result.throughput());
        assertNull(result.allocBytesPerMsg());
        assertEquals(0, result.repetitions());
    }

    private static TrialResult trial(final int repetition, final long rttNs, final double msgsPerS)
    {
        final Histogram histogram = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);
        histogram.recordValueWithCount(rttNs, 100);
        return new TrialResult("tcp", 64, repetition, null, histogram, msgsPerS, 1000, 0.0, 0, 0, 1200, 1300, 1300,
            Map.of());
    }
}
