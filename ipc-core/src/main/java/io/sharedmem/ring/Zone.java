/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.ZoneDescriptor;
import io.sharedmem.internal.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static io.sharedmem.header.ZoneDescriptor.*;

/**
 * The zone record of a ring as read at one moment, and where its occurrences fall (see {@link ZoneDescriptor}).
 * Positions handed in and out are the caller's unbounded positions; the record's 48-bit positions are compared with
 * them by index and, for the lift position, by distance (always far below 2<sup>47</sup>).
 * <p>
 * Immutable and thread-safe.
 *
 * @param stateWord the state word read.
 * @param start     the start position (48 bits).
 * @param length    the zone's length in bytes.
 * @param fencedOwner          the owner word of the holder that may still write.
 * @param fencedStartTicks     its start ticks.
 * @param fencedBootIdHash     its boot id hash.
 * @param fencedPidNamespace   its pid namespace.
 * @param madeNs               when the zone was made, {@code CLOCK_MONOTONIC} nanoseconds.
 */
record Zone(
    long stateWord, long start, int length, long fencedOwner, long fencedStartTicks, long fencedBootIdHash,
    long fencedPidNamespace, long madeNs)
{
    /**
     * No zone.
     */
    static final Zone NONE_ZONE = new Zone(0, 0, 0, 0, 0, 0, 0, 0);

    private static final long FOREIGN_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(
        Long.getLong(FOREIGN_TIMEOUT_PROP_NAME, FOREIGN_TIMEOUT_DEFAULT_MS));

    /**
     * Reads the zone record: the state word, the fields, and the state word again until both reads agree.
     *
     * @param header   the mapped header.
     * @param capacity the ring's capacity, which a sound zone lies within.
     * @param ringName the ring's name, for the error.
     * @return the zone, {@link #NONE_ZONE} if there is none.
     * @throws CorruptHeaderException if the record's positions are not multiples of 8 or its length does not fit the
     *                                ring: following them would read outside the data region.
     */
    static Zone read(final AtomicBuffer header, final int capacity, final String ringName)
    {
        final Zone zone = read(header);
        final long lift = ZoneDescriptor.LIFTED == zone.state() ? liftPosition(zone.stateWord) : 0;
        if (0 != ((zone.start | zone.length | lift) & (SpscRecordDescriptor.ALIGNMENT - 1)) ||
            zone.length < 0 || zone.length > capacity - SpscRecordDescriptor.ALIGNMENT)
        {
            throw new CorruptHeaderException(ringName, "ring \"" + ringName + "\" is corrupt: its zone record " +
                "(start " + zone.start + ", length " + zone.length + ", lift " + lift + ") does not fit a ring of " +
                capacity + " bytes; remove it (ipc rm " + ringName + ") and create it again");
        }
        return zone;
    }

    private static Zone read(final AtomicBuffer header)
    {
        while (true)
        {
            final long word = header.getLongAcquire(STATE_WORD_OFFSET);
            if (NONE == ZoneDescriptor.state(word))
            {
                return NONE_ZONE;
            }
            final long start = header.getLong(START_OFFSET);
            final long end = header.getLong(END_OFFSET);
            final Zone zone = new Zone(word, start & HeaderDescriptor.POSITION_MASK,
                (int)((end - start) & HeaderDescriptor.POSITION_MASK), header.getLong(FENCED_OWNER_OFFSET),
                header.getLong(FENCED_START_TICKS_OFFSET), header.getLong(FENCED_BOOT_ID_HASH_OFFSET),
                header.getLong(FENCED_PID_NAMESPACE_OFFSET), header.getLong(MADE_TIME_OFFSET));
            if (header.getLongAcquire(STATE_WORD_OFFSET) == word)
            {
                return zone;
            }
        }
    }

    /**
     * The zone's state.
     *
     * @return {@link ZoneDescriptor#NONE} to {@link ZoneDescriptor#LIFTED}.
     */
    int state()
    {
        return ZoneDescriptor.state(stateWord);
    }

    /**
     * Whether the occurrence beginning at a position is skipped: the zone is pending or active, or lifted with the
     * occurrence beginning before the lift position.
     *
     * @param occurrenceStart an occurrence's start (unbounded).
     * @return {@code true} if skipped.
     */
    boolean skips(final long occurrenceStart)
    {
        final int state = state();
        if (PENDING == state || ACTIVE == state)
        {
            return true;
        }
        if (LIFTED == state)
        {
            final long lift = HeaderDescriptor.unwrap(liftPosition(stateWord), occurrenceStart);
            return occurrenceStart < lift;
        }
        return false;
    }

    /**
     * Bytes from a position to the next occurrence start at or after it.
     *
     * @param position an unbounded position.
     * @param mask     the ring's capacity minus one.
     * @return 0 if the position is an occurrence start.
     */
    int distanceToStart(final long position, final int mask)
    {
        return (int)(start - position) & mask;
    }

    /**
     * The next skipped occurrence start at or after a position.
     *
     * @param position an unbounded position.
     * @param mask     the ring's capacity minus one.
     * @return the occurrence start, or {@link Long#MAX_VALUE} if no later occurrence is skipped.
     */
    long nextSkippedStart(final long position, final int mask)
    {
        if (NONE == state())
        {
            return Long.MAX_VALUE;
        }
        final long next = position + distanceToStart(position, mask);
        return skips(next) ? next : Long.MAX_VALUE;
    }

    /**
     * If a position lies inside a skipped occurrence (after its start), the end of that occurrence.
     *
     * @param position an unbounded position.
     * @param mask     the ring's capacity minus one.
     * @return the occurrence's end, or -1 if the position is not inside one.
     */
    long endOfOccurrenceContaining(final long position, final int mask)
    {
        if (NONE == state())
        {
            return -1;
        }
        final int offset = (int)(position - start) & mask;
        if (offset >= length)
        {
            return -1;
        }
        return skips(position - offset) ? position - offset + length : -1;
    }

    /**
     * Whether the holder that may still write is taken to be done: it acknowledged, or it is provably dead, or it ran
     * in another pid namespace (where its death cannot be proven) and the zone is older than
     * {@value ZoneDescriptor#FOREIGN_TIMEOUT_PROP_NAME}. Reads {@code /proc}.
     *
     * @param ack   the ack word read now.
     * @param nowNs {@link System#nanoTime()}.
     * @return {@code true} if the zone may be lifted.
     */
    boolean fencedHolderDone(final long ack, final long nowNs)
    {
        if (ack == fencedOwner)
        {
            return true;
        }
        final ProcessIdentity.Status status = ProcessIdentity.status(
            HeaderDescriptor.ownerPid(fencedOwner), fencedStartTicks, fencedBootIdHash, fencedPidNamespace);
        return ProcessIdentity.Status.DEAD == status ||
            (ProcessIdentity.Status.UNKNOWN == status && nowNs - madeNs > FOREIGN_TIMEOUT_NS);
    }
}
