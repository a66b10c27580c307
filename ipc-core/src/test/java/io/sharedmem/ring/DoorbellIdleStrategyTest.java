/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer sleeping on its doorbell is woken by a producer in another process and misses nothing. (What it costs
 * and how fast it wakes is measured by {@link ManualWakeup}, not here.)
 */
class DoorbellIdleStrategyTest
{
    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void sleepingConsumerIsWokenForEveryMessageAndRemovesItsSocketOnClose() throws Exception
    {
        final String name = blocks.newName("bell");
        final int count = 40;
        final Path socket;
        try (SpscRing ring = SpscRing.create(name, 4096))
        {
            socket = Doorbell.pathFor(ring.block());
            try (RingConsumer consumer = ring.consumer();
                ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=" + count,
                    "max=512", "gapMs=30"))
            {
                final DoorbellIdleStrategy idle = consumer.doorbellIdleStrategy();
                final RingChild.Checker checker = new RingChild.Checker(new TestMessages(0, 512, 42), 0);
                while (checker.received < count)
                {
                    consumer.read(checker, 10, idle, Duration.ofSeconds(60));
                    assertNull(checker.error, checker.error);
                }
                assertEquals(0, producer.awaitExit(Duration.ofSeconds(60)), producer.report());
                assertTrue(idle.sleeps() >= count / 2, "slept " + idle.sleeps() + " times");
                assertTrue(Files.exists(socket));
            }
            assertFalse(Files.exists(socket), "closing the consumer removes the doorbell socket");
            assertEquals(0, ring.snapshot().isConsumerSleeping() ? 1 : 0);
        }
    }
}
