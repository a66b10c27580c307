/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Aeron IPC ({@code aeron:ipc}) with an embedded media driver in the initiator's JVM, configured the way Aeron is
 * meant to be run for latency on a machine with few cores:
 * <ul>
 *     <li>the driver's agents (conductor, sender, receiver) on one thread with a {@link BackoffIdleStrategy}, which
 *     is what {@link ThreadingMode#SHARED} does: with two vCPUs, a third spinning thread would starve the publisher
 *     and subscriber. The driver is built in {@link ThreadingMode#INVOKER} mode and that one thread is the
 *     harness's ({@link PausableAgents}), so that it can be parked while other transports take their turn in the
 *     same JVMs; the client conductor likewise, with Aeron's default idle strategy (sleep 16 ms). Aeron's
 *     asynchronous executor (name resolution, unused by IPC) runs inline on the driver thread instead of on a
 *     thread of its own that would wake every millisecond;</li>
 *     <li>publisher and subscriber busy-spin (the harness loop), on an {@link ExclusivePublication} (single writer,
 *     Aeron's fastest);</li>
 *     <li>log buffers not sparse and pre-touched by the clients ({@code aeron.pre.touch.mapped.memory}), and a
 *     warm-up {@link #warmUpFactor() three times} the usual length: a first pass through the default 3 x 64 MiB of
 *     log buffers is page-fault bound;</li>
 *     <li>the IPC MTU raised only when a message would not fit one frame, so every message is one fragment and
 *     {@code tryClaim} works for every size;</li>
 *     <li>a directory unique to the transport and rotation, deleted by the driver on shutdown (and by the
 *     orchestrator if the driver died).</li>
 * </ul>
 */
public final class AeronIpcTransport extends Transport
{
    /**
     * The channel both directions use.
     */
    public static final String CHANNEL = "aeron:ipc";

    private static final int INITIATOR_STREAM_ID = 1001;
    private static final int RESPONDER_STREAM_ID = 1002;
    private static final int DEFAULT_IPC_MTU = 1408;
    private static final int MAX_MTU = 64 * 1024;
    private static final double WARM_UP_FACTOR = 3.0;
    private static final long CLIENT_IDLE_MS = 16;
    /**
     * Liveness time-outs: longer than any stretch for which the agents are parked while other transports take turns.
     */
    private static final long PARKED_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);

    private final boolean claim;

    /**
     * Creates the transport.
     *
     * @param claim {@code true} to send with {@code tryClaim} and {@code commit} (zero copy), {@code false} to send
     *              with {@code offer} (copy).
     */
    public AeronIpcTransport(final boolean claim)
    {
        super(claim ? "aeron-ipc-claim" : "aeron-ipc", Transports.Group.PEERS,
            "Aeron IPC (aeron:ipc), embedded media driver, " + (claim ? "tryClaim + commit (zero copy)" : "offer"));
        this.claim = claim;
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("channel", CHANNEL);
        settings.put("publication", "ExclusivePublication, " + (claim ? "tryClaim + commit" : "offer (copy)"));
        settings.put("subscription", "poll(fragmentHandler, limit)");
        settings.put("driver", "embedded in the initiator JVM: conductor, sender and receiver on one thread (as " +
            "ThreadingMode.SHARED; built as INVOKER and run by a harness thread that is parked while other " +
            "transports take their turn); async executor inline (asyncExecutorEnabled=false)");
        settings.put("driver_idle_strategy", "BackoffIdleStrategy(spins=" + BackoffIdleStrategy.DEFAULT_MAX_SPINS +
            ", yields=" + BackoffIdleStrategy.DEFAULT_MAX_YIELDS + ", park=" +
            BackoffIdleStrategy.DEFAULT_MIN_PARK_PERIOD_NS + ".." + BackoffIdleStrategy.DEFAULT_MAX_PARK_PERIOD_NS +
            " ns)");
        settings.put("client_conductor", "invoker run by a harness thread, SleepingMillisIdleStrategy(" +
            CLIENT_IDLE_MS + " ms) as Aeron's default; parked while other transports take their turn");
        settings.put("liveness_timeouts", "driver, client, image, connection and untethered timeouts " +
            PARKED_TIMEOUT_MS / 1000 + " s (publication unblock twice that): the agents stay parked while the " +
            "other transports warm up and take their turns, and must not be declared dead meanwhile");
        settings.put("publisher_subscriber_idle", "busy spin (Thread.onSpinWait)");
        settings.put("ipc_term_buffer_bytes", "driver default (64 MiB, 3 terms per direction)");
        settings.put("ipc_mtu_bytes", Integer.toString(mtu(spec.size())));
        settings.put("aeron.pre.touch.mapped.memory", "true");
        settings.put("term_buffer_sparse_file", "false");
        settings.put("warm_up_factor", Double.toString(WARM_UP_FACTOR));
        settings.put("aeron_dir", spec.aeronDirectory() + " (unique per transport and rotation, deleted afterwards)");
        return settings;
    }

    @Override
    public boolean zeroCopy()
    {
        return claim;
    }

    @Override
    public double warmUpFactor()
    {
        return WARM_UP_FACTOR;
    }

    @Override
    public boolean takesTurns()
    {
        return true;
    }

    @Override
    public String refusal(final LinkSpec spec)
    {
        final int maxPayload = MAX_MTU - DataHeaderFlyweight.HEADER_LENGTH;
        return spec.size() > maxPayload ? name() + ": a " + spec.size() + "-byte message exceeds the maximum " +
            "payload of one frame at the largest MTU, " + maxPayload + " bytes" : null;
    }

    @Override
    public Link open(final Side side, final LinkSpec spec)
    {
        final long deadline = Rendezvous.connectDeadline(spec);
        final String dir = spec.aeronDirectory().toString();
        final boolean initiator = Side.INITIATOR == side;
        MediaDriver driver = null;
        Aeron aeron = null;
        final PausableAgents agents = new PausableAgents();
        try
        {
            if (initiator)
            {
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(dir)
                    .threadingMode(ThreadingMode.INVOKER)
                    .asyncExecutorEnabled(false)
                    .termBufferSparseFile(false)
                    .ipcMtuLength(mtu(spec.size()))
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .warnIfDirectoryExists(false)
                    .printConfigurationOnStart(false)
                    .driverTimeoutMs(PARKED_TIMEOUT_MS)
                    .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(PARKED_TIMEOUT_MS))
                    .imageLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(PARKED_TIMEOUT_MS))
                    .publicationConnectionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(PARKED_TIMEOUT_MS))
                    .untetheredWindowLimitTimeoutNs(TimeUnit.MILLISECONDS.toNanos(PARKED_TIMEOUT_MS))
                    .publicationUnblockTimeoutNs(TimeUnit.MILLISECONDS.toNanos(2 * PARKED_TIMEOUT_MS)));
                agents.start("aeron-driver", driver.sharedAgentInvoker(), new BackoffIdleStrategy());
            }
            else
            {
                Rendezvous.awaitExists(spec.aeronDirectory().resolve(CncFileDescriptor.CNC_FILE), deadline,
                    "Aeron media driver");
            }
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(dir)
                .useConductorAgentInvoker(true)
                .driverTimeoutMs(PARKED_TIMEOUT_MS)
                .preTouchMappedMemory(true));
            agents.start("aeron-client-conductor", aeron.conductorAgentInvoker(),
                new SleepingMillisIdleStrategy(CLIENT_IDLE_MS));
            final ExclusivePublication publication = aeron.addExclusivePublication(
                CHANNEL, initiator ? INITIATOR_STREAM_ID : RESPONDER_STREAM_ID);
            final Subscription subscription = aeron.addSubscription(
                CHANNEL, initiator ? RESPONDER_STREAM_ID : INITIATOR_STREAM_ID);
            while (!publication.isConnected() || !subscription.isConnected())
            {
                Rendezvous.pause(deadline, "Aeron subscriber or publisher on the other side");
            }
            if (spec.size() > publication.maxPayloadLength())
            {
                throw new IllegalArgumentException(name() + ": a " + spec.size() + "-byte message exceeds the " +
                    "maximum payload of one frame, " + publication.maxPayloadLength() + " bytes");
            }
            final MessageSender sender = claim ? new ClaimSender(publication) : new OfferSender(publication);
            return new AeronLink(driver, aeron, agents, sender, new FragmentReceiver(subscription));
        }
        catch (final RuntimeException ex)
        {
            // The agent threads first: an invoker must not be closed under the thread invoking it.
            CloseHelper.quietCloseAll(agents, aeron, driver);
            throw ex;
        }
    }

    /**
     * The IPC MTU: Aeron's default unless a message and its frame header would not fit one frame.
     *
     * @param size the message size.
     * @return the MTU in bytes, a multiple of 32.
     */
    static int mtu(final int size)
    {
        final int frame = BitUtil.align(size + DataHeaderFlyweight.HEADER_LENGTH, 32);
        return Math.min(MAX_MTU, Math.max(DEFAULT_IPC_MTU, frame));
    }

    private static boolean isTransient(final long result)
    {
        return Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result;
    }

    private static IllegalStateException failed(final String operation, final long result)
    {
        return new IllegalStateException("aeron:ipc " + operation + " failed: " + Publication.errorString(result));
    }

    private record AeronLink(
        MediaDriver driver, Aeron aeron, PausableAgents agents, MessageSender sender, FragmentReceiver receiver)
        implements Link
    {
        @Override
        public void pause()
        {
            agents.pause();
        }

        @Override
        public void resume()
        {
            agents.resume();
        }

        @Override
        public void close()
        {
            // The agent threads first, then the client: its conductor must not find the driver gone while it closes.
            CloseHelper.closeAll(agents, aeron, driver);
        }
    }

    private static class OfferSender implements MessageSender
    {
        protected final ExclusivePublication publication;

        OfferSender(final ExclusivePublication publication)
        {
            this.publication = publication;
        }

        @Override
        public boolean offer(final DirectBuffer source, final int offset, final int length)
        {
            final long result = publication.offer(source, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (isTransient(result))
            {
                return false;
            }
            throw failed("offer", result);
        }
    }

    private static final class ClaimSender extends OfferSender implements ClaimingSender
    {
        private final BufferClaim bufferClaim = new BufferClaim();

        ClaimSender(final ExclusivePublication publication)
        {
            super(publication);
        }

        @Override
        public int tryClaim(final int length)
        {
            final long result = publication.tryClaim(length, bufferClaim);
            if (result > 0)
            {
                return bufferClaim.offset();
            }
            if (isTransient(result))
            {
                return -1;
            }
            throw failed("tryClaim", result);
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return bufferClaim.buffer();
        }

        @Override
        public void commit(final int index)
        {
            bufferClaim.commit();
        }
    }

    private static final class FragmentReceiver implements MessageReceiver, FragmentHandler
    {
        private final Subscription subscription;
        private MessageHandler handler;

        FragmentReceiver(final Subscription subscription)
        {
            this.subscription = subscription;
        }

        @Override
        public int poll(final MessageHandler handler, final int limit)
        {
            this.handler = handler;
            final int fragments = subscription.poll(this, limit);
            if (0 == fragments && subscription.isClosed())
            {
                throw new IllegalStateException("aeron:ipc subscription closed");
            }
            return fragments;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            // Term buffers are UnsafeBuffers: the cast hands the message on in place.
            handler.onMessage(RingTransport.MSG_TYPE_ID, (MutableDirectBuffer)buffer, offset, length);
        }
    }
}
