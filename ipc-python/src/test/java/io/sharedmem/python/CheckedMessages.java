/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.python;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Checked messages shared by the Java and Python sides of the cross-language tests: the twin of
 * {@code ipc-python/tests/checked.py}, in integer arithmetic only, so both agree bit for bit.
 * <ul>
 *     <li>type id: {@code 1 + (seq & 0x3FFF_FFFF)};</li>
 *     <li>length: log-uniform over octaves in {@code [min, max]}, from {@code mix(seq)} (SplitMix64's
 *     finaliser);</li>
 *     <li>payload: bytes of a fixed pseudo-random table from offset {@code (mix(seq) >>> 8) & 0xFFFF}; from 8 bytes
 *     on, the first 8 hold {@code seq} (little-endian); from 12 bytes on, the last 4 hold the CRC-32 of the bytes
 *     before them.</li>
 * </ul>
 * Not thread-safe (one scratch checksum per instance).
 */
final class CheckedMessages
{
    private static final long GAMMA = 0x9E37_79B9_7F4A_7C15L;
    private static final long TABLE_SEED = 0x5EED;

    final int minLength;
    final int maxLength;
    private final int octaves;
    private final byte[] table;
    private final CRC32 crc = new CRC32();
    private final byte[] scratch;

    CheckedMessages(final int minLength, final int maxLength)
    {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.octaves = 32 - Integer.numberOfLeadingZeros(maxLength);
        this.table = new byte[0x10000 + maxLength + 8];
        this.scratch = new byte[maxLength];
        long state = TABLE_SEED;
        for (int i = 0; i < table.length; i += 8)
        {
            state += GAMMA;
            final long word = mix(state);
            for (int b = 0; b < 8 && i + b < table.length; b++)
            {
                table[i + b] = (byte)(word >>> (8 * b));
            }
        }
    }

    static long mix(final long seed)
    {
        long z = seed;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
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
        final long h = mix(seq * GAMMA + GAMMA);
        final int octave = (int)((h >>> 40) % (octaves + 1));
        int length = 0;
        if (octave > 0)
        {
            final int lo = 1 << (octave - 1);
            final int hi = (int)Math.min(maxLength, (1L << octave) - 1);
            length = lo + (int)((h & 0xFFFF_FFFFL) % (hi - lo + 1));
        }
        return Math.max(minLength, Math.min(maxLength, length));
    }

    /**
     * Writes message {@code seq} of {@code length} bytes.
     */
    void fill(final MutableDirectBuffer buffer, final int index, final long seq, final int length)
    {
        final int offset = (int)((mix(seq * GAMMA + GAMMA) >>> 8) & 0xFFFF);
        buffer.putBytes(index, table, offset, length);
        if (length >= 8)
        {
            buffer.putLong(index, seq, ByteOrder.LITTLE_ENDIAN);
        }
        if (length >= 12)
        {
            buffer.putInt(index + length - 4, crc(buffer, index, length - 4), ByteOrder.LITTLE_ENDIAN);
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
        if (length >= 12)
        {
            if (buffer.getLong(index, ByteOrder.LITTLE_ENDIAN) != seq)
            {
                return "seq " + seq + ": its payload says seq " + buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
            }
            if (crc(buffer, index, length - 4) != buffer.getInt(index + length - 4, ByteOrder.LITTLE_ENDIAN))
            {
                return "seq " + seq + ": checksum mismatch in " + length + "-byte payload (torn)";
            }
            return null;
        }
        final int offset = (int)((mix(seq * GAMMA + GAMMA) >>> 8) & 0xFFFF);
        for (int i = 0; i < length; i++)
        {
            final byte expected = i < 8 && length >= 8 ? (byte)(seq >>> (8 * i)) : table[offset + i];
            if (buffer.getByte(index + i) != expected)
            {
                return "seq " + seq + ": byte " + i + " of " + length + "-byte payload differs (torn)";
            }
        }
        return null;
    }

    private int crc(final DirectBuffer buffer, final int index, final int length)
    {
        buffer.getBytes(index, scratch, 0, length);
        crc.reset();
        crc.update(scratch, 0, length);
        return (int)crc.getValue();
    }
}
