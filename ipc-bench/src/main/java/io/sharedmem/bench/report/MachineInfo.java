/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gathers the facts about this machine that make two benchmark runs comparable: cores, CPU model, JVM, operating
 * system and kernel.
 * <p>
 * Reads {@code /proc/cpuinfo} and {@code /proc/sys/kernel/osrelease} where they exist; elsewhere those facts are
 * {@code "unknown"} or absent, never an error. Stateless and thread-safe.
 */
public final class MachineInfo
{
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    private MachineInfo()
    {
    }

    /**
     * The facts about the machine this JVM runs on.
     *
     * @return cores, CPU, JVM, OS and kernel; no host note.
     */
    public static BenchResults.Machine gather()
    {
        final String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
        final String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch");
        return new BenchResults.Machine(
            Runtime.getRuntime().availableProcessors(), cpuModel(readLines(CPUINFO)), jvm, os, kernel(), null);
    }

    /**
     * The CPU model named in {@code /proc/cpuinfo} text: the first {@code model name} line (x86), else the first
     * {@code Model}, {@code Hardware} or {@code cpu model} line (ARM, MIPS and others).
     *
     * @param cpuinfo the lines of {@code /proc/cpuinfo}; may be empty.
     * @return the model, or {@code "unknown"}.
     */
    static String cpuModel(final List<String> cpuinfo)
    {
        for (final String key : new String[] { "model name", "Model", "Hardware", "cpu model" })
        {
            for (final String line : cpuinfo)
            {
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key))
                {
                    final String value = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    if (!value.isEmpty())
                    {
                        return value;
                    }
                }
            }
        }
        return "unknown";
    }

    private static String kernel()
    {
        final List<String> lines = readLines(OSRELEASE);
        return lines.isEmpty() ? null : lines.get(0).trim();
    }

    private static List<String> readLines(final Path file)
    {
        try
        {
            return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
        }
        catch (final IOException | RuntimeException ex)
        {
            // A fact we cannot read is reported as unknown: the benchmark matters more than its label.
            return List.of();
        }
    }
}
