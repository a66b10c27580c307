/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.block.BlockFiles;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedBlockCreateTest
{
    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void createdBlockHasExactlyTheSizeAskedForAndEveryByteZero() throws Exception
    {
        final String name = blocks.newName("size");
        try (SharedBlock block = SharedBlock.create(name, 4097))
        {
            assertEquals(4097, block.size());
            assertEquals(4097, Files.size(block.path()));
            final byte[] bytes = Files.readAllBytes(block.path());
            for (int i = 0; i < bytes.length; i++)
            {
                assertEquals(0, bytes[i], "byte " + i);
            }
            assertEquals(name, block.name());
            assertEquals(blocks.directory().resolve(name), block.path());
        }
    }

    @Test
    void createReservesEveryPageRatherThanLeavingASparseFile()
    {
        final String name = blocks.newName("reserved");
        final int size = 1 << 20;
        try (SharedBlock block = SharedBlock.create(name, size))
        {
            final Processes.Result stat =
                Processes.run(Duration.ofSeconds(10), "stat", "-c", "%b %B", block.path().toString());
            assertEquals(0, stat.exitCode(), stat.report());
            final String[] fields = stat.stdout().trim().split(" ");
            final long allocated = Long.parseLong(fields[0]) * Long.parseLong(fields[1]);
            assertTrue(allocated >= size, "only " + allocated + " of " + size + " bytes allocated: sparse file");
        }
    }

    @Test
    void zeroSizeIsRejectedNamingTheBlock()
    {
        final String name = blocks.newName("zero");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SharedBlock.create(name, 0));
        assertEquals("size of block \"" + name + "\" must be positive, was 0", ex.getMessage());
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void negativeSizeIsRejectedNamingTheBlockAndTheValue()
    {
        final String name = blocks.newName("negative");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SharedBlock.create(name, -5));
        assertEquals("size of block \"" + name + "\" must be positive, was -5", ex.getMessage());
    }

    @Test
    void negativeSizeForAGeneratedNameIsRejected()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SharedBlock.create(-1));
        assertEquals("size of a new block must be positive, was -1", ex.getMessage());
    }

    @Test
    void invalidNameIsRejectedBeforeTouchingTheFileSystem()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SharedBlock.create("a/b", 64));
        assertTrue(ex.getMessage().contains("\"a/b\""), ex.getMessage());
    }

    @Test
    void creatingAnExistingBlockThrowsBlockExistsNamingIt()
    {
        final String name = blocks.newName("exists");
        try (SharedBlock first = SharedBlock.create(name, 64))
        {
            first.buffer().putLong(0, 99);
            final BlockExistsException ex =
                assertThrows(BlockExistsException.class, () -> SharedBlock.create(name, 128));
            assertEquals(name, ex.blockName());
            assertEquals("cannot create block \"" + name + "\": " + first.path() + " already exists (64 bytes); " +
                "attach to it, or remove it first (ipc rm " + name + ")", ex.getMessage());
            assertEquals(99, first.buffer().getLong(0), "the existing block was changed");
        }
    }

    @Test
    void createdBlockIsOwnerReadWriteOnly() throws Exception
    {
        final String name = blocks.newName("mode");
        try (SharedBlock block = SharedBlock.create(name, 64))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(block.path())));
        }
    }

    @Test
    void customPermissionsAreAppliedExactlyDespiteTheUmask() throws Exception
    {
        // Our umask is typically 022, which would trim rw-rw-rw- to rw-r--r-- if the mode were only given at open.
        final String name = blocks.newName("custom-mode");
        try (SharedBlock block = SharedBlock.options().permissions("rw-rw-rw-").create(name, 64))
        {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(block.path())));
        }
    }

    @Test
    void ownerOnlyPermissionsSurviveARestrictiveUmask() throws Exception
    {
        final String name = blocks.newName("umask");
        try (ChildJvm child = ChildJvm.start(
            List.of("sh", "-c", "umask 0377 && exec \"$0\" \"$@\""), null, List.of(),
            System.getProperty("java.class.path"), CreateChild.class.getName(), name))
        {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child.report());
        }
        assertEquals("rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(blocks.directory().resolve(name))));
    }

    @Test
    void permissionsWithoutOwnerReadAreRejected()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SharedBlock.options().permissions("-w-------"));
        assertTrue(ex.getMessage().contains("lack owner read"), ex.getMessage());
    }

    @Test
    void generatedNameIsPsmAndEightHexDigits()
    {
        try (SharedBlock block = SharedBlock.create(64))
        {
            try
            {
                assertTrue(block.name().matches("psm_[0-9a-f]{8}"), block.name());
                assertTrue(SharedBlock.exists(block.name()));
                assertEquals(64, block.size());
            }
            finally
            {
                block.unlink();
            }
        }
    }

    @Test
    void createLeavesNoHiddenPreparationFileBehind() throws Exception
    {
        final String name = blocks.newName("hidden");
        try (SharedBlock ignored = SharedBlock.create(name, 8192))
        {
            final String ours = BlockFiles.CREATING_PREFIX + ProcessHandle.current().pid() + "-";
            try (Stream<Path> files = Files.list(blocks.directory()))
            {
                assertEquals(List.of(),
                    files.filter((p) -> p.getFileName().toString().startsWith(ours)).toList());
            }
            assertEquals(1, ((Number)Files.getAttribute(blocks.directory().resolve(name), "unix:nlink")).intValue());
        }
    }

    @Test
    void createReadOnlyIsRejected()
    {
        final String name = blocks.newName("ro-create");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SharedBlock.options().readOnly(true).create(name, 64));
        assertTrue(ex.getMessage().contains("cannot create block \"" + name + "\" read-only"), ex.getMessage());
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void createInAMissingDirectoryNamesTheDirectory(@TempDir final Path temp)
    {
        final Path missing = temp.resolve("no-such-dir");
        final SharedMemoryException ex = assertThrows(SharedMemoryException.class,
            () -> SharedBlock.options().directory(missing).create("orders", 64));
        assertEquals("cannot create block \"orders\": the block directory " + missing +
            " (from an explicit setting) does not exist or is not a directory", ex.getMessage());
    }

    @Test
    void createInAnExplicitDirectoryPutsTheFileThere(@TempDir final Path temp)
    {
        try (SharedBlock block = SharedBlock.options().directory(temp).create("orders", 64))
        {
            assertEquals(temp.resolve("orders"), block.path());
            assertTrue(Files.isRegularFile(temp.resolve("orders")));
            block.unlink();
        }
    }

    /**
     * Child of {@link #ownerOnlyPermissionsSurviveARestrictiveUmask()}: creates the block and leaves it.
     */
    public static final class CreateChild
    {
        public static void main(final String[] args)
        {
            try (SharedBlock block = SharedBlock.create(args[0], 64))
            {
                System.out.println("created " + block.path());
            }
        }
    }
}
