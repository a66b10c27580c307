/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Framing over a byte stream: messages come out whole and in order however the stream splits them, many per read
 * or one split over many reads, across the read buffer's compaction.
 */
final class StreamFramingTest
{
    @Test
    void messagesSplitAnyWayByTheStreamComeOutWholeAndInOrder()
    {
        final int maxLength = 5000;
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        final StreamFraming.Sender sender = new StreamFraming.Sender("test", Channels.newChannel(stream), maxLength);
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++)
        {
            final byte[] message = new byte[1 + (i * 37) % maxLength];
            for (int j = 0; j < message.length; j++)
            {
                message[j] = (byte)(i + j);
            }
            sent.add(message);
            assertTrue(sender.offer(new UnsafeBuffer(message), 0, message.length));
        }

        for (final int chunk : new int[]{1, 7, 4096, 100_000})
        {
            final StreamFraming.Receiver receiver = new StreamFraming.Receiver(
                "test", new ChunkedChannel(stream.toByteArray(), chunk), null, maxLength);
            final List<byte[]> received = new ArrayList<>();
            while (received.size() < sent.size())
            {
                receiver.poll((type, buffer, index, length) ->
                {
                    final byte[] copy = new byte[length];
                    buffer.getBytes(index, copy);
                    received.add(copy);
                }, 10);
            }
            for (int i = 0; i < sent.size(); i++)
            {
                assertArrayEquals(sent.get(i), received.get(i), "message " + i + " in chunks of " + chunk);
            }
        }
    }

    @Test
    void theEndOfTheStreamIsReportedAsTheOtherSideGone()
    {
        final StreamFraming.Receiver receiver = new StreamFraming.Receiver(
            "test", new ChunkedChannel(new byte[0], 1), null, 64);
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> receiver.poll((type, buffer, index, length) -> { }, 1));
        assertEquals("test: the other side closed the connection", ex.getMessage());
    }

    @Test
    void aMessageLongerThanTheMaximumIsRefused()
    {
        final StreamFraming.Sender sender = new StreamFraming.Sender(
            "test", Channels.newChannel(new ByteArrayOutputStream()), 64);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> sender.offer(new UnsafeBuffer(new byte[65]), 0, 65));
        assertEquals("test frames hold 1 to 64 bytes, not 65", ex.getMessage());
    }

    /**
     * A blocking channel that hands out at most {@code chunk} bytes per read, then reports the end of the stream.
     */
    private static final class ChunkedChannel implements ReadableByteChannel
    {
        private final ByteBuffer bytes;
        private final int chunk;

        ChunkedChannel(final byte[] bytes, final int chunk)
        {
            this.bytes = ByteBuffer.wrap(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read(final ByteBuffer dst)
        {
            if (!bytes.hasRemaining())
            {
                return -1;
            }
            final int n = Math.min(chunk, Math.min(dst.remaining(), bytes.remaining()));
            final ByteBuffer slice = bytes.slice();
            slice.limit(n);
            dst.put(slice);
            bytes.position(bytes.position() + n);
            return n;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
