/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plausible results for tests, shaped like the figures measured on the development machine: every known transport
 * at 64 bytes and 1 KiB, aeron-ipc-claim failed at 1 KiB.
 */
final class SampleResults
{
    /** p50 round trip in ns and throughput in msgs/s at 64 B, per transport. */
    static final Map<String, double[]> FIGURES_64 = new LinkedHashMap<>();

    static
    {
        FIGURES_64.put("spsc-ring", new double[] { 480, 75e6 });
        FIGURES_64.put("mpsc-ring", new double[] { 600, 14e6 });
        FIGURES_64.put("raw-block", new double[] { 450, 0 });
        FIGURES_64.put("agrona-one-to-one", new double[] { 560, 15e6 });
        FIGURES_64.put("agrona-many-to-one", new double[] { 640, 12e6 });
        FIGURES_64.put("aeron-ipc", new double[] { 620, 42e6 });
        FIGURES_64.put("aeron-ipc-claim", new double[] { 610, 45e6 });
        FIGURES_64.put("tcp", new double[] { 28_000, 130e3 });
        FIGURES_64.put("tcp-spin", new double[] { 11_600, 300e3 });
        FIGURES_64.put("uds", new double[] { 36_000, 430e3 });
        FIGURES_64.put("uds-spin", new double[] { 8_500, 900e3 });
        FIGURES_64.put("pipe", new double[] { 23_000, 560e3 });
        FIGURES_64.put("pipe-spin", new double[] { 6_000, 1.2e6 });
    }

    private SampleResults()
    {
    }

    static BenchResults.Machine machine()
    {
        return new BenchResults.Machine(2, "Test CPU @ 2.0GHz", "OpenJDK 64-Bit Server VM 17.0.15", "Linux 6.1.0 amd64",
            "6.1.0", "2 vCPUs, placement varies");
    }

    /**
     * Every transport at 64 B and 1 KiB; the same figures at both sizes but throughput scaled down at 1 KiB.
     */
    static BenchResults results()
    {
        final List<BenchResults.Result> rows = new ArrayList<>();
        for (final int size : new int[] { 64, 1024 })
        {
            for (final Map.Entry<String, double[]> entry : FIGURES_64.entrySet())
            {
                final String transport = entry.getKey();
                if (1024 == size && "aeron-ipc-claim".equals(transport))
                {
                    rows.add(BenchResults.Result.failed(transport, size, "media driver <timed out> & gave up",
                        Map.of("threading", "SHARED")));
                    continue;
                }
                rows.add(result(transport, size, entry.getValue()[0], entry.getValue()[1] / (64 == size ? 1 : 4)));
            }
        }
        return BenchResults.of(machine(), Instant.parse("2026-11-25T14:03:12Z"), Instant.parse("2026-11-25T14:06:40Z"),
            Map.of("repetitions", "2", "duration", "5s"), rows);
    }

    /**
     * The results with a note on why a target was missed, as whoever ran the suite writes into results.json.
     */
    static BenchResults withNote(final BenchResults results, final String targetId, final String why)
    {
        final Map<String, String> notes = new LinkedHashMap<>(results.targetNotes());
        notes.put(targetId, why);
        return new BenchResults(results.machine(), results.started(), results.finished(), results.settings(),
            results.results(), notes, results.targets());
    }

    static BenchResults.Result result(final String transport, final int size, final double p50, final double msgs)
    {
        final long median = Math.round(p50);
        final BenchResults.Rtt rtt = new BenchResults.Rtt(
            median, median * 11 / 10, median * 2, median * 4, median * 10, median * 100, 100_000);
        final BenchResults.Spread spread = new BenchResults.Spread(
            new BenchResults.Range(p50 * 0.95, p50 * 1.05),
            new BenchResults.Range(p50 * 1.9, p50 * 2.1),
            new BenchResults.Range(p50 * 3.8, p50 * 4.2),
            new BenchResults.Range(msgs * 0.9, msgs * 1.1));
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("capacity", "65536");
        settings.put("idle", "busy-spin");
        return BenchResults.Result.measured(transport, size, rtt, BenchResults.Throughput.of(msgs, size),
            0.0, 2, spread, settings);
    }

    /**
     * Round-trip histograms around each transport's p50, keyed as the harness keys them.
     */
    static Map<ResultKey, Histogram> histograms(final BenchResults results)
    {
        final Map<ResultKey, Histogram> histograms = new LinkedHashMap<>();
        final Random random = new Random(42);
        for (final BenchResults.Result result : results.results())
        {
            if (result.hasFigures())
            {
                final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
                final long p50 = result.rttNs().p50();
                for (int i = 0; i < 20_000; i++)
                {
                    // Mostly near the median, a tail of exponentially rarer, longer round trips.
                    final double tail = -Math.log(1 - random.nextDouble());
                    histogram.recordValue(Math.round(p50 * (0.9 + 0.2 * random.nextDouble()) * (1 + tail * tail / 8)));
                }
                histograms.put(result.key(), histogram);
            }
        }
        return histograms;
    }
}
