/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer sleeping on its doorbell is woken by a producer in another process and misses nothing. The consumer
 * runs with a 10 s cap on each sleep, so it wakes promptly only if the producer really rings: a broken doorbell fails
 * the latency bound below by seconds. (What it costs and how fast it wakes is measured by {@link ManualWakeup}.)
 */
class DoorbellIdleStrategyTest
{
    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void sleepingConsumerIsWokenForEveryMessageAndRemovesItsSocketOnClose() throws Exception
    {
        final String name = blocks.newName("bell");
        final int count = 15;
        try (SpscRing ring = SpscRing.create(name, 4096);
            RingProducer producer = ring.producer();
            ChildJvm consumer = ChildJvm.start(List.of("-D" + DoorbellIdleStrategy.MAX_SLEEP_MS_PROP_NAME + "=10000"),
                RingChild.class, "bellconsume", "ring=" + name, "count=" + count))
        {
            final Path socket = Doorbell.pathFor(ring.block());
            consumer.awaitLineStartingWith("consuming", Duration.ofSeconds(60));
            final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
            for (int i = 0; i < count; i++)
            {
                // Long enough for the consumer to spin out and fall asleep on its doorbell.
                Thread.sleep(200);
                assertTrue(ring.snapshot().isConsumerSleeping(), "the consumer sleeps before message " + i);
                assertTrue(Files.exists(socket));
                message.putLong(0, System.nanoTime());
                assertTrue(producer.offer(1, message, 0, 8));
            }
            assertEquals(0, consumer.awaitExit(Duration.ofSeconds(60)), consumer.report());
            final List<Long> wakeUpsUs = new ArrayList<>();
            for (final String line : consumer.stdoutLines())
            {
                if (line.startsWith("woken "))
                {
                    wakeUpsUs.add(Long.parseLong(line.substring(6, line.indexOf(' ', 6))));
                }
            }
            assertEquals(count, wakeUpsUs.size(), consumer.report());
            Collections.sort(wakeUpsUs);
            // Rung: tens of microseconds, up to a few milliseconds on a loaded machine. Not rung: 10 s.
            assertTrue(wakeUpsUs.get(count / 2) < 100_000 && wakeUpsUs.get(count - 2) < 1_000_000,
                "woken after " + wakeUpsUs + " us: the doorbell did not ring" + consumer.report());
            assertFalse(Files.exists(socket), "closing the consumer removes the doorbell socket");
            assertFalse(ring.snapshot().isConsumerSleeping());
        }
    }
}
