/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.AeronIpcTransport;
import io.sharedmem.bench.transport.LinkSpec;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.block.BlockDirectory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run does: which transports, which sizes, how many interleaved repetitions, and how long each
 * transport is measured: {@link #duration()} is split evenly between ping-pong and throughput, each with half of
 * {@link #warmUp()} (times the transport's warm-up factor) first.
 * <p>
 * Every transport runs in a rotation ({@link RotationMain}): one pair of peer processes in which transports take
 * turns of {@link #turn()} each. The shared-memory transports ({@link Transport#takesTurns()}) of each repetition and
 * size share one rotation, so that they are measured in the same vCPU placements; every other transport, and with
 * {@link #separate()} every transport, is a rotation of its own.
 * <p>
 * Immutable and thread-safe.
 *
 * @param transports  transport names, in run order.
 * @param sizes       message sizes in bytes.
 * @param repetitions how many times the whole sequence is repeated (A B C ... A B C ...).
 * @param duration    measured time per transport, size and repetition (both phases together).
 * @param warmUp      warm-up time per transport, size and repetition (both phases together), before its factor.
 * @param capacity    data capacity of every shared-memory ring, a power of two.
 * @param pin         whether to pin the two sides to different CPUs with {@code taskset}.
 * @param blockPrefix prefix of the names of blocks, Aeron directories and temporary directories the run creates.
 * @param separate    whether every transport runs in a rotation of its own.
 * @param turn        the measured length of one turn.
 */
public record BenchPlan(
    List<String> transports,
    List<Integer> sizes,
    int repetitions,
    Duration duration,
    Duration warmUp,
    int capacity,
    boolean pin,
    String blockPrefix,
    boolean separate,
    Duration turn)
{
    /**
     * The sizes of {@code --full}.
     */
    public static final List<Integer> ALL_SIZES = List.of(8, 64, 256, 1024, 4096);

    /**
     * The ring capacity unless told otherwise: 64 KiB.
     */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    /**
     * Prefix of everything a run creates, so leftovers are easy to spot.
     */
    public static final String DEFAULT_PREFIX = "smbench-";

    /**
     * The measured length of a turn unless told otherwise: short against the seconds for which the host keeps the
     * two vCPUs in one placement, long against the lead-in and probe around it.
     */
    public static final Duration DEFAULT_TURN = Duration.ofMillis(100);

    /**
     * Time allowed for the other side to appear, JVM start-up and Aeron's pre-touch included.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Estimated cost of a rotation beyond its turns: two JVM start-ups, connecting, reporting, closing (measured on
     * two vCPUs).
     */
    static final Duration ROTATION_OVERHEAD = Duration.ofMillis(2000);

    /**
     * The unmeasured start of every turn, at most: the transport's cache lines come back from the previous one.
     */
    static final Duration MAX_LEAD_IN = Duration.ofMillis(5);

    /**
     * The placement probe between two turns.
     */
    static final Duration TURN_PROBE = Duration.ofMillis(4);

    /**
     * Estimated cost of opening one transport in a rotation (class loading, rendezvous); Aeron adds
     * {@link #AERON_OPEN}.
     */
    static final Duration TURN_OPEN = Duration.ofMillis(300);

    /**
     * Estimated cost of launching and connecting Aeron (its media driver, 384 MiB of log buffers pre-touched).
     */
    static final Duration AERON_OPEN = Duration.ofMillis(2500);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a transport is unknown, a size, count or capacity is out of range, or a
     *                                  duration is too short.
     */
    public BenchPlan
    {
        transports = List.copyOf(transports);
        sizes = List.copyOf(sizes);
        if (transports.isEmpty() || sizes.isEmpty())
        {
            throw new IllegalArgumentException("at least one transport and one size are needed");
        }
        transports.forEach(Transports::byName);
        for (final int size : sizes)
        {
            new LinkSpec(transports.get(0), size, capacity, Path.of("."), blockPrefix, Path.of("."), 1);
        }
        if (repetitions < 1)
        {
            throw new IllegalArgumentException("repetitions must be at least 1, was " + repetitions);
        }
        if (duration.isNegative() || duration.toMillis() < 2 || warmUp.isNegative())
        {
            throw new IllegalArgumentException("duration must be at least 2 ms and warm-up not negative, were " +
                duration + " and " + warmUp);
        }
        if (turn.toMillis() < 10 || turn.toMillis() > 1000)
        {
            throw new IllegalArgumentException("a turn must last from 10 ms to 1 s, was " + turn.toMillis() + " ms");
        }
    }

    /**
     * The default run: every transport, 64-byte messages, 2 repetitions, 2 s measured and 1 s of warm-up per
     * transport (about three minutes on two cores); or with {@code full}, every size, 3 repetitions, 4 s
     * measured and 2 s of warm-up (about half an hour).
     *
     * @param full whether to run everything.
     * @return the plan.
     */
    public static BenchPlan defaults(final boolean full)
    {
        return new BenchPlan(Transports.names(), full ? ALL_SIZES : List.of(64), full ? 3 : 2,
            Duration.ofSeconds(full ? 4 : 2), Duration.ofSeconds(full ? 2 : 1), DEFAULT_CAPACITY, false,
            DEFAULT_PREFIX, false, DEFAULT_TURN);
    }

    /**
     * The transports of one rotation after another at this size: the shared-memory ones together (unless
     * {@link #separate()}), then every other one alone; those that cannot run at this size ({@link #skipped}) in
     * none.
     *
     * @param size the message size.
     * @return the rotations, each a list of transports in run order.
     */
    public List<List<Transport>> rotations(final int size)
    {
        final List<List<Transport>> rotations = new ArrayList<>();
        final List<Transport> together = new ArrayList<>();
        for (final String name : transports)
        {
            final Transport transport = Transports.byName(name);
            if (null == skipped(transport, size))
            {
                if (transport.takesTurns() && !separate)
                {
                    together.add(transport);
                }
                else
                {
                    rotations.add(List.of(transport));
                }
            }
        }
        if (!together.isEmpty())
        {
            rotations.add(0, together);
        }
        return rotations;
    }

    /**
     * Why a transport cannot run at this size: it is unavailable here, or refuses the messages.
     *
     * @param transport the transport.
     * @param size      the message size.
     * @return the reason, or {@code null} if it can run.
     */
    public String skipped(final Transport transport, final int size)
    {
        final String reason = transport.unavailableReason();
        return null != reason ? reason : transport.refusal(example(transport, size));
    }

    /**
     * Where and how a transport's sides would meet, with {@code <rotation>} for the unique part of the names: for its
     * settings and its refusal.
     *
     * @param transport the transport.
     * @param size      the message size.
     * @return the spec.
     */
    public LinkSpec example(final Transport transport, final int size)
    {
        final RotationSpec spec = spec(List.of(transport), size, blockPrefix + "<rotation>-");
        return new LinkSpec(transport.name(), size, capacity, spec.directory(), spec.blockPrefix(),
            spec.aeronDirectory(), spec.connectTimeoutNs());
    }

    /**
     * The spec of one rotation: its private directory in the temporary directory and its Aeron directory in the block
     * directory, both named with its prefix.
     *
     * @param rotation the transports taking turns, in order.
     * @param size     message size.
     * @param prefix   the rotation's unique prefix for names, starting with {@link #blockPrefix()}.
     * @return the spec.
     */
    public RotationSpec spec(final List<Transport> rotation, final int size, final String prefix)
    {
        return new RotationSpec(rotation.stream().map(Transport::name).toList(), size, capacity,
            Path.of(System.getProperty("java.io.tmpdir"), prefix + "dir"), prefix,
            BlockDirectory.resolve().resolve(prefix + "aeron"), CONNECT_TIMEOUT.toNanos(), warmUp.toNanos() / 2,
            duration.toNanos() / 2, turn.toNanos(), leadIn().toNanos(), TURN_PROBE.toNanos());
    }

    /**
     * The unmeasured start of each turn: a twentieth of it, at most {@link #MAX_LEAD_IN}.
     *
     * @return the lead-in.
     */
    public Duration leadIn()
    {
        final Duration share = turn.dividedBy(20);
        return share.compareTo(MAX_LEAD_IN) < 0 ? share : MAX_LEAD_IN;
    }

    /**
     * How long a rotation of these transports should take, for the time-left estimate and its time-out.
     *
     * @param rotation the transports taking turns.
     * @return the estimate.
     */
    public Duration expectedTime(final List<Transport> rotation)
    {
        final long rounds = Math.max(1, (duration.toNanos() / 2 + turn.toNanos() - 1) / turn.toNanos());
        final long turnNs = turn.toNanos() + leadIn().toNanos() + TURN_PROBE.toNanos();
        long nanos = ROTATION_OVERHEAD.toNanos();
        for (final Transport transport : rotation)
        {
            final int phases = transport.measuresThroughput() ? 2 : 1;
            nanos += TURN_OPEN.toNanos() + (transport instanceof AeronIpcTransport ? AERON_OPEN.toNanos() : 0);
            nanos += (long)(warmUp.toNanos() / 2 * transport.warmUpFactor()) * phases;
            nanos += (rounds + 1) * phases * turnNs;
        }
        return Duration.ofNanos(nanos);
    }
}
