/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the two JVMs of one trial need to agree on: which transport, the message size, where to meet, and how
 * long each phase lasts. The orchestrator builds it and passes it to both children on their command lines
 * ({@link #toArgs()} / {@link #fromArgs(String[])}).
 *
 * @param transport          the transport's name, such as {@code tcp}.
 * @param size               message length in bytes.
 * @param capacity           data capacity in bytes of every shared-memory ring (ours and Agrona's alike), a power
 *                           of two.
 * @param directory          a private directory for this trial (sockets, FIFOs, rendezvous files); the orchestrator
 *                           creates it and removes it afterwards.
 * @param blockPrefix        prefix of the names of blocks this trial creates in the block directory, unique to the
 *                           trial; the orchestrator removes every block that starts with it afterwards.
 * @param aeronDirectory     Aeron's directory for this trial (not yet existing); removed afterwards.
 * @param connectTimeoutNs   how long a side waits for the other to appear before giving up.
 * @param pingWarmUpNs       length of the ping-pong warm-up.
 * @param pingNs             length of the measured ping-pong phase.
 * @param throughputWarmUpNs length of the throughput warm-up.
 * @param throughputNs       length of the measured throughput phase.
 */
public record TrialSpec(
    String transport,
    int size,
    int capacity,
    Path directory,
    String blockPrefix,
    Path aeronDirectory,
    long connectTimeoutNs,
    long pingWarmUpNs,
    long pingNs,
    long throughputWarmUpNs,
    long throughputNs)
{
    /**
     * The smallest message: one 8-byte word holding the sequence number.
     */
    public static final int MIN_SIZE = 8;

    /**
     * The largest message the harness sends: 64 KiB. Transports may allow less (a ring allows an eighth of its
     * capacity) and then fail the trial with a message saying so.
     */
    public static final int MAX_SIZE = 64 * 1024;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the size or capacity is out of range or a duration is negative.
     */
    public TrialSpec
    {
        if (size < MIN_SIZE || size > MAX_SIZE)
        {
            throw new IllegalArgumentException(
                "message size must be between " + MIN_SIZE + " and " + MAX_SIZE + " bytes, was " + size);
        }
        checkCapacity(capacity);
        if (connectTimeoutNs <= 0 || pingWarmUpNs < 0 || pingNs <= 0 || throughputWarmUpNs < 0 || throughputNs <= 0)
        {
            throw new IllegalArgumentException("phase lengths must be positive (warm-ups may be zero)");
        }
    }

    /**
     * Checks a ring capacity: a power of two of at least 1024 bytes.
     *
     * @param capacity the capacity in bytes.
     * @throws IllegalArgumentException if it is not.
     */
    public static void checkCapacity(final int capacity)
    {
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
     * @return the name, under this trial's block prefix.
     */
    public String outBlock(final Side side)
    {
        return blockPrefix + (Side.INITIATOR == side ? "ab" : "ba");
    }

    /**
     * The name of the block (or ring) a side receives from.
     *
     * @param side the receiving side.
     * @return the name, under this trial's block prefix.
     */
    public String inBlock(final Side side)
    {
        return blockPrefix + (Side.INITIATOR == side ? "ba" : "ab");
    }

    /**
     * The command-line form, {@code key=value} per argument.
     *
     * @return the arguments that {@link #fromArgs(String[])} reads back.
     */
    public List<String> toArgs()
    {
        final List<String> args = new ArrayList<>();
        args.add("transport=" + transport);
        args.add("size=" + size);
        args.add("capacity=" + capacity);
        args.add("directory=" + directory);
        args.add("blockPrefix=" + blockPrefix);
        args.add("aeronDirectory=" + aeronDirectory);
        args.add("connectTimeoutNs=" + connectTimeoutNs);
        args.add("pingWarmUpNs=" + pingWarmUpNs);
        args.add("pingNs=" + pingNs);
        args.add("throughputWarmUpNs=" + throughputWarmUpNs);
        args.add("throughputNs=" + throughputNs);
        return args;
    }

    /**
     * Reads the form {@link #toArgs()} writes; arguments without {@code =} are ignored.
     *
     * @param args the arguments.
     * @return the spec.
     * @throws IllegalArgumentException if a key is missing or a value is malformed, naming it.
     */
    public static TrialSpec fromArgs(final String[] args)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String arg : args)
        {
            final int eq = arg.indexOf('=');
            if (eq > 0)
            {
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        return new TrialSpec(
            required(values, "transport"),
            Integer.parseInt(required(values, "size")),
            Integer.parseInt(required(values, "capacity")),
            Path.of(required(values, "directory")),
            required(values, "blockPrefix"),
            Path.of(required(values, "aeronDirectory")),
            Long.parseLong(required(values, "connectTimeoutNs")),
            Long.parseLong(required(values, "pingWarmUpNs")),
            Long.parseLong(required(values, "pingNs")),
            Long.parseLong(required(values, "throughputWarmUpNs")),
            Long.parseLong(required(values, "throughputNs")));
    }

    private static String required(final Map<String, String> values, final String key)
    {
        final String value = values.get(key);
        if (null == value)
        {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }
}
