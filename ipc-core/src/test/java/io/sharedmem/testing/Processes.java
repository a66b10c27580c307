/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs short external commands from tests ({@code stat}, {@code mkfifo}, {@code mount}, {@code python3}, scripts)
 * with a bounded time-out, collecting their output.
 * <p>
 * Stateless and thread-safe.
 */
public final class Processes
{
    private Processes()
    {
    }

    /**
     * What a finished command left.
     *
     * @param exitCode its exit code.
     * @param stdout   everything it wrote to standard output.
     * @param stderr   everything it wrote to standard error.
     */
    public record Result(int exitCode, String stdout, String stderr)
    {
        /**
         * Both outputs, labelled, for failure messages.
         *
         * @return a description.
         */
        public String report()
        {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * Runs a command and waits for it, killing it if it overruns.
     *
     * @param timeout how long it may take.
     * @param command the program and its arguments.
     * @return what it left.
     * @throws AssertionError if it did not finish in time.
     */
    public static Result run(final Duration timeout, final String... command)
    {
        return run(timeout, List.of(command), null, Map.of(), null);
    }

    /**
     * Runs a command with a working directory, extra environment and standard input, killing it if it overruns.
     *
     * @param timeout          how long it may take.
     * @param command          the program and its arguments.
     * @param workingDirectory its working directory, or {@code null} for this process's.
     * @param environment      variables to set (a {@code null} value removes the variable).
     * @param stdin            text for its standard input, or {@code null} for none.
     * @return what it left.
     * @throws AssertionError if it did not finish in time.
     */
    public static Result run(
        final Duration timeout,
        final List<String> command,
        final Path workingDirectory,
        final Map<String, String> environment,
        final String stdin)
    {
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (null != workingDirectory)
        {
            builder.directory(workingDirectory.toFile());
        }
        environment.forEach((key, value) ->
        {
            if (null == value)
            {
                builder.environment().remove(key);
            }
            else
            {
                builder.environment().put(key, value);
            }
        });
        builder.redirectInput(null == stdin ? ProcessBuilder.Redirect.from(new File("/dev/null")) :
            ProcessBuilder.Redirect.PIPE);

        final Process process;
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
        try
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final Thread outPump = pump(process.getInputStream(), out);
            final Thread errPump = pump(process.getErrorStream(), err);
            if (null != stdin)
            {
                try (var in = process.getOutputStream())
                {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            outPump.join(5_000);
            errPump.join(5_000);
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, ex);
        }
        finally
        {
            if (process.isAlive())
            {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Finds a program on the {@code PATH}.
     *
     * @param program its name, such as {@code "setpriv"}.
     * @return its path if it is there and executable.
     */
    public static Optional<Path> which(final String program)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return Optional.empty();
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            if (dir.isEmpty())
            {
                continue;
            }
            final Path candidate = Paths.get(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until a process is stopped (state {@code T} in {@code /proc/PID/stat}), as after a {@code SIGSTOP} it sent
     * itself: a crash point that stops its process says so before the signal lands, so a {@code SIGCONT} sent on
     * that line alone could come first and leave the process stopped for good.
     *
     * @param pid     the process.
     * @param timeout how long to wait at most.
     * @throws AssertionError       if it is not stopped within the time-out, or has ended.
     * @throws InterruptedException if interrupted.
     */
    public static void awaitStopped(final long pid, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String state = "?";
        while (System.nanoTime() - deadline < 0)
        {
            try
            {
                final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            }
            catch (final IOException ex)
            {
                throw new AssertionError("process " + pid + " ended instead of stopping", ex);
            }
            if ("T".equals(state))
            {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("process " + pid + " not stopped within " + timeout + " (state " + state + ")");
    }

    /**
     * Whether this process runs as root, where permission checks are bypassed and mounts are allowed.
     *
     * @return {@code true} for uid 0.
     */
    public static boolean isRoot()
    {
        return 0 == io.sharedmem.block.BlockFiles.currentUid();
    }

    private static Thread pump(final InputStream in, final ByteArrayOutputStream sink)
    {
        final Thread thread = new Thread(() ->
        {
            try (in)
            {
                in.transferTo(sink);
            }
            catch (final IOException ignore)
            {
                // The process is gone; what was read is kept.
            }
        }, "process-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
