/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedBlock;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The producer's end of a consumer's doorbell: a Unix-domain socket the sleeping consumer listens on. Ringing writes
 * one byte; a consumer blocked in {@code select} wakes. Used only when the consumer's sleeping flag is set, so the
 * streaming hot path never makes a system call.
 * <p>
 * The socket's path is derived from the block's path ({@link #pathFor(SharedBlock)}), in the temporary directory,
 * so both sides find it without storing anything in the block. Failures (no consumer listening, a consumer that
 * restarted) are retried at most every {@value #RETRY_MS} ms; a missed ring costs only latency, because a sleeping
 * consumer also wakes on its own time-out.
 * <p>
 * Not thread-safe: used by the producing thread.
 */
final class Doorbell implements AutoCloseable
{
    static final long RETRY_MS = 10;

    private final Path path;
    private final ByteBuffer bell = ByteBuffer.allocateDirect(1);
    private SocketChannel channel;
    private long nextAttemptNs;

    private Doorbell(final Path path)
    {
        this.path = path;
    }

    static Doorbell forRing(final SharedBlock block)
    {
        return new Doorbell(pathFor(block));
    }

    /**
     * The doorbell socket of a ring: {@code <java.io.tmpdir>/sharedmem-<hash of the block path>.bell}, short enough
     * for the 107-byte limit of socket paths whatever the block's name.
     *
     * @param block the ring's block.
     * @return the path.
     */
    static Path pathFor(final SharedBlock block)
    {
        return pathFor(block.path());
    }

    static Path pathFor(final Path blockFile)
    {
        final byte[] bytes = blockFile.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        long hash = 0xcbf29ce484222325L;
        for (final byte b : bytes)
        {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "sharedmem-" + Long.toHexString(hash) + ".bell");
    }

    /**
     * Rings once: a write of one byte on a connected socket, or a connect first.
     */
    void ring()
    {
        if (null == channel && !connect())
        {
            return;
        }
        if (!write())
        {
            // The consumer may have restarted with a new socket: reconnect once straight away.
            closeChannel();
            if (connect())
            {
                write();
            }
        }
    }

    private boolean write()
    {
        try
        {
            bell.clear();
            channel.write(bell);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private boolean connect()
    {
        final long now = System.nanoTime();
        if (now - nextAttemptNs < 0)
        {
            return false;
        }
        try
        {
            final SocketChannel connected = SocketChannel.open(StandardProtocolFamily.UNIX);
            try
            {
                connected.connect(UnixDomainSocketAddress.of(path));
                connected.configureBlocking(false);
            }
            catch (final IOException | RuntimeException ex)
            {
                connected.close();
                throw ex;
            }
            channel = connected;
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            nextAttemptNs = now + TimeUnit.MILLISECONDS.toNanos(RETRY_MS);
            return false;
        }
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Closing a broken socket: nothing to do.
            }
            channel = null;
        }
    }

    @Override
    public void close()
    {
        closeChannel();
    }
}
