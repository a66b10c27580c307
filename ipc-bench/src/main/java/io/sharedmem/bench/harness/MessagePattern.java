/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The content of every benchmark message, derived from its first word so that the receiver can check every byte
 * without a copy of what was sent: a lost, repeated, reordered, torn or stale message is caught.
 * <pre>
 *   word 0      : header = sequence number (bits 0..60) | END (bit 61) | MEASURED (bit 62)
 *   word i >= 1 : header + i * 0x9E3779B97F4A7C15 (golden ratio step: neighbouring messages differ in every word)
 *   tail bytes  : (byte)(header + offset), for sizes that are not a multiple of 8
 * </pre>
 * Sequence numbers start at 1 and rise by one per message in each direction; flags never repeat a header, which
 * the raw-block transport relies on. Stateless and thread-safe; allocates nothing.
 */
final class MessagePattern
{
    /**
     * Set on messages of a measured phase.
     */
    static final long MEASURED = 1L << 62;

    /**
     * Set on the last message of a phase.
     */
    static final long END = 1L << 61;

    /**
     * The sequence number's bits.
     */
    static final long SEQUENCE_MASK = END - 1;

    private static final long STEP = 0x9E3779B97F4A7C15L;

    private MessagePattern()
    {
    }

    /**
     * Writes a message.
     *
     * @param buffer where to write.
     * @param index  where the message starts.
     * @param length its length, at least 8.
     * @param header its first word.
     */
    static void write(final MutableDirectBuffer buffer, final int index, final int length, final long header)
    {
        buffer.putLong(index, header);
        long word = header;
        int i = Long.BYTES;
        for (final int lastWord = length - Long.BYTES; i <= lastWord; i += Long.BYTES)
        {
            word += STEP;
            buffer.putLong(index + i, word);
        }
        for (; i < length; i++)
        {
            buffer.putByte(index + i, (byte)(header + i));
        }
    }

    /**
     * Checks a message against the content its first word implies.
     *
     * @param buffer where the message is.
     * @param index  where it starts.
     * @param length its length.
     * @return the offset of the first wrong byte within the message, or -1 if every byte is right.
     */
    static int firstMismatch(final DirectBuffer buffer, final int index, final int length)
    {
        final long header = buffer.getLong(index);
        long word = header;
        int i = Long.BYTES;
        for (final int lastWord = length - Long.BYTES; i <= lastWord; i += Long.BYTES)
        {
            word += STEP;
            if (buffer.getLong(index + i) != word)
            {
                return i;
            }
        }
        for (; i < length; i++)
        {
            if (buffer.getByte(index + i) != (byte)(header + i))
            {
                return i;
            }
        }
        return -1;
    }
}
