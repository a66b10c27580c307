/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTableTest
{
    @Test
    void eachTransportShowsItsRatioToTheSpscRing()
    {
        final String text = ConsoleTable.render(SampleResults.results());
        assertTrue(text.contains("64 B messages (ratios against spsc-ring)"), text);
        assertTrue(text.contains("1 KiB messages (ratios against spsc-ring)"), text);
        // tcp: 28 us / 480 ns = 58.3 times the round trip, 75 M / 130 k = 577 times less throughput.
        final String tcp = line(text, "tcp ");
        assertTrue(tcp.contains("28.0 us"), tcp);
        assertTrue(tcp.contains("130 k"), tcp);
        assertTrue(tcp.contains("58.3x slower"), tcp);
        assertTrue(tcp.contains("577x slower"), tcp);
        final String spsc = line(text, "spsc-ring ");
        assertTrue(spsc.contains("480 ns") && spsc.contains("75.0 M") && spsc.contains("4,800"), spsc);
        assertEquals(2, spsc.split("baseline", -1).length - 1, spsc);
        // raw-block: a faster round trip, no throughput figure.
        final String raw = line(text, "raw-block ");
        assertTrue(raw.contains("1.07x faster"), raw);
        assertTrue(raw.matches(".*\\s-\\s.*"), raw);
    }

    @Test
    void consoleTextIsPlainAscii()
    {
        final String text = ConsoleTable.render(SampleResults.results());
        assertTrue(text.chars().allMatch(c -> c < 128), "non-ASCII in:\n" + text);
    }

    @Test
    void failedTransportShowsItsErrorInItsRow()
    {
        final String text = ConsoleTable.render(SampleResults.results());
        final String sizeKiB = text.substring(text.indexOf("1 KiB messages"));
        final String row = line(sizeKiB, "aeron-ipc-claim ");
        assertTrue(row.contains("error: media driver <timed out> & gave up"), row);
    }

    @Test
    void withoutSpscRingRatiosAreAgainstRawBlockAndSaySo()
    {
        final String text = ConsoleTable.render(without(SampleResults.results(), "spsc-ring"));
        assertTrue(text.contains("spsc-ring missing at 64 B: ratios against raw-block instead"), text);
        assertTrue(text.contains("p50 vs raw-block"), text);
        // tcp: 28 us / 450 ns.
        assertTrue(line(text, "tcp ").contains("62.2x slower"), text);
    }

    @Test
    void withoutSpscRingAndRawBlockThereAreNoRatios()
    {
        final String text = ConsoleTable.render(
            without(without(SampleResults.results(), "spsc-ring"), "raw-block"));
        assertTrue(text.contains("spsc-ring missing and raw-block missing at 64 B: no ratios"), text);
        assertFalse(line(text, "tcp ").contains("slower"), text);
    }

    @Test
    void failedSpscRingIsNamedAsFailedNotMissing()
    {
        final List<BenchResults.Result> rows = new ArrayList<>(without(SampleResults.results(), "spsc-ring").results());
        rows.add(BenchResults.Result.failed("spsc-ring", 64, "ring not built yet", null));
        final BenchResults results = BenchResults.of(SampleResults.machine(), Instant.EPOCH, null, null, rows);
        final String text = ConsoleTable.render(results);
        assertTrue(text.contains("spsc-ring failed at 64 B: ratios against raw-block instead"), text);
        assertTrue(line(text, "spsc-ring ").contains("error: ring not built yet"), text);
    }

    @Test
    void targetsSectionCountsAndExplainsOutcomes()
    {
        final String text = ConsoleTable.render(
            SampleResults.withNote(SampleResults.results(), "rtt-p50-vs-pipe-spin-64", "vCPUs far apart"));
        assertTrue(text.contains("Targets: 18 met, 3 missed, 2 not measured"), text);
        assertTrue(text.contains("  [met]     spsc-ring p50 RTT >= 50x lower than tcp at 64 B: 58.3x\n"), text);
        // pipe-spin: 6000 / 480 = 12.5; best repetitions 6300 / 456 = 13.8.
        assertTrue(text.contains("  [MISSED]  spsc-ring p50 RTT >= 15x lower than pipe-spin at 64 B: 12.5x " +
            "(needs >= 15x): 17% short; best repetitions 13.8x\n            why: vCPUs far apart\n"), text);
    }

    static BenchResults without(final BenchResults results, final String transport)
    {
        final List<BenchResults.Result> kept = new ArrayList<>();
        for (final BenchResults.Result result : results.results())
        {
            if (!result.transport().equals(transport))
            {
                kept.add(result);
            }
        }
        return new BenchResults(results.machine(), results.started(), results.finished(), results.settings(), kept,
            results.targetNotes(), null);
    }

    static String line(final String text, final String start)
    {
        for (final String line : text.split("\n"))
        {
            if (line.startsWith(start))
            {
                return line;
            }
        }
        throw new AssertionError("no line starting with \"" + start + "\" in:\n" + text);
    }
}
