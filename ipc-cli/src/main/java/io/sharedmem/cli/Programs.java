/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.block.BlockDirectory;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The programs of the other modules, each started as a JVM of its own from its module's jar, so that this jar holds
 * the command line alone and starts fast: the examples ({@code ipc-examples}), and the sub-commands that live in
 * another module's jar ({@link #FORWARDED}: {@code bench}, {@code report}).
 * <p>
 * A forwarded sub-command runs this same command line in a JVM whose class path has the module's jar first: there
 * the command's class is found and mounted as a sub-command of {@code ipc} ({@link Ipc#commandLine}), so its
 * options, help, messages and exit codes are exactly those of {@code ipc}. Jars are found beside this one, or in the
 * repository layout ({@code <module>/target/<jar>}) above it.
 * <p>
 * The started JVMs share this terminal: Ctrl-C reaches them too, and if this JVM is stopped, its shutdown hook stops
 * them and waits for them to clean up (their own shutdown hooks remove what they created). Use in
 * try-with-resources, one instance per command run; not thread-safe.
 */
final class Programs implements AutoCloseable
{
    /**
     * The examples jar, with everything it needs.
     */
    static final String EXAMPLES_JAR = "ipc-examples/target/ipc-examples.jar";

    /**
     * A sub-command of {@code ipc} that lives in another module's jar.
     *
     * @param name        the sub-command's name.
     * @param jar         the module's jar, relative to the repository root, with everything it needs.
     * @param command     its picocli command class, mounted by name where the jar is on the class path.
     * @param description the first line of its description, for {@code ipc --help}.
     */
    record Forwarded(String name, String jar, String command, String description)
    {
    }

    /**
     * The forwarded sub-commands, in the order {@code ipc --help} lists them. One line adds another.
     */
    static final List<Forwarded> FORWARDED = List.of(
        new Forwarded("bench", "ipc-bench/target/benchmarks.jar", "io.sharedmem.bench.BenchCommand",
            "Benchmarks every transport between two JVMs: ping-pong round trips (HdrHistogram percentiles) and " +
                "one-way throughput, with every message verified."),
        new Forwarded("report", "ipc-bench/target/benchmarks.jar", "io.sharedmem.bench.report.ReportMain",
            "Regenerates report.html, results.md, the PNG chart and the console table from results.json."));

    private static final long STOP_WAIT_SECONDS = 15;

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Thread stopper = new Thread(this::stop, "ipc-stop-programs");

    Programs()
    {
        Runtime.getRuntime().addShutdownHook(stopper);
    }

    /**
     * Finds a jar of another module: beside this program's own jar (or class directory), or at its place in the
     * repository above it.
     *
     * @param jar the jar, relative to the repository root, such as {@code ipc-bench/target/benchmarks.jar}.
     * @return its path.
     * @throws IllegalStateException if there is none, saying how to build it.
     */
    static Path jar(final String jar)
    {
        final Path self = self();
        for (Path dir = self.getParent(); null != dir; dir = dir.getParent())
        {
            for (final Path candidate : List.of(dir.resolve(Path.of(jar).getFileName()), dir.resolve(jar)))
            {
                if (Files.isRegularFile(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no " + jar + " beside " + self + " or above it: build it with " +
            "'mvn -B -DskipTests package' in the repository (bin/ipc builds it on first use)");
    }

    /**
     * Passes an option on to a started program when the user gave it.
     *
     * @param args   the program's arguments, added to.
     * @param option the option, such as {@code --count}.
     * @param value  its value, or null if not given.
     */
    static void addOption(final List<String> args, final String option, final Object value)
    {
        if (null != value)
        {
            args.add(option);
            args.add(value.toString());
        }
    }

    /**
     * Where this program's classes are: its jar, or a class directory when run from a build.
     *
     * @return the path.
     */
    static Path self()
    {
        try
        {
            return Path.of(Programs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException("cannot tell where the ipc classes are: " + ex.getMessage(), ex);
        }
    }

    /**
     * Starts a program in a JVM of its own that shares this one's standard input, output and error. It gets the
     * export Agrona needs, this JVM's {@code sharedmem.*} system properties, and the block directory if given.
     *
     * @param classPath its class path.
     * @param main      its main class.
     * @param args      its arguments.
     * @param blocks    the block directory to give it, or {@code null} to leave it to the usual defaults.
     * @return the process.
     * @throws java.io.IOException if it cannot be started.
     */
    Process start(final List<Path> classPath, final String main, final List<String> args, final Path blocks)
        throws java.io.IOException
    {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        System.getProperties().stringPropertyNames().stream().filter((key) -> key.startsWith("sharedmem."))
            .filter((key) -> null == blocks || !BlockDirectory.DIR_PROP_NAME.equals(key)).sorted()
            .forEach((key) -> command.add("-D" + key + "=" + System.getProperty(key)));
        if (null != blocks)
        {
            command.add("-D" + BlockDirectory.DIR_PROP_NAME + "=" + blocks);
        }
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(main);
        command.addAll(args);
        final Process process = new ProcessBuilder(command).inheritIO().start();
        started.add(process);
        return process;
    }

    /**
     * Runs a forwarded sub-command: this command line again, in a JVM with the module's jar first on its class path.
     *
     * @param forwarded the sub-command.
     * @param args      the whole command line, as given.
     * @return its exit code.
     * @throws Exception if it cannot be started or the wait is interrupted.
     */
    int forward(final Forwarded forwarded, final String... args) throws Exception
    {
        return start(List.of(jar(forwarded.jar()), self()), Ipc.class.getName(), List.of(args), null).waitFor();
    }

    /**
     * Stops the programs still running: those this JVM has stopped waiting for, or all of them when it is itself
     * stopped. Each is asked to stop (its shutdown hooks clean up), then killed if it has not within 15 s.
     */
    private void stop()
    {
        started.stream().filter(Process::isAlive).forEach(Process::destroy);
        for (final Process process : started)
        {
            try
            {
                if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS))
                {
                    process.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops what still runs and removes the shutdown hook.
     */
    @Override
    public void close()
    {
        stop();
        try
        {
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        catch (final IllegalStateException ignore)
        {
            // Already shutting down: the hook runs.
        }
    }
}
