/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;

/**
 * Regenerates the reports from an existing {@code results.json}: the HTML report, the README's Markdown table, the
 * PNG chart and the console table, without running anything again.
 * <pre>
 * java -cp ipc-bench/target/benchmarks.jar io.sharedmem.bench.report.ReportMain \
 *     --from bench-results/latest/results.json --html --markdown --png
 * </pre>
 * With no output option it writes them all. A picocli command, so the command-line tool can mount it as a
 * subcommand. Not thread-safe: one instance per invocation.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Regenerates report.html, results.md, the PNG chart and the console table from results.json.")
public final class ReportMain implements Callable<Integer>
{
    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The results.json to read.")
    private Path from;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where to write (default: the directory of the results file).")
    private Path out;

    @Option(names = "--html", description = "Write report.html (the .hgrm files beside the results draw the curves).")
    private boolean html;

    @Option(names = "--markdown", description = "Write results.md, the README table.")
    private boolean markdown;

    @Option(names = "--png", description = "Write rtt-throughput-<size>.png (64 B, else the smallest size).")
    private boolean png;

    @Option(names = "--console", description = "Print the console table and the targets.")
    private boolean console;

    /**
     * Runs the command.
     *
     * @param args the command line; {@code --help} lists the options.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command, ready to execute: a failure prints its message, not a stack trace, and exits with 1.
     *
     * @return a new command line.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new ReportMain()).setExecutionExceptionHandler((ex, command, parseResult) ->
        {
            command.getErr().println("report: " + ex.getMessage());
            return 1;
        });
    }

    /**
     * Regenerates the chosen outputs.
     *
     * @return 0 if everything was written, 1 if an output failed.
     */
    @Override
    public Integer call()
    {
        final EnumSet<ReportWriter.Output> outputs = EnumSet.noneOf(ReportWriter.Output.class);
        final boolean[] chosen = {html, markdown, png, console};
        for (final ReportWriter.Output output : ReportWriter.Output.values())
        {
            if (chosen[output.ordinal()])
            {
                outputs.add(output);
            }
        }
        final Path dir = null != out ? out : from.toAbsolutePath().getParent();
        final ReportWriter.ReportFiles files = ReportWriter.regenerate(from, dir,
            outputs.isEmpty() ? EnumSet.allOf(ReportWriter.Output.class) : outputs, System.out);
        files.files().forEach((file) -> System.out.println("wrote " + file));
        return files.problems().isEmpty() ? 0 : 1;
    }
}
