/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench;

import io.sharedmem.bench.harness.BenchPlan;
import io.sharedmem.bench.harness.BenchRun;
import io.sharedmem.bench.harness.BenchRunner;
import io.sharedmem.bench.harness.TurnResult;
import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.report.ReportWriter;
import io.sharedmem.bench.report.ResultsDirectory;
import io.sharedmem.bench.transport.Transports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ipc bench}: every transport side by side between two real JVMs, round trips and throughput, written to a
 * results directory. The {@code ipc} command line mounts it as a sub-command; it also runs on its own through
 * {@link #main}.
 * <pre>
 *   ipc bench                                   every transport, 64-byte messages, 2 repetitions (~2.5 min, 2 cores)
 *   ipc bench --separate                        the same with every transport in a pair of JVMs of its own
 *   ipc bench --full                            every size, 3 repetitions, longer phases (~30 min)
 *   ipc bench --transports tcp,spsc-ring --sizes 64,1k --duration 1s --repetitions 3 --pin --out /tmp/b
 * </pre>
 * Exit status: 0 when the run produced figures (transports that failed are reported with their error), 1 when no
 * transport produced any, 2 for bad options.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Benchmarks every transport between two JVMs: ping-pong round trips (HdrHistogram percentiles) and " +
            "one-way throughput, with every message verified.",
        "",
        "Method. The host may move the two vCPUs nearer or further apart every few seconds, which moves every " +
            "shared-memory figure 2 to 4 times. So the shared-memory transports (spsc-ring, spsc-ring-claim, " +
            "mpsc-ring, raw-block, agrona-*, aeron-ipc*) take turns in ONE pair of JVMs: each repetition runs a " +
            "rotation in which every transport gets a ping-pong turn and a throughput turn of --turn (100 ms) per " +
            "round, round after round, the starting transport moving on each round, until each has been measured " +
            "for --duration. Each transport lives in a class loader of its own, so no JIT profile or compiled code " +
            "is shared between transports; threads of a transport not being measured (Aeron's driver and client " +
            "conductor) are parked. A placement probe (an 8-byte raw cache-line round trip, 4 ms) runs between " +
            "every two turns. Sockets, pipes and Aeron UDP take their turns alone, one pair of JVMs each " +
            "(--separate: every transport so); aeron-udp-netns and tcp-netns start their two JVMs in two network " +
            "namespaces joined by a veth pair, made for the rotation and removed after it (they need root and ip; " +
            "otherwise they are listed as skipped, with the reason).",
        "Figures are what was measured: round-trip percentiles of all measured turns together, throughput = " +
            "messages / time over all throughput turns; then the median over repetitions. Each round trip is also " +
            "set against the probes on either side of its turn (p50 / probe, geometric mean over turns): the " +
            "round-trip targets between shared-memory transports are judged on these probe-normalised figures, " +
            "and the report says so. turns.csv in the results holds every turn.",
        "",
        "Writes results.json, one .hgrm per transport and size, report.html, results.md, turns.csv and a chart " +
            "to the results directory, and prints a table with each transport's ratio to spsc-ring (and, for " +
            "aeron-udp, aeron-udp-netns and tcp-netns, to tcp)."})
