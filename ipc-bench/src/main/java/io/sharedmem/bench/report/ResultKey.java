/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.util.Objects;

/**
 * Names one measurement of a run: a transport at a message size. The key of the round-trip histograms handed to
 * {@link ReportWriter} and of the files written per measurement.
 * <p>
 * Immutable and thread-safe.
 *
 * @param transport the transport's name, such as {@code "spsc-ring"}.
 * @param size      the message size in bytes.
 */
public record ResultKey(String transport, int size)
{
    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the transport is empty or the size negative.
     */
    public ResultKey
    {
        Objects.requireNonNull(transport, "transport");
        if (transport.isEmpty() || size < 0)
        {
            throw new IllegalArgumentException("invalid result key: transport=\"" + transport + "\" size=" + size);
        }
    }

    /**
     * The name of this measurement's round-trip percentile file, such as {@code rtt-spsc-ring-64.hgrm}. Characters
     * other than letters, digits, {@code .}, {@code _} and {@code -} in the transport name become {@code _}.
     *
     * @return the file name.
     */
    public String hgrmFileName()
    {
        return "rtt-" + transport.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + size + ".hgrm";
    }

    /**
     * Describes the key for reports.
     *
     * @return such as {@code spsc-ring 64 B} or {@code tcp 1 KiB}.
     */
    @Override
    public String toString()
    {
        return transport + " " + Formats.size(size);
    }
}
