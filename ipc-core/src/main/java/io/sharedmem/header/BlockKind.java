/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

/**
 * What a formatted block holds, as recorded in its header's kind field. Values are part of the layout and never
 * change meaning; new kinds get new values.
 */
public enum BlockKind
{
    /**
     * This library's single-producer single-consumer ring ({@code io.sharedmem.ring.SpscRing}).
     */
    SPSC(1, "spsc-ring"),
    /**
     * Agrona's {@code ManyToOneRingBuffer} over the payload ({@code io.sharedmem.ring.MpscRing}).
     */
    MPSC(2, "mpsc-ring"),
    /**
     * Agrona's broadcast buffer over the payload ({@code io.sharedmem.ring.BroadcastRing}).
     */
    BROADCAST(3, "broadcast");

    private static final BlockKind[] BY_CODE = { null, SPSC, MPSC, BROADCAST };

    private final int code;
    private final String label;

    BlockKind(final int code, final String label)
    {
        this.code = code;
        this.label = label;
    }

    /**
     * The value stored in the header.
     *
     * @return the code.
     */
    public int code()
    {
        return code;
    }

    /**
     * A short name for tools and messages, such as {@code spsc-ring}.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The kind stored as a code.
     *
     * @param code the header's kind field.
     * @return the kind, or {@code null} if this library does not know the code.
     */
    public static BlockKind of(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * Describes a code for messages, known or not.
     *
     * @param code the header's kind field.
     * @return the label, or {@code "unknown kind <code>"}.
     */
    public static String describe(final int code)
    {
        final BlockKind kind = of(code);
        return null != kind ? kind.label : "unknown kind " + code;
    }
}
