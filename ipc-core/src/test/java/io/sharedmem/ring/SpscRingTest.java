/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.NotFormattedException;
import io.sharedmem.RoleTakenException;
import io.sharedmem.SharedBlock;
import io.sharedmem.WrongKindException;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.ProcessIdentity;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.ControlledMessageHandler.Action;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour of one ring within one process (the cross-process claims are in {@code SpscRingCrossProcessTest} and
 * {@code SpscRingCrashTest}).
 */
class SpscRingTest
{
    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void offerAndPollDeliverEveryMessageInOrderAcrossManyWraps()
    {
        try (SpscRing ring = SpscRing.create(blocks.newName("wrap"), 4096);
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            assertEquals(512, ring.maxMsgLength());
            final TestMessages messages = new TestMessages(0, ring.maxMsgLength(), 7);
            final RingChild.Checker checker = new RingChild.Checker(messages, 0);
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
            final SplittableRandom random = new SplittableRandom(1);
            long seq = 0;
            while (seq < 200_000)
            {
                final int length = messages.length(seq);
                TestMessages.fill(scratch, 0, seq, length);
                if (producer.offer(TestMessages.typeId(seq), scratch, 0, length))
                {
                    seq++;
                }
                else
                {
                    consumer.poll(checker, 1 + random.nextInt(50));
                }
            }
            while (consumer.poll(checker, 100) > 0)
            {
                assertNull(checker.error);
            }
            assertNull(checker.error);
            assertEquals(200_000, checker.received);
            assertTrue(producer.position() > 100L * ring.capacity(), "wrapped many times");
            assertEquals(producer.position(), consumer.position());
        }
    }

    @Test
    void claimedMessageIsVisibleOnlyAfterCommitAndAbortedOneIsSkipped()
    {
        try (SpscRing ring = SpscRing.create(blocks.newName("claim"), 1024);
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            final List<String> got = new ArrayList<>();
            int index = producer.tryClaim(5, 3);
            producer.buffer().putStringWithoutLengthAscii(index, "abc");
            assertFalse(consumer.hasMessage());
            assertEquals(0, consumer.poll((t, b, i, l) -> got.add(t + ":" + b.getStringWithoutLengthAscii(i, l)), 10));
            producer.commit(index);

            index = producer.tryClaim(6, 100);
            producer.buffer().setMemory(index, 100, (byte)7);
            assertThrows(IllegalStateException.class, () -> producer.tryClaim(6, 1));
            producer.abort(index);
            assertThrows(IllegalArgumentException.class, () -> producer.commit(8));

            final UnsafeBuffer src = new UnsafeBuffer("xyz".getBytes());
            assertTrue(producer.offer(7, src, 0, 3));
            assertEquals(2, consumer.poll((t, b, i, l) -> got.add(t + ":" + b.getStringWithoutLengthAscii(i, l)), 10));
            assertEquals(List.of("5:abc", "7:xyz"), got);
        }
    }

