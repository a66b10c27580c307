/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.ring;

import io.sharedmem.SharedBlock;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Producer and Consumer examples as people run them: two JVMs, either first, Ctrl-C on either side; each test
 * over a ring on this host ({@code --name}, the default {@code shm:} channel) and, unchanged but for the channel
 * string, over Aeron UDP ({@code --channel aeron:udp?...}).
 */
class ProducerConsumerTest
{
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    private final List<Path> driverDirectories = new ArrayList<>();

    @AfterEach
    void removeDriverDirectories()
    {
        driverDirectories.forEach((dir) -> IoUtil.delete(dir.toFile(), true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "shm", "aeron" })
    void consumerFirstReceivesAndVerifiesEveryMessage(final String scheme) throws Exception
    {
        final String name = blocks.newName("demo");
        final String[] channel = channel(scheme, name);
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, channel))
        {
            consumer.awaitLineStartingWith("Consumer: opened", WAIT);
            try (ChildJvm producer = ChildJvm.start(Producer.class, with(channel, "--count", "300000", "--size",
                "100")))
            {
                assertEquals(0, producer.awaitExit(WAIT), producer.report());
                assertTrue(producer.stdoutLines().toString().contains("Producer: channel settings:"),
                    producer.report());
            }
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            final String out = String.join("\n", consumer.stdoutLines());
            assertTrue(out.contains("the producer finished; every sequence number and checksum verified") &&
                out.contains("received 300,000 messages (30,000,000 bytes)") && out.contains("p99.9"), out);
        }
        assertFalse(SharedBlock.exists(name), "the last one out removes the ring");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "shm", "aeron" })
    void producerFirstWaitsForTheConsumer(final String scheme) throws Exception
    {
        final String name = blocks.newName("demo");
        final String[] channel = channel(scheme, name);
        try (ChildJvm producer = ChildJvm.start(Producer.class, with(channel, "--count", "1000")))
        {
            producer.awaitLineStartingWith("Producer: opened", WAIT);
            try (ChildJvm consumer = ChildJvm.start(Consumer.class, channel))
            {
                assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
                assertTrue(String.join("\n", consumer.stdoutLines()).contains("received 1,000 messages"),
                    consumer.report());
            }
            assertEquals(0, producer.awaitExit(WAIT), producer.report());
        }
        assertFalse(SharedBlock.exists(name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "shm", "aeron" })
    void ctrlCOnTheProducerEndsTheConsumerCleanly(final String scheme) throws Exception
    {
        final String name = blocks.newName("demo");
        final String[] channel = channel(scheme, name);
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, channel);
            ChildJvm producer = ChildJvm.start(Producer.class, with(channel, "--count", "0", "--rate", "20000")))
        {
            consumer.awaitLineStartingWith("Consumer:", WAIT);
            producer.awaitLineStartingWith("Producer:", WAIT);
            Thread.sleep(500);
            interrupt(producer.pid());
            producer.awaitExit(WAIT);
            assertTrue(producer.stdoutLines().toString().contains("interrupted (Ctrl-C), consumer told"),
                producer.report());
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            assertTrue(String.join("\n", consumer.stdoutLines()).contains(
                "the producer was interrupted (Ctrl-C) and said so; every sequence number and checksum verified"),
                consumer.report());
        }
        assertFalse(SharedBlock.exists(name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "shm", "aeron" })
    void ctrlCOnTheConsumerEndsTheProducerCleanly(final String scheme) throws Exception
    {
        final String name = blocks.newName("demo");
        final String[] channel = channel(scheme, name);
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, channel);
            ChildJvm producer = ChildJvm.start(Producer.class, with(channel, "--count", "0", "--rate", "20000")))
        {
            consumer.awaitLineStartingWith("Consumer:", WAIT);
            producer.awaitLineStartingWith("Producer:", WAIT);
            Thread.sleep(500);
            interrupt(consumer.pid());
            consumer.awaitExit(WAIT);
            assertTrue(String.join("\n", consumer.stdoutLines()).contains("interrupted (Ctrl-C)"), consumer.report());
            assertEquals(0, producer.awaitExit(WAIT), producer.report());
            assertTrue(producer.stdoutLines().toString().contains("the consumer left"), producer.report());
        }
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void badChannelsAreReportedWithTheString()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, Producer.run(new String[]{ "--channel", "orders" }, out, errors));
        assertEquals(2, Consumer.run(new String[]{ "--channel", "shm:x", "--name", "y" }, out, errors));
        assertEquals(1, Consumer.run(new String[]{ "--channel", "aeron:udp?endpoint=nowhere" }, out, errors));
        final String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Producer: malformed channel \"orders\": it has no scheme"), text);
        assertTrue(text.contains("Consumer: give --channel, or --name and --capacity for a ring, not both"), text);
        assertTrue(text.contains("Consumer: channel \"aeron:udp?endpoint=nowhere\": parameter endpoint=nowhere is " +
            "not HOST:PORT"), text);
    }

    /**
     * The channel arguments of a test: the ring by name (the default shm: channel), or Aeron UDP on a free loopback
     * port with its drivers in a directory of the test's own and a short liveness time-out, so that a consumer's
     * Ctrl-C is noticed within 2 s.
     */
    private String[] channel(final String scheme, final String name) throws IOException
    {
        if ("shm".equals(scheme))
        {
            return new String[]{ "--name", name };
        }
        final Path dir = Files.createDirectory(Paths.get(Files.isDirectory(Paths.get("/dev/shm")) ? "/dev/shm" :
            System.getProperty("java.io.tmpdir")).resolve(name + "-aeron"));
        driverDirectories.add(dir);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return new String[]{ "--channel", "aeron:udp?endpoint=127.0.0.1:" + socket.getLocalPort() + "|dir=" +
                dir + "|liveness-timeout=2s" };
        }
    }

    private static String[] with(final String[] channel, final String... args)
    {
        final String[] all = new String[channel.length + args.length];
        System.arraycopy(channel, 0, all, 0, channel.length);
        System.arraycopy(args, 0, all, channel.length, args.length);
        return all;
    }

    private static void interrupt(final long pid) throws Exception
    {
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
    }
}
