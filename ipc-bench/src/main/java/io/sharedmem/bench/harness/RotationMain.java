/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.TrialSpec;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of each child JVM of a rotation: {@code RotationMain initiator|responder key=value...} (the
 * {@link RotationSpec} arguments). Several transports take turns in this one pair of JVMs, so that each is measured
 * in the same vCPU placements as the others: the host moves the two vCPUs nearer and further every few seconds,
 * which moves every shared-memory figure 2 to 4 times, and transports measured one after the other in separate JVMs
 * each get their own share of luck.
 * <ol>
 *     <li>Opens a {@link PlacementProbe} and every transport, each in a class loader of its own
 *     ({@link IsolatedClassLoader}: no profile or compiled method is shared between transports), and parks each
 *     transport's own threads ({@link Turn#pause()}).</li>
 *     <li>Warms each transport up alone, for its warm-up time (as in a trial), in turns like the measured ones
 *     whose figures are discarded; then runs one whole round of turns, discarded too.</li>
 *     <li>Runs the measured rounds. In round {@code r}, starting with transport {@code r mod n}: every transport's
 *     ping-pong turn, then every throughput turn. A turn is an unmeasured lead-in then {@code sliceNs} measured; a
 *     placement probe runs before every turn and after the last, so each turn is bracketed by two.</li>
 *     <li>Prints one {@link RotationReport} line, then waits for the orchestrator's {@value PeerMain#CLOSE_COMMAND}
 *     as a trial's child does.</li>
 * </ol>
 * Both sides follow the same schedule; only the initiator keeps time (the responder follows its end markers).
 */
public final class RotationMain
{
    /**
     * Phase name of a ping-pong turn.
     */
    static final String PING = "ping";

    /**
     * Phase name of a throughput turn.
     */
    static final String STREAM = "stream";

    /**
     * The fewest warm-up turns per transport and phase: a turn calls the harness loop's phase method once, and the
     * JIT compiles a method in its final form only after a few calls (before that, only its loop runs compiled).
     */
    private static final int MIN_WARM_UP_TURNS = 4;

    private final Side side;
    private final RotationSpec spec;
    private final List<Turn> turns;
    private final PlacementProbe probe;
    private final List<RotationReport.TurnRecord> records = new ArrayList<>();
    private long lastProbeNs;

    private RotationMain(final Side side, final RotationSpec spec, final List<Turn> turns, final PlacementProbe probe)
    {
        this.side = side;
        this.spec = spec;
        this.turns = turns;
        this.probe = probe;
    }

    /**
     * Runs one side of a rotation.
     *
     * @param args the side, then the rotation's {@code key=value} arguments.
     */
    public static void main(final String[] args)
    {
        if (args.length < 1)
        {
            System.err.println("usage: RotationMain initiator|responder key=value...");
            System.exit(2);
        }
        final Side side = Side.fromLabel(args[0]);
        final RotationSpec spec = RotationSpec.fromArgs(args);
        final CountDownLatch closeRequested = new CountDownLatch(1);
        PeerMain.watchOrchestrator(spec.base(), closeRequested);

        int status = 0;
        final List<Turn> turns = new ArrayList<>();
        PlacementProbe probe = null;
        try
        {
            probe = PlacementProbe.open(side, spec.base(), "rotation");
            for (int i = 0; i < spec.transports().size(); i++)
            {
                final Turn turn = IsolatedClassLoader.openTurn(side.label(), spec.transportSpec(i).toArgs());
                turns.add(turn);
                turn.pause();
            }
            // Collect start-up garbage now, as a trial does.
            System.gc();
            final RotationReport report = new RotationMain(side, spec, turns, probe).run();
            System.out.println(report.toLine());
            System.out.flush();
            if (!closeRequested.await(PeerMain.CLOSE_WAIT_SECONDS, TimeUnit.SECONDS))
            {
                System.err.println("no close command from the orchestrator within " + PeerMain.CLOSE_WAIT_SECONDS +
                    " s");
            }
        }
        catch (final Throwable ex)
        {
            System.out.println(PeerMain.ERROR_PREFIX + PeerMain.describe(ex));
            System.out.flush();
            ex.printStackTrace();
            status = 1;
        }
        finally
        {
            for (int i = turns.size() - 1; i >= 0; i--)
            {
                closeQuietly(turns.get(i), spec.transports().get(i));
            }
            if (null != probe)
            {
                closeQuietly(probe, "placement probe");
            }
        }
        System.exit(status);
    }

