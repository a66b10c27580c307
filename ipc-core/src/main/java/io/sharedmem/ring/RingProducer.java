/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.PeerDeadException;
import io.sharedmem.RoleFencedException;
import io.sharedmem.RoleTakenException;
import io.sharedmem.block.BlockFaults;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.RoleSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.header.ZoneDescriptor;
import io.sharedmem.internal.CrashPoints;
import io.sharedmem.internal.ProcessIdentity;
import io.sharedmem.internal.RoleSlot;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;

import static io.sharedmem.header.HeaderDescriptor.*;
import static io.sharedmem.ring.SpscRecordDescriptor.*;

/**
 * The producer side of an {@link SpscRing}: holds the producer role until closed.
 * <p>
 * <b>Algorithm (length commit).</b> The producer keeps its tail in a field and a cached {@code limit}: where the next
 * record (with the zero word after it) must end, the nearer of the consumer's head plus the capacity and the next
 * skipped zone (see below). It re-reads the head word (acquire) only when a record does not fit under that limit. A
 * record is written as: a read of the producer's owner word (fencing, before anything is written), the payload, a
 * zero in the 8-byte word after the record, then the record's header word (length and type) with one release store:
 * that store commits it. The word after the last record is therefore always zero, so the consumer needs no producer
 * position and writes nothing to the data region itself. The tail is never published per message; it is published
 * lazily with the counters (from the heartbeat thread and when the ring is full) for tools only.
 * <p>
 * <b>Taking over.</b> A new producer walks the committed records from the consumer's head to the first zero header
 * word: the true tail. If the previous holder may still run (it was forced out while stopped, or it ran in another pid
 * namespace and went silent), it may yet finish the one record it had begun there; the new producer then leaves a
 * <em>zone</em> at the true tail that every producer and consumer skips, lap after lap, until that holder is provably
 * dead or has acknowledged that it stopped ({@link ZoneDescriptor}, {@code docs/LAYOUT.md} §5).
 * <p>
 * <b>Fencing.</b> Before writing each record (and again at {@link #commit(int)}) the producer reads the owner word of
 * its role slot (a line that changes only on takeover): if another process took the role over with force, it throws
 * {@link RoleFencedException}, writes nothing more, and tells the zone it has stopped.
 * <p>
 * Methods mirror Agrona's {@code RingBuffer} ({@code write} there is {@link #offer} here). Hot paths allocate
 * nothing, take no locks and make no system calls, except that a commit rings the consumer's doorbell (a socket
 * write, and a connect the first time) when the consumer is asleep on it. <b>Not thread-safe:</b> one thread
 * produces.
 */
public final class RingProducer extends RingSide implements MessageProducer
{
    /**
     * Returned by {@link #tryClaim(int, int)} when the ring has no room, as in Agrona.
     */
    public static final int INSUFFICIENT_CAPACITY = -2;

    private static final int OWNER_OFFSET = PRODUCER_SLOT_OFFSET + SLOT_OWNER_WORD_OFFSET;

    /**
     * While the ring is full, how long the producer waits between looks at the consumer's head word: 250 ns, a few
     * cache-line round trips, against the tens of microseconds a consumer takes to free a 64 KiB ring's worth.
     */
    private static final long HEAD_RETRY_NS = Long.getLong("sharedmem.ring.full.retry.ns", 250);

    private final int maxMsgLength;

    private long tail;
    private long limit;
    private long headCache;
    private long headReadNs;
    private boolean headFull;
    private long countersPublishedNs;
    private int claimedIndex = -1;
    private int claimedTypeId;
    private int claimedLength;
    private long messages;
    private long payloadBytes;
    private long fullStalls;
    private Doorbell doorbell;

    private Zone zone = Zone.NONE_ZONE;
    private boolean zonePending;
    private volatile boolean zoneLiftable;

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
     * Finds the true tail (walking from the head, over skipped zone occurrences), and makes a zone there if the
     * previous holder may still run. Safe while a consumer runs: it only moves the head forward and writes nothing
     * to the data region.
     */
    @Override
    void recover()
    {
        final long head = headPosition(header.getLongAcquire(HEAD_OFFSET));
        SpscRing.checkAligned(ring.name(), head);
        zone = Zone.read(header, capacity, ring.name());
        long position = head;
        while (true)
        {
            if (position - head > capacity - RECORD_HEADER_LENGTH)
            {
                throw corrupt("committed records run past head + capacity (" + (head + capacity) + ")");
            }
            final long occurrenceEnd = zone.endOfOccurrenceContaining(position, mask);
            if (occurrenceEnd >= 0)
            {
                // A skipped zone (the consumer may even stand inside its first occurrence, having delivered the
                // fenced holder's last record): producers never write there.
                position = occurrenceEnd;
                if (ZoneDescriptor.PENDING == zone.state())
                {
                    // Its maker stopped before making it active: the word at its end is ours to zero.
                    zonePending = true;
                    break;
                }
                continue;
            }
            final int index = (int)position & mask;
            final int length = length(buffer.getLongAcquire(index));
            if (0 == length)
            {
                break;
            }
            // Unaligned first: aligning a length near Integer.MAX_VALUE would overflow. The space left is a multiple of
            // the alignment, so the aligned record fits whenever the record does.
            if (length < RECORD_HEADER_LENGTH || length > capacity - index)
            {
                throw corrupt("the record at position " + (position & POSITION_MASK) + " has length " + length);
            }
            final int aligned = alignedLength(length);
            position += aligned;
        }
        tail = position;
        headCache = head;
        final RoleSnapshot previous = acquired.previous();
        if (acquired.previousMayStillRun() && null != previous && previous.isInfoCurrent())
        {
            makeZone(previous);
        }
        if (zonePending)
        {
            activateZone();
        }
        limit = computeLimit();
        header.putLongRelease(TAIL_HINT_OFFSET, tail & POSITION_MASK);
    }

