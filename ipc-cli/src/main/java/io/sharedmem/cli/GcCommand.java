/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockInfo;
import io.sharedmem.block.BlockNames;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.header.ProcessIdentity;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.ring.DoorbellIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code ipc gc}: removes what dead processes left behind. Each kind of leftover is one collecting method called from
 * {@link #call()}:
 * <ul>
 *     <li>the hidden file a block is prepared under ({@code .sharedmem-creating-PID-HEX}) when its creator was killed
 *     while reserving pages: removed when no process {@code PID} is running;</li>
 *     <li>rings whose processes are all gone: the creator is provably dead, no role is held by a process that is
 *     alive or cannot be proven dead, and no process has the file mapped (read from {@code /proc/PID/maps});</li>
 *     <li>the doorbell socket of a ring whose consumer is gone (a consumer killed with {@code kill -9} leaves it
 *     in the temporary directory).</li>
 * </ul>
 * Raw blocks are never touched: nothing tells whether their users are alive.
 */
@Command(name = "gc", description = "Remove leftovers of dead processes: unfinished block creations, rings whose " +
    "creator and role holders are gone and that no process maps, doorbell sockets of dead consumers.")
final class GcCommand extends BlockCommand
{
    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    private int removed;
    private int failed;

    @Override
    public Integer call()
    {
        final Path dir = directory();
        collectUnfinishedCreations(dir);
        collectDeadRings(dir);
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
                final BasicFileAttributes attributes =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
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
            final List<Long> mappers = mappedBy(block.path());
            if (!mappers.isEmpty())
            {
                out().println("Kept ring " + name + ": mapped by process(es) " + mappers + ".");
                continue;
            }
            remove(block.path(), ring.header.kind().label() + " whose creator (pid " + ring.header.creatorPid() +
                ") and role holders are gone and that no process maps, " + block.size() + " bytes");
            if (Files.exists(bell, LinkOption.NOFOLLOW_LINKS))
            {
                remove(bell, "doorbell socket of ring " + name);
            }
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

    /**
     * The processes that have a file mapped, from {@code /proc/PID/maps} (those this user may read).
     *
     * @param path the file.
     * @return their pids; empty where {@code /proc} is missing.
     */
    static List<Long> mappedBy(final Path path)
    {
        final String file = path.toAbsolutePath().toString();
        final List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*"))
        {
            for (final Path proc : procs)
            {
                try (java.util.stream.Stream<String> lines = Files.lines(proc.resolve("maps")))
                {
                    if (lines.anyMatch((line) -> line.endsWith(" " + file)))
                    {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
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
            return pids;
        }
        return pids;
    }

    private void remove(final Path path, final String why)
    {
        final String file = path.getFileName().toString();
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
        final String rest = file.substring(BlockFiles.CREATING_PREFIX.length());
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
