/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.ring.BroadcastRing;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingOptions;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ls}, {@code info} and {@code gc} on rings, each test in its own block directory ({@code demo}, which starts
 * the examples jar, is run from the built jars by {@link IpcJarIT}).
 */
class RingCommandsTest
{
    @TempDir
    Path dir;

    private CliRun ipc(final String... args)
    {
        final String[] withDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDir, 0, args.length);
        withDir[args.length] = "--dir";
        withDir[args.length + 1] = dir.toString();
        return CliRun.of(withDir);
    }

    private RingOptions options()
    {
        return SpscRing.options().directory(dir).capacity(4096);
    }

    @Test
    void lsNamesTheKindOfEachRing()
    {
        try (SpscRing spsc = options().create("a");
            MpscRing mpsc = options().createMpsc("b");
            BroadcastRing broadcast = options().createBroadcast("c"))
        {
            final CliRun run = ipc("ls");
            assertEquals(0, run.exitCode(), run.report());
            assertTrue(run.out().matches("(?s).*\\ba +\\d+ +[\\d.]+ KiB +spsc-ring .*"), run.out());
            assertTrue(run.out().matches("(?s).*\\bb +\\d+ +[\\d.]+ KiB +mpsc-ring .*"), run.out());
            assertTrue(run.out().matches("(?s).*\\bc +\\d+ +[\\d.]+ KiB +broadcast .*"), run.out());
        }
    }

    @Test
    void infoShowsCapacityPositionsRolesAndCountersOfARing()
    {
        final long pid = ProcessHandle.current().pid();
        try (SpscRing ring = options().create("orders"))
        {
            final UnsafeBuffer src = new UnsafeBuffer(new byte[100]);
            try (RingProducer producer = ring.producer())
            {
                for (int i = 0; i < 10; i++)
                {
                    producer.offer(1, src, 0, 100);
                }
            }
            try (RingConsumer consumer = ring.consumer())
            {
                consumer.poll((t, b, i, l) -> { }, 4);
                consumer.poll((t, b, i, l) -> { }, 0);     // commits the batch before it
                final CliRun run = ipc("info", "orders");
                assertEquals(0, run.exitCode(), run.report());
                final String out = run.out();
                assertTrue(out.contains("kind:        spsc-ring\n"), out);
                assertTrue(out.contains("ring:        spsc-ring, capacity 4096 bytes (4.0 KiB), largest message 512 " +
                    "bytes, layout 2\n"), out);
                assertTrue(out.contains("created:     ") && out.contains(" by pid " + pid + " (running)"), out);
                assertTrue(out.contains("positions:   head 448, tail ~1120 (published lazily); 672 bytes used " +
                    "(16.4 %)\n"), out);
                assertTrue(out.contains("producer:    none\n"), out);
                assertTrue(out.matches("(?s).*consumer:    pid " + pid + ", alive, heartbeat \\d+ ms ago, epoch 1\n.*"),
                    out);
            }
            // Counters are published lazily, and on close.
            final CliRun run = ipc("info", "orders");
            assertTrue(run.out().contains("counters:    produced 10 messages (1000 bytes), consumed 4 messages (400 " +
                "bytes), 0 full-ring stalls, 0 takeovers\n"), run.out());
        }
    }

    @Test
    void infoJsonIsOneObjectPerSnapshotAndWatchAddsRates()
    {
        try (SpscRing ring = options().create("orders");
            RingConsumer ignored = ring.consumer())
        {
            final CliRun run = ipc("info", "orders", "--json", "--watch", "0.05", "--times", "2");
            assertEquals(0, run.exitCode(), run.report());
            final String[] lines = run.out().split("\n");
            assertEquals(2, lines.length, run.out());
            assertTrue(lines[0].startsWith("{\"name\":\"orders\",") && lines[0].endsWith("}"), lines[0]);
            assertTrue(lines[0].contains("\"kind\":\"spsc-ring\"") && lines[0].contains("\"capacity\":4096") &&
                lines[0].contains("\"producer\":{\"status\":\"free\",\"pid\":null") &&
                lines[0].contains("\"consumer\":{\"status\":\"alive\",\"pid\":" + ProcessHandle.current().pid()),
                lines[0]);
            assertFalse(lines[0].contains("PerSecond"));
            assertTrue(lines[1].contains("\"consumedMessagesPerSecond\":0"), lines[1]);

            final CliRun text = ipc("info", "orders", "--watch", "0.05", "--times", "2");
            assertEquals(0, text.exitCode(), text.report());
            assertTrue(text.out().contains("rates:       0 messages/s consumed, 0 bytes/s written"), text.out());
        }
    }

    @Test
    void infoOfAnMpscRingShowsAgronasPositions()
    {
        try (MpscRing ring = options().createMpsc("requests"))
        {
            ring.ringBuffer().write(1, new UnsafeBuffer(new byte[8]), 0, 8);
            final CliRun run = ipc("info", "requests");
            assertEquals(0, run.exitCode(), run.report());
            assertTrue(run.out().contains("positions:   head 0, tail 16; 16 bytes used"), run.out());
            assertTrue(run.out().contains("producer:    any number, holding no role"), run.out());
        }
    }

    @Test
    void gcRemovesARingWhoseProcessesAreGoneAndKeepsALiveOne() throws Exception
    {
        try (SpscRing live = options().create("live");
            ChildJvm child = ChildJvm.start(RingHolder.class, dir.toString(), "dead"))
        {
            child.awaitLineStartingWith("holding", Duration.ofSeconds(60));
            child.kill();
            assertTrue(Files.exists(dir.resolve("dead")));

            final CliRun dry = ipc("gc", "--dry-run");
            assertTrue(dry.out().contains("Would remove dead (spsc-ring whose creator (pid " + child.pid() + ") and " +
                "role holders are gone and that no process maps"), dry.report());
            final CliRun run = ipc("gc");
            assertEquals(0, run.exitCode(), run.report());
            assertTrue(run.out().contains("Removed dead (spsc-ring"), run.report());
            assertTrue(run.out().contains("Kept ring live: its creator, pid " + ProcessHandle.current().pid() +
                ", is running."), run.report());
            assertFalse(Files.exists(dir.resolve("dead")));
            assertTrue(Files.exists(dir.resolve("live")));
        }
    }

    /**
     * Child: creates a ring in a directory, takes the producer role, and waits to be killed.
     */
    public static final class RingHolder
    {
        /**
         * Entry point.
         *
         * @param args directory and ring name.
         * @throws InterruptedException never.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final SpscRing ring = SpscRing.options().directory(Path.of(args[0])).capacity(4096).create(args[1]);
            ring.producer();
            System.out.println("holding");
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
