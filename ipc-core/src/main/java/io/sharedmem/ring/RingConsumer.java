/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.PeerDeadException;
import io.sharedmem.RoleFencedException;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.header.RoleSlot;
import io.sharedmem.header.RoleStatus;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

import java.lang.invoke.VarHandle;
import java.time.Duration;

import static io.sharedmem.header.HeaderDescriptor.*;
import static io.sharedmem.ring.SpscRecordDescriptor.*;

/**
 * The consumer side of an {@link SpscRing}: holds the consumer role until closed.
 * <p>
 * <b>Algorithm.</b> The consumer reads the header word at its head with acquire; 0 means nothing committed yet, so it
 * never reads the producer's position. It hands each message of a batch to the handler in place (the buffer is the
 * ring's, valid only during the call), then commits the batch in three steps:
 * <ol>
 *     <li>stores the <em>intent</em> position (release): from here the batch counts as consumed;</li>
 *     <li>zeroes the batch's bytes, so they read as uncommitted free space when the producer reuses them;</li>
 *     <li>stores the <em>head</em> (release), handing the space to the producer.</li>
 * </ol>
 * A consumer that takes over from a dead one finds {@code intent > head} if its predecessor died between steps 1 and
 * 3, and finishes the zeroing before moving the head.
 * <p>
 * <b>Delivery contract.</b> Messages are delivered in commit order, each once, while consumers do not crash. A
 * message counts as consumed when the intent covering it is stored, that is once per {@code poll} batch after the
 * handler has returned for every message of the batch. If the consumer process dies before that, the next consumer
 * receives the whole batch again (at-least-once for the batch in flight); with a limit of 1 each message is either
 * consumed or redelivered alone. No committed message is ever lost or skipped. A handler that throws from
 * {@link #poll} leaves that message consumed (as Agrona's {@code read} does); one that throws from
 * {@link #controlledPoll} leaves it unconsumed.
 * <p>
 * Methods mirror Agrona's {@code RingBuffer.read} and {@code controlledRead}. Hot paths allocate nothing and take no
 * locks. <b>Not thread-safe:</b> one thread consumes.
 */
public final class RingConsumer extends RingSide implements MessageConsumer
{
    private static final int BULK_ZERO_THRESHOLD = 4096;

    private long head;
    private long messages;
    private long payloadBytes;
    private DoorbellIdleStrategy doorbellIdleStrategy;

    RingConsumer(final SpscRing ring, final RoleSlot.Acquired acquired)
    {
        super(ring, ring.consumerSlot(), acquired);
        recoverOrRelease();
        messages = header.getLongVolatile(CONSUMED_MESSAGES_OFFSET);
        payloadBytes = header.getLongVolatile(CONSUMED_BYTES_OFFSET);
        header.putIntRelease(CONSUMER_SLEEPING_OFFSET, 0);
        startHeartbeats();
    }

    /**
     * Completes a predecessor's commit: if it stored an intent but died before moving the head, the records in
     * {@code [head, intent)} were consumed; zero them and move the head.
     */
    @Override
    void recover()
    {
        final long head = header.getLongVolatile(HEAD_OFFSET);
        final long intent = header.getLongVolatile(INTENT_OFFSET);
        if (intent < head || intent - head > capacity)
        {
            throw new CorruptHeaderException(ring.name(), "ring \"" + ring.name() + "\" is corrupt: intent " + intent +
                " is not within [head " + head + ", head + capacity]; remove it (ipc rm " + ring.name() +
                ") and create it again");
        }
        if (intent > head)
        {
            zero(head, (int)(intent - head));
            header.putLongRelease(HEAD_OFFSET, intent);
        }
        this.head = intent;
    }