    private RotationReport run()
    {
        final int n = turns.size();
        // Each transport warms up alone first, for its warm-up time, in turns exactly like the measured ones (the
        // same calls, the same branches, so that nothing measured later runs for the first time or deoptimises);
        // then one whole round, unmeasured, brings every transport back from the others' warm-ups.
        final long turnNs = spec.leadInNs() + spec.sliceNs();
        for (int i = 0; i < n; i++)
        {
            final TrialSpec transportSpec = spec.transportSpec(i);
            final Turn turn = turns.get(i);
            for (final String phase : List.of(PING, STREAM))
            {
                final boolean ping = PING.equals(phase);
                if (!ping && !turn.measuresThroughput())
                {
                    continue;
                }
                final long warmUpNs = ping ? transportSpec.pingWarmUpNs() : transportSpec.throughputWarmUpNs();
                final long count = Math.max(MIN_WARM_UP_TURNS, warmUpNs / turnNs);
                for (long k = 0; k < count; k++)
                {
                    probe();
                    turn.resume();
                    if (ping)
                    {
                        turn.ping(spec.leadInNs(), spec.sliceNs());
                    }
                    else
                    {
                        turn.stream(spec.leadInNs(), spec.sliceNs());
                    }
                    turn.pause();
                }
            }
        }
        round(-1);
        turns.forEach(Turn::discardRecorded);

        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        final boolean timed = null != compiler && compiler.isCompilationTimeMonitoringSupported();
        final long compileStart = timed ? compiler.getTotalCompilationTime() : 0;
        for (int round = 0; round < spec.rounds(); round++)
        {
            round(round);
        }
        probe();
        if (!records.isEmpty())
        {
            final RotationReport.TurnRecord last = records.remove(records.size() - 1);
            records.add(withProbeAfter(last));
        }
        final long compileMs = timed ? compiler.getTotalCompilationTime() - compileStart : -1;
        return new RotationReport(side.label(), transportReports(), records, compileMs);
    }

    /**
     * One round: every transport's ping-pong turn, then every throughput turn, starting with transport
     * {@code round mod n}; round -1 is the unmeasured one.
     */
    private void round(final int round)
    {
        final int n = turns.size();
        final boolean measured = round >= 0;
        final long measureNs = spec.sliceNs();
        final long warmUpNs = spec.leadInNs();
        final int first = measured ? round % n : 0;
        for (final String phase : List.of(PING, STREAM))
        {
            for (int k = 0; k < n; k++)
            {
                final int i = (first + k) % n;
                final Turn turn = turns.get(i);
                final boolean ping = PING.equals(phase);
                if (!ping && !turn.measuresThroughput())
                {
                    continue;
                }
                final long probeNs = probe();
                turn.resume();
                final long[] values = ping ? turn.ping(warmUpNs, measureNs) : turn.stream(warmUpNs, measureNs);
                turn.pause();
                if (measured)
                {
                    record(new RotationReport.TurnRecord(spec.transports().get(i), round, phase, probeNs, 0, values));
                }
            }
        }
    }

    private void record(final RotationReport.TurnRecord turn)
    {
        if (!records.isEmpty())
        {
            final RotationReport.TurnRecord previous = records.remove(records.size() - 1);
            // Measured turns follow one another with only a probe between: the probe before this turn is the one
            // after the previous.
            records.add(new RotationReport.TurnRecord(previous.transport(), previous.round(), previous.phase(),
                previous.probeBeforeNs(), turn.probeBeforeNs(), previous.values()));
        }
        records.add(turn);
    }

    private RotationReport.TurnRecord withProbeAfter(final RotationReport.TurnRecord turn)
    {
        return new RotationReport.TurnRecord(turn.transport(), turn.round(), turn.phase(), turn.probeBeforeNs(),
            lastProbeNs, turn.values());
    }

    private long probe()
    {
        lastProbeNs = probe.probe(PlacementProbe.ROUND_TRIPS, spec.probeNs());
        return lastProbeNs;
    }

    private List<PeerReport> transportReports()
    {
        final List<PeerReport> reports = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++)
        {
            final String name = spec.transports().get(i);
            long pingSamples = 0;
            long pingNs = 0;
            long pingAllocated = 0;
            long streamed = 0;
            long streamNs = 0;
            long streamAllocated = 0;
            final List<Long> before = new ArrayList<>();
            final List<Long> after = new ArrayList<>();
            for (final RotationReport.TurnRecord record : records)
            {
                if (!record.transport().equals(name))
                {
                    continue;
                }
                final long[] values = record.values();
                if (PING.equals(record.phase()))
                {
                    pingSamples += values[Turn.MESSAGES];
                    pingNs += values[Turn.NANOS];
                    pingAllocated += values[Turn.ALLOCATED];
                    before.add(record.probeBeforeNs());
                    after.add(record.probeAfterNs());
                }
                else
                {
                    streamed += values[Turn.MESSAGES];
                    streamNs += values[Turn.NANOS];
                    streamAllocated += values[Turn.ALLOCATED];
                }
            }
            final Turn turn = turns.get(i);
            final long[] counts = turn.counts();
            final Map<String, String> observed = turn.observedSettings();
            reports.add(new PeerReport(side.label(), counts[0], counts[1], pingSamples, pingNs, pingAllocated,
                turn.histogram(), streamed, streamNs, streamAllocated, median(before), median(after),
                observed.isEmpty() ? null : observed, null));
        }
        return reports;
    }

    private static long median(final List<Long> values)
    {
        if (values.isEmpty())
        {
            return 0;
        }
        final long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void closeQuietly(final AutoCloseable closeable, final String what)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            System.err.println("closing " + what + " failed: " + ex);
        }
    }
}
