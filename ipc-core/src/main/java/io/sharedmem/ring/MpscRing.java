/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockFaults;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.BlockHeader;
import io.sharedmem.internal.RoleSlot;
import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A many-producer single-consumer ring: Agrona's {@link ManyToOneRingBuffer}, unchanged, laid over the payload of a
 * named block that carries this library's header (kind {@link BlockKind#MPSC}), so tools can describe it and the
 * consumer role has a heartbeat and a pid like an {@link SpscRing}'s. The consumer reads Agrona's records with a read
 * of its own, record for record Agrona's, which zeroes consumed space safely if the file is truncated
 * (a copy, where {@code setMemory} would crash the JVM) and refuses impossible record lengths.
 * <pre>{@code
 * try (MpscRing ring = MpscRing.create("requests", 1 << 16))       // any number of processes:
 * {                                                               //   MpscRing.attach("requests").ringBuffer()
 *     MpscRing.Consumer consumer = ring.consumer();                //     .write(1, buffer, 0, length);
 *     consumer.read(handler, 100);
 * }
 * }</pre>
 * Producers use {@link #ringBuffer()} directly ({@code write}, {@code tryClaim}/{@code commit}); they hold no role.
 * A producer killed inside a claim (between claiming and committing, or inside {@code write}) blocks the ring at its
 * claim. The consumer does not wait on it for ever: when {@link Consumer#read} finds messages claimed but nothing
 * committed at its position, and its position has not moved for the unblock time-out
 * ({@link RingOptions#unblockTimeout(java.time.Duration)}, default 10 s), it calls Agrona's
 * {@link ManyToOneRingBuffer#unblock()}, which turns the abandoned claim into padding, and goes on, as Aeron's media
 * driver does for its command ring. The dead producer's message is lost (it was never committed); every message
 * committed before or after it is delivered. {@link Consumer#unblock()} does the same at once.
 * <p>
 * Thread-safe as Agrona's ring buffer is: producers from any thread or process, one consumer thread.
 */
public final class MpscRing implements AutoCloseable
{
    private final SharedBlock block;
    private final ManyToOneRingBuffer ringBuffer;
    private final RoleSlot consumerSlot;
    private final long livenessTimeoutNs;
    private final long unblockTimeoutNs;
    private Consumer consumer;

    private MpscRing(final BlockHeader.Attached attached, final RingOptions options)
    {
        this.block = attached.block();
        final AtomicBuffer header = block.buffer(0, HeaderDescriptor.HEADER_LENGTH);
        this.ringBuffer = new ManyToOneRingBuffer(
            block.buffer(attached.header().payloadOffset(), (int)attached.header().payloadLength()));
        this.consumerSlot = new RoleSlot(header, HeaderDescriptor.CONSUMER_SLOT_OFFSET, block.name(), "consumer");
        this.livenessTimeoutNs = options.livenessTimeoutNs();
        this.unblockTimeoutNs = options.unblockTimeoutNs();
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
        consumer = new Consumer(new RoleHandle(block, consumerSlot, false, livenessTimeoutNs,
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
        private static final long UNBLOCK_RETRY_NS = 1_000_000;
        private static final int EMPTY_READS_PER_LOOK = 256;

        private final RoleHandle role;
        private long lastPosition = -1;
        private long positionSinceNs;
        private long nextUnblockNs;
        private long unblocks;
        private int emptyReads;

        private Consumer(final RoleHandle role)
        {
            this.role = role;
            this.nextUnblockNs = System.nanoTime();
        }

        /**
         * Delivers up to {@code limit} messages ({@link ManyToOneRingBuffer#read(MessageHandler, int)}). When it
         * delivers nothing although producers have claimed space, and the consumer's position has not moved for the
         * unblock time-out, it unblocks the ring (see {@link MpscRing}); it looks once every 256 empty reads, so a
         * read that delivers something costs nothing more than Agrona's.
         *
         * @param handler called for each message.
         * @param limit   the most messages to deliver.
         * @return the number delivered.
         * @throws io.sharedmem.RoleFencedException      if another process took the consumer role over.
         * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
         */
        public int read(final MessageHandler handler, final int limit)
        {
            try
            {
                role.checkOwner();
                return unblockIfStuck(readRecords(handler, null, limit));
            }
            catch (final InternalError ex)
            {
                throw BlockFaults.translate(block, ex);
            }
        }

        /**
         * Delivers up to {@code limit} messages to a handler that decides per message whether to go on, as
         * {@link ManyToOneRingBuffer#controlledRead(ControlledMessageHandler, int)} does, with the unblocking of
         * {@link #read(MessageHandler, int)}.
         *
         * @param handler decides per message.
         * @param limit   the most messages to deliver.
         * @return the number delivered.
         * @throws io.sharedmem.RoleFencedException      if another process took the consumer role over.
         * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
         */
        public int controlledRead(final ControlledMessageHandler handler, final int limit)
        {
            try
            {
                role.checkOwner();
                return unblockIfStuck(readRecords(null, handler, limit));
            }
            catch (final InternalError ex)
            {
                throw BlockFaults.translate(block, ex);
            }
        }

        /**
         * Unblocks the ring at once after a producer died inside a claim ({@link ManyToOneRingBuffer#unblock()}):
         * for consumers that know the producer is dead before the time-out.
         *
         * @return {@code true} if an abandoned claim was turned into padding.
         */
        public boolean unblock()
        {
            if (ringBuffer.unblock())
            {
                unblocks++;
                return true;
            }
            return false;
        }

        /**
         * How often this consumer unblocked the ring, by time-out or by {@link #unblock()}.
         *
         * @return the count.
         */
        public long unblocks()
        {
            return unblocks;
        }

        /**
         * The time this consumer waits on an abandoned claim before unblocking the ring.
         *
         * @return the unblock time-out.
         */
        public java.time.Duration unblockTimeout()
        {
            return java.time.Duration.ofNanos(unblockTimeoutNs);
        }

        /**
         * Agrona's {@link ManyToOneRingBuffer#read(MessageHandler, int)} (or {@code controlledRead} when
         * {@code controlled} is given), record for record, with two differences:
         * consumed space is zeroed with a copy ({@link BlockFaults#zero}) rather than {@code setMemory}, which crashes
         * the JVM if another process truncated the file meanwhile; and a record length that runs past the end of the
         * region is refused as corrupt rather than handed to the handler.
         */
        private int readRecords(
            final MessageHandler handler, final ControlledMessageHandler controlled, final int limit)
        {
            final AtomicBuffer buffer = ringBuffer.buffer();
            final int capacity = ringBuffer.capacity();
            final int headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
            long head = buffer.getLong(headPositionIndex);
            int headIndex = (int)head & (capacity - 1);
            int maxBlockLength = capacity - headIndex;
            if (0 != (headIndex & (RecordDescriptor.ALIGNMENT - 1)))
            {
                throw corrupt("its consumer position " + head + " is not a multiple of " + RecordDescriptor.ALIGNMENT);
            }
            int bytesRead = 0;
            int messagesRead = 0;
            try
            {
                while (bytesRead < maxBlockLength && messagesRead < limit)
                {
                    final int recordIndex = headIndex + bytesRead;
                    final int recordLength = buffer.getIntVolatile(RecordDescriptor.lengthOffset(recordIndex));
                    if (recordLength <= 0)
                    {
                        break;
                    }
                    // Unaligned first: aligning a length near Integer.MAX_VALUE would overflow. The space left is a
                    // multiple of the alignment, so the aligned record fits whenever the record does.
                    if (recordLength < RecordDescriptor.HEADER_LENGTH || recordLength > maxBlockLength - bytesRead)
                    {
                        throw corrupt("the record at position " + (head + bytesRead) + " has length " + recordLength +
                            " (capacity " + capacity + ")");
                    }
                    final int alignedLength = BitUtil.align(recordLength, RecordDescriptor.ALIGNMENT);
                    bytesRead += alignedLength;
                    final int msgTypeId = buffer.getInt(RecordDescriptor.typeOffset(recordIndex));
                    if (ManyToOneRingBuffer.PADDING_MSG_TYPE_ID == msgTypeId)
                    {
                        continue;
                    }
                    final int offset = recordIndex + RecordDescriptor.HEADER_LENGTH;
                    final int length = recordLength - RecordDescriptor.HEADER_LENGTH;
                    if (null == controlled)
                    {
                        handler.onMessage(msgTypeId, buffer, offset, length);
                        ++messagesRead;
                        continue;
                    }
                    final ControlledMessageHandler.Action action =
                        controlled.onMessage(msgTypeId, buffer, offset, length);
                    if (ControlledMessageHandler.Action.ABORT == action)
                    {
                        bytesRead -= alignedLength;
                        break;
                    }
                    ++messagesRead;
                    if (ControlledMessageHandler.Action.BREAK == action)
                    {
                        break;
                    }
                    if (ControlledMessageHandler.Action.COMMIT == action)
                    {
                        BlockFaults.zero(buffer, headIndex, bytesRead);
                        buffer.putLongRelease(headPositionIndex, head + bytesRead);
                        headIndex += bytesRead;
                        head += bytesRead;
                        maxBlockLength -= bytesRead;
                        bytesRead = 0;
                    }
                }
            }
            finally
            {
                if (bytesRead > 0)
                {
                    BlockFaults.zero(buffer, headIndex, bytesRead);
                    buffer.putLongRelease(headPositionIndex, head + bytesRead);
                }
            }
            return messagesRead;
        }

        private CorruptHeaderException corrupt(final String what)
        {
            return new CorruptHeaderException(block.name(), "ring \"" + block.name() + "\" is corrupt: " + what +
                "; remove it (ipc rm " + block.name() + ") and create it again");
        }

        /**
         * After a read that delivered nothing, once every so many (the time-out is seconds, an empty read nanoseconds,
         * and the look reads the clock and the producers' tail line): unblocks the ring if it is stuck.
         *
         * @return {@code read}.
         */
        private int unblockIfStuck(final int read)
        {
            if (0 == read && 0 == (++emptyReads & (EMPTY_READS_PER_LOOK - 1)))
            {
                unblockIfStuck();
            }
            return read;
        }

        private void unblockIfStuck()
        {
            final long now = System.nanoTime();
            final long position = ringBuffer.consumerPosition();
            if (position != lastPosition)
            {
                lastPosition = position;
                positionSinceNs = now;
                return;
            }
            if (now - positionSinceNs >= unblockTimeoutNs && now - nextUnblockNs >= 0 &&
                ringBuffer.producerPosition() > position)
            {
                // Nothing after the abandoned claim is committed yet when this fails: look again a little later.
                if (!unblock())
                {
                    nextUnblockNs = now + UNBLOCK_RETRY_NS;
                }
            }
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
