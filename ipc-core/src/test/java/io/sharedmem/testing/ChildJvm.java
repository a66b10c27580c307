/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import io.sharedmem.block.BlockDirectory;
import io.sharedmem.block.BlockFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A child JVM started by a test: same {@code java}, same class path, the flags Agrona needs, and the block directory
 * of the parent. The test talks to it through the block under test, its standard output and its exit code.
 * <p>
 * Always use it in try-with-resources: {@link #close()} kills the process (SIGKILL) if it is still alive, so a failed
 * test never leaves a spinning JVM behind, and removes the hidden file of a block the child was creating when it was
 * killed (by {@link #kill()} or by the test), which {@code ipc gc} would otherwise have to remove. Not thread-safe,
 * except that output is collected on a daemon thread.
 */
public final class ChildJvm implements AutoCloseable
{
    /**
     * The flag Agrona 2.x needs on Java 17.
     */
    public static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final String EOF = "\u0000EOF";
    private static final List<ChildJvm> STARTED = new CopyOnWriteArrayList<>();

    private final Process process;
    private final String description;
    private final Path blockDirectory;
    private final Set<Long> pids = new LinkedHashSet<>();
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private ChildJvm(final Process process, final String description, final Path blockDirectory)
    {
        this.process = process;
        this.description = description;
        this.blockDirectory = blockDirectory;
        pids.add(process.pid());
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
        STARTED.add(this);
    }

    /**
     * Every child started since {@link #forgetStarted()}: what {@link ChildReports} puts in a failure report.
     *
     * @return the children, in start order.
     */
    public static List<ChildJvm> started()
    {
        return List.copyOf(STARTED);
    }

    /**
     * Forgets the children started so far; called before each test.
     */
    public static void forgetStarted()
    {
        STARTED.clear();
    }

    /**
     * Starts {@code mainClass} in a new JVM with the test class path.
     *
     * @param mainClass the class whose {@code main} to run.
     * @param args      its arguments.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args) throws IOException
    {
        return start(List.of(), mainClass, args);
    }

    /**
     * Starts {@code mainClass} in a new JVM with extra JVM options.
     *
     * @param jvmOptions options placed before the class name, such as {@code -Xmx64m}.
     * @param mainClass  the class whose {@code main} to run.
     * @param args       its arguments.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm start(final List<String> jvmOptions, final Class<?> mainClass, final String... args)
        throws IOException
    {
        return start(jvmOptions, System.getProperty("java.class.path"), mainClass.getName(), args);
    }

    /**
     * Starts a main class by name, with a given class path.
     *
     * @param jvmOptions options placed before the class name.
     * @param classPath  the class path.
     * @param mainClass  the fully qualified class name.
     * @param args       its arguments.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm start(
        final List<String> jvmOptions, final String classPath, final String mainClass, final String... args)
        throws IOException
    {
        return start(List.of(), null, jvmOptions, classPath, mainClass, args);
    }

    /**
     * Starts a main class by name through a launcher command, such as
     * {@code setpriv --reuid=nobody --regid=nogroup --clear-groups} to run it as another user, or
     * {@code sh -c 'umask 0377; exec "$@"' sh} to run it under another umask.
     *
     * @param launcher         words placed before {@code java}; empty for none.
     * @param workingDirectory the child's working directory, or {@code null} for this process's.
     * @param jvmOptions       options placed before the class name.
     * @param classPath        the class path.
     * @param mainClass        the fully qualified class name.
     * @param args             its arguments.
     * @return the running child.
     * @throws IOException if the process cannot be started.
     */
    public static ChildJvm start(
        final List<String> launcher,
        final Path workingDirectory,
        final List<String> jvmOptions,
        final String classPath,
        final String mainClass,
        final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>(launcher);
        command.add(javaExecutable());
        command.add(ADD_EXPORTS);
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        final String dir = System.getProperty(BlockDirectory.DIR_PROP_NAME);
        if (null != dir)
        {
            command.add("-D" + BlockDirectory.DIR_PROP_NAME + "=" + dir);
        }
        command.addAll(jvmOptions);
        Path blockDirectory = BlockDirectory.resolve();
        for (final String option : command)
        {
            if (option.startsWith("-D" + BlockDirectory.DIR_PROP_NAME + "="))
            {
                blockDirectory = Paths.get(option.substring(option.indexOf('=') + 1));
            }
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));

        final ProcessBuilder builder = new ProcessBuilder(command);
        if (null != workingDirectory)
        {
            builder.directory(workingDirectory.toFile());
        }
        final String shortName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        return new ChildJvm(builder.start(), shortName + " " + String.join(" ", args), blockDirectory);
    }

    /**
     * The {@code java} executable running this JVM.
     *
     * @return its path.
     */
    public static String javaExecutable()
    {
        return ProcessHandle.current().info().command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    }

    /**
     * The child's process id.
     *
     * @return the pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * The underlying process.
     *
     * @return the process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * Whether the child is still running.
     *
     * @return {@code true} if alive.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Waits for a line of standard output matching a predicate; earlier lines are kept for {@link #stdoutLines()}.
     *
     * @param match   the line wanted.
     * @param timeout how long to wait at most.
     * @return the matching line.
     * @throws AssertionError if the child ends or the time runs out first, with everything it printed.
     * @throws InterruptedException if interrupted.
     */
    public String awaitLine(final Predicate<String> match, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final long left = deadline - System.nanoTime();
            final String line = left > 0 ? stdout.poll(left, TimeUnit.NANOSECONDS) : null;
            if (null == line || EOF.equals(line))
            {
                if (EOF.equals(line))
                {
                    stdout.add(EOF);
                }
                throw new AssertionError("child [" + description + "] " +
                    (null == line ? "printed no matching line within " + timeout : "ended without a matching line") +
                    report());
            }
            synchronized (stdoutSeen)
            {
                stdoutSeen.add(line);
            }
            if (match.test(line))
            {
                return line;
            }
        }
    }

    /**
     * Waits for a line starting with a prefix.
     *
     * @param prefix  the start of the line wanted.
     * @param timeout how long to wait at most.
     * @return the matching line.
     * @throws InterruptedException if interrupted.
     */
    public String awaitLineStartingWith(final String prefix, final Duration timeout) throws InterruptedException
    {
        return awaitLine((line) -> line.startsWith(prefix), timeout);
    }

    /**
     * Waits for the child to exit, killing it if it overruns.
     *
     * @param timeout how long to wait at most.
     * @return its exit code.
     * @throws AssertionError if it had to be killed, with what it printed.
     * @throws InterruptedException if interrupted.
     */
    public int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            kill();
            throw new AssertionError("child [" + description + "] did not exit within " + timeout + report());
        }
        return process.exitValue();
    }

    /**
     * Kills the child and every process under it at once (SIGKILL on Linux) and waits for them to be gone. The
     * processes under it count: a launcher such as {@code unshare --fork} would otherwise leave its JVM running.
     *
     * @throws InterruptedException if interrupted.
     */
    public void kill() throws InterruptedException
    {
        // Listed before the kill: once the launcher is gone, what it started is no longer its descendant.
        final List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach((handle) -> pids.add(handle.pid()));
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (final ProcessHandle handle : tree)
        {
            while (handle.isAlive() && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(5);
            }
        }
    }

    /**
     * Every line of standard output read so far, including those still queued.
     *
     * @return the lines.
     */
    public List<String> stdoutLines()
    {
        final List<String> lines;
        synchronized (stdoutSeen)
        {
            lines = new ArrayList<>(stdoutSeen);
        }
        for (final String line : stdout)
        {
            if (!EOF.equals(line))
            {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * Everything the child wrote to standard error so far.
     *
     * @return the text.
     */
    public String stderr()
    {
        return stderr.toString();
    }

    /**
     * Kills the child if it is still running, then removes the hidden file of a block it (or a process under it) was
     * creating when it was killed.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            try
            {
                kill();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (!process.isAlive())
        {
            removeCreationFiles(blockDirectory, pids);
        }
    }

    /**
     * Removes the hidden files of blocks that ended processes were creating when they were killed, saying so on
     * standard error (so that a run shows which test killed a creator: such a file is no defect of the library).
     *
     * @param directory the block directory the processes used.
     * @param pids      the ids of the processes, which must all have ended.
     */
    public static void removeCreationFiles(final Path directory, final Collection<Long> pids)
    {
        for (final long pid : pids)
        {
            for (final Path file : BlockFiles.removeCreationFilesOf(directory, pid))
            {
                System.err.println("removed " + file + ", left by process " + pid + " killed while creating it");
            }
        }
    }

    /**
     * A description of the child's output for failure messages.
     *
     * @return stdout and stderr, labelled.
     */
    public String report()
    {
        return "\n--- stdout ---\n" + String.join("\n", stdoutLines()) + "\n--- stderr ---\n" + stderr;
    }

    /**
     * A description of the child for failure reports: pid, command, whether it still runs or how it ended, and its
     * output. Waits up to a second for the output of an ended child to be read completely.
     *
     * @return the description.
     */
    public String fullReport()
    {
        final String state;
        if (process.isAlive())
        {
            state = "still running";
        }
        else
        {
            final int code = process.exitValue();
            state = "exited with " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (!stdout.contains(EOF) && System.nanoTime() - deadline < 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        return "[" + description + "] pid " + pid() + ", " + state + report();
    }

    private void pump(final InputStream in, final boolean isStdout)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    if (isStdout)
                    {
                        stdout.add(line);
                    }
                    else
                    {
                        stderr.append(line).append('\n');
                    }
                }
            }
            catch (final IOException ignore)
            {
                // The process is gone; what was read is kept.
            }
            finally
            {
                if (isStdout)
                {
                    stdout.add(EOF);
                }
            }
        }, "child-" + (isStdout ? "stdout" : "stderr"));
        thread.setDaemon(true);
        thread.start();
    }
}
