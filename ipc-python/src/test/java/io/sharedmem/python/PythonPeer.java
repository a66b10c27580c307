/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.python;

import io.sharedmem.block.BlockDirectory;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child {@code python3} process running one of the package's scripts ({@code tests/peer.py} unless told
 * otherwise) with the package on {@code PYTHONPATH} and the same block directory as this JVM; its lines are read as
 * they come, and it is killed on {@link #close()}.
 */
final class PythonPeer implements AutoCloseable
{
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final String description;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private PythonPeer(final Process process, final String description)
    {
        this.process = process;
        this.description = description;
        final Thread out = new Thread(() -> pump(new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true), "python-stdout");
        final Thread err = new Thread(() -> pump(new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false), "python-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /**
     * The package's directory ({@code ipc-python}).
     *
     * @return its absolute path.
     */
    static Path root()
    {
        final String property = System.getProperty("sharedmem.python.root");
        final Path root = null != property ? Path.of(property) : Path.of("ipc-python");
        return root.toAbsolutePath();
    }

    /**
     * Whether this machine has a {@code python3} to run.
     *
     * @return {@code true} if there is one on the path.
     */
    static boolean available()
    {
        return Processes.which("python3").isPresent();
    }

    /**
     * Starts {@code tests/peer.py} with a mode and {@code key=value} options.
     *
     * @param args the mode, then options.
     * @return the running peer.
     * @throws IOException if it cannot be started.
     */
    static PythonPeer start(final String... args) throws IOException
    {
        return startScript(root().resolve("tests").resolve("peer.py"), args);
    }

    /**
     * Starts a Python script with the package importable.
     *
     * @param script the script.
     * @param args   its arguments.
     * @return the running peer.
     * @throws IOException if it cannot be started.
     */
    static PythonPeer startScript(final Path script, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("python3", "-u", script.toString()));
        command.addAll(Arrays.asList(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONPATH", root().toString());
        builder.environment().put("SHAREDMEM_DIR", BlockDirectory.resolve().toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new PythonPeer(builder.start(), script.getFileName() + " " + String.join(" ", args));
    }

    private void pump(final BufferedReader reader, final boolean out)
    {
        try (reader)
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                if (out)
                {
                    lines.add(line);
                    queue.add(line);
                }
                else
                {
                    stderr.append(line).append('\n');
                }
            }
        }
        catch (final IOException ignore)
        {
            // The process was killed: what was read is kept.
        }
        if (out)
        {
            queue.add(EOF);
        }
    }

    long pid()
    {
        return process.pid();
    }

    /**
     * Waits for a line of standard output that starts with {@code prefix}, skipping others.
     *
     * @return the line.
     * @throws AssertionError if it does not come in time or the process ends first.
     */
    String awaitLineStartingWith(final String prefix, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (null == line)
            {
                throw new AssertionError("no line starting \"" + prefix + "\" within " + timeout + "\n" + report());
            }
            if (EOF.equals(line))
            {
                queue.add(EOF);
                throw new AssertionError("python exited before a line starting \"" + prefix + "\"\n" + report());
            }
            if (line.startsWith(prefix))
            {
                return line;
            }
        }
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit code.
     * @throws AssertionError if it does not exit in time (it is killed then).
     */
    int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly().waitFor();
            throw new AssertionError("python did not exit within " + timeout + "\n" + report());
        }
        Thread.sleep(20); // the last lines
        return process.exitValue();
    }

    /**
     * Kills the process with SIGKILL and waits for it.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * The exit code of a process that has ended.
     *
     * @return the code; 137 after {@link #kill()} of a running process.
     */
    int exitCode()
    {
        return process.exitValue();
    }

    /**
     * Sends a signal by name ({@code STOP}, {@code CONT}).
     */
    void signal(final String name)
    {
        final Processes.Result result = Processes.run(Duration.ofSeconds(10), "kill", "-" + name,
            Long.toString(process.pid()));
        if (0 != result.exitCode())
        {
            throw new AssertionError("kill -" + name + " " + process.pid() + ": " + result.report());
        }
    }

    List<String> stdoutLines()
    {
        synchronized (lines)
        {
            return new ArrayList<>(lines);
        }
    }

    String stderr()
    {
        return stderr.toString();
    }

    String report()
    {
        return "python " + description + " (pid " + process.pid() + ", " +
            (process.isAlive() ? "running" : "exit " + process.exitValue()) + ")\nstdout:\n  " +
            String.join("\n  ", stdoutLines()) + "\nstderr:\n  " + stderr().replace("\n", "\n  ");
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (!process.isAlive())
        {
            // A peer killed while creating a ring leaves its hidden creation file, which ipc gc would remove.
            ChildJvm.removeCreationFiles(BlockDirectory.resolve(), List.of(process.pid()));
        }
    }
}
