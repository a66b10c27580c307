/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.block;

import io.sharedmem.BlockExistsException;
import io.sharedmem.SharedBlock;
import io.sharedmem.SharedMemoryException;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first of a pair of programs sharing one block: creates {@value MyMemory#NAME} ({@value MyMemory#SIZE} bytes),
 * writes the first half, prints every byte, waits for the {@link Reader} (in another JVM, or Python's
 * {@code reader.py}) to write the second half, prints again and removes the block.
 * <pre>
 * Writer [--name NAME] [--timeout SECONDS]      (default: MyMemory, 60 s)
 * </pre>
 * Run alone, it prints zeros for the reader's half (nobody wrote them) and removes the block when its time-out runs
 * out. Interrupted with Ctrl-C, it removes the block before exiting. Exit codes: 0 done (reader or time-out), 1 the
 * block could not be created, 2 bad arguments.
 */
public final class Writer
{
    /**
     * How long the writer waits for the reader unless told otherwise.
     */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    private Writer()
    {
    }

    /**
     * Runs the writer and exits with its exit code.
     *
     * @param args {@code [--name NAME] [--timeout SECONDS]}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the writer.
     *
     * @param args {@code [--name NAME] [--timeout SECONDS]}.
     * @param out  where to print progress and the bytes.
     * @param err  where to print errors: one line each.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        String name = MyMemory.NAME;
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 0; i < args.length; i++)
        {
            if ("--name".equals(args[i]) && i + 1 < args.length)
            {
                name = args[++i];
            }
            else if ("--timeout".equals(args[i]) && i + 1 < args.length && args[i + 1].matches("\\d{1,6}"))
            {
                timeoutSeconds = Integer.parseInt(args[++i]);
            }
            else
            {
                err.println("Writer: unexpected argument \"" + args[i] + "\"; usage: Writer [--name NAME] " +
                    "[--timeout SECONDS]");
                return 2;
            }
        }

        final SharedBlock block;
        try
        {
            block = SharedBlock.create(name, MyMemory.SIZE);
        }
        catch (final BlockExistsException ex)
        {
            err.println("Writer: block \"" + name + "\" already exists: another Writer is running, or one was " +
                "killed before it could clean up; remove it with: bin/ipc rm " + name);
            return 1;
        }
        catch (final SharedMemoryException | IllegalArgumentException ex)
        {
            err.println("Writer: " + ex.getMessage());
            return 1;
        }

        // Ctrl-C: remove the name on the way out. Only the name: the main thread may still be reading the memory,
        // and the mapping goes away with the process anyway.
        final AtomicBoolean removed = new AtomicBoolean();
        final Thread cleanup = new Thread(() -> remove(block, removed, out, "interrupted; "), "writer-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);

        try
        {
            out.println("Writer: created block \"" + name + "\" (" + MyMemory.SIZE + " bytes) at " + block.path());
            final AtomicBuffer buffer = block.buffer();
            for (int i = 0; i < MyMemory.HALF; i++)
            {
                buffer.putByte(i, MyMemory.writerByte(i));
            }
            out.println("Writer: wrote bytes 0-" + (MyMemory.HALF - 1) + ":");
            MyMemory.print(buffer, out);
            out.println("Writer: waiting up to " + timeoutSeconds + " s for the reader to write bytes " +
                MyMemory.HALF + "-" + (MyMemory.SIZE - 1) + " (start the Reader now)");
            out.flush();

            final boolean arrived = awaitReader(buffer, TimeUnit.SECONDS.toNanos(timeoutSeconds));
            if (arrived)
            {
                out.println("Writer: the reader's half arrived:");
            }
            else
            {
                out.println("Writer: no reader within " + timeoutSeconds + " s; bytes " + MyMemory.HALF + "-" +
                    (MyMemory.SIZE - 1) + " still hold their defaults (zero):");
            }
            MyMemory.print(buffer, out);
            remove(block, removed, out, "");
            block.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
            return 0;
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down (Ctrl-C) while we print: the hook removes the block.
            return 130;
        }
    }

    private static boolean awaitReader(final AtomicBuffer buffer, final long timeoutNs)
    {
        final IdleStrategy idle = new SleepingMillisIdleStrategy(10);
        final long deadline = System.nanoTime() + timeoutNs;
        // Acquire: once the reader's last 8 bytes show, so do the bytes it wrote before them.
        while (0 == buffer.getLongAcquire(MyMemory.DONE_OFFSET))
        {
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    private static void remove(
        final SharedBlock block, final AtomicBoolean removed, final PrintStream out, final String why)
    {
        if (removed.compareAndSet(false, true))
        {
            try
            {
                block.unlink();
                out.println("Writer: " + why + "removed block \"" + block.name() + "\"");
            }
            catch (final SharedMemoryException ex)
            {
                out.println("Writer: " + why + "could not remove block \"" + block.name() + "\": " + ex.getMessage());
            }
            out.flush();
        }
    }
}
