/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.report.MachineInfo;
import io.sharedmem.bench.report.ResultKey;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.bench.transport.TrialSpec;
import io.sharedmem.block.BlockDirectory;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link BenchPlan}: every trial in interleaved order (repetition, then size, then transport: A B C ...
 * A B C ..., because the host moves the two vCPUs nearer and further over time and a transport measured in one
 * stretch would carry that stretch's luck), one pair of child JVMs at a time, then the medians over repetitions.
 * <p>
 * This JVM only orchestrates: it sleeps while the children busy-spin. It prints each transport's settings first,
 * then a progress line per trial. If the JVM is stopped (Ctrl-C), the children of the trial under way are killed
 * and its files removed. One run at a time per instance.
 */
public final class BenchRunner
{
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(90);

    private final BenchPlan plan;
    private final PrintStream console;
    private final boolean terminal;

    /**
     * Prepares a run.
     *
     * @param plan     what to run.
     * @param console  where to print settings and progress.
     * @param terminal whether {@code console} is a terminal (the progress line is then rewritten in place).
     */
    public BenchRunner(final BenchPlan plan, final PrintStream console, final boolean terminal)
    {
        this.plan = plan;
        this.console = console;
        this.terminal = terminal;
    }

    /**
     * Runs every trial and combines the repetitions.
     *
     * @return the results, one per transport and size; failed trials are reported in them, never thrown.
     * @throws InterruptedException if interrupted; the trial under way is stopped and cleaned up.
     */
    public BenchRun run() throws InterruptedException
    {
        final Instant started = Instant.now();
        final PeerCommand command = new PeerCommand(plan.pin());
        final List<Transport> transports = new ArrayList<>();
        plan.transports().forEach((name) -> transports.add(Transports.byName(name)));
        final Map<String, Map<String, String>> settings = printSettings(transports, command);

        final TrialRunner runner = new TrialRunner(command);
        final Thread stopper = new Thread(runner::abort, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        final Map<String, List<TrialResult>> trials = new LinkedHashMap<>();
        final List<TurnResult> turns = new ArrayList<>();
        try
        {
            long plannedNs = 0;
            for (final int size : plan.sizes())
            {
                final List<Transport> rotating = plan.rotating(transports, size);
                if (!rotating.isEmpty())
                {
                    plannedNs += plan.expectedRotationTime(rotating).toNanos() * plan.repetitions();
                }
                for (final Transport transport : transports)
                {
                    if (!rotating.contains(transport))
                    {
                        plannedNs += plan.expectedTrialTime(transport).toNanos() * plan.repetitions();
                    }
                }
            }
            final Progress progress = new Progress(console, terminal, plan.trialCount(), plannedNs);
            final long pid = ProcessHandle.current().pid();
            final Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            int trialNumber = 0;
            for (int repetition = 1; repetition <= plan.repetitions(); repetition++)
            {
                for (final int size : plan.sizes())
                {
                    final List<Transport> rotating = plan.rotating(transports, size);
                    if (!rotating.isEmpty())
                    {
                        trialNumber++;
                        final String prefix = plan.blockPrefix() + pid + "-" + trialNumber + "-";
                        final RotationSpec spec = plan.rotationSpec(rotating, size, tmp.resolve(prefix + "dir"), prefix,
                            BlockDirectory.resolve().resolve(prefix + "aeron"));
                        final Duration expected = plan.expectedRotationTime(rotating);
                        progress.starting("rotation of " + rotating.size(), size, repetition, plan.repetitions(),
                            expected.toNanos());
                        final Duration timeout = max(MIN_TIMEOUT, expected.multipliedBy(3));
                        final Rotation rotation = runner.rotate(rotating, spec, repetition, timeout.toNanos());
                        progress.finished(rotation.results());
                        for (final TrialResult result : rotation.results())
                        {
                            trials.computeIfAbsent(key(result.transport(), size), (k) -> new ArrayList<>()).add(result);
                        }
                        turns.addAll(rotation.turns());
                    }
                    for (final Transport transport : transports)
                    {
                        if (rotating.contains(transport))
                        {
                            continue;
                        }
                        trialNumber++;
                        final String prefix = plan.blockPrefix() + pid + "-" + trialNumber + "-";
                        final TrialSpec spec = plan.trialSpec(transport, size, tmp.resolve(prefix + "dir"), prefix,
                            BlockDirectory.resolve().resolve(prefix + "aeron"));
                        final Duration expected = plan.expectedTrialTime(transport);
                        progress.starting(transport.name(), size, repetition, plan.repetitions(), expected.toNanos());
                        final Duration timeout = max(MIN_TIMEOUT, expected.multipliedBy(3));
                        final TrialResult result = runner.run(transport, spec, repetition, timeout.toNanos());
                        progress.finished(result);
                        trials.computeIfAbsent(key(transport.name(), size), (k) -> new ArrayList<>()).add(result);
                    }
                }
            }
        }
        finally
        {
            runner.abort();
            try
            {
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
            catch (final IllegalStateException ignore)
            {
                // Already shutting down: the hook runs.
            }
        }

        final List<BenchResults.Result> results = new ArrayList<>();
        final Map<ResultKey, Histogram> histograms = new LinkedHashMap<>();
        for (final int size : plan.sizes())
        {
            for (final Transport transport : transports)
            {
                final List<TrialResult> ofTransport = trials.getOrDefault(key(transport.name(), size), List.of());
                results.add(RepetitionSummary.summarise(transport.name(), size, transport.zeroCopy(),
                    settings.get(transport.name()), ofTransport, turnsOf(turns, transport.name(), size)));
                final Histogram all = RepetitionSummary.merge(ofTransport);
                if (null != all)
                {
                    histograms.put(new ResultKey(transport.name(), size), all);
                }
            }
        }
        return new BenchRun(
            BenchResults.of(MachineInfo.gather(), started, Instant.now(), runSettings(command), results), histograms,
            turns);
    }

    private Map<String, Map<String, String>> printSettings(final List<Transport> transports, final PeerCommand command)
    {
        console.println("Settings (every transport between two JVMs, " +
            (command.isPinned() ? "pinned to CPUs 0 and 1" : "not pinned") + "; each trial: ping-pong, then " +
            "one-way throughput; " + plan.repetitions() + " interleaved repetition(s)):");
        if (plan.pin() && !command.isPinned())
        {
            console.println("  --pin ignored: taskset not found or fewer than two CPUs");
        }
        final Map<String, Map<String, String>> all = new LinkedHashMap<>();
        final Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        for (final Transport transport : transports)
        {
            final TrialSpec example = plan.trialSpec(transport, plan.sizes().get(0), dir.resolve("trial"),
                plan.blockPrefix() + "<trial>-", BlockDirectory.resolve().resolve(plan.blockPrefix() + "<trial>-aeron"));
            final Map<String, String> transportSettings = transport.settings(example);
            final Map<String, String> settings = new LinkedHashMap<>();
            settings.put("description", transport.description());
            settings.putAll(transportSettings);
            all.put(transport.name(), settings);
            final StringBuilder line = new StringBuilder("  ").append(transport.name()).append(": ");
            final String reason = transport.unavailableReason();
            if (null != reason)
            {
                line.append(reason);
            }
            else
            {
                final List<String> pairs = new ArrayList<>();
                transportSettings.forEach((key, value) -> pairs.add(key + "=" + value));
                line.append(String.join("; ", pairs));
            }
            console.println(line);
        }
        console.flush();
        return all;
    }

    private Map<String, String> runSettings(final PeerCommand command)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("transports", String.join(",", plan.transports()));
        settings.put("sizes", plan.sizes().toString());
        settings.put("repetitions", Integer.toString(plan.repetitions()));
        settings.put("order", "interleaved: repetition, then size, then transport");
        settings.put("measured_per_trial_ms", Long.toString(plan.duration().toMillis()));
        settings.put("ping_pong_ms", Long.toString(plan.duration().toMillis() / 2));
        settings.put("throughput_ms", Long.toString(plan.duration().toMillis() / 2));
        settings.put("warm_up_per_trial_ms", Long.toString(plan.warmUp().toMillis()) +
            " (times the transport's warm_up_factor)");
        settings.put("ring_capacity_bytes", Integer.toString(plan.capacity()));
        settings.put("pinned", command.isPinned() ? "initiator CPU 0, responder CPU 1 (taskset)" : "no");
        settings.put("child_jvm_options", String.join(" ", PeerCommand.JVM_OPTIONS) +
            (PeerCommand.extraOptions().isEmpty() ? "" : " " + String.join(" ", PeerCommand.extraOptions())));
        settings.put("wait", "both sides busy-spin (Thread.onSpinWait) except where a transport blocks");
        settings.put("ping_pong", "one message in flight; the responder verifies it and echoes a rewritten copy");
        settings.put("throughput", "initiator streams, responder verifies every message and times from the " +
            "first measured message to the end marker");
        settings.put("poll_limit", Integer.toString(PeerLoop.POLL_LIMIT));
        settings.put("mb", "10^6 bytes of payload");
        settings.put("block_directory", BlockDirectory.resolve().toString());
        return settings;
    }

    private static List<TurnResult> turnsOf(final List<TurnResult> turns, final String transport, final int size)
    {
        final List<TurnResult> selected = new ArrayList<>();
        for (final TurnResult turn : turns)
        {
            if (turn.size() == size && turn.transport().equals(transport))
            {
                selected.add(turn);
            }
        }
        return selected;
    }

    private static String key(final String transport, final int size)
    {
        return transport + "/" + size;
    }

    private static Duration max(final Duration a, final Duration b)
    {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
