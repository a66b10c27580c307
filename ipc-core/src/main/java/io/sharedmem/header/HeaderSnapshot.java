/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.LayoutVersionException;
import io.sharedmem.NotFormattedException;
import io.sharedmem.SharedMemoryException;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastBufferDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.sharedmem.header.HeaderDescriptor.*;

/**
 * A validated copy of a block header, read at one moment: for tools, which read blocks with plain file reads and
 * never map them, and for attachers, which copy the header out of the mapping before trusting it.
 * <p>
 * {@link #parse(String, DirectBuffer, int, long)} accepts any bytes at all: garbage, a truncated file, a raw block.
 * It either returns a snapshot whose lengths agree with the file, or throws one of the exceptions below with a
 * message naming the block and the value found; never anything else.
 * <p>
 * Immutable and thread-safe.
 */
public final class HeaderSnapshot
{
    /**
     * Smallest data capacity of a ring: 64 bytes, so the largest message is 8 bytes.
     */
    public static final int MIN_CAPACITY = 64;

    private final String blockName;
    private final long fileSize;
    private final int layoutVersion;
    private final int kindCode;
    private final int headerLength;
    private final long payloadOffset;
    private final long payloadLength;
    private final long creatorPid;
    private final long creatorStartTicks;
    private final long creationTime;
    private final int userTypeId;
    private final int maxMsgLength;
    private final long creatorBootIdHash;
    private final long creatorPidNamespace;
    private final int capacity;
    private final RoleSnapshot producer;
    private final RoleSnapshot consumer;
    private final boolean consumerSleeping;
    private final long tailHint;
    private final long producedMessages;
    private final long producedBytes;
    private final long fullStalls;
    private final long head;
    private final int consumerEpoch;
    private final long zoneStateWord;
    private final long zoneStart;
    private final long zoneEnd;
    private final long zoneFencedOwner;
    private final long consumedMessages;
    private final long consumedBytes;

    private HeaderSnapshot(final String blockName, final long fileSize, final DirectBuffer buffer)
    {
        this.blockName = blockName;
        this.fileSize = fileSize;
        layoutVersion = (int)getLong(buffer, READY_WORD_OFFSET);
        kindCode = getInt(buffer, KIND_OFFSET);
        headerLength = getInt(buffer, HEADER_LENGTH_OFFSET);
        payloadOffset = getLong(buffer, PAYLOAD_OFFSET_OFFSET);
        payloadLength = getLong(buffer, PAYLOAD_LENGTH_OFFSET);
        creatorPid = getLong(buffer, CREATOR_PID_OFFSET);
        creatorStartTicks = getLong(buffer, CREATOR_START_TICKS_OFFSET);
        creationTime = getLong(buffer, CREATION_TIME_OFFSET);
        userTypeId = getInt(buffer, USER_TYPE_ID_OFFSET);
        maxMsgLength = getInt(buffer, MAX_MSG_LENGTH_OFFSET);
        creatorBootIdHash = getLong(buffer, CREATOR_BOOT_ID_HASH_OFFSET);
        creatorPidNamespace = getLong(buffer, CREATOR_PID_NAMESPACE_OFFSET);
        capacity = getInt(buffer, CAPACITY_OFFSET);
        producer = slot(buffer, PRODUCER_SLOT_OFFSET);
        consumer = slot(buffer, CONSUMER_SLOT_OFFSET);
        consumerSleeping = 0 != getInt(buffer, CONSUMER_SLEEPING_OFFSET);
        tailHint = getLong(buffer, TAIL_HINT_OFFSET);
        producedMessages = getLong(buffer, PRODUCED_MESSAGES_OFFSET);
        producedBytes = getLong(buffer, PRODUCED_BYTES_OFFSET);
        fullStalls = getLong(buffer, FULL_STALLS_OFFSET);
        final long headWord = getLong(buffer, HEAD_OFFSET);
        head = headPosition(headWord);
        consumerEpoch = headEpoch(headWord);
        zoneStateWord = getLong(buffer, ZoneDescriptor.STATE_WORD_OFFSET);
        zoneStart = getLong(buffer, ZoneDescriptor.START_OFFSET);
        zoneEnd = getLong(buffer, ZoneDescriptor.END_OFFSET);
        zoneFencedOwner = getLong(buffer, ZoneDescriptor.FENCED_OWNER_OFFSET);
        consumedMessages = getLong(buffer, CONSUMED_MESSAGES_OFFSET);
        consumedBytes = getLong(buffer, CONSUMED_BYTES_OFFSET);
    }

