/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sharedmem.bench.transport.Transports;
import org.HdrHistogram.AbstractHistogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the benchmark suite, exactly as {@code results.json} holds it: the machine, when the run started and
 * finished, the suite's settings, and one {@link Result} per transport and message size.
 * <pre>
 * {
 *   "machine":  {"cores": 2, "cpu": "...", "jvm": "...", "os": "...", "kernel": "...", "host_note": "..."},
 *   "started":  "2026-11-25T14:03:12Z",
 *   "finished": "2026-11-25T14:06:40Z",
 *   "settings": {"repetitions": "2", "duration": "5s", ...},
 *   "results": [
 *     {"transport": "spsc-ring", "size": 64,
 *      "rtt_ns": {"p50": 480, "p90": 510, "p99": 700, "p999": 1900, "p9999": 9000, "max": 41000, "samples": 200000},
 *      "throughput": {"msgs_per_s": 7.5E7, "mb_per_s": 4800.0},
 *      "alloc_bytes_per_msg": 0.0,
 *      "repetitions": 2,
 *      "spread": {"rtt_p50_ns": {"min": 470, "max": 490}, ...},
 *      "settings": {"capacity": "65536", ...},
 *      "ratios": {"spsc-ring": {"rtt_p50": 1.0, "msgs_per_s": 1.0}}},
 *     {"transport": "aeron-udp", "size": 64, ...,
 *      "ratios": {"spsc-ring": {"rtt_p50": 150.2, "msgs_per_s": 8.1}, "tcp": {"rtt_p50": 1.3, "msgs_per_s": 0.2}}},
 *     {"transport": "aeron-ipc", "size": 64, "error": "media driver did not start: ...", "settings": {...}}
 *   ],
 *   "target_notes": {"rtt-p50-vs-raw-block-64": "why a target was missed, written by whoever ran the suite"},
 *   "targets": [ ...the evaluation of {@link Targets}, written for readers of the file, recomputed on reading... ]
 * }
 * </pre>
 * Times are nanoseconds, throughput is one-way messages per second and megabytes (10<sup>6</sup> bytes) of payload
 * per second, and every figure is the median over the repetitions, with the minimum and maximum in
 * {@link Spread}. A transport that could not run carries {@link Result#error()} instead of figures. Each result's
 * {@link Result#ratios()} are the tables' ratios, written for readers of the file ({@link #withRatios()}); the
 * reports recompute them from the figures.
 * <p>
 * Instances are immutable and thread-safe. {@link #write(Path)} and {@link #read(Path)} are the file's only writer
 * and reader; unknown fields are ignored on reading, so an older report tool reads a newer file.
 *
 * @param machine     the machine the suite ran on.
 * @param started     when the run started, ISO-8601 UTC.
 * @param finished    when it finished, ISO-8601 UTC, or {@code null} while it runs.
 * @param settings    the suite's settings (durations, repetitions, pinning, ...), as text.
 * @param results     one entry per transport and message size, in the order they were run.
 * @param targetNotes why a target was missed, by {@link TargetOutcome#id()}; filled in by whoever ran the suite.
 * @param targets     the targets as {@link Targets#evaluate(BenchResults)} judged them when the file was written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResults(
    @JsonProperty("machine") Machine machine,
    @JsonProperty("started") String started,
    @JsonProperty("finished") String finished,
    @JsonProperty("settings") Map<String, String> settings,
    @JsonProperty("results") List<Result> results,
    @JsonProperty("target_notes") Map<String, String> targetNotes,
    @JsonProperty("targets") List<TargetOutcome> targets)
{
    /**
     * Orders results by transport ({@link Transports#ORDER}), then by size.
     */
    static final Comparator<Result> BY_ORDER =
        Comparator.comparing(Result::transport, Transports.ORDER).thenComparingInt(Result::size);

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Normalises absent collections to empty ones and makes every collection unmodifiable, keeping its order.
     */
    public BenchResults
    {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(started, "started");
        settings = orderedCopy(settings);
        results = null == results ? List.of() : List.copyOf(results);
        targetNotes = orderedCopy(targetNotes);
        targets = null == targets ? List.of() : List.copyOf(targets);
    }

    /**
     * The usual way to build a run's results: what the harness knows at the end of a run.
     *
     * @param machine  the machine, usually {@link MachineInfo#gather()}.
     * @param started  when the run started.
     * @param finished when it finished.
     * @param settings the suite's settings, as text.
     * @param results  one entry per transport and size.
     * @return the results, without target notes or evaluation.
     */
    public static BenchResults of(
        final Machine machine,
        final Instant started,
        final Instant finished,
        final Map<String, String> settings,
        final List<Result> results)
    {
        return new BenchResults(
            machine, iso(started), null == finished ? null : iso(finished), settings, results, null, null);
    }

    /**
     * A copy holding the given target evaluation, as written to the file.
     *
     * @param outcomes the outcomes.
     * @return the new results.
     */
    public BenchResults withTargets(final List<TargetOutcome> outcomes)
    {
        return new BenchResults(machine, started, finished, settings, results, targetNotes, outcomes);
    }

    /**
     * A copy in which every result carries its ratios against the tables' baselines
     * ({@link ResultTable#ratios(BenchResults, Result)}), as written to the file.
     *
     * @return the new results.
     */
    public BenchResults withRatios()
    {
        final List<Result> rated = new ArrayList<>();
        for (final Result result : results)
        {
            rated.add(new Result(result.transport, result.size, result.error, result.rttNs, result.throughput,
                result.allocBytesPerMsg, result.repetitions, result.spread, result.settings, result.placement,
                ResultTable.ratios(this, result)));
        }
        return new BenchResults(machine, started, finished, settings, rated, targetNotes, targets);
    }

    /**
     * The result of one transport at one size.
     *
     * @param transport the transport's name, such as {@code "spsc-ring"}.
     * @param size      the message size in bytes.
     * @return the result, or {@code null} if there is none.
     */
    public Result find(final String transport, final int size)
    {
        for (final Result result : results)
        {
            if (result.size() == size && result.transport().equals(transport))
            {
                return result;
            }
        }
        return null;
    }

    /**
     * The message sizes present, ascending.
     *
     * @return the sizes.
     */
    public List<Integer> sizes()
    {
        final List<Integer> sizes = new ArrayList<>();
        for (final Result result : results)
        {
            if (!sizes.contains(result.size()))
            {
                sizes.add(result.size());
            }
        }
        Collections.sort(sizes);
        return sizes;
    }

    /**
     * The results at one size, in {@link Transports#ORDER}.
     *
     * @param size the message size in bytes.
     * @return the results.
     */
    public List<Result> atSize(final int size)
    {
        final List<Result> selected = new ArrayList<>();
        for (final Result result : results)
        {
            if (result.size() == size)
            {
                selected.add(result);
            }
        }
        selected.sort(BY_ORDER);
        return selected;
    }

    /**
     * Writes the results as indented JSON, replacing the file.
     *
     * @param file where to write.
     * @throws UncheckedIOException if the file cannot be written.
     */
    public void write(final Path file)
    {
        try
        {
            Files.writeString(file, toJson());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write benchmark results to " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The results as indented JSON.
     *
     * @return the JSON text.
     */
    public String toJson()
    {
        try
        {
            return MAPPER.writeValueAsString(this) + System.lineSeparator();
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot serialise benchmark results: " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads results written by {@link #write(Path)} (or by hand, in the same shape).
     *
     * @param file the {@code results.json} file.
     * @return the results.
     * @throws UncheckedIOException     if the file cannot be read.
     * @throws IllegalArgumentException if it is not results JSON, naming the file and the problem.
     */
    public static BenchResults read(final Path file)
    {
        final String json;
        try
        {
            json = Files.readString(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new UncheckedIOException("benchmark results " + file + " do not exist", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read benchmark results " + file + ": " + ex.getMessage(), ex);
        }
        try
        {
            return fromJson(json);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Parses results JSON.
     *
     * @param json the text.
     * @return the results.
     * @throws IllegalArgumentException if the text is not results JSON.
     */
    public static BenchResults fromJson(final String json)
    {
        try
        {
            return MAPPER.readValue(json, BenchResults.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("not benchmark results JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * The mapper used for the file, configured for it; shared, do not reconfigure.
     *
     * @return the mapper.
     */
    static ObjectMapper mapper()
    {
        return MAPPER;
    }

    static String iso(final Instant instant)
    {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Map<String, String> orderedCopy(final Map<String, String> map)
    {
        return null == map ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The machine a run was measured on: enough to tell whether two runs are comparable.
     *
     * @param cores    {@link Runtime#availableProcessors()}.
     * @param cpu      the CPU model, from {@code /proc/cpuinfo} where there is one.
     * @param jvm      the JVM's name and version.
     * @param os       the operating system's name, version and architecture.
     * @param kernel   the kernel release, where known.
     * @param hostNote free text about the host, such as "2 vCPUs, placement varies", or {@code null}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Machine(
        @JsonProperty("cores") int cores,
        @JsonProperty("cpu") String cpu,
        @JsonProperty("jvm") String jvm,
        @JsonProperty("os") String os,
        @JsonProperty("kernel") String kernel,
        @JsonProperty("host_note") String hostNote)
    {
    }

    /**
     * What one transport achieved at one message size, or why it could not run.
     *
     * @param transport        the transport's name, one of {@link Transports} or another.
     * @param size             the message size in bytes.
     * @param error            why the transport could not run, or {@code null} if it ran.
     * @param rttNs            round-trip time percentiles, or {@code null} on error.
     * @param throughput       one-way throughput, or {@code null} on error.
     * @param allocBytesPerMsg bytes allocated per message in the child JVMs, or {@code null} if not measured.
     * @param repetitions      how many repetitions the figures are the median of, or {@code null} on error.
     * @param spread           the minimum and maximum over the repetitions, or {@code null}.
     * @param settings         the transport's settings as its peers ran them, as text.
     * @param placement        the round trips set against the placement probes they were measured between, or
     *                         {@code null} if not probed.
     * @param ratios           how many times slower than each baseline of the tables, by its name
     *                         ({@code spsc-ring}, or {@code raw-block} where that has no figures; {@code tcp} for
     *                         the network transports, Aeron UDP and TCP between namespaces), or {@code null}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
        @JsonProperty("transport") String transport,
        @JsonProperty("size") int size,
        @JsonProperty("error") String error,
        @JsonProperty("rtt_ns") Rtt rttNs,
        @JsonProperty("throughput") Throughput throughput,
        @JsonProperty("alloc_bytes_per_msg") Double allocBytesPerMsg,
        @JsonProperty("repetitions") Integer repetitions,
        @JsonProperty("spread") Spread spread,
        @JsonProperty("settings") Map<String, String> settings,
        @JsonProperty("placement") Placement placement,
        @JsonProperty("ratios") Map<String, Ratio> ratios)
    {
        /**
         * Checks the name and makes the settings an unmodifiable ordered copy.
         */
        public Result
        {
            Objects.requireNonNull(transport, "transport");
            settings = orderedCopy(settings);
            ratios = null == ratios ? null : Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
        }

        /**
         * A transport that ran.
         *
         * @param transport        its name.
         * @param size             the message size in bytes.
         * @param rttNs            round-trip time percentiles.
         * @param throughput       one-way throughput.
         * @param allocBytesPerMsg bytes allocated per message, or {@code null} if not measured.
         * @param repetitions      how many repetitions the figures summarise.
         * @param spread           the minimum and maximum over the repetitions, or {@code null}.
         * @param settings         the transport's settings, as text.
         * @return the result.
         */
        public static Result measured(
            final String transport,
            final int size,
            final Rtt rttNs,
            final Throughput throughput,
            final Double allocBytesPerMsg,
            final int repetitions,
            final Spread spread,
            final Map<String, String> settings)
        {
            return new Result(transport, size, null, Objects.requireNonNull(rttNs, "rttNs"),
                Objects.requireNonNull(throughput, "throughput"), allocBytesPerMsg, repetitions, spread, settings,
                null, null);
        }

        /**
         * A transport that could not run.
         *
         * @param transport its name.
         * @param size      the message size in bytes.
         * @param error     why, in words a user can act on.
         * @param settings  the transport's settings, as text.
         * @return the result.
         */
        public static Result failed(
            final String transport, final int size, final String error, final Map<String, String> settings)
        {
            return new Result(
                transport, size, Objects.requireNonNull(error, "error"), null, null, null, null, null, settings, null,
                null);
        }

        /**
         * A copy with the round trips set against the placement.
         *
         * @param measuredIn the placement figures.
         * @return the copy.
         */
        public Result withPlacement(final Placement measuredIn)
        {
            return new Result(transport, size, error, rttNs, throughput, allocBytesPerMsg, repetitions, spread,
                settings, measuredIn, ratios);
        }

        /**
         * Whether this transport ran and has figures.
         *
         * @return {@code true} if it has round-trip and throughput figures and no error.
         */
        public boolean hasFigures()
        {
            return null == error && null != rttNs && null != throughput;
        }

        /**
         * The key of this result among the run's histograms and files.
         *
         * @return transport and size.
         */
        public ResultKey key()
        {
            return new ResultKey(transport, size);
        }
    }

    /**
     * Round-trip time percentiles in nanoseconds, from a ping-pong of one message each way.
     *
     * @param p50     the median.
     * @param p90     the 90th percentile.
     * @param p99     the 99th percentile.
     * @param p999    the 99.9th percentile.
     * @param p9999   the 99.99th percentile.
     * @param max     the longest round trip.
     * @param samples how many round trips were recorded.
     */
    public record Rtt(
        @JsonProperty("p50") long p50,
        @JsonProperty("p90") long p90,
        @JsonProperty("p99") long p99,
        @JsonProperty("p999") long p999,
        @JsonProperty("p9999") long p9999,
        @JsonProperty("max") long max,
        @JsonProperty("samples") long samples)
    {
        /**
         * The percentiles of a histogram of round-trip times recorded in nanoseconds.
         *
         * @param histogram the histogram; not modified.
         * @return its percentiles.
         */
        public static Rtt of(final AbstractHistogram histogram)
        {
            return new Rtt(
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99),
                histogram.getMaxValue(),
                histogram.getTotalCount());
        }

        /**
         * The value at one of the named percentiles.
         *
         * @param percentile one of {@code p50 p90 p99 p999 p9999 max}.
         * @return the value in nanoseconds.
         * @throws IllegalArgumentException for another name.
         */
        public long at(final String percentile)
        {
            switch (percentile)
            {
                case "p50":
                    return p50;
                case "p90":
                    return p90;
                case "p99":
                    return p99;
                case "p999":
                    return p999;
                case "p9999":
                    return p9999;
                case "max":
                    return max;
                default:
                    throw new IllegalArgumentException(
                        "unknown percentile \"" + percentile + "\": use p50, p90, p99, p999, p9999 or max");
            }
        }
    }

    /**
     * One-way throughput: a producer sending as fast as the consumer takes messages. A transport measured by
     * ping-pong only (such as {@code raw-block}) reports 0 messages per second, which reports show as "-".
     *
     * @param msgsPerS messages per second.
     * @param mbPerS   payload megabytes (10<sup>6</sup> bytes) per second.
     */
    public record Throughput(
        @JsonProperty("msgs_per_s") double msgsPerS,
        @JsonProperty("mb_per_s") double mbPerS)
    {
        /**
         * Throughput from a message rate and size.
         *
         * @param msgsPerS messages per second.
         * @param size     message size in bytes.
         * @return the throughput, megabytes computed from the two.
         */
        public static Throughput of(final double msgsPerS, final int size)
        {
            return new Throughput(msgsPerS, msgsPerS * size / 1e6);
        }
    }

    /**
     * How far the repetitions of one figure were apart: its minimum and maximum over repetitions. The vCPU
     * placement of a small virtual machine changes over time, so a wide spread says a ratio is uncertain.
     *
     * @param rttP50Ns  the median round-trip time's range, nanoseconds.
     * @param rttP99Ns  the 99th percentile's range, nanoseconds.
     * @param rttP999Ns the 99.9th percentile's range, nanoseconds.
     * @param msgsPerS  the throughput's range, messages per second.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spread(
        @JsonProperty("rtt_p50_ns") Range rttP50Ns,
        @JsonProperty("rtt_p99_ns") Range rttP99Ns,
        @JsonProperty("rtt_p999_ns") Range rttP999Ns,
        @JsonProperty("msgs_per_s") Range msgsPerS)
    {
        /**
         * The range of a round-trip percentile.
         *
         * @param percentile {@code p50}, {@code p99} or {@code p999}.
         * @return the range, or {@code null} if not recorded.
         */
        public Range rtt(final String percentile)
        {
            switch (percentile)
            {
                case "p50":
                    return rttP50Ns;
                case "p99":
                    return rttP99Ns;
                case "p999":
                    return rttP999Ns;
                default:
                    return null;
            }
        }
    }

    /**
     * Round trips set against the vCPU placement they were measured in. A placement probe (an 8-byte round trip over
     * a raw cache line, the cheapest there is) runs just before and just after every measured turn; each turn's
     * percentile is divided by the geometric mean of its two probes, and the quotients are combined by their
     * geometric mean over every turn of every repetition. The host moves the two vCPUs between a near and a
     * far placement that differ 2 to 4 times; these quotients vary far less, so targets between shared-memory
     * transports are judged on them.
     *
     * @param probeNs          the geometric mean of the probes the transport's round trips were measured between, ns.
     * @param rttP50OverProbe  the median round trip over the probe, combined as above.
     * @param rttP999OverProbe the 99.9th percentile over the probe, combined as above.
     * @param samples          how many turns were combined.
     * @param basis            {@code turns}; {@code trials} in files of versions that also ran whole trials.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Placement(
        @JsonProperty("probe_ns") double probeNs,
        @JsonProperty("rtt_p50_over_probe") double rttP50OverProbe,
        @JsonProperty("rtt_p999_over_probe") double rttP999OverProbe,
        @JsonProperty("samples") int samples,
        @JsonProperty("basis") String basis)
    {
        /**
         * The quotient for a percentile.
         *
         * @param percentile {@code p50} or {@code p999}.
         * @return the quotient, or {@link Double#NaN} for another percentile.
         */
        public double overProbe(final String percentile)
        {
            switch (percentile)
            {
                case "p50":
                    return rttP50OverProbe;
                case "p999":
                    return rttP999OverProbe;
                default:
                    return Double.NaN;
            }
        }
    }

    /**
     * How many times slower a transport is than a baseline, as the tables say "N× slower" (below 1: faster).
     *
     * @param rttP50   its median round trip over the baseline's, or {@code null} if either is missing.
     * @param msgsPerS the baseline's messages per second over its own, or {@code null} if either was not measured.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratio(@JsonProperty("rtt_p50") Double rttP50, @JsonProperty("msgs_per_s") Double msgsPerS)
    {
        /**
         * The ratios of a result against a baseline, both with figures.
         *
         * @param result   the transport's result.
         * @param baseline the baseline's.
         * @return the ratios; a figure that is zero or missing on either side gives {@code null}.
         */
        public static Ratio of(final Result result, final Result baseline)
        {
            return new Ratio(
                positive((double)result.rttNs().p50() / baseline.rttNs().p50()),
                positive(baseline.throughput().msgsPerS() / result.throughput().msgsPerS()));
        }

        private static Double positive(final double value)
        {
            return Double.isFinite(value) && value > 0 ? value : null;
        }
    }

    /**
     * A minimum and a maximum.
     *
     * @param min the smallest value.
     * @param max the largest value.
     */
    public record Range(@JsonProperty("min") double min, @JsonProperty("max") double max)
    {
    }
}
