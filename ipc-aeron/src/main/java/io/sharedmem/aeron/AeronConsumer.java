/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.ErrorCode;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import io.aeron.exceptions.RegistrationException;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.aeron.status.ChannelEndpointStatus;
import io.sharedmem.PeerDeadException;
import io.sharedmem.channel.ChannelException;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.spi.Waiting;
import org.agrona.DirectBuffer;
import org.agrona.LangUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The receiving end of an {@code aeron:} channel: an Aeron {@link Subscription} polled through a
 * {@link ControlledFragmentAssembler}, so handlers get whole messages however many frames they took, with the type id
 * from the frame's reserved value.
 * <ul>
 *     <li><b>Limits</b> count messages, not fragments: a poll stops after {@code limit} messages.</li>
 *     <li><b>Several producers</b> (images): each poll takes them in the order they connected, draining the older
 *     first, so what remains of a stream whose producer died is delivered before the stream of its replacement. A
 *     producer that always has {@code limit} messages waiting delays those connected after it.</li>
 *     <li><b>Handlers</b> get Aeron's buffer (the term buffer, or the reassembly buffer for a fragmented message),
 *     valid only during the call. A handler that throws from {@link #poll} leaves its message consumed; one that
 *     throws from {@link #controlledPoll} leaves it for the next poll (as on a ring); the exception is rethrown after
 *     the poll.</li>
 *     <li><b>Producer gone</b>: when an image (one producer's stream) becomes unavailable without having reached its
 *     end of stream (the producer died, or the network failed, for longer than the liveness time-out) and no other
 *     image is connected, {@link #read} throws {@link PeerDeadException} once, after delivering everything that
 *     arrived. A producer that closes cleanly ends its stream: no exception, {@link #isConnected()} turns
 *     {@code false}.</li>
 * </ul>
 * The delivery contract over UDP is in the README ("Across hosts").
 * <p>
 * Not thread-safe: one thread consumes. {@code poll} and {@code controlledPoll} allocate nothing once a producer's
 * reassembly buffer has grown to its largest message.
 */
public final class AeronConsumer implements MessageConsumer
{
    private static final long BIND_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final AeronOptions options;
    private final String channel;
    private final AeronConnections.Lease lease;
    private final Subscription subscription;
    private final ControlledFragmentAssembler assembler;
    private final Consumer<Image> imagePoller = this::pollImage;
    private final ProducerCheck producerCheck = new ProducerCheck();
    private final UnsafeBuffer readOnlyView = new UnsafeBuffer(0, 0);
    private final AtomicLong imagesLost = new AtomicLong();
    private final AtomicLong imagesEnded = new AtomicLong();
    private MessageHandler handler;
    private ControlledMessageHandler controlledHandler;
    private int limit;
    private int delivered;
    private Throwable handlerFailure;
    private long lostReported;
    private boolean closed;

    AeronConsumer(final AeronOptions options)
    {
        this.options = options;
        this.channel = options.channel();
        this.assembler = new ControlledFragmentAssembler(new Delivery());
        this.lease = AeronConnections.acquire(options);
        try
        {
            this.subscription = lease.aeron().addSubscription(options.aeronChannel(), options.streamId(),
                (image) -> { }, this::onUnavailable);
        }
        catch (final AeronException ex)
        {
            lease.close();
            throw refused(options, ex, "; the consumer binds the endpoint: give an address of this host (or " +
                "0.0.0.0) and a port no other process uses");
        }
        catch (final RuntimeException ex)
        {
            lease.close();
            throw ex;
        }
        try
        {
            awaitBound();
        }
        catch (final RuntimeException ex)
        {
            subscription.close();
            lease.close();
            throw ex;
        }
    }

    /**
     * Translates Aeron's refusal to add a publication or subscription.
     *
     * @param options the channel's settings.
     * @param ex      what Aeron threw.
     * @param hint    what to do, appended to the message of a {@link ChannelException}.
     * @return an {@link IllegalArgumentException} for a channel Aeron calls invalid, else a {@link ChannelException}.
     */
    static RuntimeException refused(final AeronOptions options, final AeronException ex, final String hint)
    {
        final String message = "channel \"" + options.channel() + "\": Aeron refused it: " + ex.getMessage();
        if (ex instanceof RegistrationException && ErrorCode.INVALID_CHANNEL ==
            ((RegistrationException)ex).errorCode())
        {
            return new IllegalArgumentException(message, ex);
        }
        return new ChannelException(message + hint, ex);
    }

    /**
     * Waits until the receiving endpoint is bound, so that an address that is not this host's or a port in use is
     * an exception here rather than silence later.
     */
    private void awaitBound()
    {
        final long deadline = System.nanoTime() + BIND_TIMEOUT_NS;
        while (true)
        {
            final long status = subscription.channelStatus();
            if (ChannelEndpointStatus.ACTIVE == status)
            {
                return;
            }
            if (ChannelEndpointStatus.ERRORED == status)
            {
                final String error = lease.endpointError(subscription.channelStatusId());
                throw new ChannelException("channel \"" + channel + "\": cannot receive on " + options.endpoint() +
                    (null == error ? "" : ": " + error) + "; the consumer binds the endpoint: give an address of " +
                    "this host (or 0.0.0.0) and a port no other process uses");
            }
            if (System.nanoTime() - deadline >= 0)
            {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void onUnavailable(final Image image)
    {
        // On Aeron's client conductor thread: the image is closed, and knows whether it reached its end of stream.
        if (image.isEndOfStream())
        {
            imagesEnded.incrementAndGet();
        }
        else
        {
            imagesLost.incrementAndGet();
        }
    }

    @Override
    public int poll(final MessageHandler handler, final int limit)
    {
        this.handler = handler;
        this.controlledHandler = null;
        return pollMessages(limit);
    }

    @Override
    public int controlledPoll(final ControlledMessageHandler handler, final int limit)
    {
        this.handler = null;
        this.controlledHandler = handler;
        return pollMessages(limit);
    }

    private int pollMessages(final int limit)
    {
        if (closed)
        {
            throw new IllegalStateException("channel \"" + channel + "\": the consumer is closed");
        }
        this.limit = limit;
        delivered = 0;
        subscription.forEachImage(imagePoller);
        if (null != handlerFailure)
        {
            final Throwable failure = handlerFailure;
            handlerFailure = null;
            LangUtil.rethrowUnchecked(failure);
        }
        return delivered;
    }

    /**
     * Polls one image (one producer's stream), unless the limit is reached. Images are polled in the order they
     * connected rather than round-robin, so that what remains of a stream that ended is delivered before a stream that
     * replaced it (a restarted producer or bridge). Fragments are not messages: the handler stops the poll at the
     * message limit, so Aeron's fragment limit is none.
     */
    private void pollImage(final Image image)
    {
        if (delivered < limit && null == handlerFailure)
        {
            image.controlledPoll(assembler, Integer.MAX_VALUE);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws PeerDeadException     if nothing is waiting and the producer's image became unavailable without ending
     *                               its stream, with no other producer connected; once per such loss.
     * @throws IllegalStateException if the Aeron client closed underneath (its media driver is gone).
     */
    @Override
    public int read(
        final MessageHandler handler, final int limit, final IdleStrategy idleStrategy, final Duration timeout)
    {
        return Waiting.read(this, handler, limit, idleStrategy, timeout, producerCheck);
    }

    /**
     * Whether at least one producer's image is connected.
     *
     * @return Aeron's {@link Subscription#isConnected()}.
     */
    @Override
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("channel", channel);
        settings.put("aeron_channel", options.aeronChannel());
        settings.put("stream", Integer.toString(options.streamId()));
        settings.put("producers_connected", Integer.toString(subscription.imageCount()));
        settings.put("producers_ended", Long.toString(imagesEnded.get()));
        settings.put("producers_lost", Long.toString(imagesLost.get()));
        settings.putAll(options.driverDescription());
        settings.put("driver_dir", lease.directory().toString());
        settings.put("type_id", "carried in each frame's reserved value");
        return settings;
    }

    /**
     * Closes the subscription and returns the lease on the driver. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            subscription.close();
        }
        finally
        {
            lease.close();
        }
    }

    @Override
    public String toString()
    {
        return "AeronConsumer{" + channel + "}";
    }

    /**
     * The producer is gone when an image was lost (unavailable before its end of stream) since the last look and no
     * image is connected; a subscription closed underneath is an error.
     */
    private final class ProducerCheck implements Waiting.PeerCheck
    {
        @Override
        public boolean isGone(final long nowNs)
        {
            if (subscription.isClosed())
            {
                throw new IllegalStateException("channel \"" + channel + "\": the Aeron subscription was closed " +
                    "underneath (the media driver at " + lease.directory() + " is gone?)");
            }
            final long lost = imagesLost.get();
            if (lost != lostReported)
            {
                lostReported = lost;
                return !subscription.isConnected();
            }
            return false;
        }

        @Override
        public RuntimeException gone()
        {
            return new PeerDeadException(null, "channel \"" + channel + "\": the producer is gone (its stream " +
                "stopped without an end for longer than the liveness time-out: it died, or the network failed); " +
                "everything that arrived has been delivered");
        }
    }

    /**
     * Whole messages from the assembler to the application's handler, with the limit applied.
     */
    private final class Delivery implements ControlledFragmentHandler
    {
        @Override
        public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            if (delivered >= limit || null != handlerFailure)
            {
                return Action.ABORT;
            }
            final int msgTypeId = (int)header.reservedValue();
            final MutableDirectBuffer mutable = buffer instanceof MutableDirectBuffer ? (MutableDirectBuffer)buffer :
                view(buffer);
            if (null == controlledHandler)
            {
                delivered++;
                try
                {
                    handler.onMessage(msgTypeId, mutable, offset, length);
                }
                catch (final Throwable ex)
                {
                    handlerFailure = ex;
                    return Action.BREAK;
                }
                return delivered >= limit ? Action.BREAK : Action.CONTINUE;
            }
            final ControlledMessageHandler.Action action;
            try
            {
                action = controlledHandler.onMessage(msgTypeId, mutable, offset, length);
            }
            catch (final Throwable ex)
            {
                handlerFailure = ex;
                return Action.ABORT;
            }
            switch (action)
            {
                case ABORT:
                    return Action.ABORT;
                case BREAK:
                    delivered++;
                    return Action.BREAK;
                case COMMIT:
                    delivered++;
                    return delivered >= limit ? Action.BREAK : Action.COMMIT;
                default:
                    delivered++;
                    return delivered >= limit ? Action.BREAK : Action.CONTINUE;
            }
        }

        private MutableDirectBuffer view(final DirectBuffer buffer)
        {
            readOnlyView.wrap(buffer);
            return readOnlyView;
        }
    }
}
