/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.Configuration;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.exceptions.InvalidChannelException;
import io.aeron.exceptions.ChannelEndpointException;
import io.sharedmem.channel.ChannelException;
import io.sharedmem.internal.ProcessIdentity;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Aeron clients (and embedded media drivers) behind {@code aeron:} channels, shared by the channels of one JVM:
 * one embedded driver and one client per distinct set of driver settings, or one client per external driver
 * directory, counted by leases and closed with the last.
 * <p>
 * An embedded driver lives in its own directory, {@code PARENT/.sharedmem-aeron-PID-RANDOM}, with a
 * {@value #OWNER_FILE} file naming its process; the directory is deleted when the driver closes, and at JVM exit (its
 * files may be unlinked while mapped). A process killed before that leaves it behind: every launch removes the
 * directories of such dead processes in its parent.
 * <p>
 * Thread-safe: leases are taken and returned under this class's lock; Aeron's clients are thread-safe.
 */
final class AeronConnections
{
    /**
     * The file in an embedded driver's directory that names its process: pid, start ticks, boot id hash, pid
     * namespace.
     */
    static final String OWNER_FILE = "sharedmem-owner";

    private static final long DRIVER_TIMEOUT_MS = 10_000;
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(1);
    private static final Map<Key, Shared> SHARED = new HashMap<>();
    private static final Set<Path> LIVE_DIRECTORIES = ConcurrentHashMap.newKeySet();
    private static boolean hookRegistered;

    private AeronConnections()
    {
    }

    /**
     * Takes a lease on the Aeron client for a channel's driver settings, starting an embedded driver if needed.
     *
     * @param options the channel's settings.
     * @return the lease; close it when the channel closes.
     * @throws ChannelException if the driver cannot be started or reached.
     */
    static synchronized Lease acquire(final AeronOptions options)
    {
        final Key key = new Key(options.aeronDirectory(), options.isEmbedded() ? options.parentDirectory() : null,
            options.driverIdleStrategy(), options.threadingMode(), options.livenessTimeout());
        Shared shared = SHARED.get(key);
        if (null == shared)
        {
            shared = options.isEmbedded() ? launchEmbedded(options) : connectExternal(options);
            SHARED.put(key, shared);
        }
        shared.leases++;
        return new Lease(key, shared);
    }

    private static synchronized void release(final Key key, final Shared shared)
    {
        if (--shared.leases > 0)
        {
            return;
        }
        SHARED.remove(key);
        shared.close();
    }

