/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.PeerDeadException;
import io.sharedmem.RoleFencedException;
import io.sharedmem.block.BlockFaults;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.header.ZoneDescriptor;
import io.sharedmem.internal.CrashPoints;
import io.sharedmem.internal.RoleSlot;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

import java.time.Duration;

import static io.sharedmem.header.HeaderDescriptor.*;
import static io.sharedmem.ring.SpscRecordDescriptor.*;

/**
 * The consumer side of an {@link SpscRing}: holds the consumer role until closed.
 * <p>
 * <b>Algorithm.</b> The consumer reads the header word at its position with acquire; 0 means nothing committed yet
 * (the producer keeps the word after its last record zero), so it never reads the producer's position, and it writes
 * nothing to the data region. It hands each message of a batch to the handler in place (the buffer is the ring's,
 * valid only during the call), reading its owner word before each one. It commits a batch with one compare-and-set
 * of the head word from its epoch and old position to its epoch and new position: that frees the space for the
 * producer and, because a consumer that took the role over changed the epoch first, fails for a consumer that was
 * forced out while stopped, whose batch the new consumer then delivers again. The commit of a batch is made at the
 * start of the next poll (or at once if the batch reaches a quarter of the ring, or on close), which takes it off
 * the path between a message's arrival and the application's answer. It skips the zones a producer that took over
 * leaves for a holder that may still write ({@link io.sharedmem.header.ZoneDescriptor}).
 * <p>
 * <b>Delivery contract.</b> Messages are delivered in commit order, each once, while consumers do not crash. A
 * message counts as consumed when the head word covering it is stored: once the poll after the one that delivered
 * it begins (or when that poll's batch reached a quarter of the ring, or the consumer is closed). If the consumer
 * process dies (or is forced out) before that, the next consumer receives that batch again (at-least-once for the
 * last batch delivered, exactly-once otherwise); with a limit of 1 each message is either consumed or redelivered
 * alone. No committed message is ever lost or skipped. A handler that throws from {@link #poll} leaves that message
 * delivered (as Agrona's {@code read} does); one that throws from {@link #controlledPoll} leaves it for the next
 * poll.
 * <p>
 * Methods mirror Agrona's {@code RingBuffer.read} and {@code controlledRead}. Hot paths allocate nothing, take no
 * locks and make no system calls. <b>Not thread-safe:</b> one thread consumes.
 */
public final class RingConsumer extends RingSide implements MessageConsumer
{
    private static final int OWNER_OFFSET = CONSUMER_SLOT_OFFSET + SLOT_OWNER_WORD_OFFSET;

    private final int epoch;
    private final int eagerCommitBytes;
    private long head;
    private long position;
    private long nextZone = Long.MAX_VALUE;
    private long messages;
    private long payloadBytes;
    private DoorbellIdleStrategy doorbellIdleStrategy;

    RingConsumer(final SpscRing ring, final RoleSlot.Acquired acquired)
    {
        super(ring, ring.consumerSlot(), acquired);
        this.epoch = ownerEpoch(acquired.ownerWord());
        this.eagerCommitBytes = capacity / 4;
        recoverOrRelease();
        messages = header.getLongVolatile(CONSUMED_MESSAGES_OFFSET);
        payloadBytes = header.getLongVolatile(CONSUMED_BYTES_OFFSET);
        header.putIntRelease(CONSUMER_SLEEPING_OFFSET, 0);
        startHeartbeats();
    }

