/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

/**
 * The two ends of a link, each in its own process.
 */
public enum Side
{
    /**
     * Sends the pings and measures their round trip, then streams the throughput phase. Creates what is shared
     * (blocks, the listening socket, Aeron's media driver).
     */
    INITIATOR,

    /**
     * Echoes every ping, then receives the throughput phase and times it. Attaches or connects to what the
     * initiator created.
     */
    RESPONDER;

    /**
     * The name used on command lines and in reports.
     *
     * @return {@code initiator} or {@code responder}.
     */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@link #label()}.
     *
     * @param label {@code initiator} or {@code responder}.
     * @return the side.
     * @throws IllegalArgumentException for anything else.
     */
    public static Side fromLabel(final String label)
    {
        for (final Side side : values())
        {
            if (side.label().equals(label))
            {
                return side;
            }
        }
        throw new IllegalArgumentException("side must be initiator or responder, was \"" + label + "\"");
    }
}
