/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Side;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of each peer JVM: {@code RotationMain initiator|responder SPEC-JSON} ({@link RotationSpec}). The
 * transports of the spec take turns in this one pair of JVMs, so that each is measured in the same vCPU placements
 * as the others: the host moves the two vCPUs nearer and further every few seconds, which moves every shared-memory
 * figure 2 to 4 times, and transports measured one after the other in separate JVMs each get their own share of
 * luck. A transport that runs alone is a rotation of one.
 * <ol>
 *     <li>Opens a {@link PlacementProbe} and every transport, each in a class loader of its own
 *     ({@link IsolatedClassLoader}: no profile or compiled method is shared between transports), and parks each
 *     transport's own threads ({@link Turn#pause()}).</li>
 *     <li>Warms each transport up alone, for its warm-up time, in turns like the measured ones whose figures are
 *     discarded; then runs one whole round of turns, discarded too.</li>
 *     <li>Runs the measured rounds. In round {@code r}, starting with transport {@code r mod n}: every transport's
 *     ping-pong turn, then every throughput turn. A turn is an unmeasured lead-in then {@code sliceNs} measured; a
 *     placement probe runs before every turn and after the last, so each turn is bracketed by two.</li>
 *     <li>Prints one {@link RotationReport} line, then keeps the links open until the orchestrator writes
 *     {@value RotationReport#CLOSE_COMMAND} on its standard input, so that neither side tears a link down under the
 *     other. On failure it prints one {@value RotationReport#ERROR_PREFIX} line instead and exits with status 1.</li>
 * </ol>
 * Both sides follow the same schedule; only the initiator keeps time (the responder follows its end markers). If
 * standard input ends, the orchestrator has gone: the peer removes the rotation's files and halts at once rather
 * than spin forever.
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

    private static final long CLOSE_WAIT_SECONDS = 120;

    /**
     * The fewest warm-up turns per transport and phase: a turn calls the harness loop's phase method once, and the
     * JIT compiles a method in its final form only after a few calls (before that, only its loop runs compiled).
     */
    private static final int MIN_WARM_UP_TURNS = 4;

    private final RotationSpec spec;
    private final List<Turn> turns;
    private final PlacementProbe probe;
    private final List<RotationReport.TurnRecord> measured = new ArrayList<>();

    private RotationMain(final RotationSpec spec, final List<Turn> turns, final PlacementProbe probe)
    {
        this.spec = spec;
        this.turns = turns;
        this.probe = probe;
    }

    /**
     * Runs one side of a rotation.
     *
     * @param args the side, then the rotation's spec as JSON.
     */
    public static void main(final String[] args)
    {
        if (2 != args.length)
        {
            System.err.println("usage: RotationMain initiator|responder SPEC-JSON");
            System.exit(2);
        }
        final Side side = Side.fromLabel(args[0]);
        final RotationSpec spec = RotationSpec.fromJson(args[1]);
        final CountDownLatch closeRequested = new CountDownLatch(1);
        watchOrchestrator(spec, closeRequested);

        int status = 0;
        final List<Turn> turns = new ArrayList<>();
        PlacementProbe probe = null;
        try
        {
            probe = PlacementProbe.open(side, spec);
            for (int i = 0; i < spec.transports().size(); i++)
            {
                final Turn turn = IsolatedClassLoader.openTurn(side.label(), args[1], i);
                turns.add(turn);
                turn.pause();
            }
            // Collect start-up garbage now: a collection during a measured turn would stall it, and it also disturbs
            // the allocation counter of the hot thread.
            System.gc();
            System.out.println(new RotationMain(spec, turns, probe).run(side).toLine());
            System.out.flush();
            if (!closeRequested.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS))
            {
                System.err.println("no close command from the orchestrator within " + CLOSE_WAIT_SECONDS + " s");
            }
        }
        catch (final Throwable ex)
        {
            System.out.println(RotationReport.ERROR_PREFIX + describe(ex));
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

    private RotationReport run(final Side side)
    {
        // Each transport warms up alone first, for its warm-up time, in turns exactly like the measured ones (the
        // same calls, the same branches, so that nothing measured later runs for the first time or deoptimises);
        // then one whole round, unmeasured, brings every transport back from the others' warm-ups.
        final long turnNs = spec.leadInNs() + spec.sliceNs();
        for (int i = 0; i < turns.size(); i++)
        {
            final long count = Math.max(MIN_WARM_UP_TURNS, spec.warmUpNs(i) / turnNs);
            for (final String phase : List.of(PING, STREAM))
            {
                for (long k = 0; k < count; k++)
                {
                    take(i, phase, -1);
                }
            }
        }
        round(-1);

        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        final boolean timed = null != compiler && compiler.isCompilationTimeMonitoringSupported();
        final long compileStart = timed ? compiler.getTotalCompilationTime() : 0;
        for (int round = 0; round < spec.rounds(); round++)
        {
            round(round);
        }
        final long lastProbeNs = probe();
        final long compileMs = timed ? compiler.getTotalCompilationTime() - compileStart : -1;

        // Measured turns follow one another with only a probe between: the probe after a turn is the one before the
        // next, and the last one closes the last turn.
        final List<RotationReport.TurnRecord> records = new ArrayList<>();
        for (int k = 0; k < measured.size(); k++)
        {
            final RotationReport.TurnRecord turn = measured.get(k);
            records.add(new RotationReport.TurnRecord(turn.transport(), turn.round(), turn.phase(),
                turn.probeBeforeNs(), k + 1 < measured.size() ? measured.get(k + 1).probeBeforeNs() : lastProbeNs,
                turn.values()));
        }
        final List<RotationReport.Totals> totals = new ArrayList<>();
        for (final Turn turn : turns)
        {
            final long[] counts = turn.counts();
            totals.add(new RotationReport.Totals(counts[0], counts[1], turn.histogram(), turn.observedSettings()));
        }
        return new RotationReport(side.label(), totals, records, compileMs);
    }

    /**
     * One round: every transport's ping-pong turn, then every throughput turn, starting with transport
     * {@code round mod n}; round -1 is the unmeasured one.
     */
    private void round(final int round)
    {
        final int n = turns.size();
        for (final String phase : List.of(PING, STREAM))
        {
            for (int k = 0; k < n; k++)
            {
                take((Math.max(0, round) + k) % n, phase, round);
            }
        }
    }

    /**
     * One turn of one transport, after a probe; recorded unless {@code round} is negative (warm-up).
     */
    private void take(final int index, final String phase, final int round)
    {
        final Turn turn = turns.get(index);
        final boolean ping = PING.equals(phase);
        if (!ping && !turn.measuresThroughput())
        {
            return;
        }
        final long probeNs = probe();
        turn.resume();
        final long[] values = ping ? turn.ping(spec.leadInNs(), spec.sliceNs(), round >= 0) :
            turn.stream(spec.leadInNs(), spec.sliceNs());
        turn.pause();
        if (round >= 0)
        {
            measured.add(new RotationReport.TurnRecord(spec.transports().get(index), round, phase, probeNs, 0, values));
        }
    }

    private long probe()
    {
        return probe.probe(PlacementProbe.ROUND_TRIPS, spec.probeNs());
    }

    private static void watchOrchestrator(final RotationSpec spec, final CountDownLatch closeRequested)
    {
        final Thread watcher = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    if (RotationReport.CLOSE_COMMAND.equals(line.trim()))
                    {
                        closeRequested.countDown();
                    }
                }
            }
            catch (final Exception ignore)
            {
                // Treated as the end of input.
            }
            if (closeRequested.getCount() > 0)
            {
                System.err.println("the orchestrator has gone: removing the rotation's files and halting");
                spec.removeFiles();
                Runtime.getRuntime().halt(3);
            }
        }, "orchestrator-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String describe(final Throwable ex)
    {
        final StringBuilder text = new StringBuilder();
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (text.length() > 0)
            {
                text.append(" <- ");
            }
            text.append(null == cause.getMessage() ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return text.toString().replace('\n', ' ');
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
