/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the Aeron tests share: free UDP ports, and directories for embedded media drivers (in {@code /dev/shm}, where
 * Aeron's log buffers belong, unique per test, removed with everything in them after each test).
 * <p>
 * Register with {@code @RegisterExtension final AeronTests aeron = new AeronTests();}. Not thread-safe.
 */
final class AeronTests implements AfterEachCallback
{
    private final List<Path> directories = new ArrayList<>();

    /**
     * A UDP port that was free a moment ago on the loopback interface: bound by the kernel's choice, then released.
     *
     * @return the port.
     */
    static int freeUdpPort()
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
    Path driverDirectory()
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
    String loopbackChannel(final String... extra)
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
    static String loopbackChannel(final Path driverDirectory, final String... extra)
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
    static List<String> driverDirectoriesIn(final Path parent) throws IOException
    {
        try (var stream = Files.list(parent))
        {
            return stream.map((path) -> path.getFileName().toString())
                .filter((name) -> name.startsWith(AeronOptions.EMBEDDED_DIR_PREFIX)).toList();
        }
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
}
