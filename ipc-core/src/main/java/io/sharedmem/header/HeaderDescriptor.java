/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

/**
 * Layout of the header at the start of every formatted block (layout version {@value #LAYOUT_VERSION}). All fields
 * are little-endian; {@code docs/LAYOUT.md} specifies the same bytes for readers in other languages.
 * <p>
 * The header is {@value #HEADER_LENGTH} bytes in {@value #SPAN_LENGTH}-byte spans. Each span after the first is
 * written by one party only, and nothing a party writes often shares a span with what the other party writes, so the
 * two sides of a ring never false-share a cache line (128 bytes covers the adjacent-line prefetcher).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  span 0: identity, written once by the creator
 *  |  0 |                 Layout Version (ready word, low half)    |
 *  |  4 |                 Magic "SMHD"   (ready word, high half)   |  the ready word is written LAST, with release
 *  |  8 |                 Kind                                     |
 *  | 12 |                 Header Length                            |
 *  | 16 |                 Payload Offset (long)                    |
 *  | 24 |                 Payload Length (long)                    |
 *  | 32 |                 Creator Pid (long)                       |  written FIRST, so a dead creator is seen
 *  | 40 |                 Creator Start Ticks (long)               |
 *  | 48 |                 Creation Time, epoch ms (long)           |
 *  | 56 |                 User Type Id                             |
 *  | 60 |                 Max Message Length                       |
 *  | 64 |                 Creator Boot Id Hash (long)              |
 *  | 72 |                 Creator Pid Namespace (long)             |
 *  | 80 |                 Capacity                                 |
 *  | 84 |                 reserved (zero) up to byte 127           |
 *  +---------------------------------------------------------------+
 *  | 128 |                Producer Role Slot (see below)           |  span 1: written by the producer
 *  | 256 |                Consumer Role Slot                       |  span 2: written by the consumer
 *  | 384 |                Consumer Sleeping Flag                   |  span 3: written by a consumer going to sleep
 *  | 512 |                Producer Counters (see below)            |  span 4: written by the producer, lazily
 *  | 640 |                Consumer Positions and Counters          |  span 5: written by the consumer, per batch
 *  | 768 |                reserved (zero) up to byte 1023          |
 *  +---------------------------------------------------------------+
 *  | 1024 |               Payload (the ring's data region) ...     |
 *  +---------------------------------------------------------------+
 *
 *  Role slot (offsets within the slot):
 *  |  0 |  Owner Word (long): epoch &lt;&lt; 32 | pid; pid 0 = free. Taken and released by compare-and-set.
 *  |  8 |  Info Epoch (int): the epoch the fields below belong to, written with release after them
 *  | 16 |  Pid (long)          | 24 | Start Ticks (long)    | 32 | Heartbeat, CLOCK_MONOTONIC ns (long)
 *  | 40 |  Boot Id Hash (long) | 48 | Pid Namespace (long)  | 56 | Takeovers (long)  | 64 | Acquired, epoch ms
 *
 *  Producer counters:  | 0 | Tail (hint)  | 8 | Messages | 16 | Payload Bytes | 24 | Full-Ring Stalls |
 *  Consumer positions: | 0 | Head         | 8 | Intent (consumed up to) | 16 | Messages | 24 | Payload Bytes |
 * </pre>
 * Positions are byte counts since the ring was created (they never wrap); a position's index in the data region is
 * {@code position & (capacity - 1)}.
 */
public final class HeaderDescriptor
{
    /**
     * Version of this layout, the low half of the ready word.
     */
    public static final int LAYOUT_VERSION = 1;

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
     * Offset of the producer's counters span.
     */
    public static final int PRODUCER_COUNTERS_OFFSET = 4 * SPAN_LENGTH;

    /**
     * Offset of the producer's tail position, published lazily as a hint for tools (long).
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
     * Offset of the head position (long): everything before it is consumed and zeroed, free for the producer.
     */
    public static final int HEAD_OFFSET = CONSUMER_POSITIONS_OFFSET;

    /**
     * Offset of the intent position (long): everything before it is consumed; {@code [head, intent)} may still be
     * being zeroed. Always {@code head <= intent <= head + capacity}.
     */
    public static final int INTENT_OFFSET = CONSUMER_POSITIONS_OFFSET + 8;

    /**
     * Offset of the count of messages consumed (long).
     */
    public static final int CONSUMED_MESSAGES_OFFSET = CONSUMER_POSITIONS_OFFSET + 16;

    /**
     * Offset of the count of payload bytes consumed (long).
     */
    public static final int CONSUMED_BYTES_OFFSET = CONSUMER_POSITIONS_OFFSET + 24;

    /**
     * Offset, within a role slot, of the owner word: {@code epoch << 32 | pid}; pid 0 means nobody holds the role.
     */
    public static final int SLOT_OWNER_WORD_OFFSET = 0;

    /**
     * Offset, within a role slot, of the epoch (int) the slot's other fields were written for.
     */
    public static final int SLOT_INFO_EPOCH_OFFSET = 8;

    /**
     * Offset, within a role slot, of the holder's pid (long).
     */
    public static final int SLOT_PID_OFFSET = 16;

    /**
     * Offset, within a role slot, of the holder's start time in clock ticks since boot (long).
     */
    public static final int SLOT_START_TICKS_OFFSET = 24;

    /**
     * Offset, within a role slot, of the holder's last heartbeat in {@code CLOCK_MONOTONIC} nanoseconds (long).
     */
    public static final int SLOT_HEARTBEAT_OFFSET = 32;

    /**
     * Offset, within a role slot, of the hash of the holder's boot id (long).
     */
    public static final int SLOT_BOOT_ID_HASH_OFFSET = 40;

    /**
     * Offset, within a role slot, of the holder's pid namespace (long).
     */
    public static final int SLOT_PID_NAMESPACE_OFFSET = 48;

    /**
     * Offset, within a role slot, of how many times the role was taken from a holder that had not released it (long).
     */
    public static final int SLOT_TAKEOVERS_OFFSET = 56;

    /**
     * Offset, within a role slot, of when the holder took the role, in milliseconds since the epoch (long).
     */
    public static final int SLOT_ACQUIRED_TIME_OFFSET = 64;

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
}
