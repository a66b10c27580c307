/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

/**
 * Layout of the header at the start of every formatted block (layout version {@value #LAYOUT_VERSION}). All fields
 * are little-endian; {@code docs/LAYOUT.md} specifies the same bytes for readers in other languages.
 * <p>
 * The header is {@value #HEADER_LENGTH} bytes in {@value #SPAN_LENGTH}-byte spans. A field that one party writes
 * often never shares a 64-byte line with a field the other party, or a hot path, reads per message: the owner word a
 * holder checks before every record has a line to itself, apart from the heartbeat its holder writes every 100 ms;
 * the head word the consumer moves per batch is alone on its line; counters are published lazily on lines of their
 * own.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  span 0: identity, written once by the creator
 *  |  0 |                 Layout Version (ready word, low half)    |
 *  |  4 |                 Magic "SMHD"   (ready word, high half)   |  written last, before the file gets its name
 *  |  8 |                 Kind                                     |
 *  | 12 |                 Header Length                            |
 *  | 16 |                 Payload Offset (long)                    |
 *  | 24 |                 Payload Length (long)                    |
 *  | 32 |                 Creator Pid (long)                       |
 *  | 40 |                 Creator Start Ticks (long)               |
 *  | 48 |                 Creation Time, epoch ms (long)           |
 *  | 56 |                 User Type Id                             |
 *  | 60 |                 Max Message Length                       |
 *  | 64 |                 Creator Boot Id Hash (long)              |
 *  | 72 |                 Creator Pid Namespace (long)             |
 *  | 80 |                 Capacity                                 |
 *  | 84 |                 reserved (zero) up to byte 127           |
 *  +---------------------------------------------------------------+
 *  | 128 |                Producer Role Slot (see below)           |  span 1: owner word line, details line
 *  | 256 |                Consumer Role Slot                       |  span 2: owner word line, details line
 *  | 384 |                Consumer Sleeping Flag (int)             |  span 3: alone on its line
 *  | 512 |                Producer Hints (see below)               |  span 4: written by the producer, lazily
 *  | 640 |                Head Word: epoch16 | position48 (long)  |  span 5: alone on its line; CAS by the consumer
 *  | 704 |                Consumer Hints (see below)               |          written by the consumer, lazily
 *  | 768 |                Zone Record (see ZoneDescriptor)         |  span 6: written by producers at takeovers
 *  | 832 |                reserved (zero) up to byte 1023          |
 *  +---------------------------------------------------------------+
 *  | 1024 |               Payload (the ring's data region) ...     |
 *  +---------------------------------------------------------------+
 *
 *  Role slot (offsets within the slot):
 *  |  0 |  Owner Word (long): epoch &lt;&lt; 32 | pid; pid 0 = free. Taken and released by compare-and-set.
 *  |  8 |  reserved up to 63: the owner word's line holds nothing else
 *  | 64 |  Info Epoch (int): the epoch the fields below belong to, written with release after them
 *  | 72 |  Pid (long)          | 80 | Start Ticks (long)    | 88 | Heartbeat, CLOCK_MONOTONIC ns (long)
 *  | 96 |  Boot Id Hash (long) |104 | Pid Namespace (long)  |112 | Takeovers (long)  |120 | Acquired, epoch ms
 *
 *  Producer hints:  | 0 | Tail (position) | 8 | Messages | 16 | Payload Bytes | 24 | Full-Ring Stalls |
 *  Consumer hints:  | 0 | Messages        | 8 | Payload Bytes |
 * </pre>
 * Positions are byte counts since the ring was created modulo 2<sup>48</sup> ({@link #POSITION_MASK}); a position's
 * index in the data region is {@code position & (capacity - 1)}. The head word carries, above the consumer's
 * position, the low 16 bits of the owner epoch of the consumer that last moved it: a consumer commits by
 * compare-and-set on the whole word, so one that was forced out cannot move it any more.
 */
public final class HeaderDescriptor
{
    /**
     * Version of this layout, the low half of the ready word.
     */
    public static final int LAYOUT_VERSION = 2;

    /**
     * Magic number, the high half of the ready word: the bytes {@code "SMHD"} in file order.
     */
    public static final int MAGIC = 0x44484D53;

    /**
     * The ready word as a little-endian long: {@code MAGIC << 32 | LAYOUT_VERSION}.
     */
    public static final long READY_WORD = ((long)MAGIC << 32) | (LAYOUT_VERSION & 0xFFFF_FFFFL);

    /**
     * Length of one span: two cache lines, so the adjacent-line prefetcher does not pair spans either.
     */
    public static final int SPAN_LENGTH = 128;

