/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.PeerDeadException;
import io.sharedmem.RoleFencedException;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.header.RoleSlot;
import io.sharedmem.header.RoleStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;

import static io.sharedmem.header.HeaderDescriptor.*;
import static io.sharedmem.ring.SpscRecordDescriptor.*;

/**
 * The producer side of an {@link SpscRing}: holds the producer role until closed.
 * <p>
 * <b>Algorithm (length commit).</b> The producer keeps its tail in a field and a cached limit
 * {@code head + capacity}; it re-reads the consumer's head (acquire) only when a record does not fit under that limit.
 * A record is written as payload first, then its 8-byte header word (length and type) with one release store: that
 * store commits it. The free region beyond the tail is all zeros (the consumer zeroes what it consumes), so the word
 * after the last record reads 0 until the next commit. The producer's position is never published per message; it is
 * published lazily with the counters (from the heartbeat thread and when the head is re-read) for tools only.
 * <p>
 * <b>Taking over.</b> A dead producer may have left the payload of an uncommitted record in the free region. Before
 * producing, a new producer walks the committed records from the consumer's intent to the first zero header (the true
 * tail) and zeroes the rest of the free region, so a stale byte can never be read as a commit.
 * <p>
 * <b>Fencing.</b> Before each commit the producer reads the owner word of its role slot (a line that changes only on
 * takeover): if another process took the role over with force, it throws {@link RoleFencedException} and commits
 * nothing.
 * <p>
 * Methods mirror Agrona's {@code RingBuffer} ({@code write} there is {@link #offer} here). Hot paths allocate
 * nothing and take no locks. <b>Not thread-safe:</b> one thread produces.
 */
public final class RingProducer extends RingSide implements MessageProducer
{
    /**
     * Returned by {@link #tryClaim(int, int)} when the ring has no room, as in Agrona.
     */
    public static final int INSUFFICIENT_CAPACITY = -2;

    private final int maxMsgLength;

    private long tail;
    private long headLimit;
    private int claimedIndex = -1;
    private int claimedTypeId;
    private int claimedLength;
    private long messages;
    private long payloadBytes;
    private long fullStalls;
    private Doorbell doorbell;

    RingProducer(final SpscRing ring, final RoleSlot.Acquired acquired)
    {
        super(ring, ring.producerSlot(), acquired);
        this.maxMsgLength = ring.maxMsgLength();
        recoverOrRelease();
        messages = header.getLongVolatile(PRODUCED_MESSAGES_OFFSET);
        payloadBytes = header.getLongVolatile(PRODUCED_BYTES_OFFSET);
        fullStalls = header.getLongVolatile(FULL_STALLS_OFFSET);
        startHeartbeats();
    }

    /**
     * Finds the true tail and zeroes the free region after it. Safe while a consumer runs: the consumer only frees
     * more space (already zero) and zeroes only below its intent, which the walk re-checks.
     */
    @Override
    void recover()
    {
        final long head = header.getLongVolatile(HEAD_OFFSET);
        long from = header.getLongVolatile(INTENT_OFFSET);
        if (from < head || from - head > capacity)
        {
            throw corrupt("intent " + from + " is not within [head " + head + ", head + capacity]");
        }
        long position;
        while (true)
        {
            position = from;
            while (position < head + capacity)
            {
                final int index = (int)position & mask;
                final int length = length(buffer.getLongVolatile(index));
                if (0 == length)
                {
                    break;
                }
                final int aligned = alignedLength(length);
                if (length < RECORD_HEADER_LENGTH || aligned > capacity - index)
                {
                    throw corrupt("the record at position " + position + " has length " + length);
                }
                position += aligned;
            }
            if (position > head + capacity)
            {
                throw corrupt("committed records run past head + capacity (" + (head + capacity) + ")");
            }
            // A zero read here may be the consumer zeroing what it just consumed: then its intent moved past it.
            final long intent = header.getLongVolatile(INTENT_OFFSET);
            if (intent <= position)
            {
                break;
            }
            from = intent;
        }

        final long end = head + capacity;
        long start = position;
        while (start < end)
        {
            final int index = (int)start & mask;
            final int length = (int)Math.min(end - start, capacity - index);
            if (CrashPoints.ENABLED && length >= 16)
            {
                buffer.setMemory(index, length / 2, (byte)0);
                CrashPoints.reached(CrashPoints.PRODUCER_MID_ZEROING);
            }
            buffer.setMemory(index, length, (byte)0);
            start += length;
        }
        tail = position;
        headLimit = end;
        header.putLongRelease(TAIL_HINT_OFFSET, position);
    }

