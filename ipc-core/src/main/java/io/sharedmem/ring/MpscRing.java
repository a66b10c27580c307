/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedBlock;
import io.sharedmem.header.BlockHeader;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.RoleSlot;
import io.sharedmem.header.RoleStatus;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * A many-producer single-consumer ring: Agrona's {@link ManyToOneRingBuffer}, unchanged, laid over the payload of a
 * named block that carries this library's header (kind {@link BlockKind#MPSC}), so tools can describe it and the
 * consumer role has a heartbeat and a pid like an {@link SpscRing}'s.
 * <pre>{@code
 * try (MpscRing ring = MpscRing.create("requests", 1 << 16))       // any number of processes:
 * {                                                               //   MpscRing.attach("requests").ringBuffer()
 *     MpscRing.Consumer consumer = ring.consumer();                //     .write(1, buffer, 0, length);
 *     consumer.read(handler, 100);
 * }
 * }</pre>
 * Producers use {@link #ringBuffer()} directly ({@code write}, {@code tryClaim}/{@code commit}); they hold no role.
 * A producer killed between {@code tryClaim} and {@code commit} blocks the ring at its claim: a consumer that sees
 * no progress calls {@link Consumer#unblock()}, which turns the abandoned claim into padding (Agrona's mechanism).
 * <p>
 * Thread-safe as Agrona's ring buffer is: producers from any thread or process, one consumer thread.
 */
public final class MpscRing implements AutoCloseable
{
    private final SharedBlock block;
    private final ManyToOneRingBuffer ringBuffer;
    private final RoleSlot consumerSlot;
    private final long livenessTimeoutNs;
    private Consumer consumer;

    private MpscRing(final BlockHeader.Attached attached, final RingOptions options)
    {
        this.block = attached.block();
        final AtomicBuffer header = block.buffer(0, HeaderDescriptor.HEADER_LENGTH);
        this.ringBuffer = new ManyToOneRingBuffer(
            block.buffer(attached.header().payloadOffset(), (int)attached.header().payloadLength()));
        this.consumerSlot = new RoleSlot(header, HeaderDescriptor.CONSUMER_SLOT_OFFSET, block.name(), "consumer");
        this.livenessTimeoutNs = options.livenessTimeoutNs();
    }

    /**
     * Creates a many-to-one ring.
     *
     * @param name     the block name.
     * @param capacity the data capacity: a power of two from 64 bytes to 1 GiB (Agrona's trailer is added).
     * @return the ring.
     * @throws io.sharedmem.SharedMemoryException as {@link SpscRing#create(String, int)} throws.
     */
    public static MpscRing create(final String name, final int capacity)
    {
        return SpscRing.options().capacity(capacity).createMpsc(name);
    }

    /**
     * Attaches to a many-to-one ring.
     *
     * @param name the block name.
     * @return the ring.
     * @throws io.sharedmem.SharedMemoryException as {@link SpscRing#attach(String)} throws, with
     *                                            {@link io.sharedmem.WrongKindException} for other kinds.
     */
    public static MpscRing attach(final String name)
    {
        return SpscRing.options().attachMpsc(name);
    }

    /**
     * Creates the many-to-one ring, or attaches to it if it exists, so that producers and the consumer may start in
     * any order.
     *
     * @param name     the block name.
     * @param capacity the capacity if it is created; an existing ring keeps its own.
     * @return the ring.
     * @throws io.sharedmem.SharedMemoryException as {@link #create(String, int)} and {@link #attach(String)} throw.
     */
    public static MpscRing createOrAttach(final String name, final int capacity)
    {
        return SpscRing.options().capacity(capacity).createOrAttachMpsc(name);
    }

    static MpscRing createOrAttach(final RingOptions options, final String name)
    {
        return new MpscRing(
            RingSupport.createOrAttach(options, name, BlockKind.MPSC, options.capacity() / 8).attached(), options);
    }

    static MpscRing create(final RingOptions options, final String name)
    {
        return new MpscRing(RingSupport.create(options, name, BlockKind.MPSC, options.capacity() / 8), options);
    }

    static MpscRing attach(final RingOptions options, final String name)
    {
        return new MpscRing(RingSupport.attach(options, name, BlockKind.MPSC), options);
    }

    /**
     * Agrona's ring buffer over the block: producers write to it directly.
     *
     * @return the ring buffer.
     */
    public ManyToOneRingBuffer ringBuffer()
    {
        return ringBuffer;
    }

    /**
     * Takes the consumer role (as {@link SpscRing#consumer()} does).
     *
     * @return the consumer; close it to release the role.
     * @throws io.sharedmem.RoleTakenException if a live process holds the role.
     */
    public synchronized Consumer consumer()
    {
        consumer = new Consumer(new RoleHandle(consumerSlot, false, livenessTimeoutNs,
            () -> ringBuffer.consumerHeartbeatTime(System.currentTimeMillis())));
        return consumer;
    }

    /**
     * What is known about the consumer role's holder.
     *
     * @return the status.
     */
    public RoleStatus consumerStatus()
    {
        return consumerSlot.status(livenessTimeoutNs);
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
     * Closes the consumer this object handed out, then unmaps the block. Idempotent; does not remove the name.
     */
    @Override
    public synchronized void close()
    {
        if (null != consumer)
        {
            consumer.close();
        }
        block.close();
    }

    /**
     * The consumer role of an {@link MpscRing}. Not thread-safe: one thread consumes.
     */
    public final class Consumer implements AutoCloseable
    {
        private final RoleHandle role;

        private Consumer(final RoleHandle role)
        {
            this.role = role;
        }

        /**
         * Delivers up to {@code limit} messages ({@link ManyToOneRingBuffer#read(MessageHandler, int)}).
         *
         * @param handler called for each message.
         * @param limit   the most messages to deliver.
         * @return the number delivered.
         * @throws io.sharedmem.RoleFencedException if another process took the consumer role over.
         */
        public int read(final MessageHandler handler, final int limit)
        {
            role.checkOwner();
            return ringBuffer.read(handler, limit);
        }

        /**
         * Delivers up to {@code limit} messages to a handler that decides per message whether to go on
         * ({@link ManyToOneRingBuffer#controlledRead(ControlledMessageHandler, int)}).
         *
         * @param handler decides per message.
         * @param limit   the most messages to deliver.
         * @return the number delivered.
         * @throws io.sharedmem.RoleFencedException if another process took the consumer role over.
         */
        public int controlledRead(final ControlledMessageHandler handler, final int limit)
        {
            role.checkOwner();
            return ringBuffer.controlledRead(handler, limit);
        }

        /**
         * Unblocks the ring after a producer died between claim and commit: call when {@link #read} makes no
         * progress although producers are waiting ({@link ManyToOneRingBuffer#unblock()}).
         *
         * @return {@code true} if an abandoned claim was turned into padding.
         */
        public boolean unblock()
        {
            return ringBuffer.unblock();
        }

        /**
         * Whether the role was taken from a dead holder.
         *
         * @return {@code true} after a takeover.
         */
        public boolean tookOver()
        {
            return role.tookOver();
        }

        /**
         * Releases the consumer role. Idempotent.
         */
        @Override
        public void close()
        {
            role.close();
        }
    }
}
