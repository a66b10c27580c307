/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.NoSuchBlockException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * How the two sides of a link find each other: files in its private directory and blocks in the block directory,
 * waited for with a deadline. Only used while connecting, never on a hot path. Stateless and thread-safe.
 */
final class Rendezvous
{
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private Rendezvous()
    {
    }

    /**
     * The deadline for connecting, from now.
     *
     * @param spec where the sides meet.
     * @return a {@link System#nanoTime()} deadline.
     */
    static long connectDeadline(final LinkSpec spec)
    {
        return System.nanoTime() + spec.connectTimeoutNs();
    }

    /**
     * Writes a small text file so that a reader never sees it half written (write aside, then rename).
     *
     * @param file the file.
     * @param text its content.
     * @throws IOException if it cannot be written.
     */
    static void publish(final Path file, final String text) throws IOException
    {
        final Path aside = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(aside, text, StandardCharsets.US_ASCII);
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Waits for a file {@link #publish(Path, String)} wrote and returns its content.
     *
     * @param file     the file.
     * @param deadline {@link System#nanoTime()} deadline.
     * @param what     what the file stands for, for the error message.
     * @return its content, trimmed.
     * @throws IOException           if it exists but cannot be read.
     * @throws IllegalStateException if it does not appear in time.
     */
    static String await(final Path file, final long deadline, final String what) throws IOException
    {
        while (!Files.exists(file))
        {
            pause(deadline, what + " (" + file + ")");
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /**
     * Waits for a path to exist, such as a Unix socket or Aeron's CnC file.
     *
     * @param file     the path.
     * @param deadline {@link System#nanoTime()} deadline.
     * @param what     what it stands for, for the error message.
     * @throws IllegalStateException if it does not appear in time.
     */
    static void awaitExists(final Path file, final long deadline, final String what)
    {
        while (!Files.exists(file))
        {
            pause(deadline, what + " (" + file + ")");
        }
    }

    /**
     * Attaches to a block or ring the other side creates, retrying while it does not exist yet.
     *
     * @param name     the block name.
     * @param deadline {@link System#nanoTime()} deadline.
     * @param attach   attaches by name, throwing {@link NoSuchBlockException} while there is nothing to attach to.
     * @param <T>      what attaching gives.
     * @return what {@code attach} returned.
     * @throws IllegalStateException if it does not appear in time.
     */
    static <T> T awaitAttach(final String name, final long deadline, final Function<String, T> attach)
    {
        while (true)
        {
            try
            {
                return attach.apply(name);
            }
            catch (final NoSuchBlockException ex)
            {
                pause(deadline, "block \"" + name + "\"");
            }
        }
    }

    /**
     * Sleeps briefly, or throws once the deadline has passed.
     *
     * @param deadline {@link System#nanoTime()} deadline.
     * @param what     what is being waited for.
     * @throws IllegalStateException if the deadline has passed.
     */
    static void pause(final long deadline, final String what)
    {
        if (System.nanoTime() - deadline > 0)
        {
            throw new IllegalStateException("the other side did not appear in time: no " + what);
        }
        LockSupport.parkNanos(POLL_NS);
    }
}