    private void makeZone(final RoleSnapshot previous)
    {
        if (ZoneDescriptor.LIFTED == zone.state() && !(headCache < HeaderDescriptor.unwrap(
            ZoneDescriptor.liftPosition(zone.stateWord()), headCache)))
        {
            // Lifted, and the consumer has passed the lift position: nobody reads that zone's occurrences any more.
            header.compareAndSetLong(ZoneDescriptor.STATE_WORD_OFFSET, zone.stateWord(), 0);
            zone = Zone.read(header, capacity, ring.name());
        }
        if (ZoneDescriptor.NONE != zone.state())
        {
            if (!ProcessIdentity.isSameHost(previous.bootIdHash(), previous.pidNamespace()))
            {
                // A holder in another pid namespace that went silent, while the ring still skips a zone for an
                // earlier one: the ring keeps one zone at a time, and a restarted container must get the role back
                // without a human, so this takeover gets none (docs/RINGS.md, "Containers").
                return;
            }
            throw new RoleTakenException(ring.name(), "the producer role of ring \"" + ring.name() + "\" cannot be " +
                "taken from pid " + previous.holderPid() + ", which may still be running: the ring already skips " +
                "a zone for pid " + ownerPid(zone.fencedOwner()) + ", forced out earlier and not known to have " +
                "stopped, and keeps one such zone at a time; end pid " + ownerPid(zone.fencedOwner()) + " (or let " +
                "it run until it notices) and try again");
        }
        final int length = ZoneDescriptor.zoneLength(capacity, maxMsgLength, (int)tail & mask);
        header.putLong(ZoneDescriptor.START_OFFSET, tail & POSITION_MASK);
        header.putLong(ZoneDescriptor.END_OFFSET, (tail + length) & POSITION_MASK);
        header.putLong(ZoneDescriptor.FENCED_OWNER_OFFSET, previous.ownerWord());
        header.putLong(ZoneDescriptor.FENCED_START_TICKS_OFFSET, previous.startTicks());
        header.putLong(ZoneDescriptor.FENCED_BOOT_ID_HASH_OFFSET, previous.bootIdHash());
        header.putLong(ZoneDescriptor.FENCED_PID_NAMESPACE_OFFSET, previous.pidNamespace());
        header.putLong(ZoneDescriptor.ACK_OFFSET, 0);
        header.putLong(ZoneDescriptor.MADE_TIME_OFFSET, System.nanoTime());
        if (!header.compareAndSetLong(ZoneDescriptor.STATE_WORD_OFFSET, 0,
            ZoneDescriptor.stateWord(ZoneDescriptor.PENDING, 0)))
        {
            throw corrupt("its zone record changed while this producer was making a zone");
        }
        zone = Zone.read(header, capacity, ring.name());
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_ZONE_PENDING);
        }
        tail += length;
        zonePending = true;
    }

    /**
     * Makes a pending zone active once the word at its end (the tail) may be written: zeroes it, then moves the state
     * from pending to active, after which consumers jump over the zone.
     *
     * @return {@code false} if the ring has no room for that yet.
     */
    private boolean activateZone()
    {
        if (!hasRoom(tail + RECORD_HEADER_LENGTH))
        {
            return false;
        }
        checkOwner();
        buffer.putLong((int)tail & mask, 0L);
        header.compareAndSetLong(ZoneDescriptor.STATE_WORD_OFFSET, ZoneDescriptor.stateWord(ZoneDescriptor.PENDING, 0),
            ZoneDescriptor.stateWord(ZoneDescriptor.ACTIVE, 0));
        zone = Zone.read(header, capacity, ring.name());
        zonePending = false;
        return true;
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
        if ((msgTypeId < 1) | (length < 0) | (length > maxMsgLength) | (-1 != claimedIndex))
        {
            throw badMessage(msgTypeId, length);
        }
        final int recordLength = length + RECORD_HEADER_LENGTH;
        final int aligned = alignedLength(recordLength);
        int index = (int)tail & mask;
        if (index + aligned > capacity || tail + aligned > limit)
        {
            index = claimSlow(aligned);
            if (index < 0)
            {
                return false;
            }
        }
        checkOwner();

        final AtomicBuffer buffer = this.buffer;
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_OWNER_CHECK);
            buffer.putBytes(index + RECORD_HEADER_LENGTH, srcBuffer, offset, length / 2);
            CrashPoints.reached(CrashPoints.PRODUCER_MID_PAYLOAD);
        }
        buffer.putBytes(index + RECORD_HEADER_LENGTH, srcBuffer, offset, length);
        commitRecord(index, aligned, headerWord(recordLength, msgTypeId));
        messages++;
        payloadBytes += length;
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
     * @throws RoleFencedException      if another process has taken the producer role over.
     */
    @Override
    public int tryClaim(final int msgTypeId, final int length)
    {
        if ((msgTypeId < 1) | (length < 0) | (length > maxMsgLength) | (-1 != claimedIndex))
        {
            throw badMessage(msgTypeId, length);
        }
        final int aligned = alignedLength(length + RECORD_HEADER_LENGTH);
        int index = (int)tail & mask;
        if (index + aligned > capacity || tail + aligned > limit)
        {
            index = claimSlow(aligned);
            if (index < 0)
            {
                return INSUFFICIENT_CAPACITY;
            }
        }
        checkOwner();
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_OWNER_CHECK);
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
        checkOwner();
        commitRecord(recordIndex, alignedLength(length + RECORD_HEADER_LENGTH),
            headerWord(length + RECORD_HEADER_LENGTH, claimedTypeId));
        messages++;
        payloadBytes += length;
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
        commitRecord(recordIndex, aligned, headerWord(aligned, PADDING_MSG_TYPE_ID));
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
     * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
     */
    @Override
    public boolean write(
        final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length,
        final IdleStrategy idleStrategy, final Duration timeout)
    {
        try
        {
            final boolean written = writeMapped(msgTypeId, srcBuffer, offset, length, idleStrategy, timeout);
            if (!written)
            {
                BlockFaults.checkNotTruncated(ring.block());    // what a truncation zeroed looks unconsumed
            }
            return written;
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(ring.block(), ex);     // truncated under the mapping
        }
    }

    private boolean writeMapped(
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
     * Places a record that does not fit under the cached limit: re-reads the head, makes a pending zone active, pads
     * to the end of the region or up to a skipped zone (then jumps over it), or lifts a zone whose fenced holder is
     * done. Leaves the tail at the record's start.
     *
     * @return the record's index, or -1 if the ring is full.
     */
    private int claimSlow(final int aligned)
    {
        while (true)
        {
            if (zonePending && !activateZone())
            {
                return full();
            }
            final long tail = this.tail;
            final int index = (int)tail & mask;
            final long regionEnd = tail + capacity - index;
            final long zoneStart = zone.nextSkippedStart(tail, mask);
            if (zoneStart < tail + aligned + RECORD_HEADER_LENGTH)
            {
                if (zoneStart < regionEnd && zoneLiftable)
                {
                    liftZone(zoneStart);
                    continue;
                }
                final long padEnd = Math.min(zoneStart, regionEnd);
                final long next = padEnd == zoneStart ? zoneStart + zone.length() : padEnd;
                if (!hasRoom(next + RECORD_HEADER_LENGTH))
                {
                    return full();
                }
                pad(index, (int)(padEnd - tail), next);
                continue;
            }
            if (index + aligned > capacity)
            {
                if (!hasRoom(regionEnd + RECORD_HEADER_LENGTH))
                {
                    return full();
                }
                pad(index, (int)(regionEnd - tail), regionEnd);
                continue;
            }
            if (!hasRoom(tail + aligned + RECORD_HEADER_LENGTH))
            {
                return full();
            }
            limit = computeLimit();
            return index;
        }
    }

    /**
     * Commits a padding record over {@code [tail, tail + length)}, with the zero word at {@code next}, where the
     * producer goes on (the end of the padding, or the end of the zone occurrence it ends at).
     */
    private void pad(final int index, final int length, final long next)
    {
        checkOwner();
        buffer.putLong((int)next & mask, 0L);
        buffer.putLongRelease(index, headerWord(length, PADDING_MSG_TYPE_ID));
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_PADDING);
        }
        tail = next;
    }

    /**
     * Stops skipping the zone from the occurrence at {@code occurrenceStart} on: the fenced holder is done. The
     * consumer has not reached that occurrence (it is after the tail), so it sees the lift before it gets there.
     */
    private void liftZone(final long occurrenceStart)
    {
        checkOwner();
        header.compareAndSetLong(ZoneDescriptor.STATE_WORD_OFFSET, zone.stateWord(),
            ZoneDescriptor.stateWord(ZoneDescriptor.LIFTED, occurrenceStart));
        zone = Zone.read(header, capacity, ring.name());
        zoneLiftable = false;
    }

    private boolean hasRoom(final long end)
    {
        if (end <= headCache + capacity)
        {
            return true;
        }
        // On a full ring, callers retry at once, and each read of the head word takes its line from the consumer,
        // whose next commit (a compare-and-set) must then wait to get it back: while the last look found the ring
        // full, look again only after a pause (a fraction of the time the consumer needs to free a useful share).
        final long now = System.nanoTime();
        if (headFull && now - headReadNs < HEAD_RETRY_NS)
        {
            return false;
        }
        headReadNs = now;
        headCache = unwrap(headPosition(header.getLongAcquire(HEAD_OFFSET)), tail);
        headFull = end > headCache + capacity;
        return !headFull;
    }

    /**
     * Where the next record and its zero word must end for the fast path: the head plus the capacity, or the next
     * skipped zone occurrence. Also forgets a lifted zone that the consumer has passed, and clears its record.
     */
    private long computeLimit()
    {
        if (ZoneDescriptor.LIFTED == zone.state() &&
            headCache - unwrap(ZoneDescriptor.liftPosition(zone.stateWord()), headCache) >= 0)
        {
            header.compareAndSetLong(ZoneDescriptor.STATE_WORD_OFFSET, zone.stateWord(), 0);
            zone = Zone.NONE_ZONE;
        }
        return Math.min(headCache + capacity, zone.nextSkippedStart(tail, mask)) - RECORD_HEADER_LENGTH;
    }

    private int full()
    {
        // Slow path: also where a producer spinning on a full ring learns it was fenced.
        checkOwner();
        fullStalls++;
        if (headReadNs != countersPublishedNs)
        {
            // Once per look at the head: tools see a full ring, and nothing more is written while it stays so.
            countersPublishedNs = headReadNs;
            publishCounters();
        }
        return -1;
    }

    /**
     * Zeroes the word after the record, then stores its header word with release: the commit.
     */
    private void commitRecord(final int index, final int aligned, final long headerWord)
    {
        final AtomicBuffer buffer = this.buffer;
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_PAYLOAD);
        }
        buffer.putLong((index + aligned) & mask, 0L);
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_ZERO_WORD);
        }
        buffer.putLongRelease(index, headerWord);
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.PRODUCER_AFTER_COMMIT);
        }
        tail += aligned;
        if (0 != header.getIntAcquire(CONSUMER_SLEEPING_OFFSET))
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
        if (header.getLongAcquire(OWNER_OFFSET) != ownerWord)
        {
            throw fencedOrClosed();
        }
    }

    @Override
    void onFenced()
    {
        // Tell the zone (if it is the one made for this producer) that it writes nothing more.
        if (header.getLongAcquire(ZoneDescriptor.FENCED_OWNER_OFFSET) == ownerWord)
        {
            header.putLongRelease(ZoneDescriptor.ACK_OFFSET, ownerWord);
        }
    }

    private RuntimeException badMessage(final int msgTypeId, final int length)
    {
        if (msgTypeId < 1)
        {
            return new IllegalArgumentException("message type id must be 1 or more, was " + msgTypeId +
                " (ring \"" + ring.name() + "\")");
        }
        if (length < 0 || length > maxMsgLength)
        {
            return new IllegalArgumentException("message of " + length + " bytes does not fit ring \"" + ring.name() +
                "\": its maximum is " + maxMsgLength + " bytes (capacity " + capacity + " / 8)");
        }
        return new IllegalStateException("a claim at index " + (claimedIndex + RECORD_HEADER_LENGTH) + " of ring \"" +
            ring.name() + "\" is outstanding: commit or abort it first");
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

    @Override
    void tick(final long nowNs)
    {
        if (slot.heartbeat(ownerWord, nowNs))
        {
            publishCounters();
            final Zone zone = this.zone;
            if (ZoneDescriptor.ACTIVE == zone.state() && !zoneLiftable &&
                zone.fencedHolderDone(header.getLongAcquire(ZoneDescriptor.ACK_OFFSET), nowNs))
            {
                zoneLiftable = true;
            }
        }
    }

    /**
     * Publishes tail and counters for tools. Called by the producer thread and, racily but harmlessly (they are
     * hints), by the heartbeat thread.
     */
    private void publishCounters()
    {
        header.putLongRelease(TAIL_HINT_OFFSET, tail & POSITION_MASK);
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
     * The producer's position: bytes committed since the ring was created, padding and skipped zones included. It
     * starts from the 48-bit position found in the ring and counts on without wrapping.
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
