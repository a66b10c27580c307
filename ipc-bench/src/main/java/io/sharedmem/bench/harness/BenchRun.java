/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.report.ResultKey;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * What a benchmark run produced, ready for {@link io.sharedmem.bench.report.ReportWriter#writeAll}: the results
 * (the content of {@code results.json}) and, per transport and size, every round trip of every repetition.
 *
 * @param results    machine, start and end, suite settings, and one entry per transport and size: the median over
 *                   repetitions of each figure with its spread, or the error of a transport that could not run.
 * @param histograms round trips in nanoseconds per transport and size, all successful repetitions added together;
 *                   absent for a transport that produced no figures.
 * @param turns      every measured turn of every rotation, in the order they ran.
 */
public record BenchRun(BenchResults results, Map<ResultKey, Histogram> histograms, List<TurnResult> turns)
{
    /**
     * Copies the map and the list.
     */
    public BenchRun
    {
        histograms = Map.copyOf(histograms);
        turns = List.copyOf(turns);
    }
}
