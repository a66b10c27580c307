/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run was measured on ({@code "machine"} in {@code results.json}): figures from different machines
 * do not compare.
 *
 * @param cores {@code "cores"}: processors available to the JVM.
 * @param cpu   {@code "cpu"}: the CPU model, from {@code /proc/cpuinfo} where there is one, else the architecture.
 * @param jvm   {@code "jvm"}: VM name, vendor and version.
 * @param os    {@code "os"}: operating system name, version and architecture.
 */
public record MachineInfo(int cores, String cpu, String jvm, String os)
{
    /**
     * Describes this machine.
     *
     * @return the description.
     */
    public static MachineInfo detect()
    {
        return new MachineInfo(
            Runtime.getRuntime().availableProcessors(),
            cpuModel(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.vendor", "") + " " +
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch"));
    }

    private static String cpuModel()
    {
        final Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo))
        {
            try
            {
                final List<String> lines = Files.readAllLines(cpuinfo);
                for (final String line : lines)
                {
                    if (line.startsWith("model name"))
                    {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
            catch (final IOException ignore)
            {
                // Fall back to the architecture.
            }
        }
        return System.getProperty("os.arch");
    }
}
