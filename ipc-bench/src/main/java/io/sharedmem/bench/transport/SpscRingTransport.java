/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.util.Map;

/**
 * This project's single-producer single-consumer ring ({@link SpscRing}), one ring per direction, both created
 * pre-touched by the initiator in the block directory with the plan's capacity: copying {@code offer}, or
 * {@code tryClaim}, write in place and {@code commit} for the zero-copy variant; batch {@code poll}.
 */
public final class SpscRingTransport implements Transport
{
    private final boolean claim;

    /**
     * Creates the transport.
     *
     * @param claim {@code true} to send with {@code tryClaim} and {@code commit} (zero copy), {@code false} to send
     *              with {@code offer} (copy).
     */
    public SpscRingTransport(final boolean claim)
    {
        this.claim = claim;
    }

    @Override
    public String name()
    {
        return claim ? "spsc-ring-claim" : "spsc-ring";
    }

    @Override
    public String description()
    {
        return "this project's SPSC ring, one per direction, " + (claim ? "tryClaim + commit (zero copy)" : "offer");
    }

    @Override
    public Map<String, String> settings(final TrialSpec spec)
    {
        return RingSettings.of(SpscRing.class.getName(), spec,
            claim ? "tryClaim(msgTypeId, length), write in place, commit(index)" :
                "offer(msgTypeId, buffer, offset, length): copy",
            "poll(handler, limit)");
    }

    @Override
    public boolean zeroCopy()
    {
        return claim;
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
        SpscRing out = null;
        SpscRing in = null;
        try
        {
            if (initiator)
            {
                out = SpscRing.options().capacity(spec.capacity()).preTouch(true).create(spec.outBlock(side));
                in = SpscRing.options().capacity(spec.capacity()).preTouch(true).create(spec.inBlock(side));
            }
            else
            {
                final long deadline = Rendezvous.connectDeadline(spec);
                in = Rendezvous.awaitAttach(spec.inBlock(side), deadline, SpscRingTransport::attach);
                out = Rendezvous.awaitAttach(spec.outBlock(side), deadline, SpscRingTransport::attach);
            }
            final RingProducer producer = out.producer();
            final RingConsumer consumer = in.consumer();
            final MessageSender sender = claim ? new ClaimSender(producer) : new OfferSender(producer);
            return new RingLink(out, in, initiator, producer, consumer, sender, new PollReceiver(consumer));
        }
        catch (final RuntimeException ex)
        {
            close(out, initiator);
            close(in, initiator);
            throw ex;
        }
    }

    private static SpscRing attach(final String name)
    {
        return SpscRing.options().preTouch(true).attach(name);
    }

    private static void close(final SpscRing ring, final boolean unlink)
    {
        if (null != ring)
        {
            ring.close();
            if (unlink)
            {
                ring.unlink();
            }
        }
    }

    private record RingLink(
        SpscRing out,
        SpscRing in,
        boolean owner,
        RingProducer producer,
        RingConsumer consumer,
        MessageSender sender,
        PollReceiver receiver) implements Link
    {
        @Override
        public void close()
        {
            producer.close();
            consumer.close();
            SpscRingTransport.close(out, owner);
            SpscRingTransport.close(in, owner);
        }
    }

    private static class OfferSender implements MessageSender
    {
        protected final RingProducer producer;

        OfferSender(final RingProducer producer)
        {
            this.producer = producer;
        }

        @Override
        public boolean offer(final DirectBuffer source, final int offset, final int length)
        {
            return producer.offer(RingBufferSender.MSG_TYPE_ID, source, offset, length);
        }
    }

    private static final class ClaimSender extends OfferSender implements ClaimingSender
    {
        ClaimSender(final RingProducer producer)
        {
            super(producer);
        }

        @Override
        public int tryClaim(final int length)
        {
            return producer.tryClaim(RingBufferSender.MSG_TYPE_ID, length);
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return producer.buffer();
        }

        @Override
        public void commit(final int index)
        {
            producer.commit(index);
        }
    }

    private static final class PollReceiver extends HandlerReceiver
    {
        private final RingConsumer consumer;

        PollReceiver(final RingConsumer consumer)
        {
            this.consumer = consumer;
        }

        @Override
        protected int read(final MessageHandler handler, final int limit)
        {
            return consumer.poll(handler, limit);
        }
    }
}
