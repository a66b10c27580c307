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
 * ReportFiles files = ReportWriter.writeAll(results, rtt, run, System.out); // also prints the console table
 * ResultsDirectory.linkLatest(run);                                       // bench-results/latest -> run
 * }</pre>
 * It writes, in this order, so that the figures are safe before anything fancier is tried:
 * <ol>
 *     <li>{@code results.json}, with the targets evaluated and the ratios of each result
 *     ({@link BenchResults#write});</li>
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
     * @param files    the files written, in order.
     * @param problems outputs that failed, one line each; empty when all went well.
     */
    public record ReportFiles(List<Path> files, List<String> problems)
    {
        /**
         * Copies the lists.
         */
        public ReportFiles
        {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    private ReportWriter()
    {
    }

    /**
     * Writes everything and prints the console report on the given stream.
     *
     * @param results       the run's results.
     * @param rttHistograms round trips in nanoseconds per transport and size, all repetitions added together; may
     *                      be empty (the charts then draw through the percentiles of {@code results.json}).
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
        final BenchResults evaluated = results.withTargets(Targets.evaluate(results)).withRatios();
        final List<Path> files = new ArrayList<>(List.of(outDir.resolve(RESULTS_JSON)));
        evaluated.write(files.get(0));
        final Map<ResultKey, PercentileCurve> curves = new LinkedHashMap<>();
        rttHistograms.forEach((key, histogram) ->
        {
            if (null != histogram && histogram.getTotalCount() > 0)
            {
                files.add(outDir.resolve(key.hgrmFileName()));
                HgrmFiles.write(histogram, files.get(files.size() - 1));
                curves.put(key, PercentileCurve.of(histogram));
            }
        });
        final ReportFiles rest = outputs(evaluated, curves, outDir, EnumSet.allOf(Output.class), console);
        files.addAll(rest.files());
        return new ReportFiles(files, rest.problems());
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
        final Path dir = resultsJson.toAbsolutePath().getParent();
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
        final List<Path> files = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final int size = chartSize(results);
        for (final Output output : outputs)
        {
            final Path file = switch (output)
            {
                case HTML -> outDir.resolve(REPORT_HTML);
                case MARKDOWN -> outDir.resolve(RESULTS_MD);
                case PNG -> size < 0 ? null : outDir.resolve(PngChart.fileName(size));
                case CONSOLE -> null;
            };
            try
            {
                switch (output)
                {
                    case HTML -> HtmlReport.write(results, curves, file);
                    case MARKDOWN -> Files.writeString(file, MarkdownTable.render(results, List.of()));
                    case PNG ->
                    {
                        if (null != file)
                        {
                            PngChart.write(results, size, file);
                        }
                    }
                    default -> print(console, ConsoleTable.render(results));
                }
                if (null != file)
                {
                    files.add(file);
                }
            }
            catch (final IOException | RuntimeException | LinkageError ex)
            {
                // LinkageError: a JVM without a usable java.desktop module fails at the chart, not the figures.
                problems.add((null == file ? "the console report" : file.getFileName()) + " not written: " + ex);
            }
        }
        problems.forEach((problem) -> print(console, "report problem: " + problem + "\n"));
        return new ReportFiles(files, problems);
    }

    private static void print(final PrintStream console, final String text)
    {
        if (null != console)
        {
            console.print(text);
            console.flush();
        }
    }

    /**
     * The size the PNG chart shows: 64 bytes if anything has figures there, else the smallest size that has some.
     *
     * @param results the run's results.
     * @return the size, or -1 if nothing has figures.
     */
    static int chartSize(final BenchResults results)
    {
        return results.results().stream().filter(BenchResults.Result::hasFigures).mapToInt(BenchResults.Result::size)
            .reduce(-1, (found, size) -> CHART_SIZE == found || CHART_SIZE == size ? CHART_SIZE :
                found < 0 ? size : Math.min(found, size));
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
