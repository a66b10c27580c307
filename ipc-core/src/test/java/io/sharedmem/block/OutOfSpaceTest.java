/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import io.sharedmem.OutOfSpaceException;
import io.sharedmem.SharedBlock;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating a block that does not fit: on a 1 MiB tmpfs this test mounts, so it runs only as root (otherwise it is
 * skipped, saying so). Both ways out are covered: the quick free-space check and running out while reserving pages.
 */
class OutOfSpaceTest
{
    private static final int MOUNT_SIZE = 1 << 20;
    private static Path mount;

    @BeforeAll
    static void mountSmallTmpfs() throws IOException
    {
        Assumptions.assumeTrue(Processes.isRoot(), "mounting a small tmpfs needs root");
        Assumptions.assumeTrue(Processes.which("mount").isPresent(), "mount is not installed");
        final Path dir = Files.createTempDirectory("sharedmem-small-tmpfs");
        final Processes.Result result = Processes.run(Duration.ofSeconds(30),
            "mount", "-t", "tmpfs", "-o", "size=" + MOUNT_SIZE, "tmpfs", dir.toString());
        if (0 != result.exitCode())
        {
            Files.delete(dir);
        }
        Assumptions.assumeTrue(0 == result.exitCode(), "cannot mount a tmpfs here: " + result.report());
        mount = dir;
    }

    @AfterAll
    static void unmount() throws IOException
    {
        if (null != mount)
        {
            final Processes.Result result = Processes.run(Duration.ofSeconds(30), "umount", mount.toString());
            assertEquals(0, result.exitCode(), result.report());
            Files.delete(mount);
            mount = null;
        }
    }

    @AfterEach
    void emptyTheMount() throws IOException
    {
        try (Stream<Path> files = Files.list(mount))
        {
            for (final Path file : files.toList())
            {
                Files.delete(file);
            }
        }
    }

    @Test
    void blockLargerThanTheFreeSpaceFailsAtTheQuickCheckAndLeavesNothing() throws IOException
    {
        final OutOfSpaceException ex = assertThrows(OutOfSpaceException.class,
            () -> SharedBlock.options().directory(mount).create("too-big", 2 * MOUNT_SIZE));
        assertEquals("too-big", ex.blockName());
        assertTrue(ex.getMessage().startsWith("cannot create block \"too-big\" of 2097152 bytes in " + mount +
            ": only "), ex.getMessage());
        assertTrue(ex.getMessage().endsWith(" bytes are free there; free some space or choose a smaller size"),
            ex.getMessage());
        assertEquals(List.of(), entries());
    }

    @Test
    void runningOutOfSpaceWhileReservingPagesFailsAndLeavesNothing() throws IOException
    {
        // Skip the quick check, as a concurrent writer filling the file system would defeat it.
        final OutOfSpaceException ex = assertThrows(OutOfSpaceException.class, () -> BlockFiles.createExclusive(
            mount, "overflow", 2 * MOUNT_SIZE, BlockFiles.OWNER_ONLY, false, null));
        assertEquals("cannot create block \"overflow\" in " + mount + ": no space left on the file system " +
            "(No space left on device); free some space or choose a smaller size", ex.getMessage());
        assertEquals(List.of(), entries(), "a block or a hidden .sharedmem-creating- file was left behind");
    }

    @Test
    void secondBlockThatOverflowsFailsAndTheFirstIsIntact() throws IOException
    {
        try (SharedBlock first = SharedBlock.options().directory(mount).create("first", 600 << 10))
        {
            first.buffer().putLong(0, 42);
            assertThrows(OutOfSpaceException.class,
                () -> SharedBlock.options().directory(mount).create("second", 600 << 10));
            assertThrows(OutOfSpaceException.class, () -> BlockFiles.createExclusive(
                mount, "second", 600 << 10, BlockFiles.OWNER_ONLY, false, null));

            assertEquals(List.of("first"), entries());
            assertEquals(42, first.buffer().getLong(0));
        }
    }

    private static List<String> entries() throws IOException
    {
        try (Stream<Path> files = Files.list(mount))
        {
            return files.map((p) -> p.getFileName().toString()).sorted().toList();
        }
    }
}
