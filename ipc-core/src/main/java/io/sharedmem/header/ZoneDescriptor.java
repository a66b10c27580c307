/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

/**
 * Layout of the zone record of an SPSC ring's header (layout version 2): the span a producer that was forced
 * out may still write into, which every producer and consumer skips, lap after lap, until that producer is known to
 * be done. {@code docs/LAYOUT.md} §5 gives the rules.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  0 |  State Word (long): state &lt;&lt; 48 | lift position        |  changed only by compare-and-set
 *  |  8 |  Start (long, 48-bit position): the true tail at takeover  |  written once, before the state leaves NONE
 *  | 16 |  End (long, 48-bit position)                               |
 *  | 24 |  Fenced Owner Word (long): the holder that may still write |
 *  | 32 |  Fenced Start Ticks | 40 | Fenced Boot Id Hash | 48 | Fenced Pid Namespace
 *  | 56 |  Ack (long): the fenced holder's owner word, once it has stopped writing for good
 *  | 64 |  Made (long): CLOCK_MONOTONIC ns when the zone was made
 *  +---------------------------------------------------------------+
 * </pre>
 * States: {@link #NONE}, {@link #PENDING} (made; the word at its end not yet zeroed: consumers ignore it and wait at
 * its start, producers stop at its end), {@link #ACTIVE} (skipped every lap), {@link #LIFTED} (skipped only in
 * occurrences that begin before the lift position). The zone's occurrences are {@code [start + k*capacity, end +
 * k*capacity)}; an active zone is always within the consumer's reach only through its start, so whether a position
 * is an occurrence follows from its index alone.
 */
public final class ZoneDescriptor
{
    /** Offset of the state word. */
    public static final int STATE_WORD_OFFSET = HeaderDescriptor.ZONE_OFFSET;
    /** Offset of the start position. */
    public static final int START_OFFSET = HeaderDescriptor.ZONE_OFFSET + 8;
    /** Offset of the end position. */
    public static final int END_OFFSET = HeaderDescriptor.ZONE_OFFSET + 16;
    /** Offset of the fenced holder's owner word. */
    public static final int FENCED_OWNER_OFFSET = HeaderDescriptor.ZONE_OFFSET + 24;
    /** Offset of the fenced holder's start ticks. */
    public static final int FENCED_START_TICKS_OFFSET = HeaderDescriptor.ZONE_OFFSET + 32;
    /** Offset of the fenced holder's boot id hash. */
    public static final int FENCED_BOOT_ID_HASH_OFFSET = HeaderDescriptor.ZONE_OFFSET + 40;
    /** Offset of the fenced holder's pid namespace. */
    public static final int FENCED_PID_NAMESPACE_OFFSET = HeaderDescriptor.ZONE_OFFSET + 48;
    /** Offset of the ack word. */
    public static final int ACK_OFFSET = HeaderDescriptor.ZONE_OFFSET + 56;
    /** Offset of the time the zone was made, {@code CLOCK_MONOTONIC} nanoseconds. */
    public static final int MADE_TIME_OFFSET = HeaderDescriptor.ZONE_OFFSET + 64;

    /**
     * System property: milliseconds after which a zone made for a holder in another pid namespace (whose death cannot
     * be proven from here) is lifted even without its ack.
     */
    public static final String FOREIGN_TIMEOUT_PROP_NAME = "sharedmem.zone.foreign.timeout.ms";

    /**
     * Default of {@link #FOREIGN_TIMEOUT_PROP_NAME}: 60 s.
     */
    public static final long FOREIGN_TIMEOUT_DEFAULT_MS = 60_000;

    /** No zone. */
    public static final int NONE = 0;
    /** Made, not yet usable: the word at its end is not yet zero. */
    public static final int PENDING = 1;
    /** Skipped every lap. */
    public static final int ACTIVE = 2;
    /** Skipped only in occurrences that begin before the lift position. */
    public static final int LIFTED = 3;

    private ZoneDescriptor()
    {
    }

    /**
     * A state word.
     *
     * @param state        one of the states.
     * @param liftPosition the lift position for {@link #LIFTED}, else 0.
     * @return the word.
     */
    public static long stateWord(final int state, final long liftPosition)
    {
        return ((long)state << HeaderDescriptor.POSITION_BITS) | (liftPosition & HeaderDescriptor.POSITION_MASK);
    }

    /**
     * The state half of a state word.
     *
     * @param stateWord the word.
     * @return the state.
     */
    public static int state(final long stateWord)
    {
        return (int)(stateWord >>> HeaderDescriptor.POSITION_BITS);
    }

    /**
     * The lift position of a state word.
     *
     * @param stateWord the word.
     * @return the position (48 bits), meaningful for {@link #LIFTED}.
     */
    public static long liftPosition(final long stateWord)
    {
        return stateWord & HeaderDescriptor.POSITION_MASK;
    }

    /**
     * The length of the zone made at a true tail: room for the record the fenced holder may have begun (at most
     * {@code align8(maxMsgLength + 8)} bytes), the zero word after it, and, if that record may have wrapped, the
     * padding to the end of the region before it.
     *
     * @param capacity     the ring's capacity.
     * @param maxMsgLength its largest payload.
     * @param startIndex   the index of the true tail.
     * @return bytes.
     */
    public static int zoneLength(final int capacity, final int maxMsgLength, final int startIndex)
    {
        // align8(maxMsgLength + 8) for the record, and 8 for the zero word after it.
        final int span = ((maxMsgLength + 8 + 7) & ~7) + 8;
        final int toEnd = capacity - startIndex;
        return toEnd >= span ? span : toEnd + span;
    }
}
