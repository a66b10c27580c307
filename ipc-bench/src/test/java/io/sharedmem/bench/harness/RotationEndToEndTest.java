/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared-memory transports taking turns in one pair of JVMs: every transport gets figures, every turn is recorded
 * between two placement probes, and a transport whose messages do not fit its ring is reported with the reason
 * while the others rotate. Asserts behaviour, never speed.
 */
final class RotationEndToEndTest
{
    @Test
    void transportsTakeTurnsAndEachTurnIsRecordedBetweenTwoProbes() throws Exception
    {
        final List<String> names = List.of("spsc-ring", "raw-block", "agrona-one-to-one");
        final BenchPlan plan = BenchRuns.tiny(names, 64, BenchPlan.DEFAULT_CAPACITY, Duration.ofMillis(20));
        final StringBuilder console = new StringBuilder();
        final BenchRun run = BenchRuns.run(plan, console);

        for (final String name : names)
        {
            final BenchResults.Result result = run.results().find(name, 64);
            assertNull(result.error(), () -> name + ": " + result.error() + "\n" + console);
            // Set against the probes of its turns, unless the placement moved during every one of them (a busy host).
            final String overProbe = result.settings().get("rtt_p50_over_probe");
            assertTrue(null != result.placement() ? "turns".equals(result.placement().basis()) &&
                overProbe.endsWith("turns)") : overProbe.startsWith("not available: the probes on either side of " +
                "every turn differed"), () -> name + ": " + result.placement() + ", " + overProbe);
            assertTrue(result.settings().containsKey("jit_compile_ms_while_measuring"), result.settings()::toString);
        }
        final int rounds = 5;  // 100 ms per phase in 20 ms turns
        assertEquals(rounds * (3 + 2), run.turns().size(), "a ping turn each, a stream turn each but raw-block's");
        for (final TurnResult turn : run.turns())
        {
            assertTrue(turn.probeBeforeNs() > 0 && turn.probeAfterNs() > 0, turn::toString);
            assertTrue(turn.messages() > 0 && turn.nanos() > 0, turn::toString);
            assertEquals(turn.isPing(), turn.p50Ns() > 0, turn::toString);
        }
        assertEquals("spsc-ring", run.turns().get(0).transport(), "round 0 starts with the first transport");
        assertEquals("raw-block", run.turns().get(5).transport(), "round 1 starts with the second");
    }

    @Test
    void aTransportRefusingTheSizeIsReportedAndTheOthersRotate() throws Exception
    {
        // A 1 KiB ring takes messages up to 128 bytes: Agrona's and ours refuse 200, raw-block carries them.
        final BenchPlan plan = BenchRuns.tiny(List.of("spsc-ring", "raw-block", "agrona-one-to-one"), 200, 1024,
            BenchPlan.DEFAULT_TURN);
        final StringBuilder console = new StringBuilder();
        final BenchRun run = BenchRuns.run(plan, console);

        assertTrue(run.results().find("spsc-ring", 200).error().contains("capacity / 8"), console::toString);
        assertTrue(run.results().find("agrona-one-to-one", 200).error().contains("capacity / 8"), console::toString);
        assertNull(run.results().find("raw-block", 200).error(), console::toString);
        assertTrue(run.turns().stream().allMatch((turn) -> "raw-block".equals(turn.transport())));
    }
}
