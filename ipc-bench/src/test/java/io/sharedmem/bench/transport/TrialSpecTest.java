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
 * The trial spec survives the trip over a child's command line, and refuses values out of range.
 */
final class TrialSpecTest
{
    @Test
    void theCommandLineFormReadsBackTheSame()
    {
        final TrialSpec spec = new TrialSpec("tcp-spin", 100, 65536, Path.of("/tmp/x y"), "smbench-1-2-",
            Path.of("/dev/shm/smbench-1-2-aeron"), 5, 6, 7, 8, 9);
        final String[] args = spec.toArgs().toArray(new String[0]);
        assertEquals(spec, TrialSpec.fromArgs(args));
    }

    @Test
    void aSizeOutOfRangeIsRefusedWithTheLimits()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            new TrialSpec("tcp", 4, 65536, Path.of("/tmp"), "p-", Path.of("/tmp/a"), 1, 1, 1, 1, 1));
        assertTrue(ex.getMessage().contains("between 8 and 65536 bytes, was 4"), ex.getMessage());
    }

    @Test
    void aMissingArgumentIsNamed()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> TrialSpec.fromArgs(new String[]{"transport=tcp"}));
        assertEquals("missing argument size=...", ex.getMessage());
    }
}