    private CorruptHeaderException corrupt(final String what)
    {
        return new CorruptHeaderException(ring.name(), "ring \"" + ring.name() + "\" is corrupt: " + what +
            "; remove it (ipc rm " + ring.name() + ") and create it again");
    }

    /**
     * Copies a message into the ring and commits it, if there is room.
     *
     * @param msgTypeId the message type, 1 or more.
     * @param srcBuffer holds the message.
     * @param offset    where the message starts in it.
     * @param length    its length: 0 to {@link #maxMsgLength()}.
     * @return {@code true} if committed; {@code false} if the ring is full (nothing written).
     * @throws IllegalArgumentException if the type or length is out of range (naming the ring and both sizes).
     * @throws IllegalStateException    if a claim is outstanding or this producer is closed.
     * @throws RoleFencedException      if another process has taken the producer role over.
     */
    @Override
    public boolean offer(final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length)
    {
        checkTypeId(msgTypeId);
        checkLength(length);
        if (-1 != claimedIndex)
        {
            throw claimOutstanding();
        }
        final int recordLength = length + RECORD_HEADER_LENGTH;
        final int index = claim(recordLength);
        if (index < 0)
        {
            return false;
        }

        final AtomicBuffer buffer = this.buffer;
        if (CrashPoints.ENABLED)
        {
            buffer.putBytes(index + RECORD_HEADER_LENGTH, srcBuffer, offset, length / 2);
            CrashPoints.reached(CrashPoints.PRODUCER_MID_PAYLOAD);
        }
        buffer.putBytes(index + RECORD_HEADER_LENGTH, srcBuffer, offset, length);
        commitRecord(index, recordLength, msgTypeId, length);
        return true;
    }

    /**
     * Claims room for a message to be written in place (zero-copy): write it into {@link #buffer()} from the returned
     * index, then {@link #commit(int)} or {@link #abort(int)}. Until then nothing else may be offered or claimed.
     *
     * @param msgTypeId the message type, 1 or more.
     * @param length    the message length: 0 to {@link #maxMsgLength()}.
     * @return the index in {@link #buffer()} where the message goes, or {@link #INSUFFICIENT_CAPACITY} if full.
     * @throws IllegalArgumentException if the type or length is out of range.
     * @throws IllegalStateException    if a claim is already outstanding or this producer is closed.
     */
    @Override
    public int tryClaim(final int msgTypeId, final int length)
    {
        checkTypeId(msgTypeId);
        checkLength(length);
        if (-1 != claimedIndex)
        {
            throw claimOutstanding();
        }
        final int index = claim(length + RECORD_HEADER_LENGTH);
        if (index < 0)
        {
            return INSUFFICIENT_CAPACITY;
        }
        claimedIndex = index;
        claimedTypeId = msgTypeId;
        claimedLength = length;
        return index + RECORD_HEADER_LENGTH;
    }

    /**
     * Commits the claimed message: one release store makes it visible to the consumer.
     *
     * @param index the index {@link #tryClaim(int, int)} returned.
     * @throws IllegalArgumentException if it is not the outstanding claim.
     * @throws RoleFencedException      if another process has taken the producer role over; the claim is dropped.
     */
    @Override
    public void commit(final int index)
    {
        final int recordIndex = checkClaim(index);
        final int length = claimedLength;
        claimedIndex = -1;
        commitRecord(recordIndex, length + RECORD_HEADER_LENGTH, claimedTypeId, length);
    }

