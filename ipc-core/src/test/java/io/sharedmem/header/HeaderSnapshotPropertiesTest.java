/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

import io.sharedmem.NotFormattedException;
import io.sharedmem.SharedMemoryException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header parser takes any bytes: it returns a snapshot whose payload lies within the file, or throws a
 * {@link SharedMemoryException} naming the block. Nothing else.
 */
class HeaderSnapshotPropertiesTest
{
    @Property(tries = 3000)
    void garbageGivesSnapshotOrClearError(
        @ForAll("headers") final byte[] bytes, @ForAll @IntRange(min = 0, max = 1 << 20) final int fileSize)
    {
        check(bytes, fileSize);
    }

    @Property(tries = 3000)
    void mutatedValidHeaderGivesSnapshotOrClearError(
        @ForAll @IntRange(min = 0, max = HeaderDescriptor.HEADER_LENGTH - 1) final int at,
        @ForAll final byte value,
        @ForAll @IntRange(min = 0, max = HeaderDescriptor.HEADER_LENGTH) final int truncateTo,
        @ForAll final boolean truncate)
    {
        final byte[] bytes = validHeader();
        bytes[at] = value;
        final int fileSize = truncate ? truncateTo : 1024 + 4096;
        final byte[] read = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, fileSize));
        check(read, fileSize);
    }

    @Property(tries = 200)
    void validHeaderParses(@ForAll @IntRange(min = 6, max = 20) final int log2Capacity)
    {
        final int capacity = 1 << log2Capacity;
        final byte[] bytes = validHeader();
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HeaderDescriptor.CAPACITY_OFFSET, capacity);
        b.putLong(HeaderDescriptor.PAYLOAD_LENGTH_OFFSET, capacity);
        b.putInt(HeaderDescriptor.MAX_MSG_LENGTH_OFFSET, capacity / 8);
        final HeaderSnapshot snapshot =
            HeaderSnapshot.parse("fuzz", new UnsafeBuffer(bytes), bytes.length, 1024L + capacity);
        assertEquals(capacity, snapshot.capacity());
    }

    private static void check(final byte[] bytes, final long fileSize)
    {
        try
        {
            final HeaderSnapshot snapshot = HeaderSnapshot.parse("fuzz", new UnsafeBuffer(bytes), bytes.length, fileSize);
            assertTrue(snapshot.payloadOffset() + snapshot.payloadLength() <= fileSize);
            assertTrue(snapshot.payloadOffset() >= HeaderDescriptor.HEADER_LENGTH);
            snapshot.toString();
            snapshot.usedBytes();
        }
        catch (final SharedMemoryException ex)
        {
            assertEquals("fuzz", ex.blockName());
            assertTrue(ex.getMessage().contains("\"fuzz\""), ex.getMessage());
        }
    }

    @Provide
    Arbitrary<byte[]> headers()
    {
        final Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(HeaderDescriptor.HEADER_LENGTH);
        final Arbitrary<byte[]> withMagic = random.map((bytes) ->
        {
            if (bytes.length >= 8)
            {
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, HeaderDescriptor.READY_WORD);
            }
            return bytes;
        });
        return Arbitraries.oneOf(random, withMagic);
    }

    static byte[] validHeader()
    {
        final byte[] bytes = new byte[HeaderDescriptor.HEADER_LENGTH];
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(HeaderDescriptor.READY_WORD_OFFSET, HeaderDescriptor.READY_WORD);
        b.putInt(HeaderDescriptor.KIND_OFFSET, BlockKind.SPSC.code());
        b.putInt(HeaderDescriptor.HEADER_LENGTH_OFFSET, HeaderDescriptor.HEADER_LENGTH);
        b.putLong(HeaderDescriptor.PAYLOAD_OFFSET_OFFSET, HeaderDescriptor.HEADER_LENGTH);
        b.putLong(HeaderDescriptor.PAYLOAD_LENGTH_OFFSET, 4096);
        b.putInt(HeaderDescriptor.CAPACITY_OFFSET, 4096);
        b.putInt(HeaderDescriptor.MAX_MSG_LENGTH_OFFSET, 512);
        return bytes;
    }

    @Property(tries = 50)
    void zeroReadyWordIsNotFormatted(@ForAll @IntRange(min = 8, max = 1024) final int length)
    {
        final byte[] bytes = new byte[length];
        try
        {
            HeaderSnapshot.parse("fuzz", new UnsafeBuffer(bytes), length, length);
        }
        catch (final NotFormattedException expected)
        {
            return;
        }
        throw new AssertionError("zeros parsed as a header");
    }
}
