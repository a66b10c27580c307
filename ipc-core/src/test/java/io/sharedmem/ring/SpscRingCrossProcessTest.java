/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.PeerDeadException;
import io.sharedmem.RoleTakenException;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producer and consumer in different JVMs: delivery, roles, liveness.
 */
class SpscRingCrossProcessTest
{
    static final boolean FULL = "full".equals(System.getProperty("sharedmem.test.scale"));

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void positionsWrapAt48BitsWithNothingLostOrTorn() throws Exception
    {
        final String name = blocks.newName("wrap48");
        final int capacity = 4096;
        try (SpscRing ring = SpscRing.create(name, capacity))
        {
            // A ring that has carried nearly 256 TiB: positions just below 2^48, before anyone takes a role.
            final long start = HeaderDescriptor.POSITION_MASK + 1 - 64 * capacity;
            ring.header().putLongRelease(HeaderDescriptor.HEAD_OFFSET, HeaderDescriptor.headWord(0, start));
            try (RingConsumer consumer = ring.consumer();
                ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=100000",
                    "max=" + capacity / 8))
            {
                final RingChild.Checker checker = new RingChild.Checker(new TestMessages(0, capacity / 8, 42), 0);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (checker.received < 100_000)
                {
                    consumer.poll(checker, 64);
                    assertNull(checker.error, checker.error);
                    assertTrue(System.nanoTime() - deadline < 0, "stalled at " + checker.received + producer.report());
                }
                assertEquals(0, producer.awaitExit(Duration.ofSeconds(60)), producer.report());
                final long head = ring.snapshot().head();
                assertTrue(head < start && head > 0, "the head wrapped past 2^48 to " + head);
            }
        }
    }

    @Test
    void deliversEveryMessageOnceInOrderWithLogUniformLengthsAcrossManyWraps() throws Exception
    {
        final long count = FULL ? 50_000_000L : 5_000_000L;
        final String name = blocks.newName("many");
        try (SpscRing ring = SpscRing.create(name, 4096);
            RingConsumer consumer = ring.consumer();
            ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "from=0",
                "count=" + count, "min=1", "max=" + ring.maxMsgLength()))
        {
            final RingChild.Checker checker = new RingChild.Checker(new TestMessages(1, ring.maxMsgLength(), 42), 0);
            final long start = System.nanoTime();
            final long deadline = start + TimeUnit.SECONDS.toNanos(FULL ? 60 : 120);
            final BusySpinIdleStrategy idle = new BusySpinIdleStrategy();
            while (checker.received < count && null == checker.error)
            {
                consumer.read(checker, 256, idle, Duration.ofSeconds(30));
                assertTrue(System.nanoTime() - deadline < 0, "only " + checker.received + " of " + count +
                    " messages in time" + producer.report());
            }
            assertNull(checker.error, checker.error);
            assertEquals(0, producer.awaitExit(Duration.ofSeconds(60)), producer.report());
            assertEquals(0, consumer.poll(checker, 10), "nothing after the last message");
            assertEquals(count, checker.received);
            assertTrue(consumer.position() > 1000L * ring.capacity(), "many wraps");
            System.out.printf("delivered %,d messages in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        }
    }

    @Test
    void secondLiveProducerIsRefusedNamingTheHolderPid() throws Exception
    {
        final String name = blocks.newName("second");
        try (SpscRing ring = SpscRing.create(name, 4096);
            ChildJvm holder = ChildJvm.start(RingChild.class, "hold", "ring=" + name, "role=producer"))
        {
            holder.awaitLineStartingWith("holding", Duration.ofSeconds(60));
            final RoleTakenException ex = assertThrows(RoleTakenException.class, ring::producer);
            assertTrue(ex.getMessage().contains("pid " + holder.pid()) && ex.getMessage().contains("alive"),
                ex.getMessage());
            assertTrue(ring.isProducerAlive());
        }
    }

    @Test
    void staleButAliveProducerIsTakenOverOnlyWithForceAndTheOldOneIsFenced() throws Exception
    {
        final String name = blocks.newName("stale");
        try (SpscRing ring = SpscRing.options().capacity(4096).livenessTimeout(Duration.ofMillis(800)).create(name);
            ChildJvm old = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=-1", "max=512"))
        {
            old.awaitLineStartingWith("producing", Duration.ofSeconds(60));
            signal("STOP", old.pid());
            try
            {
                awaitStatus(ring, RoleStatus.STALE);
                assertFalse(ring.isProducerAlive());
                final RoleTakenException ex = assertThrows(RoleTakenException.class, ring::producer);
                assertTrue(ex.getMessage().contains("pid " + old.pid()) && ex.getMessage().contains("force"),
                    ex.getMessage());

                try (RingProducer forced = ring.producer(true))
                {
                    assertTrue(forced.tookOver());
                    assertEquals(old.pid(), forced.previousHolderPid());
                    signal("CONT", old.pid());
                    assertEquals(RingChild.FENCED_STATUS, old.awaitExit(Duration.ofSeconds(60)), old.report());
                    assertTrue(old.stdoutLines().toString().contains("taken over by pid " +
                        ProcessHandle.current().pid()), old.report());
                    assertTrue(forced.isOwner());
                }
            }
            finally
            {
                signal("CONT", old.pid());
            }
        }
    }

    @Test
    void producerBlockedOnFullRingGetsPeerDeadWhenTheConsumerDies() throws Exception
    {
        final String name = blocks.newName("deadc");
        try (SpscRing ring = SpscRing.create(name, 4096);
            RingProducer producer = ring.producer();
            ChildJvm consumer = ChildJvm.start(RingChild.class, "hold", "ring=" + name, "role=consumer"))
        {
            consumer.awaitLineStartingWith("holding", Duration.ofSeconds(60));
            consumer.kill();
            final UnsafeBuffer src = new UnsafeBuffer(new byte[512]);
            final long start = System.nanoTime();
            final PeerDeadException ex = assertThrows(PeerDeadException.class, () ->
            {
                while (true)
                {
                    producer.write(1, src, 0, 512, new SleepingMillisIdleStrategy(1), Duration.ofSeconds(60));
                }
            });
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60));
            assertTrue(ex.getMessage().contains("pid " + consumer.pid()) && ex.getMessage().contains("dead"),
                ex.getMessage());
        }
    }

    @Test
    void consumerWaitingOnEmptyRingGetsPeerDeadWhenTheProducerDies() throws Exception
    {
        final String name = blocks.newName("deadp");
        try (SpscRing ring = SpscRing.create(name, 4096);
            RingConsumer consumer = ring.consumer();
            ChildJvm producer = ChildJvm.start(RingChild.class, "produce", "ring=" + name, "count=1000", "max=512"))
        {
            producer.awaitLineStartingWith("producing", Duration.ofSeconds(60));
            final RingChild.Checker checker = new RingChild.Checker(new TestMessages(0, 512, 42), 0);
            while (checker.received < 3)
            {
                consumer.poll(checker, 1);
            }
            producer.kill();
            final long start = System.nanoTime();
            assertThrows(PeerDeadException.class, () ->
            {
                while (true)
                {
                    consumer.read(checker, 100, new SleepingMillisIdleStrategy(1), Duration.ofSeconds(60));
                }
            });
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60));
            assertNull(checker.error);
            assertEquals(RoleStatus.DEAD, ring.producerStatus());
        }
    }

    static void awaitStatus(final SpscRing ring, final RoleStatus status) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ring.producerStatus() != status)
        {
            assertTrue(System.nanoTime() < deadline, "producer never became " + status);
            Thread.sleep(20);
        }
    }

    static void signal(final String signal, final long pid) throws Exception
    {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    }
}
