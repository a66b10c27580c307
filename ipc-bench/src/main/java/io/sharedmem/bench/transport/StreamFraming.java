/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Map;

/**
 * Messages over a byte stream (TCP, Unix socket, pipe), framed the simplest way: an 8-byte header holding the
 * length, then the payload, padded to 8 bytes so payloads stay aligned in the read buffer.
 * <pre>
 *   0        4        8                      8 + length, rounded up to 8
 *   +--------+--------+----------------------+---------+
 *   | length | 0      | payload              | padding |
 *   +--------+--------+----------------------+---------+
 * </pre>
 * Sending is one {@code write(2)} per message, as a program sending messages one by one does; receiving reads as
 * much as has arrived (up to 64 KiB) and delivers every whole message in it. Both use direct buffers, so nothing is
 * allocated per message.
 */
final class StreamFraming
{
    /**
     * Length of the frame header.
     */
    static final int HEADER_LENGTH = 8;

    /**
     * Bytes the receiver reads at most per {@code read(2)}.
     */
    static final int READ_BUFFER_LENGTH = 64 * 1024;

    private StreamFraming()
    {
    }

    /**
     * Adds how messages are sent and received to a transport's settings.
     *
     * @param settings the settings to add to.
     */
    static void describe(final Map<String, String> settings)
    {
        settings.put("send", "one write(2) per message, " + HEADER_LENGTH + "-byte length header");
        settings.put("receive", "read(2) of up to " + READ_BUFFER_LENGTH + " bytes, every whole message delivered");
    }

    static int frameLength(final int length)
    {
        return BitUtil.align(HEADER_LENGTH + length, 8);
    }

    /**
     * Writes each message with one {@code write(2)}: blocking channels wait in the kernel when its buffer is full,
     * non-blocking ones are retried in a busy loop.
     */
    static final class Sender implements MessageSender
    {
        private final String transport;
        private final WritableByteChannel channel;
        private final ByteBuffer frame;
        private final UnsafeBuffer frameView;
        private final int maxLength;

        Sender(final String transport, final WritableByteChannel channel, final int maxLength)
        {
            this.transport = transport;
            this.channel = channel;
            this.maxLength = maxLength;
            this.frame = ByteBuffer.allocateDirect(frameLength(maxLength));
            this.frameView = new UnsafeBuffer(frame);
        }

        @Override
        public boolean offer(final DirectBuffer source, final int offset, final int length)
        {
            if (length < 1 || length > maxLength)
            {
                throw new IllegalArgumentException(transport + " frames hold 1 to " + maxLength + " bytes, not " + length);
            }
            frameView.putLong(0, length);
            frameView.putBytes(HEADER_LENGTH, source, offset, length);
            frame.limit(frameLength(length)).position(0);
            try
            {
                while (frame.hasRemaining())
                {
                    if (0 == channel.write(frame))
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(transport + ": write failed, the other side has probably gone", ex);
            }
            return true;
        }
    }

    /**
     * Reads what has arrived and delivers every whole message in it. On a blocking channel a poll that has nothing
     * to deliver waits in {@code read(2)}; on a non-blocking one, or a pipe polled through {@code FIONREAD}, it
     * returns 0.
     */
    static final class Receiver implements MessageReceiver
    {
        private final String transport;
        private final ReadableByteChannel channel;
        private final FileInputStream readiness;
        private final ByteBuffer bytes;
        private final UnsafeBuffer view;
        private final int maxFrame;
        private int readIndex;
        private int writeIndex;

        /**
         * @param transport  the transport's name, for messages.
         * @param channel    the channel to read, blocking or not.
         * @param readiness  if not {@code null}, asked how many bytes are ready ({@code FIONREAD}) before each read,
         *                   which turns a blocking pipe into a spin-polled one; else {@code null}.
         * @param maxLength  the longest message.
         */
        Receiver(final String transport, final ReadableByteChannel channel, final FileInputStream readiness,
            final int maxLength)
        {
            this.transport = transport;
            this.channel = channel;
            this.readiness = readiness;
            this.maxFrame = frameLength(maxLength);
            this.bytes = ByteBuffer.allocateDirect(Math.max(READ_BUFFER_LENGTH, 2 * maxFrame));
            this.view = new UnsafeBuffer(bytes);
        }

        @Override
        public int poll(final MessageHandler handler, final int limit)
        {
            int delivered = 0;
            while (delivered < limit)
            {
                final int pending = writeIndex - readIndex;
                if (pending >= HEADER_LENGTH)
                {
                    final int length = (int)view.getLong(readIndex);
                    final int frameLength = frameLength(length);
                    if (length < 1 || frameLength > maxFrame)
                    {
                        throw new IllegalStateException(transport + ": corrupt frame header, length " + length);
                    }
                    if (pending >= frameLength)
                    {
                        final int index = readIndex + HEADER_LENGTH;
                        readIndex += frameLength;
                        handler.onMessage(RingTransport.MSG_TYPE_ID, view, index, length);
                        delivered++;
                        continue;
                    }
                }
                if (delivered > 0 || 0 == fill())
                {
                    break;
                }
            }
            return delivered;
        }

        private int fill()
        {
            try
            {
                if (null != readiness && 0 == readiness.available())
                {
                    return 0;
                }
                if (readIndex == writeIndex)
                {
                    readIndex = 0;
                    writeIndex = 0;
                }
                else if (bytes.capacity() - writeIndex < maxFrame)
                {
                    // Move the partial frame to the front; frames stay 8-byte aligned.
                    bytes.limit(writeIndex).position(readIndex);
                    bytes.compact();
                    writeIndex -= readIndex;
                    readIndex = 0;
                }
                bytes.limit(bytes.capacity()).position(writeIndex);
                final int read = channel.read(bytes);
                if (read < 0)
                {
                    throw new IllegalStateException(transport + ": the other side closed the connection");
                }
                writeIndex += read;
                return read;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(transport + ": read failed", ex);
            }
        }
    }
}
