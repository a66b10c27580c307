/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.LinkSpec;
import io.sharedmem.bench.transport.Transports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rotation spec survives the trip over a peer's command line, gives each transport its own names, and measures
 * each phase at least as long as asked.
 */
final class RotationSpecTest
{
    private static RotationSpec spec(final List<String> transports, final long sliceNs)
    {
        return new RotationSpec(transports, 64, 65536, Path.of("/tmp/r y"), "smbench-1-2-",
            Path.of("/dev/shm/smbench-1-2-aeron"), 5, 1_000, 250_000_000, sliceNs, 5, 4);
    }

    @Test
    void theJsonFormReadsBackTheSame()
    {
        final RotationSpec spec = spec(List.of("spsc-ring", "aeron-ipc"), 100);
        assertEquals(spec, RotationSpec.fromJson(spec.toJson()));
    }

    @Test
    void eachTransportGetsItsOwnNamesAndItsWarmUpFactor()
    {
        final RotationSpec spec = spec(List.of("spsc-ring", "aeron-ipc"), 100_000_000);
        final LinkSpec spsc = spec.link(0);
        final LinkSpec aeron = spec.link(1);
        assertEquals("spsc-ring", spsc.transport());
        assertEquals("smbench-1-2-t0-", spsc.blockPrefix());
        assertEquals("smbench-1-2-t1-", aeron.blockPrefix());
        assertTrue(aeron.aeronDirectory().startsWith(spec.aeronDirectory()), "removed with the rotation's");
        assertTrue(spsc.directory().startsWith(spec.directory()), "removed with the rotation's");
        assertEquals(1_000, spec.warmUpNs(0));
        assertEquals((long)(1_000 * Transports.byName("aeron-ipc").warmUpFactor()), spec.warmUpNs(1));
    }

    @Test
    void roundsCoverTheMeasuredTimeOfEachPhase()
    {
        assertEquals(3, spec(List.of("raw-block"), 100_000_000).rounds());
        assertEquals(1, spec(List.of("raw-block"), 900_000_000).rounds());
    }

    @Test
    void anUnknownTransportIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> spec(List.of("carrier-pigeon"), 100));
    }
}