    @Test
    void messageLongerThanMaximumIsRefusedNamingBothSizes()
    {
        try (SpscRing ring = SpscRing.create(blocks.newName("max"), 4096);
            RingProducer producer = ring.producer())
        {
            final UnsafeBuffer src = new UnsafeBuffer(new byte[1024]);
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> producer.offer(1, src, 0, 513));
            assertTrue(ex.getMessage().contains("513") && ex.getMessage().contains("512") &&
                ex.getMessage().contains(ring.name()), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> producer.tryClaim(1, 513));
            assertThrows(IllegalArgumentException.class, () -> producer.offer(0, src, 0, 1));
            assertTrue(producer.offer(1, src, 0, 512));
        }
    }

    @Test
    void fullRingRefusesOffersAndWriteTimesOutWithoutConsumer()
    {
        try (SpscRing ring = SpscRing.create(blocks.newName("full"), 1024);
            RingProducer producer = ring.producer())
        {
            final UnsafeBuffer src = new UnsafeBuffer(new byte[128]);
            int n = 0;
            while (producer.offer(1, src, 0, 120))
            {
                n++;
            }
            // The producer keeps the 8 bytes after its last record free (they read as "nothing yet").
            assertEquals((1024 - 8) / 128, n);
            assertFalse(producer.write(1, src, 0, 120, new org.agrona.concurrent.SleepingMillisIdleStrategy(1),
                Duration.ofMillis(50)));
            final HeaderSnapshot snapshot = ring.snapshot();
            assertTrue(snapshot.fullStalls() >= 1);
            assertEquals(7, snapshot.producedMessages());
            assertEquals(7 * 128, snapshot.usedBytes());
        }
    }

    @Test
    void controlledPollAbortsBreaksAndCommitsAsAsked()
    {
        try (SpscRing ring = SpscRing.create(blocks.newName("ctl"), 1024);
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            final UnsafeBuffer src = new UnsafeBuffer(new byte[8]);
            for (int i = 1; i <= 6; i++)
            {
                assertTrue(producer.offer(i, src, 0, 8));
            }
            final List<Integer> seen = new ArrayList<>();
            assertEquals(1, consumer.controlledPoll((t, b, i, l) ->
            {
                seen.add(t);
                return 2 == t ? Action.ABORT : Action.CONTINUE;
            }, 10));
            assertEquals(1, consumer.controlledPoll((t, b, i, l) ->
            {
                seen.add(t);
                return Action.BREAK;
            }, 10));
            assertEquals(4, consumer.controlledPoll((t, b, i, l) ->
            {
                seen.add(t);
                return Action.COMMIT;
            }, 10));
            assertEquals(List.of(1, 2, 2, 3, 4, 5, 6), seen);
            consumer.close();
            assertEquals(6, ring.snapshot().consumedMessages(), "published lazily, and on close");
        }
    }

    @Test
    void secondProducerInTheSameProcessIsRefusedNamingThePid()
    {
        final String name = blocks.newName("second");
        try (SpscRing ring = SpscRing.create(name, 1024);
            SpscRing other = SpscRing.attach(name);
            RingProducer ignored = ring.producer())
        {
            final RoleTakenException ex = assertThrows(RoleTakenException.class, other::producer);
            assertTrue(ex.getMessage().contains("pid " + ProcessIdentity.PID), ex.getMessage());
            assertEquals(RoleStatus.ALIVE, other.producerStatus());
            assertTrue(other.isProducerAlive());
            assertFalse(other.isConsumerAlive());
        }
    }

    @Test
    void closedRoleIsFreeForTheNextHolderWhoContinuesThePositions()
    {
        final String name = blocks.newName("reuse");
        try (SpscRing ring = SpscRing.create(name, 1024))
        {
            final UnsafeBuffer src = new UnsafeBuffer(new byte[8]);
            try (RingProducer producer = ring.producer())
            {
                assertTrue(producer.offer(1, src, 0, 8));
                final int claimed = producer.tryClaim(2, 8);
                assertTrue(claimed > 0);
            }
            assertEquals(RoleStatus.FREE, ring.producerStatus());
            try (RingProducer producer = ring.producer();
                RingConsumer consumer = ring.consumer())
            {
                assertFalse(producer.tookOver());
                assertTrue(producer.offer(3, src, 0, 8));
                final List<Integer> types = new ArrayList<>();
                consumer.poll((t, b, i, l) -> types.add(t), 10);
                assertEquals(List.of(1, 3), types, "the claim left open at close was aborted");
            }
        }
    }

    @Test
    void attachingToRawOrOtherKindsOfBlockFailsClearly()
    {
        final String raw = blocks.newName("raw");
        final String mpsc = blocks.newName("mpsc");
        try (SharedBlock block = SharedBlock.create(raw, 8192);
            MpscRing ignored = MpscRing.create(mpsc, 1024))
        {
            block.buffer().putLong(0, -1L);
            assertThrows(NotFormattedException.class, () -> SpscRing.attach(raw));
            final WrongKindException ex = assertThrows(WrongKindException.class, () -> SpscRing.attach(mpsc));
            assertTrue(ex.getMessage().contains("mpsc-ring"), ex.getMessage());
        }
    }

    @Test
    void preTouchedRingWorksLikeAnyOther()
    {
        try (SpscRing ring = SpscRing.options().capacity(1 << 20).preTouch(true).create(blocks.newName("touch"));
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            assertTrue(producer.offer(3, new UnsafeBuffer(new byte[64]), 0, 64));
            assertEquals(1, consumer.poll((t, b, i, l) -> assertEquals(3, t), 10));
        }
    }

    @Test
    void createOrAttachCreatesOnceAndKeepsTheCapacity()
    {
        final String name = blocks.newName("either");
        try (SpscRing first = SpscRing.createOrAttach(name, 2048);
            SpscRing second = SpscRing.createOrAttach(name, 4096))
        {
            assertTrue(first.isCreator());
            assertFalse(second.isCreator());
            assertEquals(2048, second.capacity());
            assertFalse(second.unlinkIfUnused() && SharedBlock.exists(name));
            assertFalse(SharedBlock.exists(name));
        }
    }
}
