/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Turns a finished run into files and a console summary: the seam between the harness, which measures, and the
 * reporting side, which presents ({@code results.json}, {@code .hgrm} files, {@code report.html}, charts, the
 * table with ratios). {@link BasicReporter} is the harness's own minimal implementation.
 */
@FunctionalInterface
public interface BenchReporter
{
    /**
     * Writes the run's outputs.
     *
     * @param run     the run.
     * @param outDir  the results directory, existing and empty.
     * @param console where to print the summary.
     * @throws IOException if a file cannot be written.
     */
    void report(BenchRun run, Path outDir, PrintStream console) throws IOException;
}
