/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ipc demo}: streams messages between two JVMs through a ring (or any channel, {@code --channel}), with the
 * {@code Producer} and {@code Consumer}
 * examples of {@code ipc-examples}, each in a JVM of its own from the examples jar ({@link Programs}). Without an
 * argument it starts both; {@code ipc demo consumer} and {@code ipc demo producer} run one side each, in two
 * terminals, either first.
 */
@Command(name = "demo", description =
    "Stream messages between two JVMs through a ring, every one checked: 'ipc demo' runs both sides, " +
    "or run 'ipc demo consumer' and 'ipc demo producer' in two terminals (either first; Ctrl-C on one ends both).")
final class DemoCommand extends BlockCommand
{
    private static final String PRODUCER = "io.sharedmem.examples.ring.Producer";
    private static final String CONSUMER = "io.sharedmem.examples.ring.Consumer";

    /**
     * The sides this command runs.
     */
    enum Side
    {
        producer, consumer
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "SIDE", description = "producer or consumer; default both.")
    Side side;

    @Option(names = "--name", paramLabel = "NAME", description = "The ring's name; default RingDemo.")
    String name;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "Any channel instead of the ring, such as " +
        "aeron:udp?endpoint=127.0.0.1:40123 (both sides use it); default shm:NAME.")
    String channel;

    @Option(names = "--count", paramLabel = "N", description = "Messages to send, 0 until Ctrl-C; default 1000000.")
    Long count;

    @Option(names = "--size", paramLabel = "BYTES", description = "Bytes per message, at least 20; default 64.")
    Integer size;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", description = "Messages per second; default as fast as " +
        "possible.")
    Long rate;

    @Option(names = "--capacity", paramLabel = "BYTES", description = "Ring capacity if created, a power of two; " +
        "default 1 MiB.")
    Integer capacity;

    @Override
    public Integer call() throws Exception
    {
        final List<String> common = new ArrayList<>();
        Programs.addOption(common, "--channel", channel);
        Programs.addOption(common, "--name", name);
        Programs.addOption(common, "--capacity", capacity);
        final List<String> producerArgs = new ArrayList<>(common);
        Programs.addOption(producerArgs, "--count", count);
        Programs.addOption(producerArgs, "--size", size);
        Programs.addOption(producerArgs, "--rate", rate);
        if (Side.consumer == side && (null != count || null != size || null != rate))
        {
            throw new IllegalArgumentException("--count, --size and --rate are for the producer");
        }
        out().flush();
        final List<Path> examples = List.of(Programs.jar(Programs.EXAMPLES_JAR));
        try (Programs programs = new Programs())
        {
            // The consumer creates the ring (or attaches); the producer attaches, or creates it if it comes first.
            final Process consumer = Side.producer == side ? null :
                programs.start(examples, CONSUMER, common, directory());
            if (Side.consumer == side)
            {
                return consumer.waitFor();
            }
            final int produced = programs.start(examples, PRODUCER, producerArgs, directory()).waitFor();
            if (null == consumer)
            {
                return produced;
            }
            if (!consumer.waitFor(60, TimeUnit.SECONDS))
            {
                System.err.println("ipc demo: the consumer did not finish within 60 s after the producer; stopping it");
                return Ipc.EXIT_FAILURE;
            }
            return Math.max(produced, consumer.exitValue());
        }
    }
}
