/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the two sides of a link meet: one block per direction, and values out of range refused with the limits.
 */
final class LinkSpecTest
{
    @Test
    void theInitiatorsOutgoingBlockIsTheRespondersIncomingOne()
    {
        final LinkSpec spec = new LinkSpec("spsc-ring", 64, 65536, Path.of("/tmp/x"), "p-", Path.of("/tmp/a"), 1);
        assertEquals("p-ab", spec.outBlock(Side.INITIATOR));
        assertEquals("p-ab", spec.inBlock(Side.RESPONDER));
        assertEquals("p-ba", spec.outBlock(Side.RESPONDER));
        assertEquals("p-ba", spec.inBlock(Side.INITIATOR));
    }

    @Test
    void aSizeOutOfRangeIsRefusedWithTheLimits()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            new LinkSpec("tcp", 4, 65536, Path.of("/tmp"), "p-", Path.of("/tmp/a"), 1));
        assertTrue(ex.getMessage().contains("between 8 and 65536 bytes, was 4"), ex.getMessage());
    }

    @Test
    void aCapacityThatIsNotAPowerOfTwoIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            new LinkSpec("tcp", 64, 3000, Path.of("/tmp"), "p-", Path.of("/tmp/a"), 1));
        assertTrue(ex.getMessage().contains("power of two of at least 1024, was 3000"), ex.getMessage());
    }
}