    /**
     * Delivers up to {@code limit} messages to the handler, then commits them as one batch.
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
        final AtomicBuffer buffer = this.buffer;
        final int mask = this.mask;
        final long head = this.head;
        int bytes = 0;
        int count = 0;
        int payload = 0;
        try
        {
            // One lap at most: beyond it lie this batch's own records, consumed but not yet zeroed.
            while (count < limit && bytes < capacity)
            {
                final int index = (int)(head + bytes) & mask;
                final long word = buffer.getLongVolatile(index);
                final int length = committedLength(word, index, head + bytes);
                if (0 == length)
                {
                    break;
                }
                final int aligned = alignedLength(length);
                bytes += aligned;
                final int msgTypeId = msgTypeId(word);
                if (PADDING_MSG_TYPE_ID != msgTypeId)
                {
                    ++count;
                    payload += length - RECORD_HEADER_LENGTH;
                    handler.onMessage(msgTypeId, buffer, index + RECORD_HEADER_LENGTH, length - RECORD_HEADER_LENGTH);
                }
            }
        }
        finally
        {
            if (bytes > 0)
            {
                commitBatch(head, bytes, count, payload);
            }
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
        final AtomicBuffer buffer = this.buffer;
        final int mask = this.mask;
        long head = this.head;
        int bytes = 0;
        int count = 0;
        int batchCount = 0;
        int payload = 0;
        try
        {
            // One lap at most: beyond it lie this batch's own records, consumed but not yet zeroed.
            while (count < limit && bytes < capacity)
            {
                final int index = (int)(head + bytes) & mask;
                final long word = buffer.getLongVolatile(index);
                final int length = committedLength(word, index, head + bytes);
                if (0 == length)
                {
                    break;
                }
                final int aligned = alignedLength(length);
                final int msgTypeId = msgTypeId(word);
                if (PADDING_MSG_TYPE_ID == msgTypeId)
                {
                    bytes += aligned;
                    continue;
                }
                final ControlledMessageHandler.Action action =
                    handler.onMessage(msgTypeId, buffer, index + RECORD_HEADER_LENGTH, length - RECORD_HEADER_LENGTH);
                if (ControlledMessageHandler.Action.ABORT == action)
                {
                    break;
                }
                bytes += aligned;
                ++count;
                ++batchCount;
                payload += length - RECORD_HEADER_LENGTH;
                if (ControlledMessageHandler.Action.BREAK == action)
                {
                    break;
                }
                if (ControlledMessageHandler.Action.COMMIT == action)
                {
                    commitBatch(head, bytes, batchCount, payload);
                    head += bytes;
                    bytes = 0;
                    batchCount = 0;
                    payload = 0;
                }
            }
        }
        finally
        {
            if (bytes > 0)
            {
                commitBatch(head, bytes, batchCount, payload);
            }
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
     */
    @Override
    public int read(final MessageHandler handler, final int limit, final IdleStrategy idleStrategy,
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
     * Whether a committed message is waiting at the head: one acquire load.
     *
     * @return {@code true} if the next poll would deliver something (or skip padding).
     */
    public boolean hasMessage()
    {
        return 0 != length(buffer.getLongVolatile((int)head & mask));
    }

    private void commitBatch(final long head, final int bytes, final int count, final int payload)
    {
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.CONSUMER_AFTER_HANDLER);
        }
        if (header.getLongVolatile(CONSUMER_SLOT_OFFSET + SLOT_OWNER_WORD_OFFSET) != ownerWord)
        {
            throw notOwner();
        }
        final long newHead = head + bytes;
        final AtomicBuffer header = this.header;
        header.putLongRelease(INTENT_OFFSET, newHead);
        // The zeroing below must not become visible before the intent: a producer taking over reads a zero it finds
        // as the end of the committed records unless the intent has moved past it (see RingProducer.recover).
        VarHandle.storeStoreFence();
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.CONSUMER_AFTER_INTENT);
        }
        zero(head, bytes);
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.CONSUMER_AFTER_ZEROING);
        }
        messages += count;
        payloadBytes += payload;
        header.putLong(CONSUMED_MESSAGES_OFFSET, messages);
        header.putLong(CONSUMED_BYTES_OFFSET, payloadBytes);
        header.putLongRelease(HEAD_OFFSET, newHead);
        this.head = newHead;
    }

    private void zero(final long from, final int length)
    {
        final int index = (int)from & mask;
        final int first = Math.min(length, capacity - index);
        if (CrashPoints.ENABLED && first >= 16)
        {
            zeroRange(index, first / 2 & ~7);
            CrashPoints.reached(CrashPoints.CONSUMER_MID_ZEROING);
        }
        zeroRange(index, first);
        if (length > first)
        {
            zeroRange(0, length - first);
        }
    }

    /**
     * Zeroes whole 8-byte words (records are 8-byte aligned, so batches are too). Small ranges with a loop of stores:
     * {@code Unsafe.setMemory} is a native call on Java 17, not an intrinsic, and costs more than a batch of one
     * short message.
     */
    private void zeroRange(final int index, final int length)
    {
        final AtomicBuffer buffer = this.buffer;
        if (length >= BULK_ZERO_THRESHOLD)
        {
            buffer.setMemory(index, length, (byte)0);
            return;
        }
        for (int i = index, end = index + length; i < end; i += 8)
        {
            buffer.putLong(i, 0L);
        }
    }

    /**
     * The length of the record whose header word was read at an index: 0 if none is committed there.
     *
     * @throws CorruptHeaderException if the length is impossible (shorter than a header, or past the region's end).
     */
    private int committedLength(final long word, final int index, final long position)
    {
        final int length = length(word);
        if (0 != length && (length < RECORD_HEADER_LENGTH || alignedLength(length) > capacity - index))
        {
            throw corruptRecord(position, length);
        }
        return length;
    }

    private CorruptHeaderException corruptRecord(final long position, final int length)
    {
        return new CorruptHeaderException(ring.name(), "ring \"" + ring.name() + "\" is corrupt: the record at " +
            "position " + position + " has length " + length + " (capacity " + capacity + "); remove it (ipc rm " +
            ring.name() + ") and create it again");
    }

    @Override
    void tick(final long nowNs)
    {
        slot.heartbeat(ownerWord, nowNs);
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
     * The consumer's position: bytes consumed since the ring was created, padding included.
     *
     * @return the head.
     */
    public long position()
    {
        return head;
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
        header.putIntRelease(CONSUMER_SLEEPING_OFFSET, 0);
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