    /**
     * Reads and parses the header of a block file with a plain file read: no mapping, so a truncated or hostile file
     * cannot fault the caller.
     *
     * @param blockName the block's name, for messages.
     * @param path      the block file; a symbolic link is not followed.
     * @return the snapshot.
     * @throws NotFormattedException   if the file is not a formatted block.
     * @throws LayoutVersionException  if it was written in another layout version.
     * @throws CorruptHeaderException  if its fields contradict each other or the file.
     * @throws SharedMemoryException   if the file cannot be read.
     */
    public static HeaderSnapshot read(final String blockName, final Path path)
    {
        final byte[] bytes = new byte[HEADER_LENGTH];
        int length = 0;
        final long fileSize;
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            fileSize = Files.size(path);
            int n;
            while (length < bytes.length && (n = in.read(bytes, length, bytes.length - length)) > 0)
            {
                length += n;
            }
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryException(blockName, "cannot read the header of block \"" + blockName + "\" at " +
                path + ": " + ex, ex);
        }
        return parse(blockName, new UnsafeBuffer(bytes), length, Math.max(fileSize, length));
    }

    /**
     * Parses and validates a header from bytes.
     *
     * @param blockName the block's name, for messages.
     * @param buffer    holds the first bytes of the block from index 0.
     * @param available how many of its bytes are valid: the number read, at most {@link HeaderDescriptor#HEADER_LENGTH}
     *                  are looked at.
     * @param fileSize  the size of the whole block file.
     * @return the snapshot, whose payload lies within the file.
     * @throws NotFormattedException   if the ready word is not this library's, or the file is too small for one.
     * @throws LayoutVersionException  if it was written in another layout version.
     * @throws CorruptHeaderException  if its fields contradict each other or the file (a truncated file included).
     */
    public static HeaderSnapshot parse(
        final String blockName, final DirectBuffer buffer, final int available, final long fileSize)
    {
        final String block = "block \"" + blockName + "\"";
        final int usable = Math.min(Math.min(available, buffer.capacity()), HEADER_LENGTH);
        if (usable < BitUtil.SIZE_OF_LONG)
        {
            throw new NotFormattedException(blockName, block + " is " + fileSize + " bytes, too small to hold a " +
                HEADER_LENGTH + "-byte header: not a formatted block (attach it as a raw SharedBlock)");
        }

        final long ready = buffer.getLong(READY_WORD_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (0 == ready)
        {
            // Rings are named only once complete (created under a temporary name, then linked), so a zero ready
            // word is never a ring being created: a raw block, another program's file, or a creator of a layout
            // version before 2.
            throw new NotFormattedException(blockName, block + " (" + fileSize + " bytes) is not a formatted block: " +
                "its ready word is 0 " +
                "(a raw block whose first bytes are zero, or a file another program wrote); attach it as a raw " +
                "SharedBlock, or remove it (ipc rm " + blockName + ") and create the ring again");
        }
        final int magic = (int)(ready >>> 32);
        final int version = (int)ready;
        if (MAGIC != magic)
        {
            throw new NotFormattedException(blockName, block + " is not a formatted block: its first word is 0x" +
                Long.toHexString(ready) + ", not magic 0x" + Integer.toHexString(MAGIC) + " (\"SMHD\") with a " +
                "version; it may be a raw block (attach it as a SharedBlock) or another program's file");
        }
        if (LAYOUT_VERSION != version)
        {
            throw new LayoutVersionException(blockName, block + " has header layout version " +
                Integer.toUnsignedString(version) + " but this library reads version " + LAYOUT_VERSION +
                "; use a matching library version on both sides, or re-create the block");
        }
        if (usable < HEADER_LENGTH || fileSize < HEADER_LENGTH)
        {
            throw new CorruptHeaderException(blockName, block + " is truncated: " + Math.min(usable, fileSize) +
                " bytes, shorter than the " + HEADER_LENGTH + "-byte header it starts");
        }

        final HeaderSnapshot snapshot = new HeaderSnapshot(blockName, fileSize, buffer);
        snapshot.validate(block);
        return snapshot;
    }

    private void validate(final String block)
    {
        if (HEADER_LENGTH != headerLength)
        {
            throw corrupt(block + " has header length " + headerLength + ", expected " + HEADER_LENGTH);
        }
        if (payloadOffset < headerLength || 0 != (payloadOffset & 7))
        {
            throw corrupt(block + " has payload offset " + payloadOffset + ": it must be a multiple of 8, at least " +
                headerLength);
        }
        if (payloadLength <= 0 || payloadOffset > fileSize || payloadLength > fileSize - payloadOffset)
        {
            throw corrupt(block + " is truncated or corrupt: its header says the payload spans bytes [" +
                payloadOffset + ", " + (payloadOffset + payloadLength) + ") but the file has " + fileSize + " bytes");
        }
        final BlockKind kind = BlockKind.of(kindCode);
        if (null == kind)
        {
            return;
        }
        if (capacity < MIN_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw corrupt(block + " (" + kind.label() + ") has capacity " + capacity +
                ": not a power of two of at least " + MIN_CAPACITY);
        }
        final long expectedPayload = capacity + (long)trailerLength(kind);
        if (payloadLength != expectedPayload)
        {
            throw corrupt(block + " (" + kind.label() + ") has payload length " + payloadLength +
                " but capacity " + capacity + " needs " + expectedPayload);
        }
        if (maxMsgLength <= 0 || maxMsgLength > capacity)
        {
            throw corrupt(block + " (" + kind.label() + ") has maximum message length " + maxMsgLength +
                " for capacity " + capacity);
        }
    }

    /**
     * Bytes the payload holds after the data region for a kind: Agrona's trailers.
     *
     * @param kind the kind.
     * @return the trailer length, 0 for this library's own ring.
     */
    public static int trailerLength(final BlockKind kind)
    {
        switch (kind)
        {
            case MPSC:
                return RingBufferDescriptor.TRAILER_LENGTH;
            case BROADCAST:
                return BroadcastBufferDescriptor.TRAILER_LENGTH;
            default:
                return 0;
        }
    }

    private CorruptHeaderException corrupt(final String message)
    {
        return new CorruptHeaderException(blockName, message + "; the block cannot be used safely: remove it (ipc rm " +
            blockName + ") and create it again");
    }

    private static RoleSnapshot slot(final DirectBuffer buffer, final int offset)
    {
        return new RoleSnapshot(
            getLong(buffer, offset + SLOT_OWNER_WORD_OFFSET),
            getInt(buffer, offset + SLOT_INFO_EPOCH_OFFSET),
            getLong(buffer, offset + SLOT_PID_OFFSET),
            getLong(buffer, offset + SLOT_START_TICKS_OFFSET),
            getLong(buffer, offset + SLOT_HEARTBEAT_OFFSET),
            getLong(buffer, offset + SLOT_BOOT_ID_HASH_OFFSET),
            getLong(buffer, offset + SLOT_PID_NAMESPACE_OFFSET),
            getLong(buffer, offset + SLOT_TAKEOVERS_OFFSET),
            getLong(buffer, offset + SLOT_ACQUIRED_TIME_OFFSET));
    }

    private static long getLong(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
    }

    private static int getInt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The block's name.
     *
     * @return the name given to the parser.
     */
    public String blockName()
    {
        return blockName;
    }

    /**
     * The size of the block file.
     *
     * @return bytes.
     */
    public long fileSize()
    {
        return fileSize;
    }

    /**
     * The layout version.
     *
     * @return {@link HeaderDescriptor#LAYOUT_VERSION}.
     */
    public int layoutVersion()
    {
        return layoutVersion;
    }

    /**
     * The kind code as stored.
     *
     * @return the code.
     */
    public int kindCode()
    {
        return kindCode;
    }

    /**
     * The kind, if this library knows it.
     *
     * @return the kind, or {@code null} for a code from a newer library.
     */
    public BlockKind kind()
    {
        return BlockKind.of(kindCode);
    }

    /**
     * The header length.
     *
     * @return bytes.
     */
    public int headerLength()
    {
        return headerLength;
    }

    /**
     * Where the payload starts.
     *
     * @return byte offset in the block.
     */
    public long payloadOffset()
    {
        return payloadOffset;
    }

    /**
     * The payload's length: the data region plus any trailer.
     *
     * @return bytes.
     */
    public long payloadLength()
    {
        return payloadLength;
    }

    /**
     * The creator's pid.
     *
     * @return the pid.
     */
    public long creatorPid()
    {
        return creatorPid;
    }

    /**
     * The creator's start time.
     *
     * @return clock ticks since boot, or 0 if unknown.
     */
    public long creatorStartTicks()
    {
        return creatorStartTicks;
    }

    /**
     * When the block was formatted.
     *
     * @return milliseconds since the epoch.
     */
    public long creationTime()
    {
        return creationTime;
    }

    /**
     * The user type id given at creation.
     *
     * @return the id, 0 by default.
     */
    public int userTypeId()
    {
        return userTypeId;
    }

    /**
     * The largest message the ring takes.
     *
     * @return bytes of payload.
     */
    public int maxMsgLength()
    {
        return maxMsgLength;
    }

    /**
     * Hash of the creator's boot id.
     *
     * @return the hash, or 0 if unknown.
     */
    public long creatorBootIdHash()
    {
        return creatorBootIdHash;
    }

    /**
     * The creator's pid namespace.
     *
     * @return the namespace inode, or 0 if unknown.
     */
    public long creatorPidNamespace()
    {
        return creatorPidNamespace;
    }

    /**
     * The data region's capacity.
     *
     * @return bytes, a power of two.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * The producer's role slot.
     *
     * @return the slot as read.
     */
    public RoleSnapshot producer()
    {
        return producer;
    }

    /**
     * The consumer's role slot.
     *
     * @return the slot as read.
     */
    public RoleSnapshot consumer()
    {
        return consumer;
    }

    /**
     * Whether the consumer was waiting on its doorbell.
     *
     * @return {@code true} if its sleeping flag was set.
     */
    public boolean isConsumerSleeping()
    {
        return consumerSleeping;
    }

    /**
     * The producer's tail as last published (lazily: it may lag the true tail).
     *
     * @return a position.
     */
    public long tailHint()
    {
        return tailHint;
    }

    /**
     * Messages committed, as last published.
     *
     * @return the count.
     */
    public long producedMessages()
    {
        return producedMessages;
    }

    /**
     * Payload bytes committed, as last published.
     *
     * @return the count.
     */
    public long producedBytes()
    {
        return producedBytes;
    }

    /**
     * Times the producer found the ring full, as last published.
     *
     * @return the count.
     */
    public long fullStalls()
    {
        return fullStalls;
    }

    /**
     * The consumer's head: everything before it is consumed and free.
     *
     * @return a 48-bit position.
     */
    public long head()
    {
        return head;
    }

    /**
     * The low 16 bits of the owner epoch of the consumer that last moved the head.
     *
     * @return the epoch half of the head word.
     */
    public int consumerEpoch()
    {
        return consumerEpoch;
    }

    /**
     * The state of the ring's skipped zone ({@link ZoneDescriptor}).
     *
     * @return {@link ZoneDescriptor#NONE} to {@link ZoneDescriptor#LIFTED}.
     */
    public int zoneState()
    {
        return ZoneDescriptor.state(zoneStateWord);
    }

    /**
     * Where the skipped zone starts (its first occurrence).
     *
     * @return a 48-bit position; meaningless without a zone.
     */
    public long zoneStart()
    {
        return zoneStart;
    }

    /**
     * Where the skipped zone's first occurrence ends.
     *
     * @return a 48-bit position; meaningless without a zone.
     */
    public long zoneEnd()
    {
        return zoneEnd;
    }

    /**
     * The lift position of a lifted zone: occurrences beginning there and after are no longer skipped.
     *
     * @return a 48-bit position; meaningful only for {@link ZoneDescriptor#LIFTED}.
     */
    public long zoneLift()
    {
        return ZoneDescriptor.liftPosition(zoneStateWord);
    }

    /**
     * The pid of the producer the zone was made for: one that was forced out and may still write there.
     *
     * @return the pid, 0 without a zone.
     */
    public long zoneFencedPid()
    {
        return 0 == zoneState() ? 0 : ownerPid(zoneFencedOwner);
    }


    /**
     * Messages consumed.
     *
     * @return the count.
     */
    public long consumedMessages()
    {
        return consumedMessages;
    }

    /**
     * Payload bytes consumed.
     *
     * @return the count.
     */
    public long consumedBytes()
    {
        return consumedBytes;
    }

    /**
     * Bytes between the head and the tail hint: how full the ring looked (0 if the hint lags the head).
     *
     * @return bytes, at most the capacity.
     */
    public long usedBytes()
    {
        final long used = (tailHint - head) & POSITION_MASK;
        return used > capacity ? 0 : used;
    }

    @Override
    public String toString()
    {
        return "HeaderSnapshot{block=\"" + blockName + "\", kind=" + BlockKind.describe(kindCode) +
            ", capacity=" + capacity + ", head=" + head + ", tail~" + tailHint + "}";
    }
}
