/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.block.BlockDirectory;
import io.sharedmem.examples.ring.Consumer;
import io.sharedmem.examples.ring.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ipc demo}: streams messages between two JVMs through a ring, with the {@code Producer} and {@code Consumer}
 * examples of {@code ipc-examples}. Without an argument it starts the consumer in a second JVM and produces here;
 * {@code ipc demo consumer} and {@code ipc demo producer} run one side each, in two terminals, either first.
 */
@Command(name = "demo", description =
    "Stream messages between two JVMs through a ring, every one checked: 'ipc demo' runs both sides, " +
    "or run 'ipc demo consumer' and 'ipc demo producer' in two terminals (either first; Ctrl-C on one ends both).")
final class DemoCommand extends BlockCommand
{
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
    public Integer call() throws IOException, InterruptedException
    {
        if (null != ipc.dir)
        {
            System.setProperty(BlockDirectory.DIR_PROP_NAME, directory().toString());
        }
        final List<String> common = new ArrayList<>();
        add(common, "--name", name);
        add(common, "--capacity", capacity);
        final List<String> producerArgs = new ArrayList<>(common);
        add(producerArgs, "--count", count);
        add(producerArgs, "--size", size);
        add(producerArgs, "--rate", rate);
        out().flush();
        if (Side.consumer == side)
        {
            if (null != count || null != size || null != rate)
            {
                throw new IllegalArgumentException("--count, --size and --rate are for the producer");
            }
            return Consumer.run(common.toArray(new String[0]), System.out, System.err);
        }
        if (Side.producer == side)
        {
            return Producer.run(producerArgs.toArray(new String[0]), System.out, System.err);
        }

        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-D" + BlockDirectory.DIR_PROP_NAME + "=" + directory());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Consumer.class.getName());
        command.addAll(common);
        final Process consumer = new ProcessBuilder(command).inheritIO().start();
        try
        {
            // The consumer creates the ring (or attaches); the producer attaches, or creates it if it comes first.
            final int produced = Producer.run(producerArgs.toArray(new String[0]), System.out, System.err);
            if (!consumer.waitFor(60, TimeUnit.SECONDS))
            {
                System.err.println("ipc demo: the consumer did not finish within 60 s after the producer; stopping it");
                return Ipc.EXIT_FAILURE;
            }
            return Math.max(produced, consumer.exitValue());
        }
        finally
        {
            consumer.destroy();
        }
    }

    private static void add(final List<String> args, final String option, final Object value)
    {
        if (null != value)
        {
            args.add(option);
            args.add(value.toString());
        }
    }
}
