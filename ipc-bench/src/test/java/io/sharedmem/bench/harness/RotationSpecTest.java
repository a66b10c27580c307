/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Transports;
import io.sharedmem.bench.transport.TrialSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rotation spec survives the trip over a child's command line, gives each transport its own names, and measures
 * each phase at least as long as asked.
 */
final class RotationSpecTest
{
    private static final TrialSpec BASE = new TrialSpec("rotation", 64, 65536, Path.of("/tmp/r"), "smbench-1-2-",
        Path.of("/dev/shm/smbench-1-2-aeron"), 5, 1_000, 250_000_000, 1_000, 250_000_000);

    @Test
    void theCommandLineFormReadsBackTheSame()
    {
        final RotationSpec spec = new RotationSpec(BASE, List.of("spsc-ring", "aeron-ipc"), 100, 5, 4);
        assertEquals(spec, RotationSpec.fromArgs(spec.toArgs().toArray(new String[0])));
    }

    @Test
    void eachTransportGetsItsOwnNamesAndItsWarmUpFactor()
    {
        final RotationSpec spec = new RotationSpec(BASE, List.of("spsc-ring", "aeron-ipc"), 100_000_000, 5, 4);
        final TrialSpec spsc = spec.transportSpec(0);
        final TrialSpec aeron = spec.transportSpec(1);
        assertEquals("spsc-ring", spsc.transport());
        assertEquals("smbench-1-2-t0-", spsc.blockPrefix());
        assertEquals("smbench-1-2-t1-", aeron.blockPrefix());
        assertTrue(aeron.aeronDirectory().startsWith(BASE.aeronDirectory()), "removed with the rotation's");
        assertTrue(spsc.directory().startsWith(BASE.directory()), "removed with the rotation's");
        assertEquals(1_000, spsc.pingWarmUpNs());
        assertEquals((long)(1_000 * Transports.byName("aeron-ipc").warmUpFactor()), aeron.pingWarmUpNs());
        assertEquals(100_000_000, spsc.pingNs(), "a turn");
    }

    @Test
    void roundsCoverTheMeasuredTimeOfEachPhase()
    {
        assertEquals(3, new RotationSpec(BASE, List.of("raw-block"), 100_000_000, 5, 4).rounds());
        assertEquals(1, new RotationSpec(BASE, List.of("raw-block"), 900_000_000, 5, 4).rounds());
    }

    @Test
    void anUnknownTransportIsRefused()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new RotationSpec(BASE, List.of("carrier-pigeon"), 100, 5, 4));
    }
}
