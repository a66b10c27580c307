/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.CheckedMessages;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.agrona.IoUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the Aeron tests share: free UDP ports, and directories for embedded media drivers (in {@code /dev/shm}, where
 * Aeron's log buffers belong, unique per test, removed with everything in them after each test).
 * <p>
 * Register with {@code @RegisterExtension final AeronTests aeron = new AeronTests();}. Not thread-safe.
 */
public final class AeronTests implements AfterEachCallback
{
    /**
     * Whether the long trials run at full size ({@code mvn -Pfull}).
     */
    public static final boolean FULL = "full".equals(System.getProperty("sharedmem.test.scale"));

    /**
     * Message lengths of the cross-process tests: log-uniform from 20 bytes to 4 KiB (up to three frames at the
     * default MTU), and every 1000th message of 64 KiB (48 frames).
     */
    public static final List<String> LENGTHS = List.of("min=20", "max=4096", "large=65536", "seed=7");

    private final List<Path> directories = new ArrayList<>();

    /**
     * A UDP port that was free a moment ago on the loopback interface: bound by the kernel's choice, then released.
     *
     * @return the port.
     */
    public static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A new directory for embedded drivers ({@code dir=} of a channel), removed after the test.
     *
     * @return its path.
     */
    public Path driverDirectory()
    {
        final Path parent = Files.isDirectory(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") :
            Paths.get(System.getProperty("java.io.tmpdir"));
        final Path dir = parent.resolve(TestBlocks.PREFIX + "aeron-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
        try
        {
            Files.createDirectory(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        directories.add(dir);
        return dir;
    }

    /**
     * A loopback UDP channel with a free port and its own driver directory, plus extra parameters.
     *
     * @param extra parameters such as {@code "term-length=1m"}, without separators.
     * @return such as {@code aeron:udp?endpoint=127.0.0.1:40123|dir=/dev/shm/smtest-aeron-...}.
     */
    public String loopbackChannel(final String... extra)
    {
        return loopbackChannel(driverDirectory(), extra);
    }

    /**
     * A loopback UDP channel with a free port whose embedded drivers live in a given directory.
     *
     * @param driverDirectory the {@code dir=} of the channel.
     * @param extra           parameters such as {@code "term-length=1m"}, without separators.
     * @return the channel string.
     */
    public static String loopbackChannel(final Path driverDirectory, final String... extra)
    {
        final StringBuilder channel = new StringBuilder("aeron:udp?endpoint=127.0.0.1:").append(freeUdpPort())
            .append("|dir=").append(driverDirectory);
        for (final String param : extra)
        {
            channel.append('|').append(param);
        }
        return channel.toString();
    }

    /**
     * Embedded driver directories left in a parent directory.
     *
     * @param parent the parent.
     * @return their names.
     * @throws IOException if it cannot be listed.
     */
    public static List<String> driverDirectoriesIn(final Path parent) throws IOException
    {
        try (var stream = Files.list(parent))
        {
            return stream.map((path) -> path.getFileName().toString())
                .filter((name) -> name.startsWith(AeronOptions.EMBEDDED_DIR_PREFIX)).toList();
        }
    }

    /**
     * Sends Ctrl-C (SIGINT) to a process.
     *
     * @param pid the process.
     */
    public static void interrupt(final long pid)
    {
        Processes.run(Duration.ofSeconds(10), "kill", "-INT", Long.toString(pid));
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        for (final Path dir : directories)
        {
            IoUtil.delete(dir.toFile(), true);
        }
        directories.clear();
    }

    /**
     * Asserts that a consumer received one run completely: from its first message, with no gap, repeat or error.
     */
    public static void assertComplete(final ChannelChild.ConsumerLog log, final long run, final long count,
        final ChildJvm consumer)
    {
        assertNull(log.incomplete(run, count), consumer.report());
        assertEquals(Map.of(run, 0L), log.firstSeq, "only that run" + consumer.report());
        assertArrayEquals(new long[]{ count, bytes(count) }, log.consumed, consumer.report());
    }

    /**
     * The bytes of messages {@code 0 .. count-1} of {@link #LENGTHS}.
     */
    public static long bytes(final long count)
    {
        final CheckedMessages messages = new CheckedMessages(20, 4096, 65536, 7);
        long bytes = 0;
        for (long seq = 0; seq < count; seq++)
        {
            bytes += messages.length(seq);
        }
        return bytes;
    }

    /**
     * Starts a {@link ChannelChild} with the test's message lengths.
     */
    public static ChildJvm start(final String... args) throws Exception
    {
        final String[] all = new String[args.length + LENGTHS.size()];
        System.arraycopy(args, 0, all, 0, args.length);
        for (int i = 0; i < LENGTHS.size(); i++)
        {
            all[args.length + i] = LENGTHS.get(i);
        }
        return ChildJvm.start(ChannelChild.class, all);
    }
}
