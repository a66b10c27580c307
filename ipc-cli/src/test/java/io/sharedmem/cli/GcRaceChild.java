/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.NoSuchBlockException;
import io.sharedmem.SharedBlock;
import io.sharedmem.ring.RingOptions;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.RaceControl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * A child JVM that attaches to or creates a ring while {@code ipc gc} runs, round after round: it must never find,
 * once gc is done, that the ring it holds is no longer the one under its name. Arguments: mode ({@code attach} or
 * {@code create}), directory, ring base name, rounds, control block name. Round {@code r} uses ring {@code base-r}:
 * at the start it attaches (taking the consumer role) or creates the ring (taking the producer role), waits for the
 * round's end (gc is done by then) and prints {@code r=R held SAME} where SAME says whether the name still leads to
 * the file this process has mapped, or {@code r=R gone} if the ring was removed before it could attach. The control
 * block ({@link RaceControl}) is in the same directory.
 */
public final class GcRaceChild
{
    private GcRaceChild()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode, directory, base name, rounds, control block.
     * @throws IOException if /proc cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final String mode = args[0];
        final Path dir = Paths.get(args[1]);
        final String base = args[2];
        final int rounds = Integer.parseInt(args[3]);
        final RingOptions options = SpscRing.options().directory(dir).capacity(4096);
        try (SharedBlock controlBlock = SharedBlock.options().directory(dir).attach(args[4]))
        {
            final RaceControl control = new RaceControl(controlBlock);
            for (int r = 0; r < rounds; r++)
            {
                final String name = base + "-" + r;
                String line;
                control.awaitStart(r);
                try (SpscRing ring = "create".equals(mode) ? options.create(name) : options.attach(name);
                    AutoCloseable role = "create".equals(mode) ? ring.producer() : ring.consumer())
                {
                    control.awaitEnd(r);
                    line = "held " + stillUnderItsName(ring.block().path());
                }
                catch (final NoSuchBlockException ex)
                {
                    line = "gone";
                    control.awaitEnd(r);
                }
                catch (final Exception ex)
                {
                    line = "error " + ex;
                    control.awaitEnd(r);
                }
                System.out.println("r=" + r + " " + line);
                System.out.flush();
            }
        }
        System.exit(0);
    }

    /**
     * Whether the file now under the ring's name is the one this process has mapped: same inode in
     * {@code /proc/self/maps} (the path shown there may be another name of the same file).
     */
    static boolean stillUnderItsName(final Path path) throws IOException
    {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            return false;
        }
        final long inode = ((Number)Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        final String dir = path.getParent().toAbsolutePath().toString();
        final List<String> maps = Files.readAllLines(Paths.get("/proc/self/maps"));
        for (final String line : maps)
        {
            final String[] fields = line.trim().split("\\s+", 6);
            if (fields.length == 6 && fields[5].startsWith(dir) && Long.parseLong(fields[4]) == inode)
            {
                return true;
            }
        }
        return false;
    }
}