    private static Shared connectExternal(final AeronOptions options)
    {
        final String dir = options.aeronDirectory();
        if (!CommonContext.isDriverActive(new File(dir), DRIVER_TIMEOUT_MS, (message) -> { }))
        {
            throw new ChannelException("channel \"" + options.channel() + "\": no Aeron media driver is running at " +
                "aeron.dir=" + dir + " (no live cnc.dat there); start one there (java -cp ipc-aeron.jar " +
                "io.aeron.driver.MediaDriver with -Daeron.dir=" + dir + "), or leave aeron.dir out for an embedded " +
                "driver");
        }
        final Errors errors = new Errors("aeron client");
        try
        {
            final Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(dir)
                .driverTimeoutMs(DRIVER_TIMEOUT_MS)
                .errorHandler(errors));
            return new Shared(null, aeron, Path.of(dir), errors, false);
        }
        catch (final RuntimeException ex)
        {
            throw new ChannelException("channel \"" + options.channel() + "\": cannot connect to the Aeron media " +
                "driver at aeron.dir=" + dir + ": " + ex.getMessage(), ex);
        }
    }

    private static Shared launchEmbedded(final AeronOptions options)
    {
        final Path parent = options.parentDirectory();
        if (!Files.isDirectory(parent) || !Files.isWritable(parent))
        {
            throw notWritable(options, parent, Files.isDirectory(parent) ? "it is not writable" :
                "it is not a directory");
        }
        removeDeadDriverDirectories(parent);
        final Path dir = parent.resolve(AeronOptions.EMBEDDED_DIR_PREFIX + ProcessIdentity.PID + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL));
        final Errors errors = new Errors("aeron media driver");
        final long livenessNs = options.livenessTimeout().toNanos();
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(dir.toString())
            .threadingMode(options.threadingMode())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .warnIfDirectoryExists(false)
            .printConfigurationOnStart(false)
            // Name resolution runs on the conductor rather than on a thread of its own that wakes every millisecond.
            .asyncExecutorEnabled(false)
            .imageLivenessTimeoutNs(livenessNs)
            .publicationConnectionTimeoutNs(livenessNs)
            .errorHandler(errors);
        final String idle = options.driverIdleStrategy();
        if (ThreadingMode.SHARED == options.threadingMode())
        {
            context.sharedIdleStrategy(Configuration.agentIdleStrategy(idle, null));
        }
        else if (ThreadingMode.SHARED_NETWORK == options.threadingMode())
        {
            context.sharedNetworkIdleStrategy(Configuration.agentIdleStrategy(idle, null))
                .conductorIdleStrategy(Configuration.agentIdleStrategy(idle, null));
        }
        else
        {
            context.senderIdleStrategy(Configuration.agentIdleStrategy(idle, null))
                .receiverIdleStrategy(Configuration.agentIdleStrategy(idle, null))
                .conductorIdleStrategy(Configuration.agentIdleStrategy(idle, null));
        }

        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = MediaDriver.launch(context);
            LIVE_DIRECTORIES.add(dir);
            registerExitHook();
            writeOwner(dir);
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(dir.toString())
                .driverTimeoutMs(DRIVER_TIMEOUT_MS)
                .errorHandler(errors));
            return new Shared(driver, aeron, dir, errors, true);
        }
        catch (final RuntimeException | IOException ex)
        {
            CloseHelper.quietCloseAll(aeron, driver);
            LIVE_DIRECTORIES.remove(dir);
            IoUtil.delete(dir.toFile(), true);
            final String reason = null == ex.getMessage() ? ex.toString() : ex.getMessage();
            throw notWritable(options, dir, reason);
        }
    }

    private static ChannelException notWritable(final AeronOptions options, final Path dir, final String reason)
    {
        return new ChannelException("channel \"" + options.channel() + "\": cannot start an embedded Aeron media " +
            "driver in " + dir + ": " + reason + "; give a writable directory with dir=DIR (or -Dsharedmem.dir), " +
            "or use a running media driver with aeron.dir=DIR");
    }

    private static void writeOwner(final Path dir) throws IOException
    {
        final String owner = ProcessIdentity.PID + " " + ProcessIdentity.START_TICKS + " " +
            ProcessIdentity.BOOT_ID_HASH + " " + ProcessIdentity.PID_NAMESPACE + "\n";
        Files.write(dir.resolve(OWNER_FILE), owner.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Removes the directories of embedded drivers whose process is provably dead (by the owner file), or that have no
     * owner file, no live driver and are older than a minute (a process killed while starting its driver).
     *
     * @param parent where embedded drivers make their directories.
     */
    static void removeDeadDriverDirectories(final Path parent)
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, AeronOptions.EMBEDDED_DIR_PREFIX + "*"))
        {
            for (final Path dir : stream)
            {
                if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir) && !LIVE_DIRECTORIES.contains(dir) &&
                    isDead(dir))
                {
                    IoUtil.delete(dir.toFile(), true);
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // Leftovers are removed at the next launch, or by hand; they never stop a channel from opening.
        }
    }

    private static boolean isDead(final Path dir) throws IOException
    {
        final Path owner = dir.resolve(OWNER_FILE);
        if (Files.isRegularFile(owner))
        {
            final String[] fields = new String(Files.readAllBytes(owner), StandardCharsets.US_ASCII).trim()
                .split(" ");
            if (4 == fields.length)
            {
                return ProcessIdentity.Status.DEAD == ProcessIdentity.status(Long.parseLong(fields[0]),
                    Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
            }
        }
        final FileTime modified = Files.getLastModifiedTime(dir);
        return System.currentTimeMillis() - modified.toMillis() > UNOWNED_GRACE.toMillis() &&
            !CommonContext.isDriverActive(dir.toFile(), DRIVER_TIMEOUT_MS, (message) -> { });
    }

    private static void registerExitHook()
    {
        if (hookRegistered)
        {
            return;
        }
        hookRegistered = true;
        // Unlinking the files of a running driver is safe: its mappings stay valid until the JVM is gone.
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            for (final Path dir : LIVE_DIRECTORIES)
            {
                IoUtil.delete(dir.toFile(), true);
            }
        }, "sharedmem-aeron-cleanup"));
    }

    /**
     * Distinct settings get distinct drivers: the driver's settings are its own, not per channel.
     */
    private record Key(String aeronDirectory, Path parent, String idle, ThreadingMode threading, Duration liveness)
    {
    }

    /**
     * One driver (or none, for an external one) and its client.
     */
    private static final class Shared
    {
        final MediaDriver driver;
        final Aeron aeron;
        final Path directory;
        final Errors errors;
        final boolean embedded;
        int leases;

        Shared(final MediaDriver driver, final Aeron aeron, final Path directory, final Errors errors,
            final boolean embedded)
        {
            this.driver = driver;
            this.aeron = aeron;
            this.directory = directory;
            this.errors = errors;
            this.embedded = embedded;
        }

        void close()
        {
            // The client first: its conductor must not find the driver gone while it closes.
            CloseHelper.quietCloseAll(aeron, driver);
            if (embedded)
            {
                IoUtil.delete(directory.toFile(), true);
                LIVE_DIRECTORIES.remove(directory);
            }
        }
    }

    /**
     * A channel's hold on a shared client. Closing it is idempotent; the last lease closes the client and driver.
     */
    static final class Lease implements AutoCloseable
    {
        private final Key key;
        private final Shared shared;
        private boolean closed;

        private Lease(final Key key, final Shared shared)
        {
            this.key = key;
            this.shared = shared;
        }

        Aeron aeron()
        {
            return shared.aeron;
        }

        Path directory()
        {
            return shared.directory;
        }

        boolean isEmbedded()
        {
            return shared.embedded;
        }

        /**
         * The last error Aeron reported about a channel endpoint (a port in use, an address not of this host).
         *
         * @param statusIndicatorId the endpoint's status counter.
         * @return the message, or {@code null}.
         */
        String endpointError(final int statusIndicatorId)
        {
            return shared.errors.endpointErrors.get(statusIndicatorId);
        }

        @Override
        public void close()
        {
            if (!closed)
            {
                closed = true;
                release(key, shared);
            }
        }
    }

    /**
     * Aeron's errors: endpoint errors kept for the channel that asks, every distinct error printed once to standard
     * error in one line (Aeron's default prints a stack trace each time).
     */
    private static final class Errors implements ErrorHandler
    {
        private static final int MAX_DISTINCT = 64;

        final Map<Integer, String> endpointErrors = new ConcurrentHashMap<>();
        private final Set<String> printed = ConcurrentHashMap.newKeySet();
        private final String source;

        Errors(final String source)
        {
            this.source = source;
        }

        @Override
        public void onError(final Throwable throwable)
        {
            if (throwable instanceof ChannelEndpointException)
            {
                endpointErrors.put(((ChannelEndpointException)throwable).statusIndicatorId(),
                    Objects.toString(throwable.getMessage(), throwable.toString()));
            }
            final String line = throwable.getClass().getSimpleName() + ": " + throwable.getMessage();
            // A channel Aeron refuses is also refused to the client that asked, which throws it to the application.
            final boolean refusal = throwable instanceof InvalidChannelException ||
                String.valueOf(throwable.getMessage()).startsWith("ERROR - channel error");
            if (!refusal && printed.size() < MAX_DISTINCT && printed.add(line))
            {
                System.err.println(source + ": " + line);
            }
        }
    }

}
