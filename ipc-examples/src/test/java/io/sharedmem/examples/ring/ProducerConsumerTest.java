/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.ring;

import io.sharedmem.SharedBlock;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Producer and Consumer examples as people run them: two JVMs, either first, Ctrl-C on either side.
 */
class ProducerConsumerTest
{
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void consumerFirstReceivesAndVerifiesEveryMessageAndTheRingIsRemoved() throws Exception
    {
        final String name = blocks.newName("demo");
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, "--name", name))
        {
            consumer.awaitLineStartingWith("Consumer: created", WAIT);
            try (ChildJvm producer = ChildJvm.start(Producer.class, "--name", name, "--count", "300000",
                "--size", "100"))
            {
                assertEquals(0, producer.awaitExit(WAIT), producer.report());
                assertTrue(producer.stdoutLines().toString().contains("attached to"), producer.report());
            }
            assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
            final String out = String.join("\n", consumer.stdoutLines());
            assertTrue(out.contains("the producer finished; every sequence number and checksum verified") &&
                out.contains("received 300,000 messages (30,000,000 bytes)") && out.contains("p99.9"), out);
        }
        assertFalse(SharedBlock.exists(name), "the last one out removes the ring");
    }

    @Test
    void producerFirstWaitsForTheConsumer() throws Exception
    {
        final String name = blocks.newName("demo");
        try (ChildJvm producer = ChildJvm.start(Producer.class, "--name", name, "--count", "1000"))
        {
            producer.awaitLineStartingWith("Producer: created", WAIT);
            try (ChildJvm consumer = ChildJvm.start(Consumer.class, "--name", name))
            {
                assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
                assertTrue(String.join("\n", consumer.stdoutLines()).contains("received 1,000 messages"),
                    consumer.report());
            }
            assertEquals(0, producer.awaitExit(WAIT), producer.report());
        }
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void ctrlCOnTheProducerEndsTheConsumerCleanly() throws Exception
    {
        final String name = blocks.newName("demo");
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, "--name", name);
            ChildJvm producer = ChildJvm.start(Producer.class, "--name", name, "--count", "0", "--rate", "20000"))
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

    @Test
    void ctrlCOnTheConsumerEndsTheProducerCleanly() throws Exception
    {
        final String name = blocks.newName("demo");
        try (ChildJvm consumer = ChildJvm.start(Consumer.class, "--name", name);
            ChildJvm producer = ChildJvm.start(Producer.class, "--name", name, "--count", "0", "--rate", "20000"))
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

    private static void interrupt(final long pid) throws Exception
    {
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
    }
}
