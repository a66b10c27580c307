/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest
{
    @Test
    void everyTargetOfEveryIssueIsJudgedOnce()
    {
        assertEquals(List.of(
            "rtt-p50-vs-tcp-64", "rtt-p50-vs-uds-64", "rtt-p50-vs-pipe-64",
            "rtt-p50-vs-tcp-spin-64", "rtt-p50-vs-uds-spin-64", "rtt-p50-vs-pipe-spin-64",
            "throughput-vs-tcp-64", "throughput-vs-aeron-ipc-64", "throughput-vs-aeron-ipc-1024",
            "rtt-p50-vs-raw-block-64",
            "rtt-p50-vs-agrona-one-to-one-64", "rtt-p50-vs-aeron-ipc-64",
            "rtt-p999-vs-agrona-one-to-one-64", "rtt-p999-vs-aeron-ipc-64",
            "throughput-vs-agrona-one-to-one-64", "throughput-vs-agrona-one-to-one-1024",
            "spsc-ring-claim-throughput-vs-aeron-ipc-claim-64", "spsc-ring-claim-throughput-vs-aeron-ipc-claim-1024",
            "rtt-p50-vs-raw-block-1024", "rtt-p50-vs-agrona-one-to-one-1024", "rtt-p999-vs-raw-block-64",
            "rtt-p999-vs-agrona-one-to-one-1024", "rtt-p999-vs-raw-block-1024"), Targets.ids());
    }

    @Test
    void metTargetCarriesItsRatio()
    {
        final TargetOutcome tcp = outcome(SampleResults.results(), "rtt-p50-vs-tcp-64");
        assertTrue(tcp.isMet());
        assertEquals(28_000.0 / 480, tcp.actual(), 1e-9);
        assertEquals(50.0, tcp.required());
        assertEquals(TargetOutcome.AT_LEAST, tcp.comparison());
        assertNull(tcp.shortfall());
        assertEquals("spsc-ring p50 RTT ≥ 50× lower than tcp at 64 B", tcp.description());
        assertEquals("issue 4", tcp.source());
        assertEquals("58.3×", tcp.verdict());
    }

    @Test
    void missedLowerBoundSaysHowFarShort()
    {
        final TargetOutcome pipeSpin = outcome(SampleResults.results(), "rtt-p50-vs-pipe-spin-64");
        assertTrue(pipeSpin.isMissed());
        assertEquals(12.5, pipeSpin.actual(), 1e-9);
        assertEquals((15 - 12.5) / 15, pipeSpin.shortfall(), 1e-9);
        assertEquals(6300 / 456.0, pipeSpin.bestCase(), 1e-9);
        assertEquals("12.5× (needs ≥ 15×): 17% short; best repetitions 13.8×", pipeSpin.verdict());
    }

    @Test
    void missedUpperBoundSaysHowFarOverAndWhetherTheSpreadCoversIt()
    {
        // spsc-ring 500 ns against raw-block 450 ns: 1.11, over 1.1 by 1 %; repetitions 475 / 472.5 = 1.005.
        final BenchResults results = replace(SampleResults.results(), SampleResults.result("spsc-ring", 64, 500, 75e6));
        final TargetOutcome raw = outcome(results, "rtt-p50-vs-raw-block-64");
        assertTrue(raw.isMissed());
        assertEquals(TargetOutcome.AT_MOST, raw.comparison());
        assertEquals(500 / 450.0, raw.actual(), 1e-9);
        assertEquals((500 / 450.0 - 1.1) / 1.1, raw.shortfall(), 1e-9);
        assertEquals("1.11× (needs ≤ 1.1×): 1% over; best repetitions 1.01×, within the spread",
            raw.verdict());
        assertEquals("spsc-ring p50 RTT ≤ 1.1× raw-block's at 64 B", raw.description());
        assertEquals("issues 3, 4, 11", raw.source());
    }

    @Test
    void roundTripTargetsBetweenSharedMemoryTransportsAreJudgedProbeNormalisedWhenBothAreProbed()
    {
        // Measured: spsc-ring 500 ns against raw-block 450 ns (1.11x), but spsc-ring ran in a farther placement:
        // 500 / 400 = 1.25 against 450 / 300 = 1.5 over their probes, 0.83x.
        final BenchResults.Result spsc = SampleResults.result("spsc-ring", 64, 500, 75e6)
            .withPlacement(new BenchResults.Placement(400, 1.25, 5.0, 20, "turns"));
        final BenchResults.Result raw = SampleResults.result("raw-block", 64, 450, 0)
            .withPlacement(new BenchResults.Placement(300, 1.5, 4.0, 20, "turns"));
        final BenchResults results = replace(replace(SampleResults.results(), spsc), raw);

        final TargetOutcome p50 = outcome(results, "rtt-p50-vs-raw-block-64");
        assertTrue(p50.isMet());
        assertEquals(1.25 / 1.5, p50.actual(), 1e-9);
        assertEquals(TargetOutcome.PROBE_NORMALISED, p50.basis());
        assertEquals(500 / 450.0, p50.measured(), 1e-9);
        assertEquals("0.83× probe-normalised (measured figures: 1.11×)", p50.verdict());
        assertNull(outcome(results, "rtt-p50-vs-tcp-64").basis(), "kernel transports: measured figures");
        assertNull(outcome(results, "rtt-p50-vs-agrona-one-to-one-64").basis(), "agrona-one-to-one was not probed");
    }

    @Test
    void throughputTargetsCompareMessageRatesAtTheirSize()
    {
        final BenchResults results = replace(SampleResults.results(), SampleResults.result("aeron-ipc", 1024, 620, 15e6));
        final TargetOutcome at64 = outcome(results, "throughput-vs-aeron-ipc-64");
        assertTrue(at64.isMet());
        assertEquals(75.0 / 42, at64.actual(), 1e-9);
        final TargetOutcome at1k = outcome(results, "throughput-vs-aeron-ipc-1024");
        assertTrue(at1k.isMissed());
        assertEquals(75e6 / 4 / 15e6, at1k.actual(), 1e-9);
        assertEquals("spsc-ring throughput ≥ 1.5× aeron-ipc's at 1 KiB", at1k.description());
    }

    @Test
    void targetWithoutFiguresIsNotMeasuredAndSaysWhy()
    {
        final List<BenchResults.Result> rows = new ArrayList<>(ConsoleTableTest.without(
            ConsoleTableTest.without(SampleResults.results(), "tcp"), "aeron-ipc").results());
        rows.add(BenchResults.Result.failed("aeron-ipc", 64, "driver timed out", null));
        final BenchResults results = BenchResults.of(SampleResults.machine(), Instant.EPOCH, null, null, rows);

        final TargetOutcome tcp = outcome(results, "rtt-p50-vs-tcp-64");
        assertEquals(TargetOutcome.NOT_MEASURED, tcp.status());
        assertNull(tcp.actual());
        assertEquals("tcp not run at 64 B.", tcp.detail());
        assertEquals("aeron-ipc failed at 64 B: driver timed out.", outcome(results, "rtt-p50-vs-aeron-ipc-64").detail());
        final TargetOutcome noSpsc = outcome(ConsoleTableTest.without(results, "spsc-ring"), "rtt-p50-vs-uds-64");
        assertEquals("spsc-ring not run at 64 B.", noSpsc.detail());
    }

    @Test
    void noteBecomesTheWhyOfItsTarget()
    {
        final BenchResults results = SampleResults.withNote(SampleResults.results(), "rtt-p50-vs-pipe-spin-64", "noisy host");
        assertEquals("noisy host", outcome(results, "rtt-p50-vs-pipe-spin-64").why());
        assertNull(outcome(results, "rtt-p50-vs-tcp-64").why());
    }

    private static TargetOutcome outcome(final BenchResults results, final String id)
    {
        for (final TargetOutcome outcome : Targets.evaluate(results))
        {
            if (outcome.id().equals(id))
            {
                return outcome;
            }
        }
        throw new AssertionError("no target " + id);
    }

    private static BenchResults replace(final BenchResults results, final BenchResults.Result replacement)
    {
        final List<BenchResults.Result> rows = new ArrayList<>();
        for (final BenchResults.Result result : results.results())
        {
            rows.add(result.key().equals(replacement.key()) ? replacement : result);
        }
        return new BenchResults(results.machine(), results.started(), results.finished(), results.settings(), rows,
            results.targetNotes(), null);
    }
}
