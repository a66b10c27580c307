/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import io.sharedmem.SharedBlock;
import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The {@code shm:} channel between JVMs, through the channel interfaces only ({@link ChannelChild}).
 */
class ShmChannelCrossProcessTest
{
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void spscDeliversEveryMessageOfferedOrClaimedInOrder() throws Exception
    {
        final String name = blocks.newName("chan");
        final String channel = "shm:" + name + "?capacity=256k";
        final String lengths = "max=8192";
        try (ChildJvm consumer = ChildJvm.start(ChannelChild.class, "consume", "channel=" + channel, lengths,
            "runs=2");
            ChildJvm offering = ChildJvm.start(ChannelChild.class, "produce", "channel=" + channel, lengths,
                "run=1", "count=100000"))
        {
            assertEquals(0, offering.awaitExit(WAIT), offering.report());
            try (ChildJvm claiming = ChildJvm.start(ChannelChild.class, "produce", "channel=" + channel, lengths,
                "run=2", "count=100000", "claim=true"))
            {
                assertEquals(0, claiming.awaitExit(WAIT), claiming.report());
            }
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            assertBothComplete(consumer, 100_000);
        }
        assertFalse(SharedBlock.exists(name), "the last side out removed the ring");
    }

    @Test
    void mpscDeliversEveryMessageOfEachProducerInItsOrder() throws Exception
    {
        final String channel = "shm:" + blocks.newName("chan") + "?kind=mpsc|capacity=256k";
        try (ChildJvm consumer = ChildJvm.start(ChannelChild.class, "consume", "channel=" + channel, "runs=2");
            ChildJvm first = ChildJvm.start(ChannelChild.class, "produce", "channel=" + channel, "run=1",
                "count=100000");
            ChildJvm second = ChildJvm.start(ChannelChild.class, "produce", "channel=" + channel, "run=2",
                "count=100000", "claim=true"))
        {
            assertEquals(0, first.awaitExit(WAIT), first.report());
            assertEquals(0, second.awaitExit(WAIT), second.report());
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            assertBothComplete(consumer, 100_000);
        }
    }

    private static void assertBothComplete(final ChildJvm consumer, final long count)
    {
        final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(consumer.stdoutLines());
        assertNull(log.incomplete(1, count), consumer.report());
        assertNull(log.incomplete(2, count), consumer.report());
    }
}
