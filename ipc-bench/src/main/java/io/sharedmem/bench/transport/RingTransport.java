/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared-memory rings, this project's and Agrona's, all set up alike so that they are compared alike: one ring
 * per direction in the block directory, both created pre-touched by the initiator with the plan's capacity and
 * attached by the responder, removed by the initiator when done; busy-spinning sides; messages up to an eighth of
 * the capacity. This class opens, closes and describes the pair; each kind ({@link Spsc}, {@link Mpsc},
 * {@link Agrona}) says how to create, attach and release its ring and how to send and receive through it.
 *
 * @param <R> the ring as opened: a ring of ours, or the block holding Agrona's.
 */
abstract class RingTransport<R> extends Transport
{
    /**
     * The type id every benchmark message carries.
     */
    static final int MSG_TYPE_ID = 1;

    private final String ring;
    private final String send;
    private final String receive;

    RingTransport(final String name, final Transports.Group group, final String description, final String ring,
        final String send, final String receive)
    {
        super(name, group, description);
        this.ring = ring;
        this.send = send;
        this.receive = receive;
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ring", ring);
        settings.put("capacity_bytes", Integer.toString(spec.capacity()));
        settings.put("max_message_bytes", Integer.toString(spec.capacity() / 8));
        settings.put("memory", "one per direction, blocks " + spec.blockPrefix() +
            "{ab,ba} in the block directory, pre-touched");
        settings.put("send", send);
        settings.put("receive", receive);
        settings.put("wait", "busy spin (Thread.onSpinWait)");
        return settings;
    }

    @Override
    public boolean takesTurns()
    {
        return true;
    }

    @Override
    public String refusal(final LinkSpec spec)
    {
        return spec.size() > spec.capacity() / 8 ? name() + " takes messages up to capacity / 8 = " +
            spec.capacity() / 8 + " bytes, not " + spec.size() + "; raise --capacity" : null;
    }

    @Override
    public Link open(final Side side, final LinkSpec spec)
    {
        final boolean owner = Side.INITIATOR == side;
        R out = null;
        R in = null;
        try
        {
            if (owner)
            {
                out = create(spec.outBlock(side), spec.capacity());
                in = create(spec.inBlock(side), spec.capacity());
            }
            else
            {
                final long deadline = Rendezvous.connectDeadline(spec);
                in = Rendezvous.awaitAttach(spec.inBlock(side), deadline, this::attach);
                out = Rendezvous.awaitAttach(spec.outBlock(side), deadline, this::attach);
            }
            final R o = out;
            final R i = in;
            return link(out, in, () -> release(o, i, owner));
        }
        catch (final RuntimeException ex)
        {
            release(out, in, owner);
            throw ex;
        }
    }

    /**
     * Creates a ring, pre-touched.
     */
    abstract R create(String name, int capacity);

    /**
     * Attaches to a ring the other side created, touching its pages; throws {@code NoSuchBlockException} while
     * there is none.
     */
    abstract R attach(String name);

    /**
     * Unmaps a ring and, if {@code unlink}, removes it.
     */
    abstract void release(R ring, boolean unlink);

    /**
     * The link over the two rings; closing it must close {@code rings} last.
     */
    abstract Link link(R out, R in, AutoCloseable rings);

    private void release(final R out, final R in, final boolean unlink)
    {
        if (null != out)
        {
            release(out, unlink);
        }
        if (null != in)
        {
            release(in, unlink);
        }
    }

    /**
     * Sends by copying into an Agrona {@link RingBuffer} ({@code write}).
     */
    static MessageSender writer(final RingBuffer ring)
    {
        return (source, offset, length) -> ring.write(MSG_TYPE_ID, source, offset, length);
    }

    /**
     * This project's single-producer single-consumer ring ({@link SpscRing}): copying {@code offer}, or
     * {@code tryClaim}, write in place and {@code commit} for the zero-copy variant; batch {@code poll}.
     */
    static final class Spsc extends RingTransport<SpscRing>
    {
        private final boolean claim;

        Spsc(final boolean claim)
        {
            super(claim ? "spsc-ring-claim" : "spsc-ring", Transports.Group.OURS,
                "this project's SPSC ring, one per direction, " + (claim ? "tryClaim + commit (zero copy)" : "offer"),
                SpscRing.class.getName(), claim ? "tryClaim(msgTypeId, length), write in place, commit(index)" :
                    "offer(msgTypeId, buffer, offset, length): copy", "poll(handler, limit)");
            this.claim = claim;
        }

