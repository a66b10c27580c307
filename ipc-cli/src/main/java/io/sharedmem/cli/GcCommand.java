/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.BlockInfo;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockNames;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.ProcessIdentity;
import io.sharedmem.ring.DoorbellIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ipc gc}: removes what dead processes left behind. Each kind of leftover is one collecting method called from
 * {@link #call()}:
 * <ul>
 *     <li>the hidden file a block is prepared under ({@code .sharedmem-creating-PID-HEX}) when its creator was killed
 *     while reserving pages: removed when no process {@code PID} is running;</li>
 *     <li>rings whose processes are all gone: the creator is provably dead, no role is held by a process that is
 *     alive or cannot be proven dead, and no process has the file open or mapped (read from {@code /proc/PID/fd} and
 *     {@code /proc/PID/maps});</li>
 *     <li>the doorbell socket of a ring whose consumer is gone (a consumer killed with {@code kill -9} leaves it
 *     in the temporary directory);</li>
 *     <li>files a gc that died left moved aside ({@code .sharedmem-gc-PID-HEX}), when no process uses them.</li>
 * </ul>
 * Raw blocks are never touched: nothing tells whether their users are alive.
 * <p>
 * <b>Racing a process that attaches.</b> A process may open a ring between gc's look at who uses it and the removal.
 * So gc first moves each ring it would remove aside, under a hidden name (one rename: from then on nobody can open it
 * by its name, and an attach fails cleanly with "no such block"), waits {@value #GRACE_MS} ms for opens already under
 * way, and looks again at every process's open files and mappings: a ring someone opened meanwhile is put back under
 * its name (a hard link, which never replaces a ring created under the name since), the others are removed.
 */
@Command(name = "gc", description = "Remove leftovers of dead processes: unfinished block creations, rings whose " +
    "creator and role holders are gone and that no process maps, doorbell sockets of dead consumers.")
final class GcCommand extends BlockCommand
{
    /**
     * Prefix of the hidden name a ring is moved to while gc makes sure nobody opened it.
     */
    static final String MOVED_ASIDE_PREFIX = ".sharedmem-gc-";

    /**
     * Milliseconds gc waits after moving rings aside before it looks again at who uses them: an open that looked the
     * name up just before the move has completed by then.
     */
    static final long GRACE_MS = 100;

    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    private int removed;
    private int failed;
    private final List<DeadRing> dead = new ArrayList<>();

    /**
     * A ring gc would remove.
     *
     * @param path  its file.
     * @param name  its printable name.
     * @param why   what the removal message says.
     * @param bell  its doorbell socket's path.
     */
    private record DeadRing(Path path, String name, String why, Path bell)
    {
    }

    @Override
    public Integer call()
    {
        final Path dir = directory();
        collectUnfinishedCreations(dir);
        collectMovedAside(dir);
        collectDeadRings(dir);
        removeDeadRings(dir);
        if (0 == removed && 0 == failed)
        {
            out().println("Nothing to clean in " + dir + ".");
        }
        return 0 == failed ? 0 : Ipc.EXIT_FAILURE;
    }

    private void collectUnfinishedCreations(final Path dir)
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, BlockFiles.CREATING_PREFIX + "*"))
        {
            for (final Path path : stream)
            {
                final String file = path.getFileName().toString();
                final OptionalLong pid = creatorPid(file);
                final BasicFileAttributes attributes;
                try
                {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
                catch (final NoSuchFileException ex)
                {
                    continue;                                   // its creator finished it meanwhile: nothing to do
                }
                if (pid.isEmpty() || !attributes.isRegularFile())
                {
                    continue;                                   // not ours: leave it alone
                }
                if (ProcessHandle.of(pid.getAsLong()).isPresent())
                {
                    out().println("Kept " + file + ": its creator, process " + pid.getAsLong() + ", is running.");
                    continue;
                }
                remove(path, "unfinished creation of process " + pid.getAsLong() + ", which is gone, " +
                    attributes.size() + " bytes");
            }
        }
        catch (final IOException ex)
        {
            failed++;
            err().println("ipc gc: cannot read " + dir + ": " + ex.getMessage());
        }
    }

    private void collectDeadRings(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        Map<Long, List<Long>> users = null;
        for (final BlockInfo block : BlockFiles.list(dir))
        {
            final String kind = BlockKind.of(block.path());
            if (BlockKind.RAW.equals(kind) || BlockKind.UNREADABLE.equals(kind) || BlockKind.FORMATTED.equals(kind) ||
                BlockKind.CORRUPT.equals(kind))
            {
                continue;
            }
            final RingInfo ring;
            try
            {
                ring = RingInfo.read(block.name(), block.path());
            }
            catch (final SharedMemoryException ex)
            {
                continue;
            }
            final String name = BlockNames.printable(block.name());
            final Path bell = DoorbellIdleStrategy.socketPath(block.path());
            final RoleStatus producer = ring.status(ring.header.producer());
            final RoleStatus consumer = ring.status(ring.header.consumer());
            final boolean consumerGone = RoleStatus.FREE == consumer || RoleStatus.DEAD == consumer;
            final String why = keepReason(ring, producer, consumer);
            if (null != why)
            {
                out().println("Kept ring " + name + ": " + why + ".");
                if (consumerGone && Files.exists(bell, LinkOption.NOFOLLOW_LINKS))
                {
                    remove(bell, "doorbell socket of ring " + name + ", whose consumer is gone");
                }
                continue;
            }
            if (null == users)
            {
                users = users(dir);         // only once a ring is found dead: reading every process's files costs
            }
            final List<Long> mappers = users.getOrDefault(inode(block.path()), List.of());
            if (!mappers.isEmpty())
            {
                out().println("Kept ring " + name + ": mapped by process(es) " + mappers + ".");
                continue;
            }
            dead.add(new DeadRing(block.path(), name, ring.header.kind().label() + " whose creator (pid " +
                ring.header.creatorPid() + ") and role holders are gone and that no process maps, " + block.size() +
                " bytes", bell));
        }
    }

    /**
     * Removes the dead rings found, without racing a process that opens one meanwhile (see the class comment).
     */
    private void removeDeadRings(final Path dir)
    {
        if (dryRun)
        {
            for (final DeadRing ring : dead)
            {
                remove(ring.path(), ring.why());
            }
            return;
        }
        final Map<DeadRing, Path> aside = new LinkedHashMap<>();
        for (final DeadRing ring : dead)
        {
            final Path moved = dir.resolve(MOVED_ASIDE_PREFIX + ProcessHandle.current().pid() + "-" +
                Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            try
            {
                Files.move(ring.path(), moved, StandardCopyOption.ATOMIC_MOVE);
                aside.put(ring, moved);
            }
            catch (final NoSuchFileException ex)
            {
                // Removed by someone else meanwhile.
            }
            catch (final IOException ex)
            {
                failed++;
                err().println("ipc gc: cannot remove " + ring.path() + ": " + ex);
            }
        }
        if (aside.isEmpty())
        {
            return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(GRACE_MS));
        final Map<Long, List<Long>> users = users(dir);
        for (final Map.Entry<DeadRing, Path> entry : aside.entrySet())
        {
            final DeadRing ring = entry.getKey();
            final Path moved = entry.getValue();
            final List<Long> pids = users.getOrDefault(inode(moved), List.of());
            if (pids.isEmpty())
            {
                remove(moved, ring.path().getFileName().toString(), ring.why());
                if (Files.exists(ring.bell(), LinkOption.NOFOLLOW_LINKS))
                {
                    remove(ring.bell(), "doorbell socket of ring " + ring.name());
                }
                continue;
            }
            try
            {
                // A link, not a move back: it fails rather than replace a ring created under the name meanwhile.
                Files.createLink(ring.path(), moved);
                Files.delete(moved);
                out().println("Kept ring " + ring.name() + ": process(es) " + pids + " opened it while gc was " +
                    "removing it.");
            }
            catch (final IOException ex)
            {
                failed++;
                err().println("ipc gc: ring " + ring.name() + " was opened by process(es) " + pids + " while gc " +
                    "was removing it, and cannot be put back under its name (" + ex + "); it stays as " + moved);
            }
        }
    }

    /**
     * Files a gc that died left moved aside: removed when no process uses them, kept (and named) otherwise.
     */
    private void collectMovedAside(final Path dir)
    {
        final List<Path> left = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, MOVED_ASIDE_PREFIX + "*"))
        {
            for (final Path path : stream)
            {
                final OptionalLong pid = ownerPid(path.getFileName().toString(), MOVED_ASIDE_PREFIX);
                if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).isEmpty() &&
                    Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                {
                    left.add(path);
                }
            }
        }
        catch (final IOException ex)
        {
            return;
        }
        if (left.isEmpty())
        {
            return;
        }
        final Map<Long, List<Long>> users = users(dir);
        for (final Path path : left)
        {
            final List<Long> pids = users.getOrDefault(inode(path), List.of());
            if (pids.isEmpty())
            {
                remove(path, "a ring a gc that died was removing, which no process uses");
            }
            else
            {
                out().println("Kept " + path.getFileName() + ": a ring a gc that died was removing, in use by " +
                    "process(es) " + pids + ".");
            }
        }
    }

    /**
     * Which processes have files of a directory open or mapped, by inode: from {@code /proc/PID/fd} and
     * {@code /proc/PID/maps} (of the processes this user may read).
     *
     * @param dir the directory.
     * @return pids by inode; empty where {@code /proc} is missing.
     */
    static Map<Long, List<Long>> users(final Path dir)
    {
        final Map<Long, List<Long>> users = new HashMap<>();
        final String prefix = dir.toAbsolutePath().toString() + "/";
        final Object device = attribute(dir, "unix:dev");
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*"))
        {
            for (final Path proc : procs)
            {
                final long pid = Long.parseLong(proc.getFileName().toString());
                try (java.util.stream.Stream<String> lines = Files.lines(proc.resolve("maps")))
                {
                    lines.forEach((line) ->
                    {
                        final String[] fields = line.trim().split("\\s+", 6);
                        if (6 == fields.length && fields[5].startsWith(prefix))
                        {
                            add(users, Long.parseLong(fields[4]), pid);
                        }
                    });
                }
                catch (final IOException | RuntimeException ex)
                {
                    // Gone meanwhile, or not ours to read.
                }
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd")))
                {
                    for (final Path fd : fds)
                    {
                        final Object inode = attribute(fd, "unix:ino");
                        if (null != inode && null != device && device.equals(attribute(fd, "unix:dev")))
                        {
                            add(users, ((Number)inode).longValue(), pid);
                        }
                    }
                }
                catch (final IOException | RuntimeException ex)
                {
                    // Gone meanwhile, or not ours to read.
                }
            }
        }
        catch (final IOException ex)
        {
            return users;
        }
        return users;
    }

    private static void add(final Map<Long, List<Long>> users, final long inode, final long pid)
    {
        final List<Long> pids = users.computeIfAbsent(inode, (i) -> new ArrayList<>());
        if (!pids.contains(pid))
        {
            pids.add(pid);
        }
    }

    private static long inode(final Path path)
    {
        final Object inode = attribute(path, "unix:ino");
        return null == inode ? -1 : ((Number)inode).longValue();
    }

    /**
     * An attribute of a file, following links (an entry of {@code /proc/PID/fd} is one to the open file).
     */
    private static Object attribute(final Path path, final String name)
    {
        try
        {
            return Files.getAttribute(path, name);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private static String keepReason(final RingInfo ring, final RoleStatus producer, final RoleStatus consumer)
    {
        final HeaderSnapshot header = ring.header;
        final ProcessIdentity.Status creator = ProcessIdentity.status(header.creatorPid(),
            header.creatorStartTicks(), header.creatorBootIdHash(), header.creatorPidNamespace());
        if (ProcessIdentity.Status.DEAD != creator)
        {
            return "its creator, pid " + header.creatorPid() + ", " +
                (ProcessIdentity.Status.ALIVE == creator ? "is running" : "cannot be checked from here");
        }
        if (RoleStatus.FREE != producer && RoleStatus.DEAD != producer)
        {
            return "its producer, pid " + header.producer().holderPid() + ", is " +
                producer.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (RoleStatus.FREE != consumer && RoleStatus.DEAD != consumer)
        {
            return "its consumer, pid " + header.consumer().holderPid() + ", is " +
                consumer.name().toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    private void remove(final Path path, final String why)
    {
        remove(path, path.getFileName().toString(), why);
    }

    private void remove(final Path path, final String file, final String why)
    {
        if (dryRun)
        {
            out().println("Would remove " + file + " (" + why + ").");
            removed++;
            return;
        }
        try
        {
            Files.delete(path);
            out().println("Removed " + file + " (" + why + ").");
            removed++;
        }
        catch (final NoSuchFileException ex)
        {
            out().println("Gone already: " + file + " (another process removed it meanwhile).");
        }
        catch (final IOException ex)
        {
            failed++;
            err().println("ipc gc: cannot remove " + path + ": " + ex);
        }
    }

    /**
     * The pid in a name of the form {@code .sharedmem-creating-PID-HEX}.
     *
     * @param file the file name.
     * @return the pid, or empty if the name is not of that form.
     */
    static OptionalLong creatorPid(final String file)
    {
        return ownerPid(file, BlockFiles.CREATING_PREFIX);
    }

    /**
     * The pid in a name of the form {@code PREFIX PID-HEX}.
     *
     * @param file   the file name.
     * @param prefix what comes before the pid.
     * @return the pid, or empty if the name is not of that form.
     */
    private static OptionalLong ownerPid(final String file, final String prefix)
    {
        final String rest = file.substring(prefix.length());
        final int dash = rest.indexOf('-');
        if (dash <= 0 || !rest.substring(0, dash).chars().allMatch(Character::isDigit) ||
            !rest.substring(dash + 1).matches("[0-9a-f]+"))
        {
            return OptionalLong.empty();
        }
        try
        {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        }
        catch (final NumberFormatException ex)
        {
            return OptionalLong.empty();
        }
    }
}
