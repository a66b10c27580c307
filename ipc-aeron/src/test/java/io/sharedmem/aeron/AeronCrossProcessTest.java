/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.sharedmem.SharedBlock;
import io.sharedmem.testing.ChannelChild;
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
    @RegisterExtension
    final AeronTests aeron = new AeronTests();

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void millionsOfLogUniformMessagesArriveWholeInOrderAndOnce() throws Exception
    {
        final long count = AeronTests.FULL ? 10_000_000 : 1_000_000;
        final Duration wait = Duration.ofMinutes(AeronTests.FULL ? 40 : 8);
        final Path drivers = aeron.driverDirectory();
        final String channel = AeronTests.loopbackChannel(drivers);
        try (ChildJvm consumer = AeronTests.start("consume", "channel=" + channel, "progress=1000000");
            ChildJvm producer = AeronTests.start("produce", "channel=" + channel, "run=1", "count=" + count,
                "progress=1000000"))
        {
            consumer.awaitLineStartingWith("consuming", wait);
            assertEquals(0, producer.awaitExit(wait), producer.report());
            assertEquals(0, consumer.awaitExit(wait), consumer.report());
            AeronTests.assertComplete(ChannelChild.ConsumerLog.parse(consumer.stdoutLines()), 1, count, consumer);
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
        try (ChildJvm consumer = AeronTests.start("consume", "channel=" + channel, "runs=2");
            ChildJvm offering = AeronTests.start("produce", "channel=" + channel, "run=1", "count=" + count))
        {
            consumer.awaitLineStartingWith("consuming", wait);
            assertEquals(0, offering.awaitExit(wait), offering.report());
            try (ChildJvm claiming = AeronTests.start("produce", "channel=" + channel, "run=2", "count=" + count, "claim=true"))
            {
                assertEquals(0, claiming.awaitExit(wait), claiming.report());
            }
            assertEquals(0, consumer.awaitExit(wait), consumer.report());
            final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(consumer.stdoutLines());
            assertNull(log.incomplete(1, count), consumer.report());
            assertNull(log.incomplete(2, count), consumer.report());
            assertArrayEquals(new long[]{ 2 * count, 2 * AeronTests.bytes(count) }, log.consumed, consumer.report());
        }
        assertFalse(SharedBlock.exists(name));
    }
}
