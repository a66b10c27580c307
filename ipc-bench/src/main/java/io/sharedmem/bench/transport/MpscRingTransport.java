/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.SpscRing;
import org.agrona.concurrent.MessageHandler;

import java.util.Map;

/**
 * This project's many-producer single-consumer ring ({@link MpscRing}: Agrona's {@code ManyToOneRingBuffer} behind
 * this project's block header and consumer role), used by one producer, one ring per direction, both created
 * pre-touched by the initiator with the plan's capacity: copying {@code write}, batch {@code read}.
 */
public final class MpscRingTransport implements Transport
{
    /**
     * Creates the transport.
     */
    public MpscRingTransport()
    {
    }

    @Override
    public String name()
    {
        return "mpsc-ring";
    }

    @Override
    public String description()
    {
        return "this project's MPSC ring (Agrona's ManyToOneRingBuffer with our header), one producer, offer";
    }

    @Override
    public Map<String, String> settings(final TrialSpec spec)
    {
        return RingSettings.of(MpscRing.class.getName() + " (org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer)",
            spec, "ringBuffer().write(msgTypeId, buffer, offset, length): copy, one producer",
            "consumer().read(handler, limit)");
    }

    @Override
    public boolean takesTurns()
    {
        return true;
    }

    @Override
    public String refusal(final TrialSpec spec)
    {
        return RingSettings.refusal(name(), spec);
    }

    @Override
    public Link open(final Side side, final TrialSpec spec)
    {
        final boolean initiator = Side.INITIATOR == side;
        MpscRing out = null;
        MpscRing in = null;
        try
        {
            if (initiator)
            {
                out = SpscRing.options().capacity(spec.capacity()).preTouch(true).createMpsc(spec.outBlock(side));
                in = SpscRing.options().capacity(spec.capacity()).preTouch(true).createMpsc(spec.inBlock(side));
            }
            else
            {
                final long deadline = Rendezvous.connectDeadline(spec);
                in = Rendezvous.awaitAttach(spec.inBlock(side), deadline, MpscRingTransport::attach);
                out = Rendezvous.awaitAttach(spec.outBlock(side), deadline, MpscRingTransport::attach);
            }
            final MpscRing.Consumer consumer = in.consumer();
            return new RingLink(out, in, initiator, consumer, new RingBufferSender(out.ringBuffer()),
                new ReadReceiver(consumer));
        }
        catch (final RuntimeException ex)
        {
            close(out, initiator);
            close(in, initiator);
            throw ex;
        }
    }

    private static MpscRing attach(final String name)
    {
        return SpscRing.options().preTouch(true).attachMpsc(name);
    }

    private static void close(final MpscRing ring, final boolean unlink)
    {
        if (null != ring)
        {
            ring.close();
            if (unlink)
            {
                ring.block().unlink();
            }
        }
    }

    private record RingLink(
        MpscRing out,
        MpscRing in,
        boolean owner,
        MpscRing.Consumer consumer,
        RingBufferSender sender,
        ReadReceiver receiver) implements Link
    {
        @Override
        public void close()
        {
            consumer.close();
            MpscRingTransport.close(out, owner);
            MpscRingTransport.close(in, owner);
        }
    }

    private static final class ReadReceiver extends HandlerReceiver
    {
        private final MpscRing.Consumer consumer;

        ReadReceiver(final MpscRing.Consumer consumer)
        {
            this.consumer = consumer;
        }

        @Override
        protected int read(final MessageHandler handler, final int limit)
        {
            return consumer.read(handler, limit);
        }
    }
}
