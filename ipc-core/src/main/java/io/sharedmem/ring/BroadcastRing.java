/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedBlock;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.BlockHeader;
import io.sharedmem.internal.RoleSlot;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.broadcast.BroadcastReceiver;
import org.agrona.concurrent.broadcast.BroadcastTransmitter;
import org.agrona.concurrent.broadcast.CopyBroadcastReceiver;

/**
 * One transmitter, any number of receivers: Agrona's {@link BroadcastTransmitter} and {@link CopyBroadcastReceiver},
 * unchanged, over the payload of a named block that carries this library's header (kind {@link BlockKind#BROADCAST}).
 * <p>
 * <b>Receivers may lose messages, by design.</b> The transmitter never waits for anyone: a receiver that falls more
 * than the capacity behind is <em>lapped</em> and skips ahead to the newest data. {@link Receiver#lappedCount()}
 * says how often that happened. Use an {@link SpscRing} or {@link MpscRing} where every message must arrive.
 * <p>
 * The transmitter holds the producer role (one per ring, with heartbeat and pid); receivers hold no role.
 * Not thread-safe: one thread per transmitter or receiver.
 */
public final class BroadcastRing implements AutoCloseable
{
    private final SharedBlock block;
    private final AtomicBuffer payload;
    private final RoleSlot producerSlot;
    private final long livenessTimeoutNs;
    private Transmitter transmitter;

    private BroadcastRing(final BlockHeader.Attached attached, final RingOptions options)
    {
        this.block = attached.block();
        this.payload = block.buffer(attached.header().payloadOffset(), (int)attached.header().payloadLength());
        this.producerSlot = new RoleSlot(block.buffer(0, HeaderDescriptor.HEADER_LENGTH),
            HeaderDescriptor.PRODUCER_SLOT_OFFSET, block.name(), "transmitter");
        this.livenessTimeoutNs = options.livenessTimeoutNs();
    }

    /**
     * Creates a broadcast ring.
     *
     * @param name     the block name.
     * @param capacity the data capacity: a power of two from 64 bytes to 1 GiB (Agrona's trailer is added).
     * @return the ring.
     * @throws io.sharedmem.SharedMemoryException as {@link SpscRing#create(String, int)} throws.
     */
    public static BroadcastRing create(final String name, final int capacity)
    {
        return SpscRing.options().capacity(capacity).createBroadcast(name);
    }

    /**
     * Attaches to a broadcast ring.
     *
     * @param name the block name.
     * @return the ring.
     * @throws io.sharedmem.SharedMemoryException as {@link SpscRing#attach(String)} throws.
     */
    public static BroadcastRing attach(final String name)
    {
        return SpscRing.options().attachBroadcast(name);
    }

    static BroadcastRing create(final RingOptions options, final String name)
    {
        return new BroadcastRing(
            RingSupport.create(options, name, BlockKind.BROADCAST, options.capacity() / 8), options);
    }

    static BroadcastRing attach(final RingOptions options, final String name)
    {
        return new BroadcastRing(RingSupport.attach(options, name, BlockKind.BROADCAST), options);
    }

    /**
     * Takes the transmitter role.
     *
     * @return the transmitter; close it to release the role.
     * @throws io.sharedmem.RoleTakenException if a live process transmits on this ring.
     */
    public synchronized Transmitter transmitter()
    {
        transmitter = new Transmitter(new RoleHandle(block, producerSlot, false, livenessTimeoutNs, null),
            new BroadcastTransmitter(payload));
        return transmitter;
    }

    /**
     * A new receiver, starting at the newest message. Receivers hold no role; create as many as needed.
     *
     * @return the receiver.
     */
    public Receiver receiver()
    {
        return new Receiver(new BroadcastReceiver(payload));
    }

    /**
     * What is known about the transmitter role's holder.
     *
     * @return the status.
     */
    public RoleStatus transmitterStatus()
    {
        return producerSlot.status(livenessTimeoutNs);
    }

    /**
     * The block underneath.
     *
     * @return the block.
     */
    public SharedBlock block()
    {
        return block;
    }

    /**
     * Closes the transmitter this object handed out, then unmaps the block. Idempotent; does not remove the name.
     */
    @Override
    public synchronized void close()
    {
        if (null != transmitter)
        {
            transmitter.close();
        }
        block.close();
    }

    /**
     * The transmitting side. Not thread-safe.
     */
    public static final class Transmitter implements AutoCloseable
    {
        private final RoleHandle role;
        private final BroadcastTransmitter transmitter;

        private Transmitter(final RoleHandle role, final BroadcastTransmitter transmitter)
        {
            this.role = role;
            this.transmitter = transmitter;
        }

        /**
         * Transmits a message to every receiver keeping up; never waits.
         *
         * @param msgTypeId the type, 1 or more.
         * @param srcBuffer holds the message.
         * @param offset    where it starts.
         * @param length    its length, at most {@link #maxMsgLength()}.
         * @throws io.sharedmem.RoleFencedException if another process took the transmitter role over.
         */
        public void transmit(final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length)
        {
            role.checkOwner();
            transmitter.transmit(msgTypeId, srcBuffer, offset, length);
        }

        /**
         * The largest message.
         *
         * @return bytes.
         */
        public int maxMsgLength()
        {
            return transmitter.maxMsgLength();
        }

        /**
         * Releases the transmitter role. Idempotent.
         */
        @Override
        public void close()
        {
            role.close();
        }
    }

    /**
     * One receiver: copies each message out before handing it over, so a message is never torn by the transmitter.
     * Not thread-safe.
     */
    public static final class Receiver
    {
        private final BroadcastReceiver receiver;
        private final CopyBroadcastReceiver copyReceiver;

        private Receiver(final BroadcastReceiver receiver)
        {
            this.receiver = receiver;
            this.copyReceiver = new CopyBroadcastReceiver(receiver);
        }

        /**
         * Delivers the messages that arrived since the last call, or none.
         *
         * @param handler called for each message, with a copy.
         * @return the number delivered.
         * @throws IllegalStateException if the transmitter lapped this receiver while a message was being copied
         *                               (Agrona's behaviour); receive again to continue from the newest data.
         */
        public int receive(final MessageHandler handler)
        {
            return copyReceiver.receive(handler);
        }

        /**
         * How many times the transmitter overtook this receiver, each time skipping messages it never saw.
         *
         * @return the count.
         */
        public long lappedCount()
        {
            return receiver.lappedCount();
        }
    }
}
