/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.SharedBlock;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.CrashWatch;
import io.sharedmem.testing.RaceControl;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.Trials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ipc gc} racing a process that is attaching to a ring or creating one: gc never removes a ring a live process
 * holds or is about to use. Each round, gc runs (in this JVM) at a random moment around the one at which a child JVM
 * attaches to a ring that gc may remove (its creator is dead and no role is held) or creates a new one; when gc is
 * done, the child's ring must still be the file under its name, or the child must have found it gone before it
 * attached.
 */
class GcRaceTest
{
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long GC_AFTER_MS = 200;

    private Path dir;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void createDirectory() throws IOException
    {
        // A directory of its own in /dev/shm: gc looks at nothing else, and the rings are in shared memory.
        dir = Files.createDirectory(Paths.get("/dev/shm", "smtest-gcrace-" +
            ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong())));
    }

    @AfterEach
    void removeDirectory() throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void gcNeverRemovesARingAProcessIsAttachingTo() throws Exception
    {
        race("GcRaceTest#gcNeverRemovesARingAProcessIsAttachingTo", "attach", "gc racing attach to a dead " +
            "creator's ring");
    }

    @Test
    void gcNeverRemovesARingAProcessIsCreating() throws Exception
    {
        race("GcRaceTest#gcNeverRemovesARingAProcessIsCreating", "create", "gc racing create");
    }

    @Test
    void gcPutsBackARingOpenedWhileItWasBeingRemoved() throws Exception
    {
        leaveBehind("ring", deadPid());
        final CliRun[] gc = new CliRun[1];
        final Thread gcThread = new Thread(() -> gc[0] = CliRun.of("gc", "--dir", dir.toString()), "gc");
        gcThread.start();
        // What an attach that looked the name up just before gc moved the ring aside does next: open the file.
        FileChannel opened = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (null == opened && gcThread.isAlive() && System.nanoTime() - deadline < 0)
        {
            try (Stream<Path> files = Files.list(dir))
            {
                final Path aside = files.filter((f) -> f.getFileName().toString().startsWith(
                    GcCommand.MOVED_ASIDE_PREFIX)).findFirst().orElse(null);
                if (null != aside)
                {
                    opened = FileChannel.open(aside, StandardOpenOption.READ);
                }
            }
            catch (final NoSuchFileException ex)
            {
                // Removed between the listing and the open: try again.
            }
        }
        gcThread.join(TimeUnit.SECONDS.toMillis(30));
        try
        {
            assertTrue(null != opened, "gc never moved the ring aside: " + gc[0].report());
            assertEquals(0, gc[0].exitCode(), gc[0].report());
            assertTrue(gc[0].out().contains("Kept ring ring: process(es) [" + ProcessHandle.current().pid() +
                "] opened it while gc was removing it."), gc[0].report());
            assertTrue(Files.exists(dir.resolve("ring")));
            try (Stream<Path> files = Files.list(dir))
            {
                assertEquals(List.of(), files.filter((f) -> f.getFileName().toString()
                    .startsWith(GcCommand.MOVED_ASIDE_PREFIX)).toList(), "nothing left aside");
            }
        }
        finally
        {
            if (null != opened)
            {
                opened.close();
            }
        }
        final CliRun again = CliRun.of("gc", "--dir", dir.toString());
        assertTrue(again.out().contains("Removed ring (spsc-ring whose creator"), again.report());
    }

    private void race(final String test, final String mode, final String kind) throws Exception
    {
        final long seed = Trials.seed(test);
        final SplittableRandom random = new SplittableRandom(seed);
        final ReliabilityFigures figures = new ReliabilityFigures(test, seed);
        figures.trialKind = kind;
        final int rounds = Trials.scaled(4, 40);
        final String base = "ring";
        final long deadPid = deadPid();
        int gcRuns = 0;
        int putBack = 0;
        long gcNanos = 0;
        int gone = 0;
        // The control block lives in the race's directory too: gc never touches a raw block, and the in-process demo
        // and example commands leave the sharedmem.dir property of this JVM pointing elsewhere.
        try (SharedBlock controlBlock = SharedBlock.options().directory(dir).create("control", RaceControl.SIZE);
            CrashWatch watch = new CrashWatch(test))
        {
            final RaceControl control = new RaceControl(controlBlock);
            control.reset();
            try (ChildJvm child = watch.start(List.of(), GcRaceChild.class, mode,
                dir.toString(), base, Integer.toString(rounds), controlBlock.name()))
            {
                for (int r = 0; r < rounds; r++)
                {
                    if ("attach".equals(mode))
                    {
                        leaveBehind(base + "-" + r, deadPid);
                    }
                    // One gc, started at a random moment around the child's attempt: most land before or after it,
                    // some while the child is opening and mapping the ring, which is the race.
                    final long averageGcNs = 0 == gcRuns ? TimeUnit.MILLISECONDS.toNanos(20) : gcNanos / gcRuns;
                    final long startAt = control.start(r, 100);
                    final long gcAt = startAt - random.nextLong(averageGcNs + 1) + TimeUnit.MILLISECONDS.toNanos(1);
                    while (System.nanoTime() - gcAt < 0)
                    {
                        Thread.onSpinWait();
                    }
                    final long gcStart = System.nanoTime();
                    final CliRun gc = CliRun.of("gc", "--dir", dir.toString());
                    gcNanos += System.nanoTime() - gcStart;
                    gcRuns++;
                    if (gc.out().contains("opened it while gc was removing it"))
                    {
                        putBack++;
                    }
                    if (0 != gc.exitCode())
                    {
                        figures.unclearAnswers++;
                        problems.add("round " + r + ": " + gc.report());
                    }
                    Thread.sleep(GC_AFTER_MS);
                    control.end(r);
                    figures.trials++;
                    final String line;
                    try
                    {
                        final String prefix = "r=" + r + " ";
                        line = child.awaitLine((l) -> l.startsWith(prefix), WAIT);
                    }
                    catch (final AssertionError ex)
                    {
                        figures.hangs++;
                        problems.add(ex.getMessage());
                        break;
                    }
                    if (line.endsWith(" gone"))
                    {
                        gone++;
                    }
                    else if (!line.endsWith(" held true"))
                    {
                        figures.unclearAnswers++;
                        problems.add("round " + r + ": " + line + " (gc removed a ring a live process holds)");
                    }
                }
                if (0 != child.awaitExit(WAIT))
                {
                    problems.add(child.fullReport());
                }
            }
            finally
            {
                figures.jvmCrashes = watch.crashes();
                figures.write();
            }
        }
        System.out.println(kind + ": " + rounds + " rounds, a gc run takes " +
            TimeUnit.NANOSECONDS.toMillis(gcNanos / Math.max(1, gcRuns)) + " ms, the ring was gone before the child " +
            "attached " + gone + " times; gc put a ring back that the child had opened meanwhile " + putBack +
            " times");
        if ("create".equals(mode) && gone > 0)
        {
            problems.add("a ring being created was removed " + gone + " times");
        }
        assertEquals(0, figures.violations(), problems.toString());
        assertEquals(List.of(), problems);
    }

    /**
     * A ring as its creator would leave it when killed: no role held, creator pid that of a process now gone.
     */
    private void leaveBehind(final String name, final long deadPid)
    {
        SpscRing.options().directory(dir).capacity(4096).create(name).close();
        try (SharedBlock block = SharedBlock.options().directory(dir).attach(name))
        {
            block.buffer().putLong(HeaderDescriptor.CREATOR_PID_OFFSET, deadPid);
            block.buffer().putLong(HeaderDescriptor.CREATOR_START_TICKS_OFFSET, 0);
        }
    }

    private static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor();
        final long pid = process.pid();
        if (ProcessHandle.of(pid).isPresent())
        {
            throw new IllegalStateException("pid " + pid + " is alive again");
        }
        return pid;
    }
}
