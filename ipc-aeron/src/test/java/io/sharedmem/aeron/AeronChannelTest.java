/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.sharedmem.channel.ChannelException;
import io.sharedmem.channel.Channels;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.internal.ProcessIdentity;
import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ControlledMessageHandler.Action;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code aeron:} channel's API within one process (producer and consumer share the JVM's embedded driver, and
 * talk over real UDP on the loopback interface). Between processes: {@link AeronCrossProcessTest}.
 */
class AeronChannelTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final AeronTests aeron = new AeronTests();

    @Test
    void typesLengthsAndBytesArriveAsSentWhateverTheNumberOfFrames() throws Exception
    {
        final String channel = aeron.loopbackChannel("term-length=1m");
        try (MessageConsumer consumer = Channels.consumer(channel);
            MessageProducer producer = Channels.producer(channel))
        {
            assertInstanceOf(AeronProducer.class, producer);
            assertEquals(128 * 1024, producer.maxMsgLength());
            awaitTrue(producer::isConnected, "connected");
            final int[] lengths = { 0, 1, 100, 1376, 1377, 5000, 100_000, 128 * 1024 };
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128 * 1024]);
            for (int i = 0; i < lengths.length; i++)
            {
                fill(buffer, 0, i, lengths[i]);
                assertTrue(producer.write(100 + i, buffer, 0, lengths[i], new BackoffIdleStrategy(), WAIT));
            }
            final List<String> got = new ArrayList<>();
            while (got.size() < lengths.length)
            {
                consumer.read((type, b, index, length) ->
                {
                    final int i = type - 100;
                    got.add(type + ":" + length + ":" + (length == lengths[i] && isFilled(b, index, i, length)));
                }, 100, consumer.idleStrategy(), WAIT);
            }
            for (int i = 0; i < lengths.length; i++)
            {
                assertEquals((100 + i) + ":" + lengths[i] + ":true", got.get(i));
            }
        }
    }

    @Test
    void claimsAreInPlaceUpToOneFrameAndCopiedBeyond() throws Exception
    {
        final String channel = aeron.loopbackChannel("term-length=1m");
        try (MessageConsumer consumer = Channels.consumer(channel);
            MessageProducer producer = Channels.producer(channel))
        {
            awaitTrue(producer::isConnected, "connected");
            final int[] lengths = { 8, 1376, 1377, 60_000 };
            for (int i = 0; i < lengths.length; i++)
            {
                final int index = claim(producer, 1 + i, lengths[i]);
                assertEquals(lengths[i] <= 1376 ? 32 : 0, index, "frame claims point after Aeron's header");
                fill(producer.buffer(), index, i, lengths[i]);
                producer.commit(index);
                final int aborted = claim(producer, 50, lengths[i]);
                producer.buffer().putByte(aborted, (byte)1);
                producer.abort(aborted);
            }
            final List<String> got = new ArrayList<>();
            while (got.size() < lengths.length)
            {
                consumer.read((type, b, index, length) -> got.add(type + ":" + length + ":" +
                    isFilled(b, index, type - 1, length)), 100, consumer.idleStrategy(), WAIT);
            }
            assertEquals(List.of("1:8:true", "2:1376:true", "3:1377:true", "4:60000:true"), got);
            assertThrows(IllegalArgumentException.class, () -> producer.commit(32), "no claim outstanding");
            final int index = claim(producer, 1, 8);
            assertThrows(IllegalStateException.class, () -> producer.offer(1, new UnsafeBuffer(new byte[8]), 0, 8));
            assertThrows(IllegalArgumentException.class, () -> producer.commit(index + 8));
            producer.abort(index);
        }
    }

    @Test
    void limitsCountMessagesAndControlledPollsKeepWhatIsAborted() throws Exception
    {
        final String channel = aeron.loopbackChannel("term-length=1m");
        try (MessageConsumer consumer = Channels.consumer(channel);
            MessageProducer producer = Channels.producer(channel))
        {
            awaitTrue(producer::isConnected, "connected");
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[10_000]);
            for (int i = 0; i < 6; i++)
            {
                // Every other message takes several frames.
                assertTrue(producer.write(1 + i, buffer, 0, 0 == i % 2 ? 10_000 : 10, new BackoffIdleStrategy(),
                    WAIT));
            }
            final List<Integer> types = new ArrayList<>();
            awaitTrue(() -> consumer.poll((type, b, index, length) -> types.add(type), 1) == 1, "first message");
            assertEquals(0, consumer.controlledPoll((type, b, index, length) -> Action.ABORT, 10));
            pollUntil(1, 1, () -> consumer.controlledPoll((type, b, index, length) ->
            {
                types.add(type);
                return Action.BREAK;
            }, 10));
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (true)
            {
                try
                {
                    assertEquals(0, consumer.controlledPoll((type, b, index, length) ->
                    {
                        throw new IllegalStateException("handler failed");
                    }, 10));
                }
                catch (final IllegalStateException expected)
                {
                    break;
                }
                assertTrue(System.nanoTime() - deadline < 0, "third message within " + WAIT);
            }
            assertThrows(IllegalStateException.class, () -> consumer.controlledPoll((type, b, index, length) ->
            {
                throw new IllegalStateException("handler failed");
            }, 10), "the message a throwing controlled handler got is still there");
            assertThrows(IllegalStateException.class, () -> consumer.poll((type, b, index, length) ->
            {
                types.add(type);
                throw new IllegalStateException("handler failed");
            }, 10));
            pollUntil(3, 2, () -> consumer.poll((type, b, index, length) -> types.add(type), 2));
            assertEquals(List.of(1, 2, 3, 4, 5, 6), types, "a throw from controlledPoll keeps the message, " +
                "from poll consumes it");
        }
    }

    @Test
    void withoutAConsumerOfferRefusesAndWriteReturnsAtItsTimeOut() throws Exception
    {
        // A free port on this host (nobody listens), and an address of TEST-NET-1 that routes nowhere.
        for (final String endpoint : new String[]{ "127.0.0.1:" + AeronTests.freeUdpPort(), "192.0.2.1:40123" })
        {
            final String channel = "aeron:udp?endpoint=" + endpoint + "|dir=" + aeron.driverDirectory();
            try (MessageProducer producer = Channels.producer(channel))
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
                assertFalse(producer.isConnected());
                assertFalse(producer.offer(1, buffer, 0, 64));
                assertEquals(MessageProducer.INSUFFICIENT_CAPACITY, producer.tryClaim(1, 64));
                assertEquals(MessageProducer.INSUFFICIENT_CAPACITY, producer.tryClaim(1, 60_000));
                final long start = System.nanoTime();
                assertFalse(producer.write(1, buffer, 0, 64, new BackoffIdleStrategy(), Duration.ofMillis(500)));
                final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(tookMs >= 500 && tookMs < 20_000, "write returned after " + tookMs + " ms");
            }
        }
    }

    @Test
    void aConsumerThatCannotBindItsEndpointSaysWhy() throws Exception
    {
        final String notOurs = "aeron:udp?endpoint=192.0.2.1:40123|dir=" + aeron.driverDirectory();
        final ChannelException ex = assertThrows(ChannelException.class, () -> Channels.consumer(notOurs));
        assertTrue(ex.getMessage().startsWith("channel \"" + notOurs + "\": "), ex.getMessage());
        assertTrue(ex.getMessage().contains("192.0.2.1:40123"), ex.getMessage());

        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final String channel = "aeron:udp?endpoint=127.0.0.1:" + taken.getLocalPort() + "|dir=" +
                aeron.driverDirectory();
            final ChannelException inUse = assertThrows(ChannelException.class, () -> Channels.consumer(channel));
            assertTrue(inUse.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), inUse.getMessage());
        }
    }

    @Test
    void aDriverDirectoryThatIsNotWritableIsRefusedByName() throws Exception
    {
        final Path parent = aeron.driverDirectory();
        final Path file = Files.createFile(parent.resolve("a-file"));
        final String channel = "aeron:udp?endpoint=127.0.0.1:40123|dir=" + file;
        final ChannelException ex = assertThrows(ChannelException.class, () -> Channels.producer(channel));
        assertEquals("channel \"" + channel + "\": cannot start an embedded Aeron media driver in " + file + ": it " +
            "is not a directory; give a writable directory with dir=DIR (or -Dsharedmem.dir), or use a running " +
            "media driver with aeron.dir=DIR", ex.getMessage());

        Assumptions.assumeTrue(Processes.isRoot() && Processes.which("mount").isPresent(),
            "a read-only mount needs root");
        final Path readOnly = Files.createDirectory(parent.resolve("read-only"));
        final Processes.Result mount = Processes.run(WAIT, "mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs",
            readOnly.toString());
        Assumptions.assumeTrue(0 == mount.exitCode(), "cannot mount a read-only tmpfs: " + mount.report());
        try
        {
            final String onReadOnly = "aeron:udp?endpoint=127.0.0.1:40123|dir=" + readOnly;
            final ChannelException denied = assertThrows(ChannelException.class, () -> Channels.consumer(onReadOnly));
            assertTrue(denied.getMessage().startsWith("channel \"" + onReadOnly + "\": cannot start an embedded " +
                "Aeron media driver in " + readOnly), denied.getMessage());
            assertTrue(denied.getMessage().endsWith("give a writable directory with dir=DIR (or -Dsharedmem.dir), " +
                "or use a running media driver with aeron.dir=DIR"), denied.getMessage());
        }
        finally
        {
            Processes.run(WAIT, "umount", readOnly.toString());
        }
    }

    @Test
    void anExternalDriverIsUsedWhenNamedAndItsAbsenceIsExplained() throws Exception
    {
        final Path dir = aeron.driverDirectory().resolve("external");
        final String missing = "aeron:udp?endpoint=127.0.0.1:40123|aeron.dir=" + dir;
        assertTrue(assertThrows(ChannelException.class, () -> Channels.producer(missing)).getMessage().startsWith(
            "channel \"" + missing + "\": no Aeron media driver is running at aeron.dir=" + dir));

        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir.toString())
            .threadingMode(ThreadingMode.SHARED).dirDeleteOnShutdown(true).dirDeleteOnStart(true)))
        {
            assertEquals(dir.toString(), driver.aeronDirectoryName());
            // aeron:ipc through one driver, as processes of one host would use it.
            final String channel = "aeron:ipc?aeron.dir=" + dir;
            try (MessageConsumer consumer = Channels.consumer(channel);
                MessageProducer producer = Channels.producer(channel))
            {
                assertEquals("external", producer.settings().get("driver"));
                awaitTrue(producer::isConnected, "connected");
                assertTrue(producer.write(5, new UnsafeBuffer(new byte[8]), 0, 8, new BackoffIdleStrategy(), WAIT));
                final int[] type = new int[1];
                assertEquals(1, consumer.read((t, b, i, l) -> type[0] = t, 1, consumer.idleStrategy(), WAIT));
                assertEquals(5, type[0]);

                // A plain Aeron publisher on the same stream: its messages arrive with type id 0.
                try (Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.toString()));
                    Publication plain = client.addPublication("aeron:ipc", AeronOptions.STREAM_DEFAULT))
                {
                    awaitTrue(() -> plain.offer(new UnsafeBuffer(new byte[8])) > 0, "plain offer");
                    assertEquals(1, consumer.read((t, b, i, l) -> type[0] = t, 1, consumer.idleStrategy(), WAIT));
                    assertEquals(0, type[0]);
                }
            }
        }
    }

    @Test
    void theEmbeddedDriverLeavesNothingBehindAndRemovesDeadOnesDirectories() throws Exception
    {
        final Path parent = aeron.driverDirectory();
        final Path dead = Files.createDirectory(parent.resolve(AeronOptions.EMBEDDED_DIR_PREFIX + "1-dead"));
        Files.write(dead.resolve(AeronConnections.OWNER_FILE), (startedAndGonePid() + " 0 " +
            ProcessIdentity.BOOT_ID_HASH + " " + ProcessIdentity.PID_NAMESPACE).getBytes(StandardCharsets.US_ASCII));
        // A process in another pid namespace (another container) cannot be judged from here: its directory stays.
        final Path otherHost = Files.createDirectory(parent.resolve(AeronOptions.EMBEDDED_DIR_PREFIX + "2-other"));
        Files.write(otherHost.resolve(AeronConnections.OWNER_FILE), ("1 0 " + ProcessIdentity.BOOT_ID_HASH + " " +
            (ProcessIdentity.PID_NAMESPACE + 1)).getBytes(StandardCharsets.US_ASCII));
        // A process from before the machine restarted is dead.
        final Path otherBoot = Files.createDirectory(parent.resolve(AeronOptions.EMBEDDED_DIR_PREFIX + "3-boot"));
        Files.write(otherBoot.resolve(AeronConnections.OWNER_FILE), ("1 0 " + (ProcessIdentity.BOOT_ID_HASH + 1) + " " +
            ProcessIdentity.PID_NAMESPACE).getBytes(StandardCharsets.US_ASCII));

        final String channel = "aeron:udp?endpoint=127.0.0.1:" + AeronTests.freeUdpPort() + "|dir=" + parent;
        try (MessageConsumer consumer = Channels.consumer(channel);
            MessageProducer producer = Channels.producer(channel))
        {
            final List<String> live = AeronTests.driverDirectoriesIn(parent);
            assertEquals(List.of(AeronOptions.EMBEDDED_DIR_PREFIX + "2-other"), live.stream()
                .filter((name) -> !name.contains("-" + ProcessIdentity.PID + "-")).toList(),
                "the dead processes' directories are gone, another pid namespace's stays");
            assertEquals(1, live.size() - 1, "producer and consumer share one driver: " + live);
            assertEquals(consumer.settings().get("driver_dir"), producer.settings().get("driver_dir"));
        }
        assertEquals(List.of(AeronOptions.EMBEDDED_DIR_PREFIX + "2-other"), AeronTests.driverDirectoriesIn(parent));
    }

    @Test
    void aProducerThatClosesEndsItsStreamCleanly() throws Exception
    {
        final String channel = aeron.loopbackChannel("liveness-timeout=2s");
        try (MessageConsumer consumer = Channels.consumer(channel))
        {
            try (MessageProducer producer = Channels.producer(channel))
            {
                awaitTrue(producer::isConnected, "connected");
                assertTrue(producer.write(1, new UnsafeBuffer(new byte[8]), 0, 8, new BackoffIdleStrategy(), WAIT));
            }
            assertEquals(1, consumer.read((t, b, i, l) -> { }, 10, consumer.idleStrategy(), WAIT));
            awaitTrue(() -> !consumer.isConnected(), "producer gone");
            assertEquals(0, consumer.read((t, b, i, l) -> { }, 10, consumer.idleStrategy(), Duration.ofMillis(100)),
                "no PeerDeadException for a producer that closed");
            assertEquals("1", consumer.settings().get("producers_ended"));
            assertEquals("0", consumer.settings().get("producers_lost"));
        }
    }

    @Test
    void aProcessThatExitsWithoutClosingLeavesNoDriverDirectory() throws Exception
    {
        final Path parent = aeron.driverDirectory();
        final String channel = AeronTests.loopbackChannel(parent);
        try (ChildJvm consumer = ChildJvm.start(ChannelChild.class, "consume", "channel=" + channel))
        {
            consumer.awaitLineStartingWith("consuming", WAIT);
            assertEquals(1, AeronTests.driverDirectoriesIn(parent).size());
            // SIGTERM: the JVM exits through its shutdown hooks; the child never closes its channel.
            Processes.run(WAIT, "kill", "-TERM", Long.toString(consumer.pid()));
            consumer.awaitExit(WAIT);
        }
        assertEquals(List.of(), AeronTests.driverDirectoriesIn(parent));
    }

    private static long startedAndGonePid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor(10, TimeUnit.SECONDS);
        return process.pid();
    }

    private static int claim(final MessageProducer producer, final int type, final int length) throws Exception
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        int index;
        while ((index = producer.tryClaim(type, length)) < 0)
        {
            assertTrue(System.nanoTime() - deadline < 0, "claim within " + WAIT);
            Thread.sleep(1);
        }
        return index;
    }

    /**
     * Polls until {@code expected} messages came, each poll delivering at most {@code limit}.
     */
    private static void pollUntil(final int expected, final int limit, final IntSupplier poll)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        int total = 0;
        while (total < expected)
        {
            final int count = poll.getAsInt();
            assertTrue(count <= limit, "a poll with limit " + limit + " delivered " + count);
            total += count;
            assertTrue(System.nanoTime() - deadline < 0, expected + " messages within " + WAIT);
        }
        assertEquals(expected, total);
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what) throws Exception
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, what + " within " + WAIT);
            Thread.sleep(1);
        }
    }

    private static void fill(final org.agrona.MutableDirectBuffer buffer, final int index, final int seed,
        final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(index + i, (byte)(seed * 31 + i));
        }
    }

    private static boolean isFilled(final org.agrona.DirectBuffer buffer, final int index, final int seed,
        final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(index + i) != (byte)(seed * 31 + i))
            {
                return false;
            }
        }
        return true;
    }
}
