/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.nio.file.Path;

/**
 * Where and how the two sides of one transport meet: the message size, the ring capacity, and names unique to this
 * transport in this rotation for every file it may create. The orchestrator derives it from the rotation's spec and
 * removes those files afterwards.
 *
 * @param transport        the transport's name, such as {@code tcp}.
 * @param size             message length in bytes.
 * @param capacity         data capacity in bytes of every shared-memory ring (ours and Agrona's alike), a power of
 *                         two.
 * @param directory        a private directory (sockets, FIFOs, rendezvous files), created by the orchestrator.
 * @param blockPrefix      prefix of the names of blocks created in the block directory.
 * @param aeronDirectory   Aeron's directory (not yet existing).
 * @param connectTimeoutNs how long a side waits for the other to appear before giving up.
 */
public record LinkSpec(
    String transport,
    int size,
    int capacity,
    Path directory,
    String blockPrefix,
    Path aeronDirectory,
    long connectTimeoutNs)
{
    /**
     * The smallest message: one 8-byte word holding the sequence number.
     */
    public static final int MIN_SIZE = 8;

    /**
     * The largest message the harness sends: 64 KiB. Transports may allow less (a ring allows an eighth of its
     * capacity) and then refuse it ({@link Transport#refusal}).
     */
    public static final int MAX_SIZE = 64 * 1024;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the size or capacity is out of range, naming it.
     */
    public LinkSpec
    {
        if (size < MIN_SIZE || size > MAX_SIZE)
        {
            throw new IllegalArgumentException(
                "message size must be between " + MIN_SIZE + " and " + MAX_SIZE + " bytes, was " + size);
        }
        if (capacity < 1024 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException(
                "ring capacity must be a power of two of at least 1024, was " + capacity);
        }
    }

    /**
     * The name of the block (or ring) a side sends through: the initiator's outgoing one is the responder's incoming
     * one.
     *
     * @param side the sending side.
     * @return the name, under the block prefix.
     */
    public String outBlock(final Side side)
    {
        return blockPrefix + (Side.INITIATOR == side ? "ab" : "ba");
    }

    /**
     * The name of the block (or ring) a side receives from.
     *
     * @param side the receiving side.
     * @return the name, under the block prefix.
     */
    public String inBlock(final Side side)
    {
        return outBlock(Side.INITIATOR == side ? Side.RESPONDER : Side.INITIATOR);
    }
}
