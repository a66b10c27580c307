/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import org.agrona.BitUtil;

/**
 * Layout of one record in the data region of an {@link SpscRing}, little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Length                                |  0: bytes of header + payload; 0 = not committed
 *  +---------------------------------------------------------------+
 *  |                         Type                                  |  4: user type id (&gt;= 1), or -1 for padding
 *  +---------------------------------------------------------------+
 *  |                       Encoded Message                        ...  8: payload, then zeros up to the next multiple of 8
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * The length and type form one 8-byte word, written by the producer in one release store after the payload and
 * after a zero in the word that follows the record: that store is the commit. A length of 0 means nothing has been
 * committed there yet, and the word after the last record is always 0, so the consumer reads the word at its head
 * with acquire and needs no producer position. A record never crosses the end of the data region: a padding record
 * (type {@value #PADDING_MSG_TYPE_ID}) fills the rest of the region and the record starts again at index 0.
 */
public final class SpscRecordDescriptor
{
    /**
     * Length of the record header (length and type).
     */
    public static final int RECORD_HEADER_LENGTH = 8;

    /**
     * Records start at multiples of this.
     */
    public static final int ALIGNMENT = 8;

    /**
     * Type of a padding record: skipped by the consumer. Also used for aborted claims.
     */
    public static final int PADDING_MSG_TYPE_ID = -1;

    private SpscRecordDescriptor()
    {
    }

    /**
     * The record header word as one little-endian long: length in the low half, type in the high half.
     *
     * @param length    header plus payload bytes.
     * @param msgTypeId the type.
     * @return the word to store at the record's index.
     */
    public static long headerWord(final int length, final int msgTypeId)
    {
        return ((long)msgTypeId << 32) | (length & 0xFFFF_FFFFL);
    }

    /**
     * The length half of a header word.
     *
     * @param headerWord the word.
     * @return the length.
     */
    public static int length(final long headerWord)
    {
        return (int)headerWord;
    }

    /**
     * The type half of a header word.
     *
     * @param headerWord the word.
     * @return the type.
     */
    public static int msgTypeId(final long headerWord)
    {
        return (int)(headerWord >>> 32);
    }

    /**
     * Bytes a record of this length occupies.
     *
     * @param length header plus payload bytes.
     * @return the length rounded up to {@link #ALIGNMENT}.
     */
    public static int alignedLength(final int length)
    {
        return BitUtil.align(length, ALIGNMENT);
    }
}