    /**
     * Gives up the claimed message: it is committed as padding, which the consumer skips.
     *
     * @param index the index {@link #tryClaim(int, int)} returned.
     * @throws IllegalArgumentException if it is not the outstanding claim.
     * @throws RoleFencedException      if another process has taken the producer role over.
     */
    @Override
    public void abort(final int index)
    {
        final int recordIndex = checkClaim(index);
        final int aligned = alignedLength(claimedLength + RECORD_HEADER_LENGTH);
        claimedIndex = -1;
        checkOwner();
        buffer.putLongRelease(recordIndex, headerWord(aligned, PADDING_MSG_TYPE_ID));
        tail += aligned;
    }

    /**
     * Offers a message, waiting while the ring is full.
     *
     * @param msgTypeId    the message type, 1 or more.
     * @param srcBuffer    holds the message.
     * @param offset       where it starts.
     * @param length       its length: 0 to {@link #maxMsgLength()}.
     * @param idleStrategy how to wait between attempts, such as Agrona's {@code BackoffIdleStrategy}.
     * @param timeout      how long to wait at most.
     * @return {@code true} if committed, {@code false} if the time ran out with the ring still full and the consumer
     * alive (or no consumer attached yet).
     * @throws PeerDeadException        if the consumer holding the role died, or its heartbeat went stale, while the
     *                                  ring was full.
     * @throws IllegalArgumentException if the type or length is out of range.
     * @throws RoleFencedException      if another process has taken the producer role over.
     */
    @Override
    public boolean write(
        final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length,
        final IdleStrategy idleStrategy, final Duration timeout)
    {
        if (offer(msgTypeId, srcBuffer, offset, length))
        {
            return true;
        }
        final long start = System.nanoTime();
        final long timeoutNs = timeout.toNanos();
        startPeerWatch(start);
        idleStrategy.reset();
        while (true)
        {
            idleStrategy.idle();
            if (offer(msgTypeId, srcBuffer, offset, length))
            {
                return true;
            }
            final long now = System.nanoTime();
            final RoleStatus consumer = peerGone(ring.consumerSlot(), now);
            if (null != consumer)
            {
                if (offer(msgTypeId, srcBuffer, offset, length))
                {
                    return true;
                }
                throw new PeerDeadException(ring.name(), "ring \"" + ring.name() + "\" is full and its consumer " +
                    describeGone(ring.consumerSlot(), consumer) + "; start a new consumer to drain it");
            }
            if (now - start >= timeoutNs)
            {
                return false;
            }
        }
    }

    /**
     * Reserves room for a record, writing padding at the end of the region if it does not fit there.
     *
     * @return the record's index, or -1 if full.
     */
    private int claim(final int recordLength)
    {
        final int aligned = alignedLength(recordLength);
        long tail = this.tail;
        final int index = (int)tail & mask;
        final int toEnd = capacity - index;
        final int required = aligned <= toEnd ? aligned : toEnd + aligned;
        if (tail + required > headLimit && !refreshHead(tail + required))
        {
            return -1;
        }
        if (aligned > toEnd)
        {
            checkOwner();
            buffer.putLongRelease(index, headerWord(toEnd, PADDING_MSG_TYPE_ID));
            if (CrashPoints.ENABLED)
            {
                CrashPoints.reached(CrashPoints.PRODUCER_AFTER_PADDING);
            }
            this.tail = tail + toEnd;
            return 0;
        }
        return index;
    }

    private boolean refreshHead(final long required)
    {
        final long head = header.getLongVolatile(HEAD_OFFSET);
        headLimit = head + capacity;
        if (required > headLimit)
        {
            // Slow path: also where a producer spinning on a full ring learns it was fenced.
            checkOwner();
            fullStalls++;
            publishCounters();
            return false;
        }
        return true;
    }

