/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.ReservedValueSupplier;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.protocol.DataHeaderFlyweight;
import io.sharedmem.PeerDeadException;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.channel.spi.Waiting;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending end of an {@code aeron:} channel: an Aeron {@link ExclusivePublication}.
 * <ul>
 *     <li><b>Type id</b>: carried in the reserved value of every frame (Aeron's 8-byte {@code reservedValue} field
 *     of the data header; the low 32 bits), so the payload is exactly the message and stays 32-byte aligned.</li>
 *     <li><b>Large messages</b>: up to {@link #maxMsgLength()} (an eighth of the term length, at most 16 MiB);
 *     those longer than one frame ({@code mtu - 32} bytes) are fragmented by Aeron and reassembled by the
 *     consumer.</li>
 *     <li><b>Zero copy</b>: {@link #tryClaim} claims a frame in the log when the message fits one frame
 *     (Aeron's {@code tryClaim}). A larger message cannot be claimed in place: it is written to a copy buffer of
 *     this producer and {@link #commit(int)} offers it (fragmented), waiting briefly if Aeron reports an admin
 *     action.</li>
 *     <li><b>Back pressure and no consumer</b>: {@code offer} returns {@code false} and {@code tryClaim}
 *     {@link #INSUFFICIENT_CAPACITY} when Aeron is back-pressured (the consumer is behind by its window) or not
 *     connected (no consumer: Aeron drops nothing silently, it refuses); {@link #isConnected()} tells which.</li>
 *     <li><b>Consumer gone</b>: {@link #write} throws {@link PeerDeadException} when the publication, having sent
 *     since the last such report, is no longer connected (its consumer was silent for the liveness time-out);
 *     afterwards it waits for a consumer again.</li>
 *     <li><b>Close</b>: if a consumer is connected, {@link #close()} waits (up to the liveness time-out) until
 *     Aeron has finished the publication, which for unicast is when the consumer acknowledged the end of the stream:
 *     a producer that closes cleanly does not lose what it sent last, and its consumer sees a clean end, not a
 *     dead producer.</li>
 * </ul>
 * The delivery contract over UDP is in the README ("Across hosts").
 * <p>
 * Not thread-safe: one thread produces. {@code offer}, {@code tryClaim} and {@code commit} allocate nothing (the copy
 * buffer for large claims is allocated once, on first use).
 */
public final class AeronProducer implements MessageProducer
{
    private static final int NO_CLAIM = 0;
    private static final int FRAME_CLAIM = 1;
    private static final int COPY_CLAIM = 2;

    private final AeronOptions options;
    private final String channel;
    private final AeronConnections.Lease lease;
    private final ExclusivePublication publication;
    private final BufferClaim bufferClaim = new BufferClaim();
    private final TypeId typeId = new TypeId();
    private final ConsumerCheck consumerCheck = new ConsumerCheck();
    private final int maxMsgLength;
    private final int maxClaimLength;
    private final long livenessTimeoutNs;
    private UnsafeBuffer copyBuffer;
    private int claimState = NO_CLAIM;
    private int claimedTypeId;
    private int claimedLength;
    private long positionAtLastLoss;
    private boolean closed;

    AeronProducer(final AeronOptions options)
    {
        this.options = options;
        this.channel = options.channel();
        this.livenessTimeoutNs = options.livenessTimeout().toNanos();
        this.lease = AeronConnections.acquire(options);
        try
        {
            this.publication = lease.aeron().addExclusivePublication(options.aeronChannel(), options.streamId());
        }
        catch (final AeronException ex)
        {
            lease.close();
            throw AeronConsumer.refused(options, ex, "");
        }
        catch (final RuntimeException ex)
        {
            lease.close();
            throw ex;
        }
        this.maxMsgLength = publication.maxMessageLength();
        this.maxClaimLength = publication.maxPayloadLength();
        this.positionAtLastLoss = publication.position();
    }

    @Override
    public boolean offer(final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length)
    {
        checkMessage(msgTypeId, length);
        if (NO_CLAIM != claimState)
        {
            throw claimOutstanding();
        }
        typeId.value = msgTypeId;
        long result = publication.offer(srcBuffer, offset, length, typeId);
        if (Publication.ADMIN_ACTION == result)
        {
            // The log rotated to its next term: the very next attempt goes through.
            result = publication.offer(srcBuffer, offset, length, typeId);
        }
        return result > 0 || refused(result);
    }

    /**
     * {@inheritDoc} A message of up to one frame ({@code mtu - 32} bytes) is claimed in Aeron's log; a larger one in
     * this producer's copy buffer (index 0), offered on {@link #commit(int)}.
     */
    @Override
    public int tryClaim(final int msgTypeId, final int length)
    {
        checkMessage(msgTypeId, length);
        if (NO_CLAIM != claimState)
        {
            throw claimOutstanding();
        }
        if (length <= maxClaimLength)
        {
            long result = publication.tryClaim(length, bufferClaim);
            if (Publication.ADMIN_ACTION == result)
            {
                result = publication.tryClaim(length, bufferClaim);
            }
            if (result > 0)
            {
                bufferClaim.reservedValue(msgTypeId);
                claimState = FRAME_CLAIM;
                return bufferClaim.offset();
            }
            refused(result);
            return INSUFFICIENT_CAPACITY;
        }
        // Offer takes a message whenever the position is below the limit, so room now means room at commit.
        if (publication.availableWindow() <= 0)
        {
            refused(publication.isClosed() ? Publication.CLOSED : Publication.BACK_PRESSURED);
            return INSUFFICIENT_CAPACITY;
        }
        if (null == copyBuffer)
        {
            copyBuffer = new UnsafeBuffer(new byte[maxMsgLength]);
        }
        claimState = COPY_CLAIM;
        claimedTypeId = msgTypeId;
        claimedLength = length;
        return 0;
    }

    /**
     * The claimed frame's buffer (Aeron's {@link BufferClaim#buffer()}), or the copy buffer for a message larger
     * than a frame.
     *
     * @return the buffer of the outstanding claim.
     */
    @Override
    public MutableDirectBuffer buffer()
    {
        return COPY_CLAIM == claimState ? copyBuffer : bufferClaim.buffer();
    }

    /**
     * {@inheritDoc} For a message larger than a frame this offers the copy; should the consumer have disconnected
     * since the claim, the message is dropped as a claimed frame would be.
     *
     * @throws IllegalStateException if the publication was closed underneath.
     */
    @Override
    public void commit(final int index)
    {
        checkClaim(index);
        if (FRAME_CLAIM == claimState)
        {
            claimState = NO_CLAIM;
            bufferClaim.commit();
            return;
        }
        claimState = NO_CLAIM;
        typeId.value = claimedTypeId;
        final long deadline = System.nanoTime() + livenessTimeoutNs;
        while (true)
        {
            final long result = publication.offer(copyBuffer, 0, claimedLength, typeId);
            if (result > 0 || Publication.NOT_CONNECTED == result)
            {
                return;
            }
            refused(result);
            if (System.nanoTime() - deadline >= 0)
            {
                throw new IllegalStateException("channel \"" + channel + "\": the claimed " + claimedLength +
                    "-byte message could not be offered within the liveness time-out (" +
                    Publication.errorString(result) + ")");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void abort(final int index)
    {
        checkClaim(index);
        if (FRAME_CLAIM == claimState)
        {
            bufferClaim.abort();
        }
        claimState = NO_CLAIM;
    }

    /**
     * {@inheritDoc} Waits while Aeron is back-pressured or not connected.
     *
     * @throws PeerDeadException if the publication was connected and sent since the last such report, and is no
     *                           longer connected: its consumer closed, died, or the network failed for longer than the
     *                           liveness time-out.
     */
    @Override
    public boolean write(
        final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length,
        final IdleStrategy idleStrategy, final Duration timeout)
    {
        return Waiting.write(this, msgTypeId, srcBuffer, offset, length, idleStrategy, timeout, consumerCheck);
    }

    @Override
    public int maxMsgLength()
    {
        return maxMsgLength;
    }

    /**
     * Whether the publication is connected to at least one consumer.
     *
     * @return Aeron's {@link Publication#isConnected()}.
     */
    @Override
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("channel", channel);
        settings.put("aeron_channel", options.aeronChannel());
        settings.put("stream", Integer.toString(options.streamId()));
        settings.put("session", Integer.toString(publication.sessionId()));
        settings.put("term_length", Integer.toString(publication.termBufferLength()));
        settings.put("mtu", Integer.toString(maxClaimLength + DataHeaderFlyweight.HEADER_LENGTH));
        settings.put("max_message", Integer.toString(maxMsgLength));
        settings.put("max_claim_in_place", maxClaimLength + " (larger claims are written to a copy buffer and " +
            "offered on commit)");
        settings.putAll(options.driverDescription());
        settings.put("driver_dir", lease.directory().toString());
        settings.put("type_id", "carried in each frame's reserved value");
        return settings;
    }

    /**
     * Closes the publication and returns the lease on the driver. If a consumer is connected, first waits, up to the
     * liveness time-out, until Aeron has finished the publication (the consumer acknowledged the end of the stream),
     * so that an embedded driver does not close under messages still in flight. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (FRAME_CLAIM == claimState)
        {
            bufferClaim.abort();
        }
        claimState = NO_CLAIM;
        try
        {
            final boolean connected = publication.isConnected();
            final int limitCounterId = publication.positionLimitId();
            final long registrationId = publication.registrationId();
            publication.close();
            if (connected && lease.isEmbedded())
            {
                awaitFinished(limitCounterId, registrationId);
            }
        }
        finally
        {
            lease.close();
        }
    }

    /**
     * Waits until the driver has released the publication's limit counter: it does so when the publication is done,
     * after its consumer acknowledged the end of stream (unicast) or its linger time-out passed.
     */
    private void awaitFinished(final int counterId, final long registrationId)
    {
        final CountersReader counters = lease.aeron().countersReader();
        final long deadline = System.nanoTime() + livenessTimeoutNs;
        while (CountersReader.RECORD_ALLOCATED == counters.getCounterState(counterId) &&
            counters.getCounterRegistrationId(counterId) == registrationId && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private boolean refused(final long result)
    {
        if (Publication.NOT_CONNECTED == result || Publication.BACK_PRESSURED == result ||
            Publication.ADMIN_ACTION == result)
        {
            return false;
        }
        throw new IllegalStateException("channel \"" + channel + "\": " + (closed ? "the producer is closed" :
            "Aeron refused the message: " + Publication.errorString(result) + (Publication.CLOSED == result ?
            " (the media driver or client went away)" : "")));
    }

    private void checkMessage(final int msgTypeId, final int length)
    {
        if (msgTypeId < 1)
        {
            throw new IllegalArgumentException("message type id must be 1 or more, was " + msgTypeId + " (channel \"" +
                channel + "\")");
        }
        if (length < 0 || length > maxMsgLength)
        {
            throw new IllegalArgumentException("message of " + length + " bytes does not fit channel \"" + channel +
                "\": its maximum is " + maxMsgLength + " bytes (an eighth of the term length " +
                publication.termBufferLength() + ", at most 16 MiB; raise term-length)");
        }
        if (closed)
        {
            throw new IllegalStateException("channel \"" + channel + "\": the producer is closed");
        }
    }

    private void checkClaim(final int index)
    {
        final int expected = FRAME_CLAIM == claimState ? bufferClaim.offset() : 0;
        if (NO_CLAIM == claimState || index != expected)
        {
            throw new IllegalArgumentException("index " + index + " is not the outstanding claim of channel \"" +
                channel + "\"" + (NO_CLAIM == claimState ? " (none is)" : " (" + expected + ")"));
        }
    }

    private IllegalStateException claimOutstanding()
    {
        return new IllegalStateException("a claim on channel \"" + channel + "\" is outstanding: commit or abort it " +
            "first");
    }

    @Override
    public String toString()
    {
        return "AeronProducer{" + channel + "}";
    }

    /**
     * The consumer is gone when the publication has sent since the last loss reported and is no longer connected.
     */
    private final class ConsumerCheck implements Waiting.PeerCheck
    {
        @Override
        public boolean isGone(final long nowNs)
        {
            final long position = publication.position();
            if (position > positionAtLastLoss && !publication.isConnected())
            {
                positionAtLastLoss = position;
                return true;
            }
            return false;
        }

        @Override
        public RuntimeException gone()
        {
            return new PeerDeadException(null, "channel \"" + channel + "\": the consumer is gone (the " +
                "publication is no longer connected: the consumer closed or died, or the network failed for longer " +
                "than the liveness time-out); what was in flight is lost, and messages wait for a consumer to " +
                "connect");
        }
    }

    /**
     * Supplies the type id as every frame's reserved value: one instance per producer, set before each offer.
     */
    private static final class TypeId implements ReservedValueSupplier
    {
        long value;

        @Override
        public long get(final DirectBuffer termBuffer, final int termOffset, final int frameLength)
        {
            return value;
        }
    }
}
