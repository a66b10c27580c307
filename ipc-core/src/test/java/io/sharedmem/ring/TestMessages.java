/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * Messages whose type, length and every byte are derived from a sequence number, so a consumer can check each one
 * completely (a checksum in effect) and in order, without allocating.
 * <ul>
 *     <li>type id: {@code 1 + (seq & 0x3FFF_FFFF)}: 30 bits of the sequence number in every message, even empty
 *     ones;</li>
 *     <li>length: from a table of lengths log-uniform between 1 and the maximum, indexed by a hash of seq;</li>
 *     <li>payload: 8-byte words {@code seq * K ^ wordIndex}, then bytes of the same pattern.</li>
 * </ul>
 */
final class TestMessages
{
    private static final long K = 0x9E37_79B9_7F4A_7C15L;
    private static final int TABLE = 1 << 12;

    final int minLength;
    final int maxLength;
    private final int[] lengths = new int[TABLE];

    /**
     * @param minLength the shortest message.
     * @param maxLength the longest message.
     * @param seed      seed of the length table (both sides must agree).
     */
    TestMessages(final int minLength, final int maxLength, final long seed)
    {
        this.minLength = minLength;
        this.maxLength = maxLength;
        final SplittableRandom random = new SplittableRandom(seed);
        final double logMin = Math.log(Math.max(1, minLength));
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

    static long seqLow(final int typeId)
    {
        return typeId - 1;
    }

    int length(final long seq)
    {
        return lengths[(int)((seq * K) >>> 52)];
    }

    static void fill(final MutableDirectBuffer buffer, final int index, final long seq, final int length)
    {
        final long base = seq * K;
        final int words = length >>> 3;
        for (int w = 0; w < words; w++)
        {
            buffer.putLong(index + (w << 3), base ^ w);
        }
        final long last = base ^ words;
        for (int i = words << 3; i < length; i++)
        {
            buffer.putByte(index + i, (byte)(last >>> ((i & 7) << 3)));
        }
    }

    /**
     * Checks a message against what sequence number {@code seq} must look like.
     *
     * @return null if it matches, else what is wrong.
     */
    String check(final long seq, final int typeId, final DirectBuffer buffer, final int index, final int length)
    {
        if (typeId != typeId(seq))
        {
            return "expected seq " + seq + " (type " + typeId(seq) + ") but got type " + typeId +
                " (seq low bits " + seqLow(typeId) + ")";
        }
        if (length != length(seq))
        {
            return "seq " + seq + ": length " + length + ", expected " + length(seq);
        }
        final long base = seq * K;
        final int words = length >>> 3;
        for (int w = 0; w < words; w++)
        {
            if (buffer.getLong(index + (w << 3)) != (base ^ w))
            {
                return "seq " + seq + ": word " + w + " of " + length + "-byte payload is torn";
            }
        }
        final long last = base ^ words;
        for (int i = words << 3; i < length; i++)
        {
            if (buffer.getByte(index + i) != (byte)(last >>> ((i & 7) << 3)))
            {
                return "seq " + seq + ": byte " + i + " of " + length + "-byte payload is torn";
            }
        }
        return null;
    }
}
