/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The harness's own minimal {@link BenchReporter}: {@code results.json} ({@link ResultsJson}), one {@code .hgrm}
 * file per transport and size (HdrHistogram's percentile format, in microseconds), and a plain console table with
 * each transport's p50 round trip and throughput as a ratio to a reference transport (the first one listed that
 * has the figure). Stateless and thread-safe.
 */
public final class BasicReporter implements BenchReporter
{
    /**
     * {@code .hgrm} values are in microseconds: nanoseconds divided by this.
     */
    public static final double HGRM_SCALE = 1000.0;

    /**
     * Creates the reporter.
     */
    public BasicReporter()
    {
    }

    @Override
    public void report(final BenchRun run, final Path outDir, final PrintStream console) throws IOException
    {
        ResultsJson.write(run, outDir.resolve(ResultsJson.FILE_NAME));
        for (final TransportResult result : run.results())
        {
            if (null != result.histogram())
            {
                try (PrintStream out = new PrintStream(
                    Files.newOutputStream(outDir.resolve(ResultsJson.hgrmName(result))), false, "UTF-8"))
                {
                    result.histogram().outputPercentileDistribution(out, HGRM_SCALE);
                }
            }
        }
        printTable(run, console);
        console.println("Results in " + outDir.toAbsolutePath());
    }

    /**
     * Prints one row per transport and size.
     *
     * @param run     the run.
     * @param console where to print.
     */
    public static void printTable(final BenchRun run, final PrintStream console)
    {
        console.println();
        console.println(String.format(Locale.ROOT, "%-20s %6s %10s %10s %10s %12s %10s %9s %8s %8s",
            "transport", "size", "p50 ns", "p99 ns", "p99.9 ns", "msgs/s", "MB/s", "alloc B", "p50 x", "tput x"));
        Integer lastSize = null;
        TransportResult latencyReference = null;
        TransportResult throughputReference = null;
        for (final TransportResult result : run.results())
        {
            if (null == lastSize || lastSize != result.size())
            {
                lastSize = result.size();
                latencyReference = null;
                throughputReference = null;
                for (final TransportResult candidate : run.results())
                {
                    if (candidate.size() == result.size() && null == latencyReference && null != candidate.rtt())
                    {
                        latencyReference = candidate;
                    }
                    if (candidate.size() == result.size() && null == throughputReference &&
                        null != candidate.throughput())
                    {
                        throughputReference = candidate;
                    }
                }
            }
            if (null != result.error())
            {
                console.println(String.format(Locale.ROOT, "%-20s %6d  %s", result.transport(), result.size(),
                    result.error().lines().findFirst().orElse("")));
                continue;
            }
            final String rate = null == result.throughput() ? "-" :
                String.format(Locale.ROOT, "%,.0f", result.throughput().msgsPerS());
            final String mb = null == result.throughput() ? "-" :
                String.format(Locale.ROOT, "%,.1f", result.throughput().mbPerS());
            final String latencyRatio = null == latencyReference ? "-" :
                String.format(Locale.ROOT, "%.2f", (double)result.rtt().p50() / latencyReference.rtt().p50());
            final String throughputRatio = null == throughputReference || null == result.throughput() ? "-" :
                String.format(Locale.ROOT, "%.3f",
                    result.throughput().msgsPerS() / throughputReference.throughput().msgsPerS());
            console.println(String.format(Locale.ROOT, "%-20s %6d %,10d %,10d %,10d %12s %10s %9.2f %8s %8s",
                result.transport(), result.size(), result.rtt().p50(), result.rtt().p99(), result.rtt().p999(),
                rate, mb, result.allocBytesPerMsg(), latencyRatio, throughputRatio));
        }
        if (null != latencyReference)
        {
            console.println("p50 x: p50 round trip relative to " + latencyReference.transport() +
                (null == throughputReference ? "" : "; tput x: throughput relative to " +
                throughputReference.transport()) + "; figures are medians over repetitions");
        }
    }
}
