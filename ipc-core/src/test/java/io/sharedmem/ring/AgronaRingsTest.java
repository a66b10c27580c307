/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.RoleTakenException;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agrona's many-to-one and broadcast buffers over named blocks with this library's header, across processes.
 */
class AgronaRingsTest
{
    private static final Duration START = Duration.ofSeconds(60);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void twoProducerProcessesReachOneConsumerEachInOrder() throws Exception
    {
        final String name = blocks.newName("mpsc");
        final long count = 200_000;
        try (MpscRing ring = MpscRing.create(name, 4096);
            MpscRing.Consumer consumer = ring.consumer();
            ChildJvm a = ChildJvm.start(AgronaRingChild.class, "mpsc", name, "1", Long.toString(count));
            ChildJvm b = ChildJvm.start(AgronaRingChild.class, "mpsc", name, "2", Long.toString(count)))
        {
            assertEquals(BlockKind.MPSC, HeaderSnapshot.read(name, ring.block().path()).kind());
            final long[] next = new long[3];
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (next[1] + next[2] < 2 * count)
            {
                consumer.read((type, buffer, index, length) ->
                {
                    assertEquals(next[type], buffer.getLong(index), "producer " + type + " out of order");
                    next[type]++;
                }, 100);
                assertTrue(System.nanoTime() < deadline, "got " + next[1] + " + " + next[2] + a.report() + b.report());
            }
            assertEquals(0, a.awaitExit(START), a.report());
            assertEquals(0, b.awaitExit(START), b.report());
            assertEquals(RoleStatus.ALIVE, ring.consumerStatus());
            assertThrows(RoleTakenException.class, () -> MpscRing.attach(name).consumer());
        }
    }

    @Test
    void consumerUnblocksTheRingAfterAProducerDiedBetweenClaimAndCommit() throws Exception
    {
        final String name = blocks.newName("unblock");
        try (MpscRing ring = MpscRing.create(name, 4096);
            MpscRing.Consumer consumer = ring.consumer())
        {
            try (ChildJvm hung = ChildJvm.start(AgronaRingChild.class, "mpsc-hang", name))
            {
                hung.awaitLineStartingWith("claimed", START);
                hung.kill();
            }
            try (ChildJvm writer = ChildJvm.start(AgronaRingChild.class, "mpsc", name, "1", "50"))
            {
                assertEquals(0, writer.awaitExit(START), writer.report());
            }
            final long[] got = new long[1];
            assertEquals(0, consumer.read((t, b, i, l) -> got[0]++, 100), "blocked behind the dead claim");
            assertTrue(consumer.unblock());
            while (got[0] < 50)
            {
                consumer.read((t, b, i, l) ->
                {
                    assertEquals(1, t);
                    assertEquals(got[0], b.getLong(i));
                    got[0]++;
                }, 100);
            }
        }
    }

    @Test
    void slowReceiverIsLappedAndSaysSoButNeverSeesATornMessage() throws Exception
    {
        final String name = blocks.newName("bcast");
        final long count = 500_000;
        try (BroadcastRing ring = BroadcastRing.create(name, 1024))
        {
            final BroadcastRing.Receiver receiver = ring.receiver();
            final long[] last = { -1 };
            final long[] received = new long[1];
            try (ChildJvm transmitter = ChildJvm.start(AgronaRingChild.class, "broadcast", name, Long.toString(count)))
            {
                transmitter.awaitLineStartingWith("transmitting", START);
                assertThrows(RoleTakenException.class, ring::transmitter);
                while (transmitter.isAlive() || receiver.receive((t, b, i, l) -> { }) > 0)
                {
                    try
                    {
                        receiver.receive((type, buffer, index, length) ->
                        {
                            final long seq = buffer.getLong(index);
                            assertEquals(seq * 7, buffer.getLong(index + 8), "torn message " + seq);
                            assertTrue(seq > last[0], "went back from " + last[0] + " to " + seq);
                            last[0] = seq;
                            received[0]++;
                        });
                    }
                    catch (final IllegalStateException lappedWhileCopying)
                    {
                        // Agrona's copy receiver says so when lapped mid-copy; the next receive goes on.
                    }
                    Thread.onSpinWait();
                }
                assertEquals(0, transmitter.awaitExit(START), transmitter.report());
            }
            assertTrue(receiver.lappedCount() > 0, "a slow receiver of a 1 KiB ring is lapped");
            assertTrue(received[0] > 0 && received[0] < count, "lapped receivers lose messages, by design");
            System.out.println("broadcast: received " + received[0] + " of " + count + ", lapped " +
                receiver.lappedCount() + " times");
        }
    }
}
