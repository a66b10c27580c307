/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message content and its verification: every byte is checked, so any damage, and any message confused with
 * its neighbour, is caught.
 */
final class MessagePatternTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));

    @Test
    void aWrittenMessageVerifiesAtEverySize()
    {
        for (int length = 8; length <= 200; length++)
        {
            MessagePattern.write(buffer, 16, length, 12345 | MessagePattern.MEASURED);
            assertEquals(-1, MessagePattern.firstMismatch(buffer, 16, length), "length " + length);
        }
    }

    @Test
    void everyDamagedByteIsFound()
    {
        final int length = 77;
        final int tailStart = length - length % 8;
        for (int offset = 8; offset < length; offset++)
        {
            MessagePattern.write(buffer, 0, length, 99);
            buffer.putByte(offset, (byte)~buffer.getByte(offset));
            final int expected = offset >= tailStart ? offset : offset - offset % 8;
            assertEquals(expected, MessagePattern.firstMismatch(buffer, 0, length), "offset " + offset);
        }
    }

    @Test
    void theNextMessagesBodyDoesNotPassForThisOne()
    {
        MessagePattern.write(buffer, 0, 64, 7);
        buffer.putLong(0, 8);
        assertEquals(8, MessagePattern.firstMismatch(buffer, 0, 64));
    }

    @Test
    void theVerifierRefusesAGapAWrongLengthAndDamage()
    {
        final Verifier verifier = new Verifier("test", 64);
        MessagePattern.write(buffer, 0, 64, 1);
        verifier.onMessage(1, buffer, 0, 64);
        assertEquals(1, verifier.verified());

        MessagePattern.write(buffer, 0, 64, 3);
        final IllegalStateException gap = assertThrows(IllegalStateException.class,
            () -> verifier.onMessage(1, buffer, 0, 64));
        assertTrue(gap.getMessage().contains("expected message 2, got 3"), gap.getMessage());

        MessagePattern.write(buffer, 0, 64, 2);
        final IllegalStateException length = assertThrows(IllegalStateException.class,
            () -> verifier.onMessage(1, buffer, 0, 56));
        assertTrue(length.getMessage().contains("56 bytes instead of 64"), length.getMessage());

        buffer.putByte(40, (byte)~buffer.getByte(40));
        final IllegalStateException damage = assertThrows(IllegalStateException.class,
            () -> verifier.onMessage(1, buffer, 0, 64));
        assertTrue(damage.getMessage().contains("message 2 is corrupt from byte 40"), damage.getMessage());
    }

    @Test
    void theVerifierTimesAPhaseFromItsFirstMeasuredMessageToItsEnd()
    {
        final Verifier verifier = new Verifier("test", 8);
        verifier.startPhase();
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            final long flags = sequence >= 3 ? MessagePattern.MEASURED : 0;
            MessagePattern.write(buffer, 0, 8, sequence | flags | (5 == sequence ? MessagePattern.END : 0));
            verifier.onMessage(1, buffer, 0, 8);
        }
        assertTrue(verifier.ended());
        assertEquals(3, verifier.measuredCount());
        assertTrue(verifier.measuredNs() >= 0);
    }
}
