/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import io.sharedmem.SharedBlock;
import io.sharedmem.WrongKindException;
import io.sharedmem.channel.shm.MpscConsumer;
import io.sharedmem.channel.shm.MpscProducer;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entry point and the built-in {@code shm:} scheme, within one process (the cross-process behaviour is in
 * {@link ShmChannelCrossProcessTest}).
 */
class ChannelsTest
{
    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void unknownSchemeNamesTheStringAndTheSchemesThereAre()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Channels.producer("tcp://host:1234"));
        assertTrue(ex.getMessage().startsWith("channel \"tcp://host:1234\": unknown scheme \"tcp:\"; schemes here: " +
            "shm:NAME"), ex.getMessage());
        assertTrue(ex.getMessage().contains("aeron: needs the ipc-aeron module"), ex.getMessage());
    }

    @Test
    void aeronWithoutItsModuleSaysWhatToAdd()
    {
        // ipc-core's tests run without ipc-aeron on the class path.
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Channels.consumer("aeron:udp?endpoint=10.0.0.2:40123"));
        assertEquals("channel \"aeron:udp?endpoint=10.0.0.2:40123\": scheme \"aeron:\" needs the ipc-aeron module " +
            "(Maven io.sharedmem:ipc-aeron, or ipc-aeron/target/ipc-aeron.jar) and Aeron (io.aeron:aeron-driver) to " +
            "the class path", ex.getMessage());
    }

    @Test
    void malformedStringIsRefusedBeforeAnyLookUp()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Channels.producer("orders")).getMessage()
            .startsWith("malformed channel \"orders\": it has no scheme"));
    }

    @Test
    void shmParametersAreChecked()
    {
        final String name = blocks.newName("chan");
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> Channels.producer("shm:" + name + "?capacity=1000")).getMessage().contains(
            "ring capacity must be a power of two from 64 to 1073741824 bytes, was 1000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> Channels.producer("shm:" + name + "?kind=broadcast")).getMessage().contains(
            "parameter kind=broadcast is not spsc or mpsc"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> Channels.producer("shm:a/b")).getMessage().startsWith("channel \"shm:a/b\": the ring name is " +
            "invalid: block name \"a/b\" contains '/'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> Channels.producer("shm:" + name + "?size=1m")).getMessage().contains("unknown parameter \"size\""));
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void shmSpscCarriesTypedMessagesOfferedAndClaimed()
    {
        final String channel = "shm:" + blocks.newName("chan") + "?capacity=4k";
        try (MessageConsumer consumer = Channels.consumer(channel);
            MessageProducer producer = Channels.producer(channel))
        {
            assertEquals(512, producer.maxMsgLength());
            assertTrue(producer.isConnected() && consumer.isConnected());
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            buffer.putLong(0, 7);
            assertTrue(producer.offer(3, buffer, 0, 8));
            final int index = producer.tryClaim(4, 16);
            producer.buffer().putLong(index, 8);
            producer.commit(index);
            final List<String> got = new ArrayList<>();
            assertEquals(2, consumer.read((type, b, i, length) -> got.add(type + ":" + b.getLong(i) + ":" + length),
                10, consumer.idleStrategy(), Duration.ofSeconds(1)));
            assertEquals(List.of("3:7:8", "4:8:16"), got);
            assertEquals("spsc-ring", producer.settings().get("kind"));
            assertEquals("4096", consumer.settings().get("capacity"));
        }
    }

    @Test
    void ringProducerAndConsumerAreTheInterfaces() throws Exception
    {
        final String name = blocks.newName("chan");
        try (SpscRing ring = SpscRing.create(name, 4096))
        {
            final MessageProducer producer = ring.producer();
            final MessageConsumer consumer = ring.consumer();
            assertInstanceOf(RingProducer.class, producer);
            assertInstanceOf(RingConsumer.class, consumer);
            assertTrue(producer.offer(1, new UnsafeBuffer(new byte[8]), 0, 8));
            assertEquals(1, consumer.poll((type, b, i, length) -> { }, 10));
        }
    }

    @Test
    void lastSideOutRemovesTheRingUnlessKept()
    {
        final String name = blocks.newName("chan");
        try (MessageConsumer ignored = Channels.consumer("shm:" + name);
            MessageProducer producer = Channels.producer("shm:" + name))
        {
            assertTrue(producer.offer(1, new UnsafeBuffer(new byte[8]), 0, 8));
        }
        assertFalse(SharedBlock.exists(name), "the consumer closed last");

        final String kept = blocks.newName("chan");
        Channels.consumer("shm:" + kept + "?keep=true").close();
        assertTrue(SharedBlock.exists(kept));
    }

    @Test
    void producerWithoutAConsumerLeavesItsMessagesForOne()
    {
        final String name = blocks.newName("chan");
        try (MessageProducer producer = Channels.producer("shm:" + name))
        {
            assertFalse(producer.isConnected());
            assertTrue(producer.offer(1, new UnsafeBuffer(new byte[8]), 0, 8));
        }
        assertTrue(SharedBlock.exists(name), "a message waits for a consumer");
        try (MessageConsumer consumer = Channels.consumer("shm:" + name))
        {
            assertEquals(1, consumer.poll((type, b, i, length) -> { }, 10));
        }
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void shmMpscAdaptsAgronasRingWithControlledPolls()
    {
        final String channel = "shm:" + blocks.newName("chan") + "?kind=mpsc|capacity=4k";
        try (MessageConsumer consumer = Channels.consumer(channel);
            MessageProducer first = Channels.producer(channel);
            MessageProducer second = Channels.producer(channel))
        {
            assertInstanceOf(MpscConsumer.class, consumer);
            assertInstanceOf(MpscProducer.class, first);
            assertTrue(first.isConnected());
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
            assertTrue(first.offer(1, buffer, 0, 8));
            final int index = second.tryClaim(2, 8);
            second.buffer().putLong(index, 5);
            second.commit(index);
            final List<Integer> types = new ArrayList<>();
            assertEquals(0, consumer.controlledPoll((type, b, i, length) -> ControlledMessageHandler.Action.ABORT, 10));
            assertEquals(1, consumer.controlledPoll((type, b, i, length) ->
            {
                types.add(type);
                return ControlledMessageHandler.Action.BREAK;
            }, 10));
            assertEquals(1, consumer.read((type, b, i, length) -> types.add(type), 10, consumer.idleStrategy(),
                Duration.ofSeconds(1)));
            assertEquals(List.of(1, 2), types);
            assertEquals(0, consumer.read((type, b, i, length) -> { }, 10, consumer.idleStrategy(),
                Duration.ofMillis(50)));
        }
    }

    @Test
    void aRingOfTheOtherKindIsRefusedByName()
    {
        final String name = blocks.newName("chan");
        try (MessageConsumer ignored = Channels.consumer("shm:" + name + "?kind=mpsc"))
        {
            assertThrows(WrongKindException.class, () -> Channels.producer("shm:" + name));
        }
    }

    @Test
    void describeResolvesDefaultsWithoutOpening()
    {
        final String name = blocks.newName("chan");
        final var described = Channels.describe("shm:" + name + "?capacity=1m");
        assertEquals("shm:" + name + "?capacity=1m", described.get("channel"));
        assertEquals("spsc-ring", described.get("kind"));
        assertEquals("1048576", described.get("capacity_if_created"));
        assertFalse(SharedBlock.exists(name));
        assertTrue(Channels.schemes().get(0).startsWith("shm:NAME"));
    }
}
