/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The benchmark suite's outputs, all generated from one model: {@link io.sharedmem.bench.report.BenchResults}
 * ({@code results.json}), the console table, {@code .hgrm} percentile files, a self-contained {@code report.html},
 * the README's Markdown table and PNG chart, and the targets the issues set.
 * <p>
 * The harness calls {@link io.sharedmem.bench.report.ReportWriter#writeAll}; {@link
 * io.sharedmem.bench.report.ReportMain} regenerates everything from an existing {@code results.json}.
 */
package io.sharedmem.bench.report;
