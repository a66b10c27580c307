/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.HdrHistogram.AbstractHistogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes every output of a benchmark run into one directory: the one call the harness makes at the end of a run.
 * <pre>{@code
 * Path run = ResultsDirectory.newRun(Path.of("bench-results"));          // or the --out directory
 * List<BenchResults.Result> rows = ...;                                   // per (transport, size), e.g. from
 *                                                                         // Repetitions.summarise(...), or
 *                                                                         // Result.failed(transport, size, why, settings)
 * Map<ResultKey, Histogram> rtt = ...;                                    // per (transport, size): every repetition's
 *                                                                         // round trips in ns, added together
 * BenchResults results = BenchResults.of(MachineInfo.gather(), started, Instant.now(), suiteSettings, rows);
 * ReportFiles files = ReportWriter.writeAll(results, rtt, run);           // also prints the console table
 * ResultsDirectory.linkLatest(run);                                       // bench-results/latest -> run
 * }</pre>
 * It writes, in this order, so that the figures are safe before anything fancier is tried:
 * <ol>
 *     <li>{@code results.json}, with the targets evaluated ({@link BenchResults#write});</li>
 *     <li>{@code rtt-<transport>-<size>.hgrm} for each non-empty histogram ({@link HgrmFiles});</li>
 *     <li>{@code report.html}, self-contained ({@link HtmlReport});</li>
 *     <li>{@code results.md}, the README table ({@link MarkdownTable});</li>
 *     <li>{@code rtt-throughput-<size>.png} at 64 bytes, or the smallest size measured ({@link PngChart});</li>
 *     <li>the console report ({@link ConsoleTable}) on the given stream.</li>
 * </ol>
 * A failure to write {@code results.json} or a {@code .hgrm} file throws; a failure in a later output is recorded in
 * {@link ReportFiles#problems()} and printed, and the other outputs are still written.
 * <p>
 * {@link #regenerate} rebuilds the outputs from an existing {@code results.json} (and the {@code .hgrm} files beside
 * it), as {@link ReportMain} does. Stateless and thread-safe; histograms must not be recorded into meanwhile.
 */
public final class ReportWriter
{
    /** Name of the results file. */
    public static final String RESULTS_JSON = "results.json";
    /** Name of the HTML report. */
    public static final String REPORT_HTML = "report.html";
    /** Name of the Markdown table. */
    public static final String RESULTS_MD = "results.md";
    /** The message size the PNG chart prefers. */
    public static final int CHART_SIZE = 64;

    /**
     * The outputs {@link #regenerate} can write.
     */
    public enum Output
    {
        /** {@code report.html}. */
        HTML,
        /** {@code results.md}. */
        MARKDOWN,
        /** {@code rtt-throughput-<size>.png}. */
        PNG,
        /** The console report on the stream. */
        CONSOLE
    }

    /**
     * What was written.
     *
     * @param resultsJson the results file, or {@code null} if not written by this call.
     * @param hgrm        the percentile files written.
     * @param html        the HTML report, or {@code null}.
     * @param markdown    the Markdown table, or {@code null}.
     * @param png         the chart, or {@code null}.
     * @param problems    outputs that failed, one line each; empty when all went well.
     */
    public record ReportFiles(
        Path resultsJson, List<Path> hgrm, Path html, Path markdown, Path png, List<String> problems)
    {
        /**
         * Copies the lists.
         */
        public ReportFiles
        {
            hgrm = List.copyOf(hgrm);
            problems = List.copyOf(problems);
        }
    }

    private ReportWriter()
    {
    }

    /**
     * Writes everything and prints the console report on {@link System#out}.
     *
     * @param results       the run's results.
     * @param rttHistograms round trips in nanoseconds per transport and size, all repetitions added together; may
     *                      be empty (the charts then draw through the percentiles of {@code results.json}).
     * @param outDir        the run's directory; created if missing.
     * @return what was written.
     * @throws UncheckedIOException if {@code results.json} or a {@code .hgrm} file cannot be written.
     */
    public static ReportFiles writeAll(
        final BenchResults results,
        final Map<ResultKey, ? extends AbstractHistogram> rttHistograms,
        final Path outDir)
    {
        return writeAll(results, rttHistograms, outDir, System.out);
    }

    /**
     * Writes everything and prints the console report on the given stream.
     *
     * @param results       the run's results.
     * @param rttHistograms round trips in nanoseconds per transport and size, all repetitions added together.
     * @param outDir        the run's directory; created if missing.
     * @param console       where to print the console report and problems, or {@code null} for nowhere.
     * @return what was written.
     * @throws UncheckedIOException if {@code results.json} or a {@code .hgrm} file cannot be written.
     */
    public static ReportFiles writeAll(
        final BenchResults results,
        final Map<ResultKey, ? extends AbstractHistogram> rttHistograms,
        final Path outDir,
        final PrintStream console)
    {
        createDirectories(outDir);
        final BenchResults evaluated = results.withTargets(Targets.evaluate(results));
        final Path json = outDir.resolve(RESULTS_JSON);
        evaluated.write(json);

        final List<Path> hgrm = new ArrayList<>();
        final Map<ResultKey, PercentileCurve> curves = new LinkedHashMap<>();
        for (final Map.Entry<ResultKey, ? extends AbstractHistogram> entry : rttHistograms.entrySet())
        {
            final AbstractHistogram histogram = entry.getValue();
            if (null != histogram && histogram.getTotalCount() > 0)
            {
                final Path file = outDir.resolve(entry.getKey().hgrmFileName());
                HgrmFiles.write(histogram, file);
                hgrm.add(file);
                curves.put(entry.getKey(), PercentileCurve.of(histogram));
            }
        }

        final ReportFiles rest = outputs(evaluated, curves, outDir, EnumSet.allOf(Output.class), console);
        return new ReportFiles(json, hgrm, rest.html(), rest.markdown(), rest.png(), rest.problems());
    }

    /**
     * Rebuilds outputs from an existing {@code results.json}; the latency curves come from the {@code .hgrm} files
     * beside it where present.
     *
     * @param resultsJson the results file.
     * @param outDir      where to write; created if missing.
     * @param outputs     which outputs.
     * @param console     where to print the console report and problems, or {@code null}.
     * @return what was written.
     * @throws UncheckedIOException     if the results cannot be read.
     * @throws IllegalArgumentException if the file is not results JSON.
     */
    public static ReportFiles regenerate(
        final Path resultsJson, final Path outDir, final Set<Output> outputs, final PrintStream console)
    {
        final BenchResults results = BenchResults.read(resultsJson);
        final Path dir = null == resultsJson.toAbsolutePath().getParent() ?
            Path.of(".") : resultsJson.toAbsolutePath().getParent();
        final Map<ResultKey, PercentileCurve> curves = new LinkedHashMap<>();
        for (final BenchResults.Result result : results.results())
        {
            final Path file = dir.resolve(result.key().hgrmFileName());
            if (result.hasFigures() && Files.isRegularFile(file))
            {
                curves.put(result.key(), HgrmFiles.read(file));
            }
        }
        createDirectories(outDir);
        return outputs(results, curves, outDir, outputs, console);
    }

    private static ReportFiles outputs(
        final BenchResults results,
        final Map<ResultKey, PercentileCurve> curves,
        final Path outDir,
        final Set<Output> outputs,
        final PrintStream console)
    {
        final List<String> problems = new ArrayList<>();
        Path html = null;
        Path markdown = null;
        Path png = null;
        if (outputs.contains(Output.HTML))
        {
            try
            {
                html = outDir.resolve(REPORT_HTML);
                HtmlReport.write(results, curves, html);
            }
            catch (final RuntimeException ex)
            {
                html = null;
                problems.add(REPORT_HTML + " not written: " + ex);
            }
        }
        if (outputs.contains(Output.MARKDOWN))
        {
            try
            {
                markdown = outDir.resolve(RESULTS_MD);
                Files.writeString(markdown, MarkdownTable.render(results, List.of()));
            }
            catch (final IOException | RuntimeException ex)
            {
                markdown = null;
                problems.add(RESULTS_MD + " not written: " + ex);
            }
        }
        if (outputs.contains(Output.PNG))
        {
            final int size = chartSize(results);
            if (size >= 0)
            {
                try
                {
                    png = outDir.resolve(PngChart.fileName(size));
                    PngChart.write(results, size, png);
                }
                catch (final RuntimeException | LinkageError ex)
                {
                    // LinkageError: a JVM without a usable java.desktop module fails here, not in the figures.
                    png = null;
                    problems.add(PngChart.fileName(size) + " not written: " + ex);
                }
            }
        }
        if (null != console)
        {
            if (outputs.contains(Output.CONSOLE))
            {
                console.print(ConsoleTable.render(results));
            }
            for (final String problem : problems)
            {
                console.println("report problem: " + problem);
            }
            console.flush();
        }
        return new ReportFiles(null, List.of(), html, markdown, png, problems);
    }

    /**
     * The size the PNG chart shows: 64 bytes if anything has figures there, else the smallest size that has some.
     *
     * @param results the run's results.
     * @return the size, or -1 if nothing has figures.
     */
    static int chartSize(final BenchResults results)
    {
        int smallest = -1;
        for (final BenchResults.Result result : results.results())
        {
            if (result.hasFigures())
            {
                if (CHART_SIZE == result.size())
                {
                    return CHART_SIZE;
                }
                smallest = smallest < 0 ? result.size() : Math.min(smallest, result.size());
            }
        }
        return smallest;
    }

    private static void createDirectories(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create output directory " + dir + ": " + ex, ex);
        }
    }
}
