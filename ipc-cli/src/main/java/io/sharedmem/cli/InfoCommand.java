/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.BlockInfo;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockNames;
import io.sharedmem.header.BlockKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ipc info NAME}: everything the file system says about one block and its kind; for a ring also its
 * capacity, positions, bytes used, producer and consumer (pid, alive or dead, heartbeat age) and counters. With
 * {@code --json}, one JSON object; with {@code --watch}, again every interval, with message rates. The block is read
 * with plain file reads: never mapped, no role taken, nothing written.
 */
@Command(name = "info", description = "Describe one block: path, size, kind, owner, permissions, last write; " +
    "for a ring also capacity, positions, bytes used, producer and consumer (alive or dead), counters.")
final class InfoCommand extends BlockCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "The block's name (a leading / is allowed).")
    String name;

    @Option(names = "--json", description = "Print a JSON object (one line per snapshot) instead of text.")
    boolean json;

    @Option(names = "--watch", arity = "0..1", paramLabel = "SECONDS", fallbackValue = "1",
        description = "Print again every SECONDS (default 1) until Ctrl-C; rings show message rates.")
    Double watchSeconds;

    @Option(names = "--times", paramLabel = "N", description = "With --watch: stop after N snapshots.")
    Integer times;

    @Override
    public Integer call() throws InterruptedException
    {
        if (null != watchSeconds && !(watchSeconds > 0))
        {
            throw new IllegalArgumentException("--watch takes a positive number of seconds, was " + watchSeconds);
        }
        final String bare = BlockNames.normalise(name);
        RingInfo previous = null;
        for (int snapshot = 1; ; snapshot++)
        {
            final BlockInfo info = BlockFiles.info(directory(), bare);
            final String kind = io.sharedmem.cli.BlockKind.of(info.path());
            RingInfo ring = null;
            String problem = null;
            if (!io.sharedmem.cli.BlockKind.RAW.equals(kind) && !io.sharedmem.cli.BlockKind.UNREADABLE.equals(kind))
            {
                try
                {
                    ring = RingInfo.read(bare, info.path());
                }
                catch (final SharedMemoryException ex)
                {
                    problem = ex.getMessage();
                }
            }
            if (json)
            {
                printJson(info, kind, ring, previous, problem);
            }
            else
            {
                printText(info, kind, ring, previous, problem, null != watchSeconds);
            }
            out().flush();
            if (null == watchSeconds || (null != times && snapshot >= times))
            {
                return 0;
            }
            previous = ring;
            Thread.sleep((long)(watchSeconds * 1000));
        }
    }

    private void printText(final BlockInfo info, final String kind, final RingInfo ring, final RingInfo previous,
        final String problem, final boolean watching)
    {
        final PrintWriter out = out();
        if (watching)
        {
            out.println("--- " + java.time.Instant.now());
        }
        out.println("name:        " + BlockNames.printable(info.name()));
        out.println("path:        " + BlockNames.printable(info.path().toString()));
        out.println("size:        " + info.size() + " bytes (" + Sizes.human(info.size()) + ")");
        out.println("kind:        " + kind);
        out.println("owner:       " + info.owner() + " (uid " + info.ownerUid() + ")");
        out.println("permissions: " + PosixFilePermissions.toString(info.permissions()) + " (" +
            octal(info.permissions()) + ")");
        out.println("modified:    " + info.lastModified() + " (by write calls; stores through a mapping do not " +
            "change it)");
        if (null != problem)
        {
            out.println("header:      " + problem);
        }
        if (null != ring)
        {
            for (final String line : ring.lines())
            {
                out.println(line);
            }
            final String rates = rates(ring, previous);
            if (null != rates)
            {
                out.println("rates:       " + rates);
            }
        }
    }

    private void printJson(final BlockInfo info, final String kind, final RingInfo ring, final RingInfo previous,
        final String problem)
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", info.name());
        object.put("path", info.path().toString());
        object.put("size", info.size());
        object.put("kind", kind);
        object.put("owner", info.owner());
        object.put("uid", info.ownerUid());
        object.put("permissions", PosixFilePermissions.toString(info.permissions()));
        object.put("modified", info.lastModified().toString());
        if (null != problem)
        {
            object.put("problem", problem);
        }
        if (null != ring)
        {
            final Map<String, Object> ringJson = ring.json();
            if (null != previous)
            {
                final double seconds = seconds(ring, previous);
                ringJson.put("tailBytesPerSecond", Math.round((ring.tail - previous.tail) / seconds));
                if (BlockKind.SPSC == ring.header.kind())
                {
                    ringJson.put("consumedMessagesPerSecond", Math.round(
                        (ring.header.consumedMessages() - previous.header.consumedMessages()) / seconds));
                }
            }
            object.put("ring", ringJson);
        }
        out().println(Json.write(object));
    }

    private static String rates(final RingInfo ring, final RingInfo previous)
    {
        if (null == previous)
        {
            return null;
        }
        final double seconds = seconds(ring, previous);
        final String bytes = String.format(Locale.ROOT, "%,.0f bytes/s written", (ring.tail - previous.tail) / seconds);
        if (BlockKind.SPSC != ring.header.kind())
        {
            return bytes;
        }
        return String.format(Locale.ROOT, "%,.0f messages/s consumed, ",
            (ring.header.consumedMessages() - previous.header.consumedMessages()) / seconds) + bytes;
    }

    private static double seconds(final RingInfo ring, final RingInfo previous)
    {
        return Math.max(1, ring.readAtNs - previous.readAtNs) / (double)TimeUnit.SECONDS.toNanos(1);
    }

    /**
     * Permissions in octal, as {@code chmod} takes them.
     *
     * @param permissions the permissions.
     * @return such as {@code 0600}.
     */
    static String octal(final java.util.Set<PosixFilePermission> permissions)
    {
        int mode = 0;
        for (final PosixFilePermission permission : permissions)
        {
            mode |= 0400 >> permission.ordinal();
        }
        return String.format("%04o", mode);
    }
}
