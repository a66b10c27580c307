/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockDirectory;
import io.sharedmem.block.BlockFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer process of a rotation as the orchestrator sees it: its {@link RotationReport} or its failure, the last lines
 * it printed (for error messages), and the {@value RotationReport#CLOSE_COMMAND} handshake. Its output is read on
 * two daemon threads that block in {@code read(2)}, so waiting costs the busy peers nothing.
 * <p>
 * Use in try-with-resources: {@link #close()} kills the process if it is still alive.
 */
final class PeerProcess implements AutoCloseable
{
    private static final int TAIL_LINES = 30;

    private final String label;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile RotationReport report;
    private volatile String error;
    private volatile boolean outputEnded;

    private PeerProcess(final String label, final Process process)
    {
        this.label = label;
        this.process = process;
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    /**
     * Starts a child.
     *
     * @param label   what to call it in messages, such as {@code initiator}.
     * @param command its command line.
     * @return the running child.
     * @throws IOException if it cannot be started.
     */
    static PeerProcess start(final String label, final List<String> command) throws IOException
    {
        return new PeerProcess(label, new ProcessBuilder(command).start());
    }

    /**
     * The child's report, once it has printed it.
     *
     * @return the report, or {@code null} so far.
     */
    RotationReport report()
    {
        return report;
    }

    /**
     * Why the child failed, if it has: the error it printed, or that it ended without a report.
     *
     * @return the reason, or {@code null} if it has not failed (yet).
     */
    String failure()
    {
        if (null != error)
        {
            return error;
        }
        if (null == report && outputEnded && !process.isAlive())
        {
            return "exited with status " + process.exitValue() + " without a report";
        }
        return null;
    }

    /**
     * Tells the child that both sides have reported and it may close its end.
     */
    void requestClose()
    {
        try
        {
            final OutputStream in = process.getOutputStream();
            in.write((RotationReport.CLOSE_COMMAND + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        }
        catch (final IOException ignore)
        {
            // Already gone: nothing to close.
        }
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeoutMs how long at most.
     * @return {@code true} if it exited.
     * @throws InterruptedException if interrupted.
     */
    boolean awaitExit(final long timeoutMs) throws InterruptedException
    {
        return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * The last lines the child printed, for error messages.
     *
     * @return the lines, labelled, or an empty string.
     */
    String tail()
    {
        synchronized (tail)
        {
            return tail.isEmpty() ? "" : "\n  " + label + ": " + String.join("\n  " + label + ": ", tail);
        }
    }

    /**
     * Kills the child if it is still running, waits for it to be gone, and removes the hidden file of a ring it was
     * creating when it was killed (the rotation's clean-up knows its rings by name, not such files).
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (!process.isAlive())
        {
            try
            {
                BlockFiles.removeCreationFilesOf(BlockDirectory.resolve(), process.pid());
            }
            catch (final SharedMemoryException ex)
            {
                System.err.println(label + ": " + ex.getMessage());
            }
        }
    }

    private void pump(final InputStream stream, final boolean stdout)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    if (stdout && line.startsWith(RotationReport.LINE_PREFIX))
                    {
                        try
                        {
                            report = RotationReport.fromLine(line);
                        }
                        catch (final IllegalArgumentException ex)
                        {
                            error = ex.getMessage();
                        }
                    }
                    else if (stdout && line.startsWith(RotationReport.ERROR_PREFIX))
                    {
                        error = line.substring(RotationReport.ERROR_PREFIX.length());
                    }
                    else
                    {
                        remember(line);
                    }
                }
            }
            catch (final IOException ignore)
            {
                // The process is gone; what was read is kept.
            }
            finally
            {
                if (stdout)
                {
                    outputEnded = true;
                }
            }
        }, label + (stdout ? "-stdout" : "-stderr"));
        thread.setDaemon(true);
        thread.start();
    }

    private void remember(final String line)
    {
        synchronized (tail)
        {
            if (tail.size() == TAIL_LINES)
            {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
