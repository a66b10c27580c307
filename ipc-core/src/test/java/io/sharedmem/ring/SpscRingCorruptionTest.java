/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.SharedBlock;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.ZoneDescriptor;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Positions and lengths another process wrote into a ring are checked before they are followed: an unaligned head or
 * zone, or a record length that would overflow when aligned, is a {@link CorruptHeaderException} naming the ring and
 * the value, never an access outside the data region. (BadBytesPropertiesTest writes random bytes; these are the
 * cases it once found, made deterministic.)
 */
class SpscRingCorruptionTest
{
    private static final int CAPACITY = 4096;

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void anUnalignedHeadIsRefusedByBothRolesAndTheStatusCall()
    {
        final String name = blocks.newName("badhead");
        try (SpscRing ring = SpscRing.create(name, CAPACITY);
            SharedBlock raw = SharedBlock.attach(name))
        {
            raw.buffer().putLongVolatile(HeaderDescriptor.HEAD_OFFSET, HeaderDescriptor.headWord(0, 4092));
            assertCorrupt(name, "4092", ring::hasUnconsumedMessages);
            assertCorrupt(name, "4092", () -> ring.consumer().close());
            assertCorrupt(name, "4092", () -> ring.producer().close());
        }
    }

    @Test
    void aRecordLengthNearIntegerMaxIsRefusedByTheConsumerAndATakingProducer()
    {
        final String name = blocks.newName("badlength");
        try (SpscRing ring = SpscRing.create(name, CAPACITY);
            SharedBlock raw = SharedBlock.attach(name))
        {
            try (RingProducer producer = ring.producer())
            {
                producer.offer(1, new UnsafeBuffer(new byte[16]), 0, 16);
            }
            // Aligned to 8, 0x7ffffffd overflows to a negative length, which an aligned-length check would let pass.
            raw.buffer().putIntVolatile(HeaderDescriptor.HEADER_LENGTH, 0x7ffffffd);
            try (RingConsumer consumer = ring.consumer())
            {
                assertCorrupt(name, Integer.toString(0x7ffffffd), () -> consumer.poll((t, b, i, l) -> { }, 1));
            }
            assertCorrupt(name, Integer.toString(0x7ffffffd), () -> ring.producer().close());
        }
    }

    @Test
    void anUnalignedZoneIsRefused()
    {
        final String name = blocks.newName("badzone");
        try (SpscRing ring = SpscRing.create(name, CAPACITY);
            SharedBlock raw = SharedBlock.attach(name))
        {
            final AtomicBuffer header = raw.buffer();
            header.putLong(ZoneDescriptor.START_OFFSET, 4);
            header.putLong(ZoneDescriptor.END_OFFSET, 4 + 256);
            header.putLongVolatile(ZoneDescriptor.STATE_WORD_OFFSET,
                ZoneDescriptor.stateWord(ZoneDescriptor.ACTIVE, 0));
            assertCorrupt(name, "zone", ring::hasUnconsumedMessages);
            assertCorrupt(name, "zone", () -> ring.consumer().close());
        }
    }

    private static void assertCorrupt(final String name, final String value, final Executable call)
    {
        final CorruptHeaderException ex = assertThrows(CorruptHeaderException.class, call);
        assertTrue(ex.getMessage().contains("\"" + name + "\"") && ex.getMessage().contains(value), ex.getMessage());
    }
}
