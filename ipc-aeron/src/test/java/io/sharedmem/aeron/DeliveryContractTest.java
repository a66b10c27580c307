/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.sharedmem.bridge.Bridge;
import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery contract over {@code aeron:udp} that the README states ("Across hosts"), one test per claim about a
 * side killed ({@code kill -9}) and restarted: the consumer, the producer, each bridge. Liveness time-out 2 s.
 */
class DeliveryContractTest
{
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final long RECEIVER_WINDOW = 128 * 1024;
    private static final long LARGEST = 65536;

    @RegisterExtension
    final AeronTests aeron = new AeronTests();

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    /**
     * README: a restarted consumer receives the stream from where the producer is when it connects, with no gap from
     * then on and nothing sent before replayed; meanwhile the producer's write reported the consumer gone once and
     * waited; lost is at most what the dead consumer had received but not handled (the receiver window).
     */
    @Test
    void aRestartedConsumerReceivesTheStreamFromWhereItJoinedWithoutGapsOrReplays() throws Exception
    {
        final long count = 60_000;
        final String channel = aeron.loopbackChannel("liveness-timeout=2s");
        try (ChildJvm first = AeronTests.start("consume", "channel=" + channel, "progress=10");
            ChildJvm producer = AeronTests.start("produce", "channel=" + channel, "run=1", "count=" + count,
                "rate=10000", "progress=0"))
        {
            awaitAt(first, 4999);
            first.kill();
            final long lastSeen = ChannelChild.ConsumerLog.parse(first.stdoutLines()).lastAt[1];
            final String gone = producer.awaitLineStartingWith("peer-dead 1 ", WAIT);
            final long blockedAt = Long.parseLong(gone.substring("peer-dead 1 ".length()));
            try (ChildJvm second = AeronTests.start("consume", "channel=" + channel))
            {
                assertEquals(0, producer.awaitExit(WAIT), producer.report());
                assertEquals(0, second.awaitExit(WAIT), second.report());
                final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(second.stdoutLines());
                assertNull(log.error, second.report());
                final long joinedAt = log.firstSeq.get(1L);
                assertTrue(joinedAt > lastSeen, "nothing the first consumer received is replayed: joined at " +
                    joinedAt + ", the first had " + lastSeen);
                assertTrue(joinedAt <= blockedAt, "everything offered after the restart arrives: joined at " +
                    joinedAt + ", the producer waited at " + blockedAt);
                assertTrue(log.gaps.isEmpty() && log.dups.isEmpty(), second.report());
                assertArrayEquals(new long[]{ count, count - 1 }, log.ends.get(1L), second.report());
                // The first consumer reported every 10th message: up to 9 more may have been handled unreported.
                final long lost = AeronTests.bytes(joinedAt) - AeronTests.bytes(lastSeen + 1);
                assertTrue(lost <= RECEIVER_WINDOW + 9 * 4096 + LARGEST, "lost " + lost + " bytes");
                assertEquals(1, producer.stdoutLines().stream().filter((line) -> line.startsWith("peer-dead"))
                    .count(), producer.report());
            }
        }
    }

    /**
     * README: when the producer dies, the consumer keeps what arrived (an unbroken prefix of its stream), then read
     * throws PeerDeadException once the liveness time-out passes; a restarted producer is a new stream, received from
     * its first message.
     */
    @Test
    void aDeadProducerIsReportedAfterWhatArrivedAndItsSuccessorIsReceivedWhole() throws Exception
    {
        final long count = 20_000;
        final String channel = aeron.loopbackChannel("liveness-timeout=2s");
        try (ChildJvm consumer = AeronTests.start("consume", "channel=" + channel, "progress=1000");
            ChildJvm first = AeronTests.start("produce", "channel=" + channel, "run=1", "count=1000000",
                "rate=10000"))
        {
            awaitAt(consumer, 4999);
            first.kill();
            consumer.awaitLineStartingWith("peer-dead", WAIT);
            try (ChildJvm second = AeronTests.start("produce", "channel=" + channel, "run=2", "count=" + count))
            {
                assertEquals(0, second.awaitExit(WAIT), second.report());
                assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            }
            final List<String> lines = consumer.stdoutLines();
            final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(lines);
            assertNull(log.error, consumer.report());
            assertEquals(List.of(1L, 2L), List.copyOf(log.firstSeq.keySet()), consumer.report());
            assertEquals(0L, log.firstSeq.get(1L));
            assertEquals(0L, log.firstSeq.get(2L));
            assertTrue(log.gaps.isEmpty() && log.dups.isEmpty(), "run 1 arrived as an unbroken prefix" +
                consumer.report());
            assertEquals(1, log.peerDeads, consumer.report());
            assertTrue(lines.indexOf("peer-dead") < lines.indexOf("newrun 2 0"), consumer.report());
            assertFalse(log.ends.containsKey(1L));
            assertArrayEquals(new long[]{ count, count - 1 }, log.ends.get(2L), consumer.report());
        }
    }

