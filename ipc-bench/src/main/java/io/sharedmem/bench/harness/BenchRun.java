/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a benchmark run produced: the top level of {@code results.json}.
 *
 * @param machine  {@code "machine"}: where it ran.
 * @param started  {@code "started"}: when it started (ISO-8601 in JSON).
 * @param finished {@code "finished"}: when it ended.
 * @param settings {@code "settings"}: how it ran (sizes, repetitions, phase lengths, child JVM options, pinning).
 * @param results  {@code "results"}: one entry per transport and size, sizes in the order asked, transports in run
 *                 order within each size.
 */
public record BenchRun(
    MachineInfo machine,
    Instant started,
    Instant finished,
    Map<String, String> settings,
    List<TransportResult> results)
{
    /**
     * The result of one transport at one size.
     *
     * @param transport the transport's name.
     * @param size      message size.
     * @return the result, or {@code null} if the run did not include it.
     */
    public TransportResult result(final String transport, final int size)
    {
        for (final TransportResult result : results)
        {
            if (result.transport().equals(transport) && result.size() == size)
            {
                return result;
            }
        }
        return null;
    }
}
