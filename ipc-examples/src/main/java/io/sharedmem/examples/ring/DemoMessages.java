/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.ring;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.zip.CRC32C;

/**
 * What the {@link Producer} sends and the {@link Consumer} checks: a data message is
 * <pre>
 *   0: sequence number (long)   8: send time, System.nanoTime() (long)   16: body: bytes derived from the sequence
 *   size - 4: CRC32C of bytes [0, size - 4) (int)
 * </pre>
 * and two control messages end the stream: {@link #END} when the producer has sent everything, {@link #STOPPED}
 * when it was interrupted. Not thread-safe (the checksum state is reused).
 */
final class DemoMessages
{
    /**
     * Default ring name.
     */
    static final String NAME = "RingDemo";

    /**
     * Type of a data message.
     */
    static final int DATA = 1;

    /**
     * Type of the last message of a completed stream; its payload is the count sent (long).
     */
    static final int END = 2;

    /**
     * Type of the last message of an interrupted stream (Ctrl-C); its payload is the count sent (long).
     */
    static final int STOPPED = 3;

    /**
     * The smallest data message: sequence, time and checksum.
     */
    static final int MIN_SIZE = 20;

    private final CRC32C crc = new CRC32C();
    private byte[] scratch;

    /**
     * @param expectedSize the size of the largest message expected; a larger one grows the scratch buffer once.
     */
    DemoMessages(final int expectedSize)
    {
        scratch = new byte[expectedSize];
    }

    void fill(final MutableDirectBuffer buffer, final int index, final long seq, final int size, final long nowNs)
    {
        buffer.putLong(index, seq);
        buffer.putLong(index + 8, nowNs);
        for (int i = 16; i < size - 4; i++)
        {
            buffer.putByte(index + i, (byte)(seq + i));
        }
        buffer.putInt(index + size - 4, checksum(buffer, index, size - 4));
    }

    /**
     * Checks a data message.
     *
     * @return null if it is intact and has the expected sequence number, else what is wrong.
     */
    String check(final DirectBuffer buffer, final int index, final int size, final long expectedSeq)
    {
        if (size < MIN_SIZE)
        {
            return "message " + expectedSeq + " is " + size + " bytes, shorter than " + MIN_SIZE;
        }
        final long seq = buffer.getLong(index);
        if (seq != expectedSeq)
        {
            return "expected message " + expectedSeq + " but got " + seq;
        }
        if (buffer.getInt(index + size - 4) != checksum(buffer, index, size - 4))
        {
            return "message " + seq + " fails its CRC32C checksum";
        }
        for (int i = 16; i < size - 4; i++)
        {
            if (buffer.getByte(index + i) != (byte)(seq + i))
            {
                return "message " + seq + " has a wrong byte at " + i;
            }
        }
        return null;
    }

    private int checksum(final DirectBuffer buffer, final int index, final int length)
    {
        if (length > scratch.length)
        {
            scratch = new byte[length];
        }
        buffer.getBytes(index, scratch, 0, length);
        crc.reset();
        crc.update(scratch, 0, length);
        return (int)crc.getValue();
    }
}
