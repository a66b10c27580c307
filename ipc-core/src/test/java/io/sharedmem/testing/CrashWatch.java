/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the child JVMs of a reliability test so that a JVM crash cannot go unnoticed: each child writes its
 * {@code hs_err} file (if HotSpot ever crashes) into a directory of this test's own
 * ({@code -XX:ErrorFile=DIR/hs_err_pid%p.log}), and every child that dies of a signal the test did not send it
 * counts as a crash too.
 * <p>
 * Kill children through {@link #kill(ChildJvm)}, so their death by {@code SIGKILL} is known to be the test's. Close
 * the watch in {@code finally} (try-with-resources): it kills the children still running. Not thread-safe.
 */
public final class CrashWatch implements AutoCloseable
{
    private static final int SIGKILL_STATUS = 128 + 9;

    private final Path dir;
    private final List<ChildJvm> children = new ArrayList<>();
    private final Set<Long> killed = new HashSet<>();

    /**
     * A watch whose children write crash reports under {@code <reliability dir>/hs_err/<test>-<pid>-<time>}.
     *
     * @param test the test's name, used in the directory name.
     */
    public CrashWatch(final String test)
    {
        dir = ReliabilityFigures.directory().toAbsolutePath().resolve("hs_err")
            .resolve(test.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + dir, ex);
        }
    }

    /**
     * The JVM options that send a child's crash report to this test's directory.
     *
     * @return the options.
     */
    public List<String> jvmOptions()
    {
        return List.of("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
    }

    /**
     * Starts a watched child JVM.
     *
     * @param options   extra JVM options.
     * @param mainClass its main class.
     * @param args      its arguments.
     * @return the child.
     * @throws IOException if it cannot be started.
     */
    public ChildJvm start(final List<String> options, final Class<?> mainClass, final String... args)
        throws IOException
    {
        final List<String> all = new ArrayList<>(jvmOptions());
        all.addAll(options);
        final ChildJvm child = ChildJvm.start(all, mainClass, args);
        children.add(child);
        return child;
    }

    /**
     * Starts a watched child JVM.
     *
     * @param mainClass its main class.
     * @param args      its arguments.
     * @return the child.
     * @throws IOException if it cannot be started.
     */
    public ChildJvm start(final Class<?> mainClass, final String... args) throws IOException
    {
        return start(List.of(), mainClass, args);
    }

    /**
     * Kills a child with {@code SIGKILL} and waits for it to be gone; its death by that signal is then expected.
     *
     * @param child a child started by this watch.
     * @throws InterruptedException if interrupted.
     */
    public void kill(final ChildJvm child) throws InterruptedException
    {
        killed.add(child.pid());
        child.kill();
    }

    /**
     * The {@code hs_err} files written so far.
     *
     * @return their paths.
     */
    public List<Path> crashReports()
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter((f) -> f.getFileName().toString().startsWith("hs_err")).sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
    }

    /**
     * JVM crashes among the children that have ended: those that left an {@code hs_err} file, and those that died of
     * a signal this test did not send (the exit status of a process killed by signal N is 128 + N).
     *
     * @return the number of crashed children.
     */
    public long crashes()
    {
        final Set<Long> crashed = new HashSet<>();
        for (final Path report : crashReports())
        {
            final String file = report.getFileName().toString();
            crashed.add(Long.parseLong(file.replaceAll("[^0-9]", "")));
        }
        for (final ChildJvm child : children)
        {
            if (child.isAlive())
            {
                continue;
            }
            final int status = child.process().exitValue();
            final boolean ours = SIGKILL_STATUS == status && killed.contains(child.pid());
            if (status > 128 && !ours)
            {
                crashed.add(child.pid());
            }
        }
        return crashed.size();
    }

    /**
     * What crashed, for failure messages.
     *
     * @return the crash reports' paths and the children that died of unexpected signals.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder("crash reports in " + dir + ": " + crashReports());
        for (final ChildJvm child : children)
        {
            if (!child.isAlive() && child.process().exitValue() > 128 && !killed.contains(child.pid()))
            {
                text.append("\nchild ended by signal ").append(child.process().exitValue() - 128).append(": ")
                    .append(child.fullReport());
            }
        }
        return text.toString();
    }

    /**
     * Every child started so far.
     *
     * @return the children, in start order.
     */
    public List<ChildJvm> children()
    {
        return List.copyOf(children);
    }

    /**
     * Kills the children still running, as the test's own kills, and removes the crash directory if it is empty.
     */
    @Override
    public void close()
    {
        for (final ChildJvm child : children)
        {
            if (child.isAlive())
            {
                killed.add(child.pid());
                child.close();
            }
        }
        try
        {
            Files.deleteIfExists(dir);
        }
        catch (final IOException ex)
        {
            // Not empty: a crash report stays for whoever reads the failure.
        }
    }
}