    /**
     * Length of the header in this layout version; the payload starts at or after it.
     */
    public static final int HEADER_LENGTH = 8 * SPAN_LENGTH;

    /**
     * Offset of the ready word: 0 while the block is being created, {@link #READY_WORD} once it is complete.
     */
    public static final int READY_WORD_OFFSET = 0;

    /**
     * Offset of the kind ({@link BlockKind#code()}).
     */
    public static final int KIND_OFFSET = 8;

    /**
     * Offset of the header length.
     */
    public static final int HEADER_LENGTH_OFFSET = 12;

    /**
     * Offset of the payload offset (long).
     */
    public static final int PAYLOAD_OFFSET_OFFSET = 16;

    /**
     * Offset of the payload length (long).
     */
    public static final int PAYLOAD_LENGTH_OFFSET = 24;

    /**
     * Offset of the creator's pid (long).
     */
    public static final int CREATOR_PID_OFFSET = 32;

    /**
     * Offset of the creator's start time in clock ticks since boot (long).
     */
    public static final int CREATOR_START_TICKS_OFFSET = 40;

    /**
     * Offset of the creation time in milliseconds since the epoch (long).
     */
    public static final int CREATION_TIME_OFFSET = 48;

    /**
     * Offset of the user type id: a number of the application's choosing, 0 by default.
     */
    public static final int USER_TYPE_ID_OFFSET = 56;

    /**
     * Offset of the maximum message length in bytes.
     */
    public static final int MAX_MSG_LENGTH_OFFSET = 60;

    /**
     * Offset of the hash of the creator's boot id (long).
     */
    public static final int CREATOR_BOOT_ID_HASH_OFFSET = 64;

    /**
     * Offset of the creator's pid namespace (long).
     */
    public static final int CREATOR_PID_NAMESPACE_OFFSET = 72;

    /**
     * Offset of the capacity of the data region in bytes: a power of two.
     */
    public static final int CAPACITY_OFFSET = 80;

    /**
     * Offset of the producer's role slot.
     */
    public static final int PRODUCER_SLOT_OFFSET = SPAN_LENGTH;

    /**
     * Offset of the consumer's role slot.
     */
    public static final int CONSUMER_SLOT_OFFSET = 2 * SPAN_LENGTH;

    /**
     * Offset of the consumer's sleeping flag (int): non-zero while the consumer waits on its doorbell.
     */
    public static final int CONSUMER_SLEEPING_OFFSET = 3 * SPAN_LENGTH;

    /**
     * Offset of the producer's hints span: tail and counters, published lazily for tools.
     */
    public static final int PRODUCER_COUNTERS_OFFSET = 4 * SPAN_LENGTH;

    /**
     * Offset of the producer's tail position (48 bits), published lazily as a hint for tools (long).
     */
    public static final int TAIL_HINT_OFFSET = PRODUCER_COUNTERS_OFFSET;

    /**
     * Offset of the count of messages committed (long), published lazily.
     */
    public static final int PRODUCED_MESSAGES_OFFSET = PRODUCER_COUNTERS_OFFSET + 8;

    /**
     * Offset of the count of payload bytes committed (long), published lazily.
     */
    public static final int PRODUCED_BYTES_OFFSET = PRODUCER_COUNTERS_OFFSET + 16;

    /**
     * Offset of the count of offers refused or waits begun because the ring was full (long), published lazily.
     */
    public static final int FULL_STALLS_OFFSET = PRODUCER_COUNTERS_OFFSET + 24;

    /**
     * Offset of the consumer's span.
     */
    public static final int CONSUMER_POSITIONS_OFFSET = 5 * SPAN_LENGTH;

    /**
     * Offset of the head word (long): {@code epoch16 << 48 | position48}. Everything before the position is consumed
     * and free for the producer; the epoch is that of the consumer that last moved it. Changed only by
     * compare-and-set.
     */
    public static final int HEAD_OFFSET = CONSUMER_POSITIONS_OFFSET;

    /**
     * Offset of the count of messages consumed (long), published lazily.
     */
    public static final int CONSUMED_MESSAGES_OFFSET = CONSUMER_POSITIONS_OFFSET + 64;

    /**
     * Offset of the count of payload bytes consumed (long), published lazily.
     */
    public static final int CONSUMED_BYTES_OFFSET = CONSUMER_POSITIONS_OFFSET + 72;

    /**
     * Offset of the zone record (see {@code io.sharedmem.ring.ZoneDescriptor}): 64 bytes, zero when there is no zone.
     */
    public static final int ZONE_OFFSET = 6 * SPAN_LENGTH;

