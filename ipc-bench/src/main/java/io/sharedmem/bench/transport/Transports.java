/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The one registry of transports: their names, the order every run and report lists them in, their colour group
 * and, through {@link Transport#unavailableReason()}, whether they can run here. This project's rings first, then
 * the raw-block floor, Agrona, Aeron, the kernel's sockets and pipes, and the transports with a Python side.
 * <p>
 * Adding a transport is one class and one line in {@link #ALL}, at the place it should be listed. Names found in
 * results but not here (from another version) are listed after these, alphabetically, in grey. Immutable and
 * thread-safe.
 */
public final class Transports
{
    /**
     * A family of transports; members take the colours of its palette in registry order, so a transport keeps its
     * colour in every chart.
     */
    public enum Group
    {
        /** This project's shared memory: greens. */
        OURS("#1b7837", "#4d9221", "#5aae61", "#a6dba0"),
        /** Agrona and Aeron: blues and purples. */
        PEERS("#2166ac", "#4393c3", "#542788", "#8073ac", "#9970ab", "#c2a5cf"),
        /** The kernel's sockets and pipes: reds and oranges. */
        KERNEL("#b2182b", "#d6604d", "#e08214", "#fdb863", "#8c510a", "#bf812d", "#f4a582", "#fddbc7"),
        /** Names not in the registry: greys and pinks. */
        OTHER("#666666", "#999999", "#c51b7d", "#de77ae");

        private final String[] palette;

        Group(final String... palette)
        {
            this.palette = palette;
        }
    }

    private static final List<Transport> ALL = List.of(
        new RingTransport.Spsc(false),
        new RingTransport.Spsc(true),
        new RingTransport.Mpsc(),
        new RawBlockTransport(),
        new RingTransport.Agrona(false),
        new RingTransport.Agrona(true),
        new AeronIpcTransport(false),
        new AeronIpcTransport(true),
        new AeronUdpTransport(false),
        new AeronUdpTransport(true),
        new SocketTransport(false, false),
        new SocketTransport(false, true),
        SocketTransport.tcpAcrossNamespaces(),
        new SocketTransport(true, false),
        new SocketTransport(true, true),
        new PipeTransport(false),
        new PipeTransport(true),
        new PythonTransport(PythonTransport.Kind.RING),
        new PythonTransport(PythonTransport.Kind.QUEUE),
        new PythonTransport(PythonTransport.Kind.PIPE),
        new PythonTransport(PythonTransport.Kind.JAVA_RING),
        new PythonTransport(PythonTransport.Kind.JAVA_TCP));

    /**
     * Orders transport names: registry order first, other names after it alphabetically.
     */
    public static final Comparator<String> ORDER =
        Comparator.comparingInt(Transports::rank).thenComparing(Comparator.naturalOrder());

    static
    {
        final Set<String> names = new HashSet<>();
        ALL.forEach((transport) ->
        {
            if (!names.add(transport.name()))
            {
                throw new IllegalStateException("two transports named " + transport.name());
            }
        });
    }

    private static final long COMMAND_TIMEOUT_S = 30;

    private Transports()
    {
    }

    /**
     * Every transport, in order.
     *
     * @return an unmodifiable list.
     */
    public static List<Transport> all()
    {
        return ALL;
    }

    /**
     * Every transport's name, in order.
     *
     * @return an unmodifiable list.
     */
    public static List<String> names()
    {
        return ALL.stream().map(Transport::name).toList();
    }

    /**
     * The transport of that name.
     *
     * @param name a name from {@link #names()}.
     * @return the transport.
     * @throws IllegalArgumentException if there is none, listing the names there are.
     */
    public static Transport byName(final String name)
    {
        return ALL.stream().filter((t) -> t.name().equals(name)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("no transport \"" + name + "\"; there are: " + String.join(", ", names())));
    }

    /**
     * The transport's colour, the same in every chart: the next of its group's palette.
     *
     * @param name a transport name, registered or not.
     * @return a CSS colour such as {@code #1b7837}.
     */
    public static String color(final String name)
    {
        final int rank = rank(name);
        if (rank == ALL.size())
        {
            return Group.OTHER.palette[Math.floorMod(name.hashCode(), Group.OTHER.palette.length)];
        }
        final Group group = ALL.get(rank).group();
        final long before = ALL.subList(0, rank).stream().filter((t) -> t.group() == group).count();
        return group.palette[(int)(before % group.palette.length)];
    }

    /**
     * Whether the tables also compare a transport with {@code tcp} ({@link Transport#comparedWithTcp()}).
     *
     * @param name a transport name, registered or not.
     * @return {@code true} for a registered transport that says so.
     */
    public static boolean comparedWithTcp(final String name)
    {
        final int rank = rank(name);
        return rank < ALL.size() && ALL.get(rank).comparedWithTcp();
    }

    /**
     * Where a program is on the {@code PATH}: for availability checks ({@code mkfifo}, {@code python3}, {@code ip})
     * and for {@code taskset}.
     *
     * @param command the program's name.
     * @return its path, or {@code null} if it is not on the {@code PATH}.
     */
    public static Path onPath(final String command)
    {
        final String path = System.getenv("PATH");
        for (final String dir : null == path ? new String[0] : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs a short program such as {@code mkfifo} or {@code ip}, for a transport's preparation; never on a hot path.
     *
     * @param command the program and its arguments.
     * @throws IOException          if it cannot be started, fails or takes more than {@value #COMMAND_TIMEOUT_S} s,
     *                              with the command and its output.
     * @throws InterruptedException if interrupted while waiting; the program is killed.
     */
    static void run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private static int rank(final String name)
    {
        for (int i = 0; i < ALL.size(); i++)
        {
            if (ALL.get(i).name().equals(name))
            {
                return i;
            }
        }
        return ALL.size();
    }
}
