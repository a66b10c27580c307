/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.Map;

/**
 * A way to move messages between two JVMs, benchmarked side by side with the others: one small class per
 * transport, stateless, registered in {@link Transports}.
 * <p>
 * The orchestrator calls {@link #prepare(TrialSpec)} before it starts the two child JVMs of a trial; each child
 * then calls {@link #open(Side, TrialSpec)} for its side and drives the returned {@link Link} with the shared harness
 * loop. Implementations must be thread-safe (they are stateless) and their links must allocate nothing per message.
 */
public interface Transport
{
    /**
     * The name used in {@code --transports}, the console table and {@code results.json}, such as {@code tcp-spin}.
     *
     * @return the name.
     */
    String name();

    /**
     * One line saying what this is, for {@code --help} and the report.
     *
     * @return the description.
     */
    String description();

    /**
     * The configuration of this transport for a trial, printed before the run and recorded with every result: a
     * comparison against a misconfigured peer is worthless, so anything that changes its speed belongs here.
     *
     * @param spec the trial.
     * @return setting names and values, in a stable order.
     */
    Map<String, String> settings(TrialSpec spec);

    /**
     * Whether a one-way throughput phase makes sense: the raw-block ping-pong moves one word each way and has no
     * queue to stream through, so it is measured for round trips only.
     *
     * @return {@code true} unless round trips are all this transport measures.
     */
    default boolean measuresThroughput()
    {
        return true;
    }

    /**
     * Whether senders write in place ({@link ClaimingSender}: claim, write, commit) instead of copying with
     * {@code offer}.
     *
     * @return {@code true} for the zero-copy variants.
     */
    default boolean zeroCopy()
    {
        return false;
    }

    /**
     * How much longer than planned this transport's warm-ups must be; Aeron needs several seconds.
     *
     * @return a factor of at least 1.
     */
    default double warmUpFactor()
    {
        return 1.0;
    }

    /**
     * Why this transport cannot run in this build, or {@code null} if it can. A transport that cannot run is
     * reported with this as its {@code error} instead of figures.
     *
     * @return the reason, or {@code null}.
     */
    default String unavailableReason()
    {
        return null;
    }

    /**
     * Whether this transport runs in the rotation: the shared-memory transports take turns in one pair of JVMs
     * so that each is measured in the same vCPU placements as the others (see {@code RotationMain}); the kernel's
     * sockets and pipes, 50 to 100 times slower and little moved by placement, run in trials of their own.
     *
     * @return {@code true} for shared-memory transports.
     */
    default boolean takesTurns()
    {
        return false;
    }

    /**
     * Why this transport cannot run a trial with these settings (a message too large for its ring), or
     * {@code null} if it can. Checked by the orchestrator before any JVM starts; the trial is then reported as
     * failed with this as its error.
     *
     * @param spec the trial.
     * @return the reason, or {@code null}.
     */
    default String refusal(final TrialSpec spec)
    {
        return null;
    }

    /**
     * Prepares what both sides need before either starts, in the orchestrating JVM (FIFOs, for instance). The
     * orchestrator removes {@link TrialSpec#directory()}, {@link TrialSpec#aeronDirectory()} and blocks named with
     * {@link TrialSpec#blockPrefix()} afterwards, whatever happened.
     *
     * @param spec the trial.
     * @throws Exception if the preparation fails; the trial is then reported as failed with the message.
     */
    default void prepare(final TrialSpec spec) throws Exception
    {
    }

    /**
     * Opens one side of the link, in a child JVM, waiting for the other side to appear (at most
     * {@link TrialSpec#connectTimeoutNs()}).
     *
     * @param side which side this JVM is.
     * @param spec the trial.
     * @return the connected link.
     * @throws Exception if the link cannot be opened or the other side does not appear in time.
     */
    Link open(Side side, TrialSpec spec) throws Exception;
}