    /**
     * Bits of a position: positions are byte counts modulo 2<sup>48</sup>.
     */
    public static final int POSITION_BITS = 48;

    /**
     * Mask of a position's bits.
     */
    public static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    /**
     * Offset, within a role slot, of the owner word: {@code epoch << 32 | pid}; pid 0 means nobody holds the role.
     */
    public static final int SLOT_OWNER_WORD_OFFSET = 0;

    /**
     * Offset, within a role slot, of the line of details (the owner word's line holds nothing else).
     */
    public static final int SLOT_DETAILS_OFFSET = 64;

    /**
     * Offset, within a role slot, of the epoch (int) the slot's details were written for.
     */
    public static final int SLOT_INFO_EPOCH_OFFSET = SLOT_DETAILS_OFFSET;

    /**
     * Offset, within a role slot, of the holder's pid (long).
     */
    public static final int SLOT_PID_OFFSET = SLOT_DETAILS_OFFSET + 8;

    /**
     * Offset, within a role slot, of the holder's start time in clock ticks since boot (long).
     */
    public static final int SLOT_START_TICKS_OFFSET = SLOT_DETAILS_OFFSET + 16;

    /**
     * Offset, within a role slot, of the holder's last heartbeat in {@code CLOCK_MONOTONIC} nanoseconds (long).
     */
    public static final int SLOT_HEARTBEAT_OFFSET = SLOT_DETAILS_OFFSET + 24;

    /**
     * Offset, within a role slot, of the hash of the holder's boot id (long).
     */
    public static final int SLOT_BOOT_ID_HASH_OFFSET = SLOT_DETAILS_OFFSET + 32;

    /**
     * Offset, within a role slot, of the holder's pid namespace (long).
     */
    public static final int SLOT_PID_NAMESPACE_OFFSET = SLOT_DETAILS_OFFSET + 40;

    /**
     * Offset, within a role slot, of how many times the role was taken from a holder that had not released it (long).
     */
    public static final int SLOT_TAKEOVERS_OFFSET = SLOT_DETAILS_OFFSET + 48;

    /**
     * Offset, within a role slot, of when the holder took the role, in milliseconds since the epoch (long).
     */
    public static final int SLOT_ACQUIRED_TIME_OFFSET = SLOT_DETAILS_OFFSET + 56;

    private HeaderDescriptor()
    {
    }

    /**
     * The pid half of an owner word.
     *
     * @param ownerWord the owner word.
     * @return the pid, 0 if the role is free.
     */
    public static long ownerPid(final long ownerWord)
    {
        return ownerWord & 0xFFFF_FFFFL;
    }

    /**
     * The epoch half of an owner word: how many times the role has been taken.
     *
     * @param ownerWord the owner word.
     * @return the epoch.
     */
    public static int ownerEpoch(final long ownerWord)
    {
        return (int)(ownerWord >>> 32);
    }

    /**
     * The owner word of the next holder.
     *
     * @param ownerWord the current owner word.
     * @param pid       the next holder's pid.
     * @return the epoch incremented, with the pid.
     */
    public static long nextOwnerWord(final long ownerWord, final long pid)
    {
        return ((long)(ownerEpoch(ownerWord) + 1) << 32) | (pid & 0xFFFF_FFFFL);
    }

    /**
     * The position half of a head word.
     *
     * @param headWord the head word.
     * @return the consumer's position, 48 bits.
     */
    public static long headPosition(final long headWord)
    {
        return headWord & POSITION_MASK;
    }

    /**
     * The epoch half of a head word.
     *
     * @param headWord the head word.
     * @return the low 16 bits of the owner epoch of the consumer that last moved the head.
     */
    public static int headEpoch(final long headWord)
    {
        return (int)(headWord >>> POSITION_BITS);
    }

    /**
     * A head word.
     *
     * @param epoch    a consumer's owner epoch (its low 16 bits are kept).
     * @param position the position (its low 48 bits are kept).
     * @return the word.
     */
    public static long headWord(final int epoch, final long position)
    {
        return ((long)(epoch & 0xFFFF) << POSITION_BITS) | (position & POSITION_MASK);
    }

    /**
     * Expands a 48-bit position into the unbounded position nearest to a reference: positions in the header wrap at
     * 2<sup>48</sup>, while each side counts on in a {@code long}.
     *
     * @param position48 a position read from the header.
     * @param reference  an unbounded position known to be within 2<sup>47</sup> of it.
     * @return the unbounded position.
     */
    public static long unwrap(final long position48, final long reference)
    {
        final long delta = ((position48 - reference) << (64 - POSITION_BITS)) >> (64 - POSITION_BITS);
        return reference + delta;
    }
}
