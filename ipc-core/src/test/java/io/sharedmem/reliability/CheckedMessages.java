/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Messages that carry their sequence number and a checksum, so a consumer can check each one on its own: nothing
 * torn, nothing phantom, and (against the previous one) nothing lost or repeated.
 * <pre>
 *   0: long  sequence number
 *   8: int   CRC32C of every other byte of the message (0..7 and 12..length)
 *  12: int   incarnation: which producer process wrote it (a successor after a kill has another)
 *  16: bytes filler derived from the sequence number: 8-byte words seq * K ^ wordIndex, then bytes of the same
 * </pre>
 * The length is a function of the sequence number too (log-uniform between the minimum, at least 16, and the
 * maximum, from a table both sides build from the same seed), and so is the type id ({@code 1 + (seq & 0x3FFF_FFFF)}),
 * so a message is checked by its length, type, checksum and every filler byte. Little-endian throughout.
 * <p>
 * Not thread-safe: each thread uses its own instance (the checksum and scratch space are reused, allocating nothing
 * per message).
 */
final class CheckedMessages
{
    static final int HEADER = 16;
    static final int SEQ_OFFSET = 0;
    static final int CRC_OFFSET = 8;
    static final int INCARNATION_OFFSET = 12;

    private static final long K = 0x9E37_79B9_7F4A_7C15L;
    private static final int TABLE = 1 << 12;

    final int minLength;
    final int maxLength;
    private final int[] lengths = new int[TABLE];
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch;

    /**
     * @param minLength the shortest message, at least {@link #HEADER}.
     * @param maxLength the longest.
     * @param seed      seed of the length table: producer and consumer must agree.
     */
    CheckedMessages(final int minLength, final int maxLength, final long seed)
    {
        if (minLength < HEADER || maxLength < minLength)
        {
            throw new IllegalArgumentException("lengths must satisfy " + HEADER + " <= min <= max, were " + minLength +
                ", " + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.scratch = new byte[maxLength];
        final SplittableRandom random = new SplittableRandom(seed);
        final double logMin = Math.log(minLength);
        final double logMax = Math.log(maxLength + 1.0);
        for (int i = 0; i < TABLE; i++)
        {
            final int length = (int)Math.exp(logMin + random.nextDouble() * (logMax - logMin));
            lengths[i] = Math.max(minLength, Math.min(maxLength, length));
        }
    }

    static int typeId(final long seq)
    {
        return 1 + (int)(seq & 0x3FFF_FFFF);
    }

    int length(final long seq)
    {
        return lengths[(int)((seq * K) >>> 52)];
    }

    /**
     * Writes message {@code seq} at {@code index}.
     *
     * @param buffer      where to write.
     * @param index       where the message starts.
     * @param seq         its sequence number.
     * @param incarnation the writing producer's incarnation.
     * @return its length.
     */
    int fill(final MutableDirectBuffer buffer, final int index, final long seq, final int incarnation)
    {
        final int length = length(seq);
        final long base = seq * K;
        final int words = length >>> 3;
        for (int w = HEADER >>> 3; w < words; w++)
        {
            buffer.putLong(index + (w << 3), base ^ w, ByteOrder.LITTLE_ENDIAN);
        }
        final long last = base ^ words;
        for (int i = words << 3; i < length; i++)
        {
            buffer.putByte(index + i, (byte)(last >>> ((i & 7) << 3)));
        }
        buffer.putLong(index + SEQ_OFFSET, seq, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(index + INCARNATION_OFFSET, incarnation, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(index + CRC_OFFSET, checksum(buffer, index, length), ByteOrder.LITTLE_ENDIAN);
        return length;
    }

    /**
     * Checks a message on its own: length, type, checksum and filler agree with the sequence number it carries.
     *
     * @return null if it is whole, else what is wrong.
     */
    String verify(final int typeId, final DirectBuffer buffer, final int index, final int length)
    {
        if (length < HEADER || length > maxLength)
        {
            return "a " + length + "-byte message: every message has " + HEADER + " to " + maxLength + " bytes";
        }
        final long seq = buffer.getLong(index + SEQ_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int expectedCrc = checksum(buffer, index, length);
        if (buffer.getInt(index + CRC_OFFSET, ByteOrder.LITTLE_ENDIAN) != expectedCrc)
        {
            return "a " + length + "-byte message whose checksum does not match (it says seq " + seq + ")";
        }
        if (seq < 0 || length != length(seq))
        {
            return "seq " + seq + " with length " + length + ", expected " + (seq < 0 ? "a seq >= 0" : length(seq));
        }
        if (typeId != typeId(seq))
        {
            return "seq " + seq + " with type " + typeId + ", expected " + typeId(seq);
        }
        final long base = seq * K;
        final int words = length >>> 3;
        for (int w = HEADER >>> 3; w < words; w++)
        {
            if (buffer.getLong(index + (w << 3), ByteOrder.LITTLE_ENDIAN) != (base ^ w))
            {
                return "seq " + seq + ": word " + w + " of the " + length + "-byte message is wrong";
            }
        }
        final long last = base ^ words;
        for (int i = words << 3; i < length; i++)
        {
            if (buffer.getByte(index + i) != (byte)(last >>> ((i & 7) << 3)))
            {
                return "seq " + seq + ": byte " + i + " of the " + length + "-byte message is wrong";
            }
        }
        return null;
    }

    static long seq(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + SEQ_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    static int incarnation(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + INCARNATION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    private int checksum(final DirectBuffer buffer, final int index, final int length)
    {
        buffer.getBytes(index, scratch, 0, length);
        crc.reset();
        crc.update(scratch, SEQ_OFFSET, CRC_OFFSET - SEQ_OFFSET);
        crc.update(scratch, INCARNATION_OFFSET, length - INCARNATION_OFFSET);
        return (int)crc.getValue();
    }
}