    /**
     * README: a bridge killed at any moment and restarted loses at most the messages it had in flight (no more than
     * the publication window, half the term length, plus the receiver window, 128 KiB) and forwards at most the one
     * message in hand twice; everything else arrives, in order. Kills the sending bridge, then the receiving one.
     */
    @Test
    void restartedBridgesLoseAtMostWhatWasInFlightAndRepeatAtMostOneMessage() throws Exception
    {
        final long count = 100_000;
        final String from = "shm:" + blocks.newName("contract-a") + "?capacity=1m";
        final String to = "shm:" + blocks.newName("contract-b") + "?capacity=1m";
        final String udp = aeron.loopbackChannel("liveness-timeout=2s", "term-length=1m");
        final long publicationWindow = 512 * 1024;
        ChildJvm sending = null;
        ChildJvm receiving = null;
        try (ChildJvm consumer = AeronTests.start("consume", "channel=" + to, "progress=1000");
            ChildJvm producer = AeronTests.start("produce", "channel=" + from, "run=1", "count=" + count,
                "rate=5000"))
        {
            receiving = ChildJvm.start(Bridge.class, udp, to, "--stats", "0");
            sending = ChildJvm.start(Bridge.class, from, udp, "--stats", "0");

            awaitAt(consumer, 9999);
            sending.kill();
            sending.close();
            sending = ChildJvm.start(Bridge.class, from, udp, "--stats", "0");

            awaitAt(consumer, 39999);
            receiving.kill();
            receiving.close();
            receiving = ChildJvm.start(Bridge.class, udp, to, "--stats", "0");

            assertEquals(0, producer.awaitExit(WAIT), producer.report());
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(consumer.stdoutLines());
            assertNull(log.error, "intact and in order" + consumer.report());
            assertEquals(0L, log.firstSeq.get(1L));
            assertTrue(log.dups.size() <= 1, "at most the message in hand of the killed sending bridge twice" +
                consumer.report());
            assertTrue(log.gaps.size() <= 2, "at most one loss per kill" + consumer.report());
            for (final long[] gap : log.gaps)
            {
                // The sending bridge was killed near message 10,000, the receiving one near 40,000.
                final long bound = gap[1] < 39_999 ? publicationWindow + RECEIVER_WINDOW : RECEIVER_WINDOW;
                final long lost = AeronTests.bytes(gap[2]) - AeronTests.bytes(gap[1]);
                assertTrue(lost <= bound + LARGEST, "lost " + lost + " bytes, more than the windows allow: " +
                    consumer.report());
            }
            final long[] end = log.ends.get(1L);
            assertNotNull(end, consumer.report());
            assertEquals(count - 1, end[1], "everything after the restarts arrived" + consumer.report());
        }
        finally
        {
            for (final ChildJvm bridge : new ChildJvm[]{ sending, receiving })
            {
                if (null != bridge)
                {
                    bridge.close();
                }
            }
        }
    }

    /**
     * Waits until a consuming child reports having received run 1 up to a sequence number (it reports every 1000
     * messages, so after a gap the numbers it prints are not round).
     */
    private static void awaitAt(final ChildJvm consumer, final long seq) throws InterruptedException
    {
        consumer.awaitLine((line) -> line.startsWith("at 1 ") && Long.parseLong(line.substring(5)) >= seq, WAIT);
    }
}
