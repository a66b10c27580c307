/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Messages for channel tests that a consumer checks completely without knowing what was sent: each carries the
 * producer's run id and its sequence number, and everything else follows from them.
 * <pre>
 *   0: run id (long)   8: sequence number (long)   16: pattern bytes of (run, seq)   length - 4: CRC32C of [0, length - 4)
 * </pre>
 * <ul>
 *     <li>type id: {@code 10 + seq % 1000}, so a wrong type is caught too ({@link #END_TYPE} ends a run);</li>
 *     <li>length: log-uniform between the shortest and the longest, from a table indexed by a hash of seq; every
 *     {@link #LARGE_EVERY}th message is of the large length instead, when one is given (messages of many
 *     frames).</li>
 * </ul>
 * Not thread-safe: the checksum state is reused.
 */
public final class CheckedMessages
{
    /**
     * Type of the message that ends a run; its payload is the run id and the count sent (two longs).
     */
    public static final int END_TYPE = 2;

    /**
     * The shortest message: run, seq and checksum.
     */
    public static final int MIN_LENGTH = 20;

    /**
     * Every this-many-th message has the large length, if one is set.
     */
    public static final int LARGE_EVERY = 1000;

    private static final long K = 0x9E37_79B9_7F4A_7C15L;
    private static final int TABLE = 1 << 12;

    private final int[] lengths = new int[TABLE];
    private final int largeLength;
    private final CRC32C crc = new CRC32C();
    private byte[] scratch = new byte[4096];

    /**
     * Creates the message source and checker; both sides must use the same arguments.
     *
     * @param minLength   the shortest message, at least {@link #MIN_LENGTH}.
     * @param maxLength   the longest message of the log-uniform range.
     * @param largeLength the length of every {@link #LARGE_EVERY}th message, or 0 for none.
     * @param seed        seed of the length table.
     */
    public CheckedMessages(final int minLength, final int maxLength, final int largeLength, final long seed)
    {
        if (minLength < MIN_LENGTH || maxLength < minLength)
        {
            throw new IllegalArgumentException("lengths must be " + MIN_LENGTH + " <= min <= max");
        }
        this.largeLength = largeLength;
        final SplittableRandom random = new SplittableRandom(seed);
        final double logMin = Math.log(minLength);
        final double logMax = Math.log(maxLength + 1.0);
        for (int i = 0; i < TABLE; i++)
        {
            final int length = (int)Math.exp(logMin + random.nextDouble() * (logMax - logMin));
            lengths[i] = Math.max(minLength, Math.min(maxLength, length));
        }
    }

    /**
     * The type id of a data message.
     *
     * @param seq its sequence number.
     * @return 10 to 1009.
     */
    public static int typeId(final long seq)
    {
        return 10 + (int)(seq % 1000);
    }

    /**
     * The length of a data message.
     *
     * @param seq its sequence number.
     * @return bytes.
     */
    public int length(final long seq)
    {
        if (largeLength > 0 && seq % LARGE_EVERY == LARGE_EVERY - 1)
        {
            return largeLength;
        }
        return lengths[(int)((seq * K) >>> 52)];
    }

    /**
     * The longest message this source makes.
     *
     * @return bytes.
     */
    public int maxLength()
    {
        int max = largeLength;
        for (final int length : lengths)
        {
            max = Math.max(max, length);
        }
        return max;
    }

    /**
     * Writes a data message.
     *
     * @param buffer where.
     * @param index  from which index.
     * @param run    the producer's run id.
     * @param seq    its sequence number.
     * @return the message's length.
     */
    public int fill(final MutableDirectBuffer buffer, final int index, final long run, final long seq)
    {
        final int length = length(seq);
        buffer.putLong(index, run);
        buffer.putLong(index + 8, seq);
        final long base = (seq ^ run) * K;
        int i = 16;
        for (; i + 8 <= length - 4; i += 8)
        {
            buffer.putLong(index + i, base ^ i);
        }
        for (; i < length - 4; i++)
        {
            buffer.putByte(index + i, (byte)(base >>> ((i & 7) << 3)));
        }
        buffer.putInt(index + length - 4, checksum(buffer, index, length - 4));
        return length;
    }

    /**
     * The run id of a message.
     *
     * @param buffer where it is.
     * @param index  its start.
     * @return the run id.
     */
    public static long run(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index);
    }

    /**
     * The sequence number of a message.
     *
     * @param buffer where it is.
     * @param index  its start.
     * @return the sequence number.
     */
    public static long seq(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + 8);
    }

    /**
     * Checks a data message as a whole: type, length, checksum and pattern for the run and sequence number it says.
     *
     * @param typeId the type it arrived with.
     * @param buffer where it is.
     * @param index  its start.
     * @param length its length.
     * @return {@code null} if intact, else what is wrong.
     */
    public String check(final int typeId, final DirectBuffer buffer, final int index, final int length)
    {
        if (length < MIN_LENGTH)
        {
            return "a message of " + length + " bytes is shorter than " + MIN_LENGTH;
        }
        final long run = run(buffer, index);
        final long seq = seq(buffer, index);
        if (length != length(seq))
        {
            return "run " + run + " seq " + seq + ": length " + length + ", expected " + length(seq);
        }
        if (typeId != typeId(seq))
        {
            return "run " + run + " seq " + seq + ": type " + typeId + ", expected " + typeId(seq);
        }
        if (buffer.getInt(index + length - 4) != checksum(buffer, index, length - 4))
        {
            return "run " + run + " seq " + seq + ": the " + length + "-byte message fails its CRC32C checksum";
        }
        final long base = (seq ^ run) * K;
        int i = 16;
        for (; i + 8 <= length - 4; i += 8)
        {
            if (buffer.getLong(index + i) != (base ^ i))
            {
                return "run " + run + " seq " + seq + ": wrong bytes at " + i;
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
