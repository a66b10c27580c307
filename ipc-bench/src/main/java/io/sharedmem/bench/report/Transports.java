/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.util.Comparator;
import java.util.List;

/**
 * The transport names the suite uses in {@code results.json}, and the order reports list them in: this project's
 * rings first, then the shared-memory peers, then the kernel transports, each blocking before spin-polled.
 * <p>
 * Reports accept any other name too; it is listed after these, alphabetically. Stateless and thread-safe.
 */
public final class Transports
{
    /** This project's single-producer single-consumer ring: the baseline every ratio is taken against. */
    public static final String SPSC_RING = "spsc-ring";
    /** This project's multi-producer ring, one producer. */
    public static final String MPSC_RING = "mpsc-ring";
    /** A raw cache-line ping-pong on a block: the floor for round-trip time, and the fallback baseline. */
    public static final String RAW_BLOCK = "raw-block";
    /** Agrona's {@code OneToOneRingBuffer} over a mapped file. */
    public static final String AGRONA_ONE_TO_ONE = "agrona-one-to-one";
    /** Agrona's {@code ManyToOneRingBuffer} over a mapped file. */
    public static final String AGRONA_MANY_TO_ONE = "agrona-many-to-one";
    /** Aeron IPC, {@code offer}. */
    public static final String AERON_IPC = "aeron-ipc";
    /** Aeron IPC, zero-copy {@code tryClaim}. */
    public static final String AERON_IPC_CLAIM = "aeron-ipc-claim";
    /** TCP over loopback, blocking. */
    public static final String TCP = "tcp";
    /** TCP over loopback, non-blocking and spin-polled. */
    public static final String TCP_SPIN = "tcp-spin";
    /** Unix domain socket, blocking. */
    public static final String UDS = "uds";
    /** Unix domain socket, non-blocking and spin-polled. */
    public static final String UDS_SPIN = "uds-spin";
    /** A pair of pipes, blocking. */
    public static final String PIPE = "pipe";
    /** A pair of pipes, spin-polled. */
    public static final String PIPE_SPIN = "pipe-spin";

    /**
     * The known transports in report order.
     */
    public static final List<String> ORDER = List.of(
        SPSC_RING, MPSC_RING, RAW_BLOCK,
        AGRONA_ONE_TO_ONE, AGRONA_MANY_TO_ONE, AERON_IPC, AERON_IPC_CLAIM,
        TCP, TCP_SPIN, UDS, UDS_SPIN, PIPE, PIPE_SPIN);

    /**
     * Orders transport names: {@link #ORDER} first, others after it alphabetically.
     */
    public static final Comparator<String> NAME_ORDER = Comparator
        .comparingInt(Transports::rank)
        .thenComparing(Comparator.naturalOrder());

    /**
     * Orders results by transport ({@link #NAME_ORDER}), then by size.
     */
    public static final Comparator<BenchResults.Result> BY_ORDER = Comparator
        .comparing(BenchResults.Result::transport, NAME_ORDER)
        .thenComparingInt(BenchResults.Result::size);

    private static final String[] OURS = { "#1b7837", "#5aae61", "#a6dba0" };
    private static final String[] PEERS = { "#2166ac", "#4393c3", "#542788", "#8073ac" };
    private static final String[] KERNEL = { "#b2182b", "#d6604d", "#e08214", "#fdb863", "#8c510a", "#bf812d" };
    private static final String[] OTHERS = { "#666666", "#999999", "#c51b7d", "#de77ae" };

    private Transports()
    {
    }

    /**
     * A colour for the transport, the same in every chart: greens for this project, blues and purples for Agrona and
     * Aeron, reds and oranges for the kernel transports, greys for others.
     *
     * @param transport the transport's name.
     * @return a CSS colour such as {@code #1b7837}.
     */
    public static String color(final String transport)
    {
        final int rank = ORDER.indexOf(transport);
        if (rank >= 0 && rank < OURS.length)
        {
            return OURS[rank];
        }
        if (rank >= OURS.length && rank < OURS.length + PEERS.length)
        {
            return PEERS[rank - OURS.length];
        }
        if (rank >= OURS.length + PEERS.length)
        {
            return KERNEL[rank - OURS.length - PEERS.length];
        }
        return OTHERS[Math.floorMod(transport.hashCode(), OTHERS.length)];
    }

    private static int rank(final String transport)
    {
        final int rank = ORDER.indexOf(transport);
        return rank >= 0 ? rank : ORDER.size();
    }
}
