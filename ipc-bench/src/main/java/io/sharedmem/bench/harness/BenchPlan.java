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
 * trial measures. Each trial is one pair of child JVMs running a ping-pong phase and a throughput phase, each with
 * its own warm-up; {@link #duration()} is split evenly between the two measured phases and {@link #warmUp()}
 * between the two warm-ups.
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
 */
public record BenchPlan(
    List<String> transports,
    List<Integer> sizes,
    int repetitions,
    Duration duration,
    Duration warmUp,
    int capacity,
    boolean pin,
    String blockPrefix)
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
        if (capacity < 1024 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("ring capacity must be a power of two of at least 1024, was " + capacity);
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
            Duration.ofSeconds(1), DEFAULT_CAPACITY, false, DEFAULT_PREFIX);
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
            DEFAULT_CAPACITY, false, DEFAULT_PREFIX);
    }

    /**
     * A copy with other transports.
     *
     * @param names transport names.
     * @return the copy.
     */
    public BenchPlan withTransports(final List<String> names)
    {
        return new BenchPlan(names, sizes, repetitions, duration, warmUp, capacity, pin, blockPrefix);
    }

    /**
     * A copy with other sizes.
     *
     * @param bytes message sizes.
     * @return the copy.
     */
    public BenchPlan withSizes(final List<Integer> bytes)
    {
        return new BenchPlan(transports, bytes, repetitions, duration, warmUp, capacity, pin, blockPrefix);
    }

    /**
     * A copy with another repetition count.
     *
     * @param count repetitions.
     * @return the copy.
     */
    public BenchPlan withRepetitions(final int count)
    {
        return new BenchPlan(transports, sizes, count, duration, warmUp, capacity, pin, blockPrefix);
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
            blockPrefix);
    }

    /**
     * A copy with another ring capacity.
     *
     * @param bytes the capacity, a power of two.
     * @return the copy.
     */
    public BenchPlan withCapacity(final int bytes)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, bytes, pin, blockPrefix);
    }

    /**
     * A copy with pinning on or off.
     *
     * @param on whether to pin.
     * @return the copy.
     */
    public BenchPlan withPin(final boolean on)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, capacity, on, blockPrefix);
    }

    /**
     * A copy with another prefix for what the run creates.
     *
     * @param prefix the prefix, a valid start of a block name.
     * @return the copy.
     */
    public BenchPlan withBlockPrefix(final String prefix)
    {
        return new BenchPlan(transports, sizes, repetitions, duration, warmUp, capacity, pin, prefix);
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
     * How many trials the run has.
     *
     * @return transports x sizes x repetitions.
     */
    public int trialCount()
    {
        return transports.size() * sizes.size() * repetitions;
    }
}