public final class BenchCommand implements Callable<Integer>
{
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)", Pattern.CASE_INSENSITIVE);
    private static final String RESULTS_BASE = "bench-results";
    private static final String TURNS_CSV = "turns.csv";

    @Spec
    private CommandSpec spec;

    @Option(names = "--full",
        description = "All sizes (8, 64, 256, 1024, 4096 bytes), 3 repetitions, 4 s measured per transport.")
    private boolean full;

    @Option(names = "--transports", split = ",", paramLabel = "NAME", completionCandidates = TransportNames.class,
        description = "Transports to run, comma-separated (default: all): ${COMPLETION-CANDIDATES}.")
    private List<String> transports;

    @Option(names = "--sizes", split = ",", paramLabel = "BYTES", converter = SizeConverter.class,
        description = "Message sizes, comma-separated, such as 64,1k (default: 64; with --full: all).")
    private List<Integer> sizes;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Measured time per transport, size and repetition, shared by ping-pong and throughput, " +
            "such as 500ms, 1s, 2s (default: 2s; with --full: 4s). Warm-up is half of it (three times that for " +
            "Aeron).")
    private Duration duration;

    @Option(names = "--repetitions", paramLabel = "N",
        description = "Interleaved repetitions of the whole sequence (default: 2; with --full: 3).")
    private Integer repetitions;

    @Option(names = "--separate",
        description = "Run every transport alone (one pair of JVMs per transport, size and repetition) instead of " +
            "letting the shared-memory transports take turns in one pair of JVMs.")
    private boolean separate;

    @Option(names = "--turn", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Measured length of one turn when the shared-memory transports take turns (default: 100ms).")
    private Duration turn;

    @Option(names = "--pin", description = "Pin the two JVMs to CPUs 0 and 1 with taskset, where it exists.")
    private boolean pin;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Results directory (default: bench-results/<timestamp>, with bench-results/latest " +
            "pointing to it).")
    private Path out;

    @Option(names = "--capacity", paramLabel = "BYTES", converter = SizeConverter.class,
        description = "Data capacity of every shared-memory ring, ours and Agrona's, a power of two (default: 64k).")
    private Integer capacity;

    /**
     * Creates the command; picocli sets the options.
     */
    public BenchCommand()
    {
    }

    /**
     * Runs {@code bench} on its own.
     *
     * @param args the options.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    /**
     * Runs the benchmark.
     *
     * @return the exit status.
     * @throws Exception if the results cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final BenchPlan plan = plan();
        final Path dir = resultsDirectory();
        final PrintStream console = System.out;
        console.println("ipc bench: " + plan.transports().size() + " transports x " + plan.sizes().size() +
            " size(s) x " + plan.repetitions() + " repetition(s), " + plan.duration().toMillis() +
            " ms measured per transport; results in " + dir);
        final BenchRun run = new BenchRunner(plan, console, null != System.console()).run();
        ReportWriter.writeAll(run.results(), run.histograms(), dir, console);
        if (!run.turns().isEmpty())
        {
            final List<String> lines = new java.util.ArrayList<>();
            lines.add(TurnResult.CSV_HEADER);
            run.turns().forEach((turnResult) -> lines.add(turnResult.toCsv()));
            Files.write(dir.resolve(TURNS_CSV), lines);
        }
        if (null == out && !ResultsDirectory.linkLatest(dir))
        {
            console.println("This file system has no symbolic links: bench-results/latest not updated.");
        }
        console.println("Results in " + dir.toAbsolutePath());
        for (final BenchResults.Result result : run.results().results())
        {
            if (result.hasFigures())
            {
                return 0;
            }
        }
        console.println("No transport produced figures.");
        return 1;
    }

    /**
     * The plan these options describe.
     *
     * @return the plan.
     * @throws ParameterException if an option's value is out of range.
     */
    BenchPlan plan()
    {
        final BenchPlan plan = BenchPlan.defaults(full);
        try
        {
            return new BenchPlan(null != transports ? transports : plan.transports(),
                null != sizes ? sizes : plan.sizes(), null != repetitions ? repetitions : plan.repetitions(),
                null != duration ? duration : plan.duration(), null != duration ? duration.dividedBy(2) : plan.warmUp(),
                null != capacity ? capacity : plan.capacity(), pin, plan.blockPrefix(), separate,
                null != turn ? turn : plan.turn());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    private Path resultsDirectory() throws IOException
    {
        return null != out ? Files.createDirectories(out) : ResultsDirectory.newRun(Path.of(RESULTS_BASE));
    }

    /**
     * Parses message sizes: a number of bytes, optionally with {@code k} (KiB) or {@code m} (MiB).
     */
    static final class SizeConverter implements CommandLine.ITypeConverter<Integer>
    {
        @Override
        public Integer convert(final String value)
        {
            final Matcher matcher = SIZE.matcher(value.trim());
            if (!matcher.matches())
            {
                throw new CommandLine.TypeConversionException("not a size in bytes: \"" + value +
                    "\" (examples: 64, 1k, 4KiB)");
            }
            final long number = Long.parseLong(matcher.group(1));
            final String unit = matcher.group(2).toLowerCase(Locale.ROOT);
            final long bytes = unit.startsWith("k") ? number << 10 : unit.startsWith("m") ? number << 20 : number;
            if (bytes > Integer.MAX_VALUE)
            {
                throw new CommandLine.TypeConversionException("size too large: \"" + value + "\"");
            }
            return (int)bytes;
        }
    }

    /**
     * Parses durations such as {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}.
     */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration>
    {
        @Override
        public Duration convert(final String value)
        {
            final Matcher matcher = TIME.matcher(value.trim());
            if (!matcher.matches())
            {
                throw new CommandLine.TypeConversionException("not a duration: \"" + value +
                    "\" (examples: 500ms, 1s, 2m)");
            }
            final double number = Double.parseDouble(matcher.group(1));
            final double millis = switch (matcher.group(2).toLowerCase(Locale.ROOT))
            {
                case "ms" -> number;
                case "s" -> number * 1000;
                default -> number * 60_000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
    }

    /**
     * The transport names, for {@code --help} and completion.
     */
    static final class TransportNames implements Iterable<String>
    {
        @Override
        public Iterator<String> iterator()
        {
            return Transports.names().iterator();
        }
    }
}
