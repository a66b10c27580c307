/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.bench.transport.TrialSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a benchmark run does: which transports, which sizes, how many interleaved repetitions, and how long each
 * transport is measured. {@link #duration()} is split evenly between a ping-pong and a throughput phase, each with
 * its own warm-up ({@link #warmUp()}, split likewise).
 * <p>
 * With {@link #rotate()} (the default) the shared-memory transports ({@link Transport#takesTurns()}) of each
 * repetition and size run in one pair of child JVMs, taking turns of {@link #turn()} each ({@code RotationMain}),
 * so that they are measured in the same vCPU placements; every other transport, and every transport without
 * {@code rotate}, runs in a trial of its own: one pair of child JVMs per transport, size and repetition.
 * <p>
 * Immutable and thread-safe; the {@code with} methods return modified copies.
 *
 * @param transports   transport names, in run order.
 * @param sizes        message sizes in bytes.
 * @param repetitions  how many times the whole sequence of trials is repeated (A B C ... A B C ...).
 * @param duration     measured time per trial (both phases together).
 * @param warmUp       warm-up time per trial (both phases together), before each transport's factor.
 * @param capacity     data capacity of every shared-memory ring, a power of two.
 * @param pin          whether to pin the two sides to different CPUs with {@code taskset}.
 * @param blockPrefix  prefix of the names of blocks, Aeron directories and temporary directories the run creates.
 * @param rotate       whether the shared-memory transports take turns in one pair of JVMs.
 * @param turn         the measured length of one turn in a rotation.
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
    boolean rotate,
    Duration turn)
{
    /**
     * The sizes of {@code --full}.
     */
    public static final List<Integer> ALL_SIZES = List.of(8, 64, 256, 1024, 4096);

    /**
     * The size of the default run.
     */
    public static final int DEFAULT_SIZE = 64;

    /**
     * The ring capacity unless told otherwise: 64 KiB.
     */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    /**
     * Prefix of everything a run creates, so leftovers are easy to spot.
     */
    public static final String DEFAULT_PREFIX = "smbench-";

    /**
     * Time allowed for the other side to appear, JVM start-up and Aeron's pre-touch included.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Estimated cost of a trial beyond its phases: two JVM start-ups, connecting, the placement probes, reporting,
     * closing (measured on two vCPUs).
     */
    public static final Duration TRIAL_OVERHEAD = Duration.ofMillis(2000);

    /**
     * The measured length of a turn unless told otherwise: short against the seconds for which the host keeps the
     * two vCPUs in one placement, long against the lead-in and probe around it.
     */
    public static final Duration DEFAULT_TURN = Duration.ofMillis(100);

    /**
     * The unmeasured start of every turn, at most: the transport's cache lines come back from the previous one.
     */
    public static final Duration MAX_LEAD_IN = Duration.ofMillis(5);

    /**
     * The placement probe between two turns.
     */
    public static final Duration TURN_PROBE = Duration.ofMillis(4);

    /**
     * Estimated cost of opening one transport in a rotation beyond JVM start-up (class loading, rendezvous); Aeron
     * adds {@link #AERON_OPEN}.
     */
    public static final Duration TURN_OPEN = Duration.ofMillis(300);

    /**
     * Estimated cost of launching and connecting Aeron (its media driver, 384 MiB of log buffers pre-touched).
     */
    public static final Duration AERON_OPEN = Duration.ofMillis(2500);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a transport is unknown, a size or count is out of range, or a duration is
     *                                  not positive.
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
            if (size < TrialSpec.MIN_SIZE || size > TrialSpec.MAX_SIZE)
            {
                throw new IllegalArgumentException("message size must be between " + TrialSpec.MIN_SIZE + " and " +
                    TrialSpec.MAX_SIZE + " bytes, was " + size);
            }
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
        TrialSpec.checkCapacity(capacity);
        if (turn.toMillis() < 10 || turn.toMillis() > 1000)
        {
            throw new IllegalArgumentException("a turn must last from 10 ms to 1 s, was " + turn.toMillis() + " ms");
        }
    }

    /**
     * The default run: every transport, 64-byte messages, 2 repetitions, 2 s measured and 1 s of warm-up per trial
     * (about two and a half minutes on two cores).
     *
     * @return the plan.
     */
    public static BenchPlan defaults()
    {
        return new BenchPlan(Transports.names(), List.of(DEFAULT_SIZE), 2, Duration.ofSeconds(2),
            Duration.ofSeconds(1), DEFAULT_CAPACITY, false, DEFAULT_PREFIX, true, DEFAULT_TURN);
    }

    /**
     * The full run: every transport at every size, 3 repetitions, 4 s measured and 2 s of warm-up per trial
     * (about half an hour on two cores).
     *
     * @return the plan.
     */
    public static BenchPlan full()
    {
        return new BenchPlan(Transports.names(), ALL_SIZES, 3, Duration.ofSeconds(4), Duration.ofSeconds(2),
            DEFAULT_CAPACITY, false, DEFAULT_PREFIX, true, DEFAULT_TURN);
    }

    /**
     * A copy with other transports.
     *
     * @param names transport names.
     * @return the copy.
     */
    public BenchPlan withTransports(final List<String> names)
    {
        return new BenchPlan(names, sizes, repetitions, duration, warmUp, capacity, pin, blockPrefix, rotate, turn);
    }

    /**
     * A copy with other sizes.
     *
     * @param bytes message sizes.
     * @return the copy.
     */
    public BenchPlan withSizes(final List<Integer> bytes)
    {
        return new BenchPlan(transports, bytes, repetitions, duration, warmUp, capacity, pin, blockPrefix, rotate, turn);
    }

    /**
     * A copy with another repetition count.
     *
     * @param count repetitions.
     * @return the copy.
     */
    public BenchPlan withRepetitions(final int count)
    {
        return new BenchPlan(transports, sizes, count, duration, warmUp, capacity, pin, blockPrefix, rotate, turn);
    }

    /**
     * A copy with another measured time per trial; the warm-up becomes half of it.
     *
     * @param measured measured time per trial.
     * @return the copy.
     */
    public BenchPlan withDuration(final Duration measured)
    {
        return new BenchPlan(transports, sizes, repetitions, measured, measured.dividedBy(2), capacity, pin,
            blockPrefix, rotate, turn);
    }

    /**
     * A copy with another ring capacity.
     *
     * @param bytes the capacity, a power of two.
     * @return the copy.
     */
    public BenchPlan withCapacity(final int bytes)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, bytes, pin, blockPrefix, rotate, turn);
    }

    /**
     * A copy with pinning on or off.
     *
     * @param on whether to pin.
     * @return the copy.
     */
    public BenchPlan withPin(final boolean on)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, capacity, on, blockPrefix, rotate, turn);
    }

    /**
     * A copy with another prefix for what the run creates.
     *
     * @param prefix the prefix, a valid start of a block name.
     * @return the copy.
     */
    public BenchPlan withBlockPrefix(final String prefix)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, capacity, pin, prefix, rotate, turn);
    }

    /**
     * A copy with the rotation on or off.
     *
     * @param on whether the shared-memory transports take turns in one pair of JVMs.
     * @return the copy.
     */
    public BenchPlan withRotation(final boolean on)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, capacity, pin, blockPrefix, on, turn);
    }

    /**
     * A copy with another turn length.
     *
     * @param length the measured length of one turn.
     * @return the copy.
     */
    public BenchPlan withTurn(final Duration length)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, capacity, pin, blockPrefix, rotate,
            length);
    }

    /**
     * The transports of the plan that take turns in a rotation at this size: shared-memory ones that can run it.
     *
     * @param all  the plan's transports, in order.
     * @param size the message size.
     * @return those that rotate, in order; empty without {@link #rotate()}.
     */
    public List<Transport> rotating(final List<Transport> all, final int size)
    {
        final List<Transport> rotating = new java.util.ArrayList<>();
        if (rotate)
        {
            for (final Transport transport : all)
            {
                if (transport.takesTurns() && null == transport.unavailableReason() &&
                    null == transport.refusal(trialSpec(transport, size, Path.of("."), "x-", Path.of("."))))
                {
                    rotating.add(transport);
                }
            }
        }
        return rotating;
    }

    /**
     * The spec of one rotation.
     *
     * @param transports     the transports taking turns, in order.
     * @param size           message size.
     * @param directory      the rotation's private directory.
     * @param namePrefix     the rotation's unique prefix for block names.
     * @param aeronDirectory the rotation's Aeron directory (each Aeron transport gets one inside).
     * @return the spec.
     */
    public RotationSpec rotationSpec(
        final List<Transport> transports,
        final int size,
        final Path directory,
        final String namePrefix,
        final Path aeronDirectory)
    {
        final List<String> names = new java.util.ArrayList<>();
        transports.forEach((transport) -> names.add(transport.name()));
        final TrialSpec base = new TrialSpec("rotation", size, capacity, directory, namePrefix, aeronDirectory,
            CONNECT_TIMEOUT.toNanos(), warmUp.toNanos() / 2, duration.toNanos() / 2, warmUp.toNanos() / 2,
            duration.toNanos() / 2);
        return new RotationSpec(base, names, turn.toNanos(), leadIn().toNanos(), TURN_PROBE.toNanos());
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
     * @param transports the transports taking turns.
     * @return the estimate.
     */
    public Duration expectedRotationTime(final List<Transport> transports)
    {
        final long rounds = Math.max(1, (duration.toNanos() / 2 + turn.toNanos() - 1) / turn.toNanos());
        final long turnNs = turn.toNanos() + leadIn().toNanos() + TURN_PROBE.toNanos();
        long nanos = TRIAL_OVERHEAD.toNanos();
        for (final Transport transport : transports)
        {
            final int phases = transport.measuresThroughput() ? 2 : 1;
            nanos += TURN_OPEN.toNanos() + (transport instanceof io.sharedmem.bench.transport.AeronIpcTransport ?
                AERON_OPEN.toNanos() : 0);
            nanos += (long)(warmUp.toNanos() / 2 * transport.warmUpFactor()) * phases;
            nanos += (rounds + 1) * phases * turnNs;
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * The spec of one trial.
     *
     * @param transport      the transport.
     * @param size           message size.
     * @param directory      the trial's private directory.
     * @param namePrefix     the trial's unique prefix for block names.
     * @param aeronDirectory the trial's Aeron directory.
     * @return the spec.
     */
    public TrialSpec trialSpec(
        final Transport transport,
        final int size,
        final Path directory,
        final String namePrefix,
        final Path aeronDirectory)
    {
        final long half = duration.toNanos() / 2;
        final long warmUpHalf = (long)(warmUp.toNanos() / 2 * transport.warmUpFactor());
        return new TrialSpec(transport.name(), size, capacity, directory, namePrefix, aeronDirectory,
            CONNECT_TIMEOUT.toNanos(), warmUpHalf, half, warmUpHalf, half);
    }

    /**
     * How long a trial of a transport should take, for the time-left estimate and the trial's time-out.
     *
     * @param transport the transport.
     * @return the estimate; zero for a transport that cannot run.
     */
    public Duration expectedTrialTime(final Transport transport)
    {
        if (null != transport.unavailableReason())
        {
            return Duration.ZERO;
        }
        final double phases = transport.measuresThroughput() ? 1.0 : 0.5;
        final long nanos = (long)((duration.toNanos() + warmUp.toNanos() * transport.warmUpFactor()) * phases);
        return TRIAL_OVERHEAD.plusNanos(nanos);
    }

    /**
     * How many trials and rotations the run has.
     *
     * @return (trials + rotations per size) x sizes x repetitions.
     */
    public int trialCount()
    {
        final List<Transport> all = new java.util.ArrayList<>();
        transports.forEach((name) -> all.add(Transports.byName(name)));
        int count = 0;
        for (final int size : sizes)
        {
            final int rotating = rotating(all, size).size();
            count += transports.size() - rotating + (rotating > 0 ? 1 : 0);
        }
        return count * repetitions;
    }
}
