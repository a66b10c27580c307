/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.report.MachineInfo;
import io.sharedmem.bench.report.ResultKey;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.block.BlockDirectory;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link BenchPlan}: every rotation in interleaved order (repetition, then size, then rotation: A B C ...
 * A B C ..., because the host moves the two vCPUs nearer and further over time and a transport measured in one
 * stretch would carry that stretch's luck), one pair of peer processes at a time, then the medians over repetitions.
 * <p>
 * This JVM only orchestrates: it sleeps while the peers busy-spin. It prints each transport's settings first, then
 * progress per rotation. If the JVM is stopped (Ctrl-C), the peers of the rotation under way are killed and its files
 * removed. One run at a time per instance.
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
     * Runs every rotation and combines the repetitions.
     *
     * @return the results, one per transport and size; failures are reported in them, never thrown.
     * @throws InterruptedException if interrupted; the rotation under way is stopped and cleaned up.
     */
    public BenchRun run() throws InterruptedException
    {
        final Instant started = Instant.now();
        final PeerCommand command = new PeerCommand(plan.pin());
        final List<Transport> transports = plan.transports().stream().map(Transports::byName).toList();
        final Map<String, Map<String, String>> settings = printSettings(transports, command);

        final PeerPair pair = new PeerPair(command);
        final Thread stopper = new Thread(pair::abort, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        final Map<ResultKey, List<Rotation.Result>> byKey = new LinkedHashMap<>();
        final List<TurnResult> turns = new ArrayList<>();
        try
        {
            long plannedNs = 0;
            int count = 0;
            for (final int size : plan.sizes())
            {
                for (final List<Transport> rotation : plan.rotations(size))
                {
                    plannedNs += plan.expectedTime(rotation).toNanos() * plan.repetitions();
                    count += plan.repetitions();
                }
            }
            final Progress progress = new Progress(console, terminal, count, plannedNs);
            int number = 0;
            for (int repetition = 1; repetition <= plan.repetitions(); repetition++)
            {
                for (final int size : plan.sizes())
                {
                    for (final Transport transport : transports)
                    {
                        final String skipped = plan.skipped(transport, size);
                        if (null != skipped)
                        {
                            byKey.computeIfAbsent(new ResultKey(transport.name(), size), (k) -> new ArrayList<>())
                                .add(Rotation.Result.failed(transport.name(), size, repetition, skipped));
                        }
                    }
                    for (final List<Transport> rotation : plan.rotations(size))
                    {
                        final RotationSpec spec = plan.spec(rotation, size,
                            plan.blockPrefix() + ProcessHandle.current().pid() + "-" + ++number + "-");
                        final Duration expected = plan.expectedTime(rotation);
                        progress.starting(1 == rotation.size() ? rotation.get(0).name() :
                            "rotation of " + rotation.size(), size, repetition, plan.repetitions(), expected.toNanos());
                        final Duration timeout = expected.multipliedBy(3);
                        final Rotation outcome = pair.run(spec, repetition,
                            (timeout.compareTo(MIN_TIMEOUT) > 0 ? timeout : MIN_TIMEOUT).toNanos());
                        progress.finished(outcome.results());
                        for (final Rotation.Result result : outcome.results())
                        {
                            byKey.computeIfAbsent(new ResultKey(result.transport(), size), (k) -> new ArrayList<>())
                                .add(result);
                        }
                        turns.addAll(outcome.turns());
                    }
                }
            }
        }
        finally
        {
            pair.abort();
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
                final ResultKey key = new ResultKey(transport.name(), size);
                final List<Rotation.Result> repetitions = byKey.getOrDefault(key, List.of());
                results.add(RepetitionSummary.summarise(transport.name(), size, transport.zeroCopy(),
                    settings.get(transport.name()), repetitions, turns.stream()
                        .filter((turn) -> turn.size() == size && turn.transport().equals(transport.name())).toList()));
                final Histogram all = RepetitionSummary.merge(repetitions);
                if (null != all)
                {
                    histograms.put(key, all);
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
            (command.isPinned() ? "pinned to CPUs 0 and 1" : "not pinned") + "; each transport: ping-pong, then " +
            "one-way throughput, in turns; " + plan.repetitions() + " interleaved repetition(s)):");
        if (plan.pin() && !command.isPinned())
        {
            console.println("  --pin ignored: taskset not found or fewer than two CPUs");
        }
        final Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (final Transport transport : transports)
        {
            final Map<String, String> transportSettings = transport.settings(plan.example(transport,
                plan.sizes().get(0)));
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
}
