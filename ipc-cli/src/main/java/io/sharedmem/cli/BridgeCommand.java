/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ipc bridge FROM TO}: forwards every message from one channel to another (a local ring to Aeron UDP on the
 * sending host, and back on the receiving one), with {@code io.sharedmem.bridge.Bridge} in a JVM of its own from the
 * {@code ipc-aeron} jar ({@link Programs}), so this jar stays free of Aeron.
 */
@Command(name = "bridge", description = {
    "Forward every message from one channel to another until Ctrl-C, e.g. " +
        "'ipc bridge shm:orders aeron:udp?endpoint=host:40123' on the sending host and " +
        "'ipc bridge aeron:udp?endpoint=0.0.0.0:40123 shm:orders' on the receiving one; prints messages and bytes " +
        "forwarded."})
final class BridgeCommand extends BlockCommand
{
    /**
     * The jar holding the bridge, relative to the repository root.
     */
    static final String AERON_JAR = "ipc-aeron/target/ipc-aeron.jar";

    @Parameters(index = "0", paramLabel = "FROM", description = "The channel to take messages from.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The channel to put them in.")
    String to;

    @Option(names = "--stats", paramLabel = "SECONDS", description = "Seconds between progress lines while busy; " +
        "default 5, 0 for none.")
    Long statsSeconds;

    @Option(names = "--batch", paramLabel = "N", description = "Messages taken from FROM per poll; default the " +
        "bridge's.")
    Integer batch;

    @Override
    public Integer call() throws Exception
    {
        final List<String> args = new ArrayList<>(List.of(from, to));
        Programs.addOption(args, "--stats", statsSeconds);
        Programs.addOption(args, "--batch", batch);
        out().flush();
        try (Programs programs = new Programs())
        {
            return programs.start(List.of(Programs.jar(AERON_JAR)), "io.sharedmem.bridge.Bridge", args, directory())
                .waitFor();
        }
    }
}
