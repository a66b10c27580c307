/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.NoSuchBlockException;
import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockFaults;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.header.ZoneDescriptor;
import io.sharedmem.internal.BlockHeader;
import io.sharedmem.internal.RoleSlot;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A single-producer single-consumer ring of variable-length messages in a named shared-memory block: one process
 * produces, another consumes, at the speed of the cache lines between them.
 * <pre>{@code
 * // producer process                                   // consumer process
 * try (SpscRing ring = SpscRing.createOrAttach("orders", 1 << 20);   try (SpscRing ring = SpscRing.attach("orders");
 *      RingProducer producer = ring.producer())                          RingConsumer consumer = ring.consumer())
 * {                                                                  {
 *     producer.offer(1, buffer, 0, length);                              consumer.poll(handler, 100);
 * }                                                                  }
 * }</pre>
 * <b>Roles.</b> {@link #producer()} and {@link #consumer()} take the producer and consumer roles; there is at most one
 * of each across all processes. A role held by a live process is refused with {@link io.sharedmem.RoleTakenException}
 * naming its pid; a role whose holder is gone (its pid is gone or reused, it was abandoned half-way through taking
 * the role, or it runs in another pid namespace and stopped heartbeating) is taken over automatically; one whose
 * holder may live but stopped heartbeating is taken over only with {@code force}, and the old holder then fails
 * with {@link io.sharedmem.RoleFencedException} when it next writes, having written at most the record it was in
 * (which a zone keeps apart, see {@link RingProducer}). Every role heartbeats from a daemon thread
 * (one per process, {@code -Dsharedmem.heartbeat.interval.ms}, default 100), so liveness does not depend on the
 * application calling anything.
 * <p>
 * <b>Delivery.</b> Every committed message is delivered once, in order, as long as the consumer does not crash. A
 * consumer commits its consumption once per poll batch; if it dies, a new consumer resumes at the first message of
 * the batch in flight, so that batch may be delivered again (see {@link RingConsumer}). A producer killed at any
 * instruction never makes a torn, half-written or phantom message visible; the message it was writing is lost (it
 * was never committed) and the next producer takes over cleanly.
 * <p>
 * <b>Layout.</b> {@link HeaderDescriptor} for the header, {@link SpscRecordDescriptor} for the records, and
 * {@code docs/LAYOUT.md} for other languages.
 * <p>
 * <b>Thread safety:</b> the ring object is thread-safe; a {@link RingProducer} or {@link RingConsumer} is used by one
 * thread at a time.
 */
public final class SpscRing implements AutoCloseable
{
    private final String name;
    private final SharedBlock block;
    private final boolean created;
    private final AtomicBuffer header;
    private final AtomicBuffer data;
    private final int capacity;
    private final int maxMsgLength;
    private final long livenessTimeoutNs;
    private final RoleSlot producerSlot;
    private final RoleSlot consumerSlot;
    private RingProducer producer;
    private RingConsumer consumer;
    private boolean closed;

    private SpscRing(final BlockHeader.Attached attached, final boolean created, final RingOptions options)
    {
        final HeaderSnapshot snapshot = attached.header();
        this.block = attached.block();
        this.name = block.name();
        this.created = created;
        this.capacity = snapshot.capacity();
        this.maxMsgLength = snapshot.maxMsgLength();
        this.livenessTimeoutNs = options.livenessTimeoutNs();
        this.header = block.buffer(0, HeaderDescriptor.HEADER_LENGTH);
        this.data = block.buffer(snapshot.payloadOffset(), capacity);
        this.producerSlot = new RoleSlot(header, HeaderDescriptor.PRODUCER_SLOT_OFFSET, name, "producer");
        this.consumerSlot = new RoleSlot(header, HeaderDescriptor.CONSUMER_SLOT_OFFSET, name, "consumer");
        if (maxMsgLength != capacity / 8)
        {
            block.close();
            throw new CorruptHeaderException(name, "ring \"" + name + "\" has maximum message length " +
                maxMsgLength + ", but an spsc-ring of capacity " + capacity + " must have " + (capacity / 8));
        }
    }

    /**
     * Creates a ring; fails if the name is taken.
     *
     * @param name     the block name (as for {@link SharedBlock#create(String, long)}).
     * @param capacity bytes of the data region: a power of two from 64 to 1 GiB. The largest message is
     *                 {@code capacity / 8} bytes; the block is {@code capacity + 1024} bytes.
     * @return the ring, holding no role yet.
     * @throws IllegalArgumentException             if the name or capacity is invalid.
     * @throws io.sharedmem.BlockExistsException    if the name is taken.
     * @throws io.sharedmem.SharedMemoryException   for any other failure to create the block.
     */
    public static SpscRing create(final String name, final int capacity)
    {
        return options().capacity(capacity).create(name);
    }

    /**
     * Attaches to an existing ring. It never waits: a ring is named only once it is complete (it is created under a
     * temporary name and linked to its own), so a ring being created is not there yet.
     *
     * @param name the block name.
     * @return the ring, holding no role yet.
     * @throws NoSuchBlockException                     if there is no such block.
     * @throws io.sharedmem.NotFormattedException       if the block is not a formatted block (a raw block).
     * @throws io.sharedmem.WrongKindException          if it is another kind of ring.
     * @throws io.sharedmem.LayoutVersionException      if it was written by an incompatible library version.
     * @throws io.sharedmem.CorruptHeaderException      if its header is impossible or the file truncated.
     */
    public static SpscRing attach(final String name)
    {
        return options().attach(name);
    }

    /**
     * Creates the ring, or attaches to it if it exists, so that either side may start first.
     *
     * @param name     the block name.
     * @param capacity the capacity if it is created; an existing ring keeps its own.
     * @return the ring.
     * @throws io.sharedmem.SharedMemoryException as {@link #create(String, int)} and {@link #attach(String)} throw.
     */
    public static SpscRing createOrAttach(final String name, final int capacity)
    {
        return options().capacity(capacity).createOrAttach(name);
    }

    /**
     * Settings beyond name and capacity: pre-touch, directory, liveness and unblock time-outs, user type id.
     *
     * @return a new builder with the defaults.
     */
    public static RingOptions options()
    {
        return new RingOptions();
    }

    static SpscRing create(final RingOptions options, final String name)
    {
        return new SpscRing(RingSupport.create(options, name, BlockKind.SPSC, options.capacity() / 8), true, options);
    }

    static SpscRing attach(final RingOptions options, final String name)
    {
        return new SpscRing(RingSupport.attach(options, name, BlockKind.SPSC), false, options);
    }

    static SpscRing createOrAttach(final RingOptions options, final String name)
    {
        final RingSupport.Opened opened =
            RingSupport.createOrAttach(options, name, BlockKind.SPSC, options.capacity() / 8);
        return new SpscRing(opened.attached(), opened.created(), options);
    }

    /**
     * Takes the producer role: refused while another live process holds it; taken over automatically from a dead
     * holder. Taking it finds the true tail and cleans the free space a dead producer may have left dirty.
     *
     * @return the producer; close it to release the role.
     * @throws io.sharedmem.RoleTakenException if another process holds the role and is alive or not provably dead.
     * @throws IllegalStateException           if this ring object is closed or already has an open producer.
     */
    public RingProducer producer()
    {
        return producer(false);
    }

    /**
     * Takes the producer role, with force if asked: {@code force} also takes it from a holder that cannot be proven
     * dead but whose heartbeat is older than the liveness time-out; that holder fails at its next commit with
     * {@link io.sharedmem.RoleFencedException}. A holder with a fresh heartbeat is never forced out.
     *
     * @param force {@code true} to take over a stale holder.
     * @return the producer.
     * @throws io.sharedmem.RoleTakenException if the holder is alive, or stale without force.
     * @throws IllegalStateException           if this ring object is closed or already has an open producer.
     * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
     */
    public synchronized RingProducer producer(final boolean force)
    {
        ensureOpen();
        if (null != producer && !producer.isClosed())
        {
            throw new IllegalStateException("ring \"" + name + "\" already has an open producer in this object");
        }
        final RoleSlot.Acquired acquired = RingSupport.acquire(block, producerSlot, force, livenessTimeoutNs);
        try
        {
            producer = new RingProducer(this, acquired);
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(block, ex);     // truncated under the mapping
        }
        return producer;
    }

    /**
     * Takes the consumer role: refused while another live process holds it; taken over automatically from a dead
     * holder, finishing any consumption it had committed but not completed.
     *
     * @return the consumer; close it to release the role.
     * @throws io.sharedmem.RoleTakenException if another process holds the role and is alive or not provably dead.
     * @throws IllegalStateException           if this ring object is closed or already has an open consumer.
     */
    public RingConsumer consumer()
    {
        return consumer(false);
    }

    /**
     * Takes the consumer role, with force if asked (see {@link #producer(boolean)}).
     *
     * @param force {@code true} to take over a stale holder.
     * @return the consumer.
     * @throws io.sharedmem.RoleTakenException if the holder is alive, or stale without force.
     * @throws IllegalStateException           if this ring object is closed or already has an open consumer.
     * @throws io.sharedmem.BlockTruncatedException if another process truncated the file under the mapping.
     */
    public synchronized RingConsumer consumer(final boolean force)
    {
        ensureOpen();
        if (null != consumer && !consumer.isClosed())
        {
            throw new IllegalStateException("ring \"" + name + "\" already has an open consumer in this object");
        }
        final RoleSlot.Acquired acquired = RingSupport.acquire(block, consumerSlot, force, livenessTimeoutNs);
        try
        {
            consumer = new RingConsumer(this, acquired);
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(block, ex);     // truncated under the mapping
        }
        return consumer;
    }

    /**
     * The block name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Capacity of the data region.
     *
     * @return bytes, a power of two.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * The largest message the ring takes: an eighth of the capacity.
     *
     * @return bytes of payload.
     */
    public int maxMsgLength()
    {
        return maxMsgLength;
    }

    /**
     * Whether this object created the block (rather than attaching to an existing one).
     *
     * @return {@code true} if created here.
     */
    public boolean isCreator()
    {
        return created;
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
     * What is known about the producer role's holder. Reads {@code /proc}: not for hot paths.
     *
     * @return the status.
     */
    public RoleStatus producerStatus()
    {
        try
        {
            return producerSlot.status(livenessTimeoutNs);
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(block, ex);     // truncated under the mapping
        }
    }

    /**
     * What is known about the consumer role's holder. Reads {@code /proc}: not for hot paths.
     *
     * @return the status.
     */
    public RoleStatus consumerStatus()
    {
        try
        {
            return consumerSlot.status(livenessTimeoutNs);
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(block, ex);     // truncated under the mapping
        }
    }

    /**
     * Whether a producer holds the role, its process exists, and its heartbeat is fresher than the liveness time-out.
     *
     * @return {@code true} if alive.
     */
    public boolean isProducerAlive()
    {
        return producerStatus().isAlive();
    }

    /**
     * Whether a consumer holds the role, its process exists, and its heartbeat is fresher than the liveness time-out.
     *
     * @return {@code true} if alive.
     */
    public boolean isConsumerAlive()
    {
        return consumerStatus().isAlive();
    }

    /**
     * A copy of the header now: positions, counters, role slots.
     *
     * @return the snapshot.
     */
    public HeaderSnapshot snapshot()
    {
        return BlockHeader.readHeader(block);
    }

    /**
     * Whether a committed message waits at the consumer's head: one read of the ring, from any process. A hint for
     * tools and for deciding who removes the ring; it can change right after.
     *
     * @return {@code true} if a message (or padding) is committed and not consumed.
     */
    public boolean hasUnconsumedMessages()
    {
        try
        {
            long position = HeaderDescriptor.headPosition(header.getLongAcquire(HeaderDescriptor.HEAD_OFFSET));
            final Zone zone = Zone.read(header, capacity, name);
            if (ZoneDescriptor.ACTIVE == zone.state() || ZoneDescriptor.LIFTED == zone.state())
            {
                final long end = zone.endOfOccurrenceContaining(position, capacity - 1);
                position = end >= 0 ? end : position;
            }
            checkAligned(name, position);
            return 0 != data.getIntVolatile((int)position & (capacity - 1));
        }
        catch (final InternalError ex)
        {
            throw BlockFaults.translate(block, ex);     // truncated under the mapping
        }
    }

    /**
     * Removes the block's name (see {@link SharedBlock#unlink()}); processes attached keep working.
     *
     * @throws NoSuchBlockException if the name was already removed.
     */
    public void unlink()
    {
        block.unlink();
    }

    /**
     * Removes the block's name if no process holds either role and the name is still there: for the last one out.
     * Roles held by provably dead processes count as free. Call after closing this process's producer or consumer.
     *
     * @return {@code true} if this call removed the name.
     */
    public boolean unlinkIfUnused()
    {
        final RoleStatus p = producerStatus();
        final RoleStatus c = consumerStatus();
        if ((RoleStatus.FREE == p || RoleStatus.DEAD == p) && (RoleStatus.FREE == c || RoleStatus.DEAD == c))
        {
            try
            {
                block.unlink();
                return true;
            }
            catch (final NoSuchBlockException ex)
            {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed.
     */
    public synchronized boolean isClosed()
    {
        return closed;
    }

    /**
     * Closes the producer and consumer this object handed out (releasing their roles), then unmaps the block.
     * Idempotent. Does not remove the name: see {@link #unlink()} and {@link #unlinkIfUnused()}.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null != producer)
        {
            producer.close();
        }
        if (null != consumer)
        {
            consumer.close();
        }
        block.close();
    }

    @Override
    public String toString()
    {
        return "SpscRing{name=\"" + name + "\", capacity=" + capacity + "}";
    }

    AtomicBuffer header()
    {
        return header;
    }

    AtomicBuffer data()
    {
        return data;
    }

    RoleSlot producerSlot()
    {
        return producerSlot;
    }

    RoleSlot consumerSlot()
    {
        return consumerSlot;
    }

    long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("ring \"" + name + "\" is closed");
        }
    }

    /**
     * Refuses a head position that is not a multiple of the record alignment: no sound ring has one, and reading from
     * it would run past the data region.
     *
     * @throws CorruptHeaderException if {@code head} is unaligned.
     */
    static void checkAligned(final String ringName, final long head)
    {
        if (0 != (head & (SpscRecordDescriptor.ALIGNMENT - 1)))
        {
            throw new CorruptHeaderException(ringName, "ring \"" + ringName + "\" is corrupt: its head position " +
                head + " is not a multiple of " + SpscRecordDescriptor.ALIGNMENT + "; remove it (ipc rm " + ringName +
                ") and create it again");
        }
    }
}
