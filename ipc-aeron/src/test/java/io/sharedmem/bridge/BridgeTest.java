/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bridge;

import io.sharedmem.SharedBlock;
import io.sharedmem.aeron.AeronTests;
import io.sharedmem.channel.Channels;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge: a producer and a consumer that know nothing of each other's host, joined by two bridges, every message
 * checked; its command line; a message that does not fit.
 */
class BridgeTest
{
    private static final Duration WAIT = Duration.ofMinutes(5);

    @RegisterExtension
    final AeronTests aeron = new AeronTests();

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void producerRingBridgeUdpBridgeRingConsumerDeliversEveryMessage() throws Exception
    {
        final long count = 200_000;
        final String ringA = blocks.newName("bridge-a");
        final String ringB = blocks.newName("bridge-b");
        final String from = "shm:" + ringA + "?capacity=1m";
        final String to = "shm:" + ringB + "?capacity=1m";
        final Path drivers = aeron.driverDirectory();
        final String udp = AeronTests.loopbackChannel(drivers);
        try (ChildJvm consumer = AeronTests.start("consume", "channel=" + to);
            ChildJvm receiving = ChildJvm.start(Bridge.class, udp, to, "--stats", "1");
            ChildJvm sending = ChildJvm.start(Bridge.class, from, udp, "--stats", "1");
            ChildJvm producer = AeronTests.start("produce", "channel=" + from, "run=1", "count=" + count))
        {
            assertEquals(0, producer.awaitExit(WAIT), producer.report());
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            AeronTests.assertComplete(ChannelChild.ConsumerLog.parse(consumer.stdoutLines()), 1, count, consumer);

            final long bytes = AeronTests.bytes(count) + 16;
            for (final ChildJvm bridge : List.of(sending, receiving))
            {
                bridge.awaitLineStartingWith("Bridge: forwarding", WAIT);
                AeronTests.interrupt(bridge.pid());
                assertEquals(130, bridge.awaitExit(WAIT), "ended by SIGINT" + bridge.report());
                final List<String> lines = bridge.stdoutLines();
                assertTrue(lines.get(lines.size() - 1).startsWith(String.format(
                    "Bridge: stopped (Ctrl-C); forwarded %,d messages (%,d bytes) in ", count + 1, bytes)),
                    bridge.report());
                assertTrue(lines.stream().anyMatch((line) -> line.startsWith("  to.") || line.startsWith("  from.")));
            }
            assertTrue(sending.stdoutLines().contains("  to.max_message: 2097152"), sending.report());
        }
        assertFalse(SharedBlock.exists(ringA), "the sending bridge was the last out of ring A");
        assertFalse(SharedBlock.exists(ringB), "the receiving bridge was the last out of ring B");
        assertEquals(List.of(), AeronTests.driverDirectoriesIn(drivers));
    }

    @Test
    void badArgumentsAreUsageErrors()
    {
        assertEquals(2, run(new StringBuilder(), "shm:a"));
        final StringBuilder err = new StringBuilder();
        assertEquals(2, run(err, "shm:a", "shm:b", "--stats", "-1"));
        assertTrue(err.toString().startsWith("Bridge: --stats must not be negative"), err.toString());
        assertEquals(2, run(new StringBuilder(), "shm:a", "shm:b", "shm:c"));
        assertEquals(2, run(new StringBuilder(), "--describe"));
    }

    @Test
    void aChannelThatCannotBeOpenedFailsWithItsName()
    {
        final StringBuilder err = new StringBuilder();
        assertEquals(1, run(err, "tcp:somewhere", "shm:" + blocks.newName("bridge")));
        assertTrue(err.toString().startsWith("Bridge: channel \"tcp:somewhere\": unknown scheme \"tcp:\""),
            err.toString());
    }

    @Test
    void describePrintsWhatAChannelResolvesToAndOpensNothing()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String ring = blocks.newName("bridge");
        assertEquals(0, Bridge.run(new String[]{ "--describe", "aeron:udp?endpoint=10.0.0.2:40123|mtu=8k",
            "shm:" + ring }, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("aeron_channel: aeron:udp?endpoint=10.0.0.2:40123|mtu=8192\n"), text);
        assertTrue(text.contains("term_length: 16777216 (Aeron's default)\n"), text);
        assertTrue(text.contains("driver_idle: backoff\n"), text);
        assertTrue(text.contains("kind: spsc-ring\n"), text);
        assertFalse(SharedBlock.exists(ring));
    }

    @Test
    void aMessageTooLargeForToStaysInFrom()
    {
        final String from = "shm:" + blocks.newName("bridge-a") + "?capacity=1m|keep=true";
        final String to = "shm:" + blocks.newName("bridge-b") + "?capacity=64k";
        try (MessageProducer producer = Channels.producer(from))
        {
            assertTrue(producer.offer(3, new UnsafeBuffer(new byte[16_384]), 0, 16_384));
        }
        final StringBuilder err = new StringBuilder();
        assertEquals(1, run(err, from, to, "--stats", "0"));
        assertTrue(err.toString().startsWith("Bridge: a message from FROM does not fit TO: message of 16384 bytes " +
            "does not fit ring"), err.toString());
        try (MessageConsumer consumer = Channels.consumer(from))
        {
            assertEquals(1, consumer.poll((type, buffer, index, length) -> assertEquals(16_384, length), 10));
        }
    }

    private static int run(final StringBuilder err, final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int code = Bridge.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        err.append(bytes.toString(StandardCharsets.UTF_8));
        return code;
    }
}