    private void commitRecord(final int index, final int recordLength, final int msgTypeId, final int length)
    {
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_PAYLOAD);
        }
        checkOwner();
        buffer.putLongRelease(index, headerWord(recordLength, msgTypeId));
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_COMMIT);
        }
        tail += alignedLength(recordLength);
        messages++;
        payloadBytes += length;
        if (0 != header.getIntVolatile(CONSUMER_SLEEPING_OFFSET))
        {
            ringDoorbell();
        }
    }

    private void ringDoorbell()
    {
        if (null == doorbell)
        {
            doorbell = Doorbell.forRing(ring.block());
        }
        doorbell.ring();
    }

    private void checkOwner()
    {
        if (header.getLongVolatile(PRODUCER_SLOT_OFFSET + SLOT_OWNER_WORD_OFFSET) != ownerWord)
        {
            throw notOwner();
        }
    }

    private void checkTypeId(final int msgTypeId)
    {
        if (msgTypeId < 1)
        {
            throw new IllegalArgumentException("message type id must be 1 or more, was " + msgTypeId +
                " (ring \"" + ring.name() + "\")");
        }
    }

    private void checkLength(final int length)
    {
        if (length < 0 || length > maxMsgLength)
        {
            throw new IllegalArgumentException("message of " + length + " bytes does not fit ring \"" + ring.name() +
                "\": its maximum is " + maxMsgLength + " bytes (capacity " + capacity + " / 8)");
        }
    }

    private int checkClaim(final int index)
    {
        if (-1 == claimedIndex || index != claimedIndex + RECORD_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("index " + index + " is not the outstanding claim of ring \"" +
                ring.name() + "\"" + (-1 == claimedIndex ? " (none is)" : " (" + (claimedIndex + RECORD_HEADER_LENGTH) + ")"));
        }
        return claimedIndex;
    }

    private IllegalStateException claimOutstanding()
    {
        return new IllegalStateException("a claim at index " + (claimedIndex + RECORD_HEADER_LENGTH) + " of ring \"" +
            ring.name() + "\" is outstanding: commit or abort it first");
    }

    @Override
    void tick(final long nowNs)
    {
        if (slot.heartbeat(ownerWord, nowNs))
        {
            publishCounters();
        }
    }

    /**
     * Publishes tail and counters for tools. Called by the producer thread and, racily but harmlessly (they are
     * hints), by the heartbeat thread.
     */
    private void publishCounters()
    {
        header.putLongRelease(TAIL_HINT_OFFSET, tail);
        header.putLongRelease(PRODUCED_MESSAGES_OFFSET, messages);
        header.putLongRelease(PRODUCED_BYTES_OFFSET, payloadBytes);
        header.putLongRelease(FULL_STALLS_OFFSET, fullStalls);
    }

    /**
     * The data region: where {@link #tryClaim(int, int)} indexes point.
     *
     * @return the buffer.
     */
    @Override
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    /**
     * The largest message: an eighth of the capacity.
     *
     * @return bytes.
     */
    @Override
    public int maxMsgLength()
    {
        return maxMsgLength;
    }

    /**
     * Whether a live process holds the consumer role (reads {@code /proc}: not for the hot path). Messages offered
     * without a consumer wait in the ring for one.
     *
     * @return {@code true} if the consumer is alive.
     */
    @Override
    public boolean isConnected()
    {
        return ring.isConsumerAlive();
    }

    /**
     * The producer's position: bytes committed since the ring was created, padding included.
     *
     * @return the tail.
     */
    public long position()
    {
        return tail;
    }

    /**
     * Messages committed through this ring's producers, this one included.
     *
     * @return the count.
     */
    public long messages()
    {
        return messages;
    }

    @Override
    void beforeRelease()
    {
        if (-1 != claimedIndex)
        {
            abort(claimedIndex + RECORD_HEADER_LENGTH);
        }
        publishCounters();
    }

    @Override
    void afterClose()
    {
        if (null != doorbell)
        {
            doorbell.close();
        }
    }

    /**
     * Aborts an outstanding claim, publishes the counters and releases the producer role. Idempotent. Call from the
     * producing thread (or once it has stopped).
     */
    @Override
    public void close()
    {
        super.close();
    }

    @Override
    public String toString()
    {
        return "RingProducer{ring=\"" + ring.name() + "\", tail=" + tail + ", messages=" + messages + "}";
    }
}
