/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.util.Map;

/**
 * One transport's side of a rotation ({@link RotationMain}), living in a class loader of its own
 * ({@link IsolatedClassLoader}): the rotation calls it for each of the transport's turns. Only JDK types cross this
 * interface, because it is the one class both loaders share.
 * <p>
 * Not thread-safe: the rotation's main thread makes every call.
 */
public interface Turn extends AutoCloseable
{
    /**
     * Index in {@link #ping}'s result on the initiator: measured round trips. On the responder: measured echoes.
     */
    int MESSAGES = 0;

    /**
     * Index in the results of {@link #ping} and {@link #stream}: the measured part's length as this side saw it, ns.
     */
    int NANOS = 1;

    /**
     * Index in the results: bytes the thread allocated during the measured part.
     */
    int ALLOCATED = 2;

    /**
     * Index in {@link #ping}'s result on the initiator: the turn's median round trip, ns.
     */
    int P50 = 3;

    /**
     * Index in {@link #ping}'s result on the initiator: the turn's 99th percentile, ns.
     */
    int P99 = 4;

    /**
     * Index in {@link #ping}'s result on the initiator: the turn's 99.9th percentile, ns.
     */
    int P999 = 5;

    /**
     * Whether the transport has a throughput phase.
     *
     * @return {@code false} for round-trip-only transports.
     */
    boolean measuresThroughput();

    /**
     * Parks the transport's own threads until {@link #resume()} (see {@code Link.pause()}).
     */
    void pause();

    /**
     * Wakes the transport's own threads.
     */
    void resume();

    /**
     * A ping-pong turn: the initiator pings, the responder echoes.
     *
     * @param warmUpNs  untimed lead-in (initiator).
     * @param measureNs measured part (initiator); 0 to only warm up.
     * @param keep      whether the turn's round trips go into {@link #histogram()} (initiator): not for warm-ups.
     * @return {@link #MESSAGES}, {@link #NANOS}, {@link #ALLOCATED}, and on the initiator {@link #P50},
     * {@link #P99}, {@link #P999} of this turn.
     */
    long[] ping(long warmUpNs, long measureNs, boolean keep);

    /**
     * A throughput turn: the initiator streams, the responder verifies and times.
     *
     * @param warmUpNs  untimed lead-in (initiator).
     * @param measureNs measured part (initiator); 0 to only warm up.
     * @return {@link #MESSAGES} (streamed, or received and measured), {@link #NANOS}, {@link #ALLOCATED}.
     */
    long[] stream(long warmUpNs, long measureNs);

    /**
     * Messages this side sent and verified, all turns.
     *
     * @return {@code {sent, verified}}.
     */
    long[] counts();

    /**
     * The round trips of every turn kept (initiator).
     *
     * @return HdrHistogram's compressed encoding in Base64, or {@code null} on the responder.
     */
    String histogram();

    /**
     * Settings the side observed once connected.
     *
     * @return names and values.
     */
    Map<String, String> observedSettings();
}
