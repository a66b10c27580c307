/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.sharedmem.SharedBlock;
import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.CheckedMessages;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVMs over {@code aeron:udp} on 127.0.0.1, and one application class ({@link ChannelChild}, written against the
 * channel interfaces only) run unchanged over {@code shm:} and {@code aeron:} channels. Every message carries its
 * producer's run id, a sequence number and a CRC32C checksum, and is checked whole; the consumer reports any gap,
 * repeat or reordering.
 */
class AeronCrossProcessTest
{
    static final boolean FULL = "full".equals(System.getProperty("sharedmem.test.scale"));

    /**
     * Lengths log-uniform from 20 bytes to 4 KiB (up to three frames at the default MTU), and every 1000th message of
     * 64 KiB (48 frames).
     */
    static final List<String> LENGTHS = List.of("min=20", "max=4096", "large=65536", "seed=7");

    @RegisterExtension
    final AeronTests aeron = new AeronTests();

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void millionsOfLogUniformMessagesArriveWholeInOrderAndOnce() throws Exception
    {
        final long count = FULL ? 10_000_000 : 1_000_000;
        final Duration wait = Duration.ofMinutes(FULL ? 40 : 8);
        final Path drivers = aeron.driverDirectory();
        final String channel = AeronTests.loopbackChannel(drivers);
        try (ChildJvm consumer = start("consume", "channel=" + channel, "progress=1000000");
            ChildJvm producer = start("produce", "channel=" + channel, "run=1", "count=" + count,
                "progress=1000000"))
        {
            consumer.awaitLineStartingWith("consuming", wait);
            assertEquals(0, producer.awaitExit(wait), producer.report());
            assertEquals(0, consumer.awaitExit(wait), consumer.report());
            assertComplete(ChannelChild.ConsumerLog.parse(consumer.stdoutLines()), 1, count, consumer);
        }
        assertEquals(List.of(), AeronTests.driverDirectoriesIn(drivers), "the embedded drivers removed their " +
            "directories");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "shm", "aeron" })
    void theSameApplicationRunsUnchangedOverEitherChannel(final String scheme) throws Exception
    {
        final long count = 200_000;
        final Duration wait = Duration.ofMinutes(5);
        final String name = blocks.newName("same");
        final String channel = "shm".equals(scheme) ? "shm:" + name + "?capacity=1m" : aeron.loopbackChannel();
        try (ChildJvm consumer = start("consume", "channel=" + channel, "runs=2");
            ChildJvm offering = start("produce", "channel=" + channel, "run=1", "count=" + count))
        {
            consumer.awaitLineStartingWith("consuming", wait);
            assertEquals(0, offering.awaitExit(wait), offering.report());
            try (ChildJvm claiming = start("produce", "channel=" + channel, "run=2", "count=" + count, "claim=true"))
            {
                assertEquals(0, claiming.awaitExit(wait), claiming.report());
            }
            assertEquals(0, consumer.awaitExit(wait), consumer.report());
            final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(consumer.stdoutLines());
            assertNull(log.error, consumer.report());
            assertEquals(Map.of(1L, 0L, 2L, 0L), log.firstSeq, consumer.report());
            assertTrue(log.gaps.isEmpty() && log.dups.isEmpty(), consumer.report());
            assertArrayEquals(new long[]{ count, count - 1 }, log.ends.get(1L), consumer.report());
            assertArrayEquals(new long[]{ count, count - 1 }, log.ends.get(2L), consumer.report());
            assertArrayEquals(new long[]{ 2 * count, 2 * bytes(count) }, log.consumed, consumer.report());
        }
        assertFalse(SharedBlock.exists(name));
    }

    /**
     * Asserts that a consumer received one run completely: from its first message, with no gap, repeat or error.
     */
    static void assertComplete(final ChannelChild.ConsumerLog log, final long run, final long count,
        final ChildJvm consumer)
    {
        assertNull(log.error, consumer.report());
        assertEquals(Map.of(run, 0L), log.firstSeq, consumer.report());
        assertTrue(log.gaps.isEmpty() && log.dups.isEmpty(), consumer.report());
        assertArrayEquals(new long[]{ count, count - 1 }, log.ends.get(run), consumer.report());
        assertArrayEquals(new long[]{ count, bytes(count) }, log.consumed, consumer.report());
    }

    /**
     * The bytes of messages {@code 0 .. count-1} of {@link #LENGTHS}.
     */
    static long bytes(final long count)
    {
        final CheckedMessages messages = new CheckedMessages(20, 4096, 65536, 7);
        long bytes = 0;
        for (long seq = 0; seq < count; seq++)
        {
            bytes += messages.length(seq);
        }
        return bytes;
    }

    /**
     * Starts a {@link ChannelChild} with the test's message lengths.
     */
    static ChildJvm start(final String... args) throws Exception
    {
        final String[] all = new String[args.length + LENGTHS.size()];
        System.arraycopy(args, 0, all, 0, args.length);
        for (int i = 0; i < LENGTHS.size(); i++)
        {
            all[args.length + i] = LENGTHS.get(i);
        }
        return ChildJvm.start(ChannelChild.class, all);
    }
}
