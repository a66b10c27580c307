/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.block.BlockDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the peers: the same {@code java} as the orchestrator, its class path (inside the fat
 * jar, the jar itself), the export Agrona needs, a small heap with the serial collector (no collector threads
 * competing for the two cores), Agrona's bounds checks off as in Aeron's own benchmarks (the same for every
 * transport, all of which read through Agrona buffers), and optionally {@code taskset} to pin each side to its own
 * CPU. Immutable and thread-safe.
 */
final class PeerCommand
{
    /**
     * JVM options every child gets, recorded with the results.
     */
    static final List<String> JVM_OPTIONS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "-Xms64m",
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-Dagrona.disable.bounds.checks=true");

    /**
     * System property with extra options for the child JVMs, separated by spaces, such as
     * {@code -Dsharedmem.bench.jvm.options="-XX:+UseParallelGC"}; recorded with the results.
     */
    static final String EXTRA_OPTIONS_PROP_NAME = "sharedmem.bench.jvm.options";

    private final String java;
    private final String classPath;
    private final String taskset;

    /**
     * Prepares command lines for this JVM's {@code java} and class path.
     *
     * @param pin whether to pin the initiator to CPU 0 and the responder to CPU 1; ignored where {@code taskset}
     *            is missing or there are fewer than two CPUs ({@link #isPinned()} says which).
     */
    PeerCommand(final boolean pin)
    {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classPath = System.getProperty("java.class.path");
        final Path found = pin && Runtime.getRuntime().availableProcessors() >= 2 ? Transports.onPath("taskset") : null;
        this.taskset = null == found ? null : found.toString();
    }

    /**
     * Whether children are pinned.
     *
     * @return {@code true} if each side runs on its own CPU through {@code taskset}.
     */
    boolean isPinned()
    {
        return null != taskset;
    }

    /**
     * The command line of one peer of a rotation: a JVM running {@link RotationMain}, or the program a transport
     * that runs alone names instead ({@link Transport#peerCommand}), after the words such a transport puts first
     * ({@link Transport#peerPrefix}, such as {@code ip netns exec NAME}).
     *
     * @param side which side.
     * @param spec the rotation.
     * @return the command.
     */
    List<String> build(final Side side, final RotationSpec spec)
    {
        final List<String> command = new ArrayList<>();
        final String json = spec.toJson();
        final Transport alone = 1 == spec.transports().size() ? Transports.byName(spec.transports().get(0)) : null;
        if (null != alone)
        {
            command.addAll(alone.peerPrefix(side, spec.link(0)));
        }
        if (null != taskset)
        {
            command.add(taskset);
            command.add("-c");
            command.add(Side.INITIATOR == side ? "0" : "1");
        }
        final List<String> program = null == alone ? null : alone.peerCommand(side, json);
        if (null != program)
        {
            command.addAll(program);
            return command;
        }
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.addAll(extraOptions());
        command.add("-D" + BlockDirectory.DIR_PROP_NAME + "=" + BlockDirectory.resolve());
        command.add("-cp");
        command.add(classPath);
        command.add(RotationMain.class.getName());
        command.add(side.label());
        command.add(json);
        return command;
    }

    /**
     * The extra child JVM options from {@value #EXTRA_OPTIONS_PROP_NAME}.
     *
     * @return the options, possibly none.
     */
    static List<String> extraOptions()
    {
        final String extra = System.getProperty(EXTRA_OPTIONS_PROP_NAME, "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }
}
