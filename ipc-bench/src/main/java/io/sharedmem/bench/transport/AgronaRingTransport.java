/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.SharedBlock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.Map;

/**
 * Agrona's {@link OneToOneRingBuffer} or {@link ManyToOneRingBuffer} laid over a block in the block directory: the
 * same kind of mapping and the same data capacity as this project's rings, one ring per direction, copying
 * {@code write} and batch {@code read}.
 */
public final class AgronaRingTransport implements Transport
{
    private final boolean manyToOne;

    /**
     * Creates the transport.
     *
     * @param manyToOne {@code true} for {@code ManyToOneRingBuffer} (used by one producer), {@code false} for
     *                  {@code OneToOneRingBuffer}.
     */
    public AgronaRingTransport(final boolean manyToOne)
    {
        this.manyToOne = manyToOne;
    }

    @Override
    public String name()
    {
        return manyToOne ? "agrona-many-to-one" : "agrona-one-to-one";
    }

    @Override
    public String description()
    {
        return "Agrona " + (manyToOne ? "ManyToOneRingBuffer (one producer)" : "OneToOneRingBuffer") +
            " over a block, one ring per direction";
    }

    @Override
    public Map<String, String> settings(final TrialSpec spec)
    {
        return RingSettings.of(manyToOne ? "org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer" :
            "org.agrona.concurrent.ringbuffer.OneToOneRingBuffer", spec,
            "write(msgTypeId, buffer, offset, length): copy", "read(handler, limit)");
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
        final String refusal = refusal(spec);
        if (null != refusal)
        {
            throw new IllegalArgumentException(refusal);
        }
        final long blockSize = spec.capacity() + (long)RingBufferDescriptor.TRAILER_LENGTH;
        final boolean owner = Side.INITIATOR == side;
        SharedBlock out = null;
        SharedBlock in = null;
        try
        {
            if (owner)
            {
                out = Rendezvous.createPreTouched(spec.outBlock(side), blockSize);
                in = Rendezvous.createPreTouched(spec.inBlock(side), blockSize);
            }
            else
            {
                final long deadline = Rendezvous.connectDeadline(spec);
                in = Rendezvous.awaitBlock(spec.inBlock(side), deadline);
                out = Rendezvous.awaitBlock(spec.outBlock(side), deadline);
            }
            return new RingLink(out, in, owner, new RingBufferSender(ring(out)), new RingReceiver(ring(in)));
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(out, owner);
            closeQuietly(in, owner);
            throw ex;
        }
    }

    private RingBuffer ring(final SharedBlock block)
    {
        return manyToOne ? new ManyToOneRingBuffer(block.buffer()) : new OneToOneRingBuffer(block.buffer());
    }

    private static void closeQuietly(final SharedBlock block, final boolean unlink)
    {
        if (null != block)
        {
            block.close();
            if (unlink)
            {
                block.unlink();
            }
        }
    }

    private record RingLink(
        SharedBlock out, SharedBlock in, boolean owner, RingBufferSender sender, RingReceiver receiver)
        implements Link
    {
        @Override
        public void close()
        {
            closeQuietly(out, owner);
            closeQuietly(in, owner);
        }
    }

    private static final class RingReceiver extends HandlerReceiver
    {
        private final RingBuffer ring;

        RingReceiver(final RingBuffer ring)
        {
            this.ring = ring;
        }

        @Override
        protected int read(final MessageHandler handler, final int limit)
        {
            return ring.read(handler, limit);
        }
    }
}