    /**
     * Puts this consumer's epoch into the head word, so that a consumer forced out before (stopped, maybe to resume)
     * can no longer commit; resumes at the head's position. Nothing else needs repair: consumers write nothing but
     * the head word.
     */
    @Override
    void recover()
    {
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.CONSUMER_BEFORE_EPOCH);
        }
        long word;
        do
        {
            word = header.getLongVolatile(HEAD_OFFSET);
        }
        while (!header.compareAndSetLong(HEAD_OFFSET, word, headWord(epoch, headPosition(word))));
        head = headPosition(word);
        position = head;
        SpscRing.checkAligned(ring.name(), head);
        refreshZone(head);
    }

    /**
     * Commits the batch the previous poll delivered, then delivers up to {@code limit} messages to the handler as the
     * next batch, committed when the next poll starts (see the delivery contract). A poll with a limit of 0 commits
     * and delivers nothing.
     *
     * @param handler called for each message with the ring's buffer, the payload's index and length; the bytes are
     *                valid only during the call.
     * @param limit   the most messages to deliver; also the batch that a crash may redeliver.
     * @return the number of messages delivered, 0 if none was waiting.
     * @throws RoleFencedException     if another process has taken the consumer role over (the batch is not
     *                                 committed; the new consumer will deliver it).
     * @throws CorruptHeaderException  if a record header is impossible.
     */
    @Override
    public int poll(final MessageHandler handler, final int limit)
    {
        if (position != head)
        {
            commit();
        }
        final AtomicBuffer buffer = this.buffer;
        final int mask = this.mask;
        final long start = position;
        long position = start;
        int count = 0;
        int payload = 0;
        try
        {
            // One lap at most (a sound ring never offers more: the producer keeps 8 bytes free).
            while (count < limit && position - start < capacity)
            {
                if (position == nextZone)
                {
                    position = skipZone(position);
                    continue;
                }
                final int index = (int)position & mask;
                final long word = buffer.getLongAcquire(index);
                final int length = committedLength(word, index, position);
                if (0 == length)
                {
                    if (position == start && (position = jumpOutOfZone(position)) != start)
                    {
                        continue;
                    }
                    break;
                }
                position += alignedLength(length);
                final int msgTypeId = msgTypeId(word);
                if (PADDING_MSG_TYPE_ID != msgTypeId)
                {
                    checkOwner();
                    ++count;
                    payload += length - RECORD_HEADER_LENGTH;
                    handler.onMessage(msgTypeId, buffer, index + RECORD_HEADER_LENGTH, length - RECORD_HEADER_LENGTH);
                }
            }
        }
        finally
        {
            delivered(position, count, payload);
        }
        return count;
    }

    /**
     * Delivers every waiting message, up to {@link Integer#MAX_VALUE}, as one batch.
     *
     * @param handler called for each message.
     * @return the number delivered.
     */
    public int poll(final MessageHandler handler)
    {
        return poll(handler, Integer.MAX_VALUE);
    }

    /**
     * Delivers up to {@code limit} messages to a handler that decides, message by message, whether to go on:
     * {@code CONTINUE} takes the next, {@code BREAK} stops after this one, {@code ABORT} stops and leaves this one for
     * the next poll, {@code COMMIT} commits what has been consumed so far (a smaller batch for the delivery contract)
     * and goes on.
     *
     * @param handler decides per message.
     * @param limit   the most messages to deliver.
     * @return the number of messages consumed (aborted ones excluded).
     * @throws RoleFencedException    if another process has taken the consumer role over.
     * @throws CorruptHeaderException if a record header is impossible.
     */
    @Override
    public int controlledPoll(final ControlledMessageHandler handler, final int limit)
    {
        if (position != head)
        {
            commit();
        }
        final AtomicBuffer buffer = this.buffer;
        final int mask = this.mask;
        final long start = position;
        long position = start;
        int count = 0;
        int batchCount = 0;
        int payload = 0;
        try
        {
            // One lap at most (a sound ring never offers more: the producer keeps 8 bytes free).
            while (count < limit && position - start < capacity)
            {
                if (position == nextZone)
                {
                    position = skipZone(position);
                    continue;
                }
                final int index = (int)position & mask;
                final long word = buffer.getLongAcquire(index);
                final int length = committedLength(word, index, position);
                if (0 == length)
                {
                    if (position == start && (position = jumpOutOfZone(position)) != start)
                    {
                        continue;
                    }
                    break;
                }
                final int aligned = alignedLength(length);
                final int msgTypeId = msgTypeId(word);
                if (PADDING_MSG_TYPE_ID == msgTypeId)
                {
                    position += aligned;
                    continue;
                }
                checkOwner();
                final ControlledMessageHandler.Action action =
                    handler.onMessage(msgTypeId, buffer, index + RECORD_HEADER_LENGTH, length - RECORD_HEADER_LENGTH);
                if (ControlledMessageHandler.Action.ABORT == action)
                {
                    break;
                }
                position += aligned;
                ++count;
                ++batchCount;
                payload += length - RECORD_HEADER_LENGTH;
                if (ControlledMessageHandler.Action.BREAK == action)
                {
                    break;
                }
                if (ControlledMessageHandler.Action.COMMIT == action)
                {
                    delivered(position, batchCount, payload);
                    commit();
                    batchCount = 0;
                    payload = 0;
                }
            }
        }
        finally
        {
            delivered(position, batchCount, payload);
        }
        return count;
    }

    /**
     * Waits for messages and delivers them: polls, and while nothing is waiting, idles with the given strategy until
     * messages arrive, the time runs out, or the producer is found dead.
     *
     * @param handler      called for each message.
     * @param limit        the most messages to deliver in one batch.
     * @param idleStrategy how to wait: Agrona's busy-spin, yield or backoff strategies, or
     *                     {@link #doorbellIdleStrategy()} to sleep without burning a core.
     * @param timeout      how long to wait at most.
     * @return the number of messages delivered; 0 if the time ran out (producer alive, or none attached yet).
     * @throws PeerDeadException   if nothing is waiting and the producer holding the role died or stopped
     *                             heartbeating; every message it committed has been delivered.
     * @throws RoleFencedException if another process has taken the consumer role over.
     * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
     */
    @Override
    public int read(final MessageHandler handler, final int limit, final IdleStrategy idleStrategy,
        final Duration timeout)
    {
        try
        {
            final int count = readMapped(handler, limit, idleStrategy, timeout);
            if (0 == count)
            {
                BlockFaults.checkNotTruncated(ring.block());    // what a truncation zeroed looks uncommitted
            }
            return count;
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(ring.block(), ex);     // truncated under the mapping
        }
    }

    private int readMapped(final MessageHandler handler, final int limit, final IdleStrategy idleStrategy,
        final Duration timeout)
    {
        int count = poll(handler, limit);
        if (count > 0)
        {
            return count;
        }
        final long start = System.nanoTime();
        final long timeoutNs = timeout.toNanos();
        startPeerWatch(start);
        idleStrategy.reset();
        while (true)
        {
            idleStrategy.idle();
            count = poll(handler, limit);
            if (count > 0)
            {
                return count;
            }
            final long now = System.nanoTime();
            final RoleStatus producer = peerGone(ring.producerSlot(), now);
            if (null != producer)
            {
                count = poll(handler, limit);
                if (count > 0)
                {
                    return count;
                }
                throw new PeerDeadException(ring.name(), "ring \"" + ring.name() + "\" is empty and its producer " +
                    describeGone(ring.producerSlot(), producer) + "; every message it committed has been delivered");
            }
            if (now - start >= timeoutNs)
            {
                return 0;
            }
        }
    }

    /**
     * {@link #read(MessageHandler, int, IdleStrategy, Duration)} with no limit on the batch.
     *
     * @param handler      called for each message.
     * @param idleStrategy how to wait.
     * @param timeout      how long to wait at most.
     * @return the number of messages delivered; 0 if the time ran out.
     * @throws PeerDeadException if nothing is waiting and the producer died or stopped heartbeating.
     */
    public int read(final MessageHandler handler, final IdleStrategy idleStrategy, final Duration timeout)
    {
        return read(handler, Integer.MAX_VALUE, idleStrategy, timeout);
    }

    /**
     * An idle strategy that lets this consumer wait without burning a core: it spins briefly, then sets the ring's
     * sleeping flag and blocks on a doorbell (a Unix-domain socket) that the producer rings when it commits while
     * the flag is set. Wakes within tens of microseconds of a commit, and on its own at least every
     * {@link DoorbellIdleStrategy#MAX_SLEEP_MS} ms, so time-outs and liveness checks go on. Use it for consumers that
     * are often idle; the busy-spin strategies give the lowest latency.
     *
     * @return the strategy bound to this consumer (the same instance on every call).
     */
    public DoorbellIdleStrategy doorbellIdleStrategy()
    {
        if (null == doorbellIdleStrategy)
        {
            doorbellIdleStrategy = new DoorbellIdleStrategy(this);
        }
        return doorbellIdleStrategy;
    }

    /**
     * Whether a committed message (or padding) is waiting at the head: one acquire load.
     *
     * @return {@code true} if the next poll would deliver something (or skip padding).
     */
    public boolean hasMessage()
    {
        return 0 != length(buffer.getLongAcquire((int)position & mask));
    }

    /**
     * Reads the owner word before each message is handed over (one read of a line that changes only on takeover), so
     * a consumer forced out while stopped hands its handler nothing more once it runs again, but the message it was
     * handling when stopped.
     */
    private void checkOwner()
    {
        if (header.getLongAcquire(OWNER_OFFSET) != ownerWord)
        {
            throw fencedOrClosed();
        }
    }

    /**
     * Records a batch as delivered (its handler calls returned): it is committed at the start of the next poll, or at
     * once when it reaches a quarter of the ring, or on close. Deferring the commit takes its compare-and-set off the
     * path from a message's arrival to the consumer's answer (a ping-pong pays for it while it waits for the next
     * message instead), and a quarter of the ring at most stays held meanwhile.
     */
    private void delivered(final long newPosition, final int count, final int payload)
    {
        if (newPosition != position && !isFenced())
        {
            position = newPosition;
            messages += count;
            payloadBytes += payload;
            if (newPosition - head >= eagerCommitBytes)
            {
                commit();
            }
        }
    }

    /**
     * Moves the head word from the committed position to the delivered one under this consumer's epoch: the commit.
     * A compare-and-set, so that a consumer forced out while stopped can never move it after its successor took over.
     */
    private void commit()
    {
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.CONSUMER_AFTER_HANDLER);
        }
        if (!header.compareAndSetLong(HEAD_OFFSET, headWord(epoch, head), headWord(epoch, position)))
        {
            position = head;
            throw fencedOrClosed();
        }
        head = position;
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.CONSUMER_AFTER_COMMIT);
        }
    }

    /**
     * At the start of a skipped zone occurrence: reads the zone again (it may have been lifted or cleared) and jumps
     * over the occurrence if it is still skipped.
     *
     * @return where to read next.
     */
    private long skipZone(final long position)
    {
        final Zone zone = Zone.read(header, capacity, ring.name());
        final boolean usable = ZoneDescriptor.ACTIVE == zone.state() || ZoneDescriptor.LIFTED == zone.state();
        final long next = usable && 0 == zone.distanceToStart(position, mask) && zone.skips(position) ?
            position + zone.length() : position;
        nextZone = usable ? zone.nextSkippedStart(next == position ? position + 1 : next, mask) : Long.MAX_VALUE;
        return next;
    }

    /**
     * Nothing is committed at the head: reads the zone record (once per empty poll, a line that seldom changes), and
     * if the head lies inside an occurrence of an active zone (the producer that took over went on past it; the
     * fenced producer's last record, if any, has been delivered), returns the occurrence's end.
     *
     * @return where to read next: the position itself if it is not inside a zone.
     */
    private long jumpOutOfZone(final long position)
    {
        final Zone zone = Zone.read(header, capacity, ring.name());
        if (ZoneDescriptor.ACTIVE != zone.state() && ZoneDescriptor.LIFTED != zone.state())
        {
            nextZone = Long.MAX_VALUE;
            return position;
        }
        final long end = zone.endOfOccurrenceContaining(position, mask);
        final long next = end >= 0 ? end : position;
        nextZone = zone.nextSkippedStart(next, mask);
        return next;
    }

    private void refreshZone(final long position)
    {
        final Zone zone = Zone.read(header, capacity, ring.name());
        nextZone = ZoneDescriptor.ACTIVE == zone.state() || ZoneDescriptor.LIFTED == zone.state() ?
            zone.nextSkippedStart(position, mask) : Long.MAX_VALUE;
    }

    /**
     * The length of the record whose header word was read at an index: 0 if none is committed there.
     *
     * @throws CorruptHeaderException if the length is impossible (shorter than a header, or past the region's end).
     */
    private int committedLength(final long word, final int index, final long position)
    {
        final int length = length(word);
        // Unaligned: aligning a length near Integer.MAX_VALUE would overflow; the space left is a multiple of 8.
        if (0 != length && (length < RECORD_HEADER_LENGTH || length > capacity - index))
        {
            throw corruptRecord(position, length);
        }
        return length;
    }

    private RuntimeException corruptRecord(final long position, final int length)
    {
        if (header.getLongAcquire(OWNER_OFFSET) != ownerWord)
        {
            // A consumer forced out while stopped reads on where the ring has since been rewritten: not corruption.
            return fencedOrClosed();
        }
        return new CorruptHeaderException(ring.name(), "ring \"" + ring.name() + "\" is corrupt: the record at " +
            "position " + (position & POSITION_MASK) + " has length " + length + " (capacity " + capacity +
            "); remove it (ipc rm " + ring.name() + ") and create it again");
    }

    @Override
    void tick(final long nowNs)
    {
        if (slot.heartbeat(ownerWord, nowNs))
        {
            header.putLongRelease(CONSUMED_MESSAGES_OFFSET, messages);
            header.putLongRelease(CONSUMED_BYTES_OFFSET, payloadBytes);
            final DoorbellIdleStrategy doorbell = doorbellIdleStrategy;
            if ((null == doorbell || !doorbell.isSleeping()) && 0 != header.getIntAcquire(CONSUMER_SLEEPING_OFFSET))
            {
                // A consumer forced out while stopped may have raised the flag late; producers would ring for nobody.
                header.compareAndSetInt(CONSUMER_SLEEPING_OFFSET, 1, 0);
            }
        }
    }

    AtomicBuffer header()
    {
        return header;
    }

    /**
     * Whether a live process holds the producer role (reads {@code /proc}: not for the hot path).
     *
     * @return {@code true} if the producer is alive.
     */
    @Override
    public boolean isConnected()
    {
        return ring.isProducerAlive();
    }

    /**
     * The consumer's position: bytes delivered since the ring was created, padding and skipped zones included (the
     * last batch may not be committed yet). It starts from the 48-bit position found in the ring and counts on
     * without wrapping.
     *
     * @return the position.
     */
    public long position()
    {
        return position;
    }

    /**
     * Messages consumed through this ring's consumers, this one included.
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
        if (position != head && !isFenced())
        {
            commit();
        }
        header.putIntRelease(CONSUMER_SLEEPING_OFFSET, 0);
        header.putLongRelease(CONSUMED_MESSAGES_OFFSET, messages);
        header.putLongRelease(CONSUMED_BYTES_OFFSET, payloadBytes);
    }

    @Override
    void afterClose()
    {
        if (null != doorbellIdleStrategy)
        {
            doorbellIdleStrategy.close();
        }
    }

    /**
     * Releases the consumer role and the doorbell. Idempotent. Messages not yet polled stay in the ring for the next
     * consumer.
     */
    @Override
    public void close()
    {
        super.close();
    }

    @Override
    public String toString()
    {
        return "RingConsumer{ring=\"" + ring.name() + "\", head=" + head + ", messages=" + messages + "}";
    }
}
