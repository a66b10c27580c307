/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedMemoryException;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static io.sharedmem.header.HeaderDescriptor.CONSUMER_SLEEPING_OFFSET;

/**
 * An Agrona {@link IdleStrategy} for an {@link SpscRing} consumer that waits without burning a core and still wakes
 * within tens of microseconds of a commit. Get it from {@link RingConsumer#doorbellIdleStrategy()}.
 * <p>
 * <b>How.</b> Idle calls first spin for {@link #SPIN_NS} ns (a message arriving soon costs no system call). Then
 * the consumer sets the ring's sleeping flag (a volatile store, which on x86 is a full fence), checks the ring once
 * more, and blocks in {@code select} on a Unix-domain socket, the doorbell. A producer that commits a message reads
 * the flag (it sits on its own cache line, so the read is a cache hit while nobody sleeps) and, only when it is set,
 * writes a byte to the doorbell ({@link Doorbell}).
 * <p>
 * This is Dekker's handshake with the fence on the consumer side only: the producer does not fence between its commit
 * and its read of the flag, so in a window of a few nanoseconds it can miss a consumer going to sleep. That costs
 * latency, not correctness: the consumer never blocks longer than {@link #MAX_SLEEP_MS} ms at a time.
 * <p>
 * Not thread-safe: used by the consuming thread. {@link #close()} (or closing the consumer) removes the socket.
 */
public final class DoorbellIdleStrategy implements IdleStrategy, AutoCloseable
{
    /**
     * System property: how long idle calls spin before sleeping, in nanoseconds.
     */
    public static final String SPIN_NS_PROP_NAME = "sharedmem.doorbell.spin.ns";

    /**
     * How long idle calls spin before sleeping, in nanoseconds: {@value #SPIN_NS_PROP_NAME}, default 20 µs.
     */
    public static final long SPIN_NS = Long.getLong(SPIN_NS_PROP_NAME, 20_000);

    /**
     * System property: the longest single sleep, in milliseconds.
     */
    public static final String MAX_SLEEP_MS_PROP_NAME = "sharedmem.doorbell.max.sleep.ms";

    /**
     * The longest single sleep, in milliseconds: bounds the delay of a missed ring. {@value #MAX_SLEEP_MS_PROP_NAME},
     * default 10.
     */
    public static final long MAX_SLEEP_MS = Math.max(1, Long.getLong(MAX_SLEEP_MS_PROP_NAME, 10));

    private final RingConsumer consumer;
    private final AtomicBuffer header;
    private final Path path;
    private final ByteBuffer drain = ByteBuffer.allocateDirect(64);
    private final Consumer<SelectionKey> onReady = this::onReady;
    private Selector selector;
    private ServerSocketChannel server;
    private long spinStartNs;
    private boolean spinning;
    private long sleeps;
    private volatile boolean sleeping;
    private boolean closed;

    DoorbellIdleStrategy(final RingConsumer consumer)
    {
        this.consumer = consumer;
        this.header = consumer.header();
        this.path = Doorbell.pathFor(consumer.ring().block());
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            spinning = false;
            return;
        }
        idle();
    }

    @Override
    public void idle()
    {
        if (!spinning)
        {
            spinning = true;
            spinStartNs = System.nanoTime();
            Thread.onSpinWait();
            return;
        }
        if (System.nanoTime() - spinStartNs < SPIN_NS)
        {
            Thread.onSpinWait();
            return;
        }
        sleep();
    }

    @Override
    public void reset()
    {
        spinning = false;
    }

    @Override
    public String alias()
    {
        return "doorbell";
    }

    /**
     * Where the doorbell socket of a ring lives: {@code <java.io.tmpdir>/sharedmem-<hash>.bell}, the hash being the
     * FNV-1a 64-bit hash of the block file's absolute path. For tools that clean up after consumers killed with
     * {@code kill -9}.
     *
     * @param blockFile the ring's block file.
     * @return the socket's path (which may not exist).
     */
    public static Path socketPath(final Path blockFile)
    {
        return Doorbell.pathFor(blockFile);
    }

    /**
     * How many times this strategy has blocked on the doorbell.
     *
     * @return the count.
     */
    public long sleeps()
    {
        return sleeps;
    }

    /**
     * Whether the consumer is asleep on the doorbell right now (read by the heartbeat thread).
     *
     * @return {@code true} between raising the sleeping flag and lowering it.
     */
    boolean isSleeping()
    {
        return sleeping;
    }

    private void sleep()
    {
        if (closed)
        {
            Thread.onSpinWait();
            return;
        }
        openIfNeeded();
        // Dekker: flag store, full fence (a volatile store is followed by one), re-check the ring.
        sleeping = true;
        header.putIntVolatile(CONSUMER_SLEEPING_OFFSET, 1);
        try
        {
            if (!consumer.hasMessage())
            {
                sleeps++;
                selector.select(onReady, MAX_SLEEP_MS);
            }
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryException(consumer.ring().name(), "doorbell of ring \"" + consumer.ring().name() +
                "\" at " + path + " failed: " + ex, ex);
        }
        finally
        {
            header.putIntRelease(CONSUMER_SLEEPING_OFFSET, 0);
            sleeping = false;
            spinning = false;
        }
    }

    private void onReady(final SelectionKey key)
    {
        try
        {
            if (key.isAcceptable())
            {
                final SocketChannel accepted = server.accept();
                if (null != accepted)
                {
                    accepted.configureBlocking(false);
                    accepted.register(selector, SelectionKey.OP_READ);
                }
            }
            else if (key.isReadable())
            {
                final SocketChannel channel = (SocketChannel)key.channel();
                int n;
                do
                {
                    drain.clear();
                    n = channel.read(drain);
                }
                while (n > 0);
                if (n < 0)
                {
                    key.cancel();
                    channel.close();
                }
            }
        }
        catch (final IOException ex)
        {
            key.cancel();
            try
            {
                key.channel().close();
            }
            catch (final IOException ignore)
            {
                // Already broken.
            }
        }
    }

    private void openIfNeeded()
    {
        if (null != selector)
        {
            return;
        }
        try
        {
            // The consumer role is exclusive, so a socket file left here is a dead consumer's: replace it.
            Files.deleteIfExists(path);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            close();
            throw new SharedMemoryException(consumer.ring().name(), "cannot open the doorbell of ring \"" +
                consumer.ring().name() + "\" at " + path + ": " + ex, ex);
        }
    }

    /**
     * Closes the doorbell socket and removes its file. Idempotent; idle calls after this only spin.
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
            if (null != selector)
            {
                for (final SelectionKey key : selector.keys())
                {
                    key.channel().close();
                }
                selector.close();
            }
            if (null != server)
            {
                server.close();
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ignore)
        {
            // Best effort: a stale socket file is replaced by the next consumer.
        }
    }
}
