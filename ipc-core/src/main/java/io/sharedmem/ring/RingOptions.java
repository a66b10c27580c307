/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.BlockOptions;
import io.sharedmem.SharedBlock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the rings ({@link SpscRing}, {@link MpscRing}, {@link BroadcastRing}) as a fluent builder that ends
 * in an action:
 * <pre>{@code
 * SpscRing ring = SpscRing.options()
 *     .capacity(1 << 20)                      // data region, a power of two; default 64 KiB
 *     .preTouch(true)                         // fault every page in now, not on first use
 *     .livenessTimeout(Duration.ofSeconds(2)) // heartbeat age after which a peer counts as gone
 *     .createOrAttach("orders");
 * }</pre>
 * Each setting has a system property for its default, read once: {@value #LIVENESS_TIMEOUT_PROP_NAME}
 * and {@value #UNBLOCK_TIMEOUT_PROP_NAME} (milliseconds). The heartbeat interval is per process: the system property
 * {@code sharedmem.heartbeat.interval.ms}.
 * <p>
 * A builder is a mutable value: not thread-safe, reusable.
 */
public final class RingOptions
{
    /**
     * Default capacity of the data region: 64 KiB.
     */
    public static final int CAPACITY_DEFAULT = 64 * 1024;

    /**
     * System property: default liveness time-out in milliseconds.
     */
    public static final String LIVENESS_TIMEOUT_PROP_NAME = "sharedmem.ring.liveness.timeout.ms";

    /**
     * Default liveness time-out: a peer whose heartbeat is older is stale (or dead, if its pid is gone).
     */
    public static final Duration LIVENESS_TIMEOUT_DEFAULT =
        Duration.ofMillis(Long.getLong(LIVENESS_TIMEOUT_PROP_NAME, 5_000));

    /**
     * System property: default MPSC unblock time-out in milliseconds.
     */
    public static final String UNBLOCK_TIMEOUT_PROP_NAME = "sharedmem.ring.mpsc.unblock.timeout.ms";

    /**
     * Default time an {@link MpscRing} consumer waits on a claimed but uncommitted record before it unblocks the
     * ring: longer than any pause a live producer may take inside a claim (a GC pause, a preemption).
     */
    public static final Duration UNBLOCK_TIMEOUT_DEFAULT =
        Duration.ofMillis(Long.getLong(UNBLOCK_TIMEOUT_PROP_NAME, 10_000));

    private int capacity = CAPACITY_DEFAULT;
    private boolean preTouch;
    private Path directory;
    private Duration livenessTimeout = LIVENESS_TIMEOUT_DEFAULT;
    private Duration unblockTimeout = UNBLOCK_TIMEOUT_DEFAULT;
    private int userTypeId;

    RingOptions()
    {
    }

    /**
     * Capacity of the data region of rings this builder creates.
     *
     * @param capacity bytes, a power of two, at least 64; the largest message is an eighth of it.
     * @return this builder.
     * @throws IllegalArgumentException if not a power of two of at least 64.
     */
    public RingOptions capacity(final int capacity)
    {
        RingSupport.checkCapacity(capacity);
        this.capacity = capacity;
        return this;
    }

    /**
     * Touch every page when opening, so the first messages do not each pay a page fault.
     *
     * @param preTouch {@code true} to pre-touch.
     * @return this builder.
     */
    public RingOptions preTouch(final boolean preTouch)
    {
        this.preTouch = preTouch;
        return this;
    }

    /**
     * The directory the ring's block lives in, instead of the default ({@code /dev/shm} on Linux).
     *
     * @param directory a directory, or {@code null} for the default.
     * @return this builder.
     */
    public RingOptions directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * How old a peer's heartbeat may be before it counts as gone: a producer waiting in
     * {@link RingProducer#write} or a consumer waiting in {@link RingConsumer#read} then gets a
     * {@link io.sharedmem.PeerDeadException}, and a holder may be taken over with force.
     *
     * @param livenessTimeout a positive duration; default 5 s.
     * @return this builder.
     */
    public RingOptions livenessTimeout(final Duration livenessTimeout)
    {
        this.livenessTimeout = positive(livenessTimeout, "livenessTimeout");
        return this;
    }

    /**
     * How long the consumer of an {@link MpscRing} waits, with messages claimed but not committed at its position
     * and no progress, before it takes the producer for dead and unblocks the ring (Agrona's
     * {@code ManyToOneRingBuffer.unblock()}, as Aeron's media driver does for its command ring): the abandoned claim
     * becomes padding and consumption goes on. A live producer stalled inside a claim for longer than this loses
     * that message (its late {@code commit} throws), so keep it well above any pause a producer can take.
     *
     * @param unblockTimeout a positive duration; default 10 s ({@value #UNBLOCK_TIMEOUT_PROP_NAME}).
     * @return this builder.
     */
    public RingOptions unblockTimeout(final Duration unblockTimeout)
    {
        this.unblockTimeout = positive(unblockTimeout, "unblockTimeout");
        return this;
    }

    /**
     * A number of the application's choosing stored in the header of rings this builder creates, so tools and
     * attachers can tell what the ring carries.
     *
     * @param userTypeId any value; default 0.
     * @return this builder.
     */
    public RingOptions userTypeId(final int userTypeId)
    {
        this.userTypeId = userTypeId;
        return this;
    }

    /**
     * Creates a single-producer single-consumer ring; fails if the name is taken.
     *
     * @param name the block name.
     * @return the ring.
     * @see SpscRing#create(String, int)
     */
    public SpscRing create(final String name)
    {
        return SpscRing.create(this, name);
    }

    /**
     * Attaches to an existing single-producer single-consumer ring.
     *
     * @param name the block name.
     * @return the ring.
     * @see SpscRing#attach(String)
     */
    public SpscRing attach(final String name)
    {
        return SpscRing.attach(this, name);
    }

    /**
     * Creates the single-producer single-consumer ring, or attaches to it if it exists, so either side may start
     * first. An existing ring keeps its capacity.
     *
     * @param name the block name.
     * @return the ring.
     */
    public SpscRing createOrAttach(final String name)
    {
        return SpscRing.createOrAttach(this, name);
    }

    /**
     * Creates a many-to-one ring (Agrona's {@code ManyToOneRingBuffer} over a named block).
     *
     * @param name the block name.
     * @return the ring.
     */
    public MpscRing createMpsc(final String name)
    {
        return MpscRing.create(this, name);
    }

    /**
     * Creates the many-to-one ring, or attaches to it if it exists. An existing ring keeps its capacity.
     *
     * @param name the block name.
     * @return the ring.
     */
    public MpscRing createOrAttachMpsc(final String name)
    {
        return MpscRing.createOrAttach(this, name);
    }

    /**
     * Attaches to a many-to-one ring.
     *
     * @param name the block name.
     * @return the ring.
     */
    public MpscRing attachMpsc(final String name)
    {
        return MpscRing.attach(this, name);
    }

    /**
     * Creates a broadcast ring (Agrona's broadcast buffer over a named block).
     *
     * @param name the block name.
     * @return the ring.
     */
    public BroadcastRing createBroadcast(final String name)
    {
        return BroadcastRing.create(this, name);
    }

    /**
     * Attaches to a broadcast ring.
     *
     * @param name the block name.
     * @return the ring.
     */
    public BroadcastRing attachBroadcast(final String name)
    {
        return BroadcastRing.attach(this, name);
    }

    int capacity()
    {
        return capacity;
    }

    int userTypeId()
    {
        return userTypeId;
    }

    long livenessTimeoutNs()
    {
        return livenessTimeout.toNanos();
    }

    long unblockTimeoutNs()
    {
        return unblockTimeout.toNanos();
    }

    BlockOptions blockOptions()
    {
        return SharedBlock.options().directory(directory).preTouch(preTouch);
    }

    private static Duration positive(final Duration value, final String what)
    {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