        @Override
        public boolean zeroCopy()
        {
            return claim;
        }

        @Override
        SpscRing create(final String name, final int capacity)
        {
            return SpscRing.options().capacity(capacity).preTouch(true).create(name);
        }

        @Override
        SpscRing attach(final String name)
        {
            return SpscRing.options().preTouch(true).attach(name);
        }

        @Override
        void release(final SpscRing ring, final boolean unlink)
        {
            ring.close();
            if (unlink)
            {
                ring.unlink();
            }
        }

        @Override
        Link link(final SpscRing out, final SpscRing in, final AutoCloseable rings)
        {
            final RingProducer producer = out.producer();
            final RingConsumer consumer = in.consumer();
            return new SimpleLink(claim ? new ClaimSender(producer) : new OfferSender(producer),
                consumer::poll, Map.of(), producer, consumer, rings);
        }
    }

    /**
     * This project's many-producer single-consumer ring ({@link MpscRing}: Agrona's {@code ManyToOneRingBuffer}
     * behind this project's header and consumer role), used by one producer: copying {@code write}, batch
     * {@code read}.
     */
    static final class Mpsc extends RingTransport<MpscRing>
    {
        Mpsc()
        {
            super("mpsc-ring", Transports.Group.OURS,
                "this project's MPSC ring (Agrona's ManyToOneRingBuffer with our header), one producer, offer",
                MpscRing.class.getName() + " (org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer)",
                "ringBuffer().write(msgTypeId, buffer, offset, length): copy, one producer",
                "consumer().read(handler, limit)");
        }

        @Override
        MpscRing create(final String name, final int capacity)
        {
            return SpscRing.options().capacity(capacity).preTouch(true).createMpsc(name);
        }

        @Override
        MpscRing attach(final String name)
        {
            return SpscRing.options().preTouch(true).attachMpsc(name);
        }

        @Override
        void release(final MpscRing ring, final boolean unlink)
        {
            ring.close();
            if (unlink)
            {
                ring.block().unlink();
            }
        }

        @Override
        Link link(final MpscRing out, final MpscRing in, final AutoCloseable rings)
        {
            final MpscRing.Consumer consumer = in.consumer();
            return new SimpleLink(writer(out.ringBuffer()), consumer::read, Map.of(), consumer, rings);
        }
    }

    /**
     * Agrona's {@link OneToOneRingBuffer} or {@link ManyToOneRingBuffer} (used by one producer) laid over a block:
     * the same kind of mapping and the same data capacity as this project's rings; copying {@code write}, batch
     * {@code read}.
     */
    static final class Agrona extends RingTransport<SharedBlock>
    {
        private final boolean manyToOne;

        Agrona(final boolean manyToOne)
        {
            super(manyToOne ? "agrona-many-to-one" : "agrona-one-to-one", Transports.Group.PEERS,
                "Agrona " + (manyToOne ? "ManyToOneRingBuffer (one producer)" : "OneToOneRingBuffer") +
                    " over a block, one ring per direction",
                (manyToOne ? ManyToOneRingBuffer.class : OneToOneRingBuffer.class).getName(),
                "write(msgTypeId, buffer, offset, length): copy", "read(handler, limit)");
            this.manyToOne = manyToOne;
        }

        @Override
        SharedBlock create(final String name, final int capacity)
        {
            return SharedBlock.options().preTouch(true)
                .create(name, capacity + (long)RingBufferDescriptor.TRAILER_LENGTH);
        }

        @Override
        SharedBlock attach(final String name)
        {
            return attachBlock(name);
        }

        /**
         * Attaches to a block the other side created, touching its pages.
         */
        static SharedBlock attachBlock(final String name)
        {
            return SharedBlock.options().preTouch(true).attach(name);
        }

        @Override
        void release(final SharedBlock block, final boolean unlink)
        {
            block.close();
            if (unlink)
            {
                block.unlink();
            }
        }

        @Override
        Link link(final SharedBlock out, final SharedBlock in, final AutoCloseable rings)
        {
            final RingBuffer inRing = manyToOne ?
                new ManyToOneRingBuffer(in.buffer()) : new OneToOneRingBuffer(in.buffer());
            return new SimpleLink(writer(manyToOne ?
                new ManyToOneRingBuffer(out.buffer()) : new OneToOneRingBuffer(out.buffer())),
                inRing::read, Map.of(), rings);
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
            return producer.offer(MSG_TYPE_ID, source, offset, length);
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
            return producer.tryClaim(MSG_TYPE_ID, length);
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
}
