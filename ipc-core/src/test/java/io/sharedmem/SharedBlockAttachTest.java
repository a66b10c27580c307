/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ReadOnlyBufferException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedBlockAttachTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void attachToAMissingBlockNamesTheBlockTheDirectoryAndWhatToDo()
    {
        final String name = blocks.newName("missing");
        final NoSuchBlockException ex = assertThrows(NoSuchBlockException.class, () -> SharedBlock.attach(name));
        assertEquals(name, ex.blockName());
        assertTrue(ex.getMessage().startsWith("no block named \"" + name + "\" in " + blocks.directory() + " ("),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("create it first"), ex.getMessage());
    }

    @Test
    void attachTakesTheSizeFromTheFileAndSeesTheCreatorsBytes()
    {
        final String name = blocks.newName("sees");
        try (SharedBlock created = SharedBlock.create(name, 12_345);
            SharedBlock attached = SharedBlock.attach("/" + name))
        {
            created.buffer().putLongRelease(64, 0xCAFEBABEL);
            assertEquals(12_345, attached.size());
            assertEquals(0xCAFEBABEL, attached.buffer().getLongVolatile(64));
            attached.buffer().putIntRelease(128, 7);
            assertEquals(7, created.buffer().getIntVolatile(128));
        }
    }

    @Test
    void attachNeverResetsOrRewritesTheBlock() throws Exception
    {
        final String name = blocks.newName("no-reset");
        try (SharedBlock created = SharedBlock.create(name, 4096))
        {
            created.buffer().setMemory(0, 4096, (byte)0x5A);
            final Path path = created.path();
            final FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
            Files.setLastModifiedTime(path, past);

            SharedBlock.attach(name).close();
            SharedBlock.options().readOnly(true).attach(name).close();

            assertEquals(past, Files.getLastModifiedTime(path));
            final byte[] expected = new byte[4096];
            Arrays.fill(expected, (byte)0x5A);
            assertArrayEquals(expected, Files.readAllBytes(path));
        }
    }

    @Test
    void symbolicLinkAtTheNameIsRefusedOnCreateAndItsTargetIsUntouched(@TempDir final Path temp) throws Exception
    {
        final String name = blocks.newName("link-create");
        final Target target = Target.plant(temp, blocks.directory().resolve(name));

        final NotABlockException ex = assertThrows(NotABlockException.class, () -> SharedBlock.create(name, 4096));
        assertEquals("\"" + name + "\" at " + blocks.directory().resolve(name) +
            " is not a block: it is a symbolic link, and links are never followed", ex.getMessage());
        target.assertUntouched();
    }

    @Test
    void symbolicLinkAtTheNameIsRefusedOnAttachAndItsTargetIsUntouched(@TempDir final Path temp) throws Exception
    {
        final String name = blocks.newName("link-attach");
        final Target target = Target.plant(temp, blocks.directory().resolve(name));

        assertThrows(NotABlockException.class, () -> SharedBlock.attach(name));
        final NotABlockException ex = assertThrows(NotABlockException.class,
            () -> SharedBlock.options().readOnly(true).attach(name));
        assertTrue(ex.getMessage().contains("symbolic link"), ex.getMessage());
        assertThrows(NotABlockException.class, () -> SharedBlock.createOrAttach(name, 4096));
        target.assertUntouched();
    }

    @Test
    void danglingSymbolicLinkAtTheNameIsRefusedOnCreateAndNothingIsCreatedThroughIt(@TempDir final Path temp)
        throws Exception
    {
        final String name = blocks.newName("dangling");
        final Path nowhere = temp.resolve("nowhere");
        Files.createSymbolicLink(blocks.directory().resolve(name), nowhere);

        assertThrows(NotABlockException.class, () -> SharedBlock.create(name, 4096));
        assertTrue(Files.notExists(nowhere), "a file was created through the link");
    }

    @Test
    void directoryAtTheNameIsRefusedOnCreateAndAttach() throws Exception
    {
        final String name = blocks.newName("dir");
        final Path path = Files.createDirectory(blocks.directory().resolve(name));

        final NotABlockException onCreate =
            assertThrows(NotABlockException.class, () -> SharedBlock.create(name, 64));
        assertEquals("\"" + name + "\" at " + path + " is not a block: it is a directory", onCreate.getMessage());
        final NotABlockException onAttach = assertThrows(NotABlockException.class, () -> SharedBlock.attach(name));
        assertEquals(onCreate.getMessage(), onAttach.getMessage());
        assertTrue(Files.isDirectory(path));
    }

    @Test
    void fifoAtTheNameIsRefusedOnCreateAndAttachWithoutBlocking()
    {
        Assumptions.assumeTrue(Processes.which("mkfifo").isPresent(), "mkfifo is not installed");
        final String name = blocks.newName("fifo");
        final Path path = blocks.directory().resolve(name);
        final Processes.Result mkfifo = Processes.run(Duration.ofSeconds(10), "mkfifo", path.toString());
        assertEquals(0, mkfifo.exitCode(), mkfifo.report());

        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        {
            final NotABlockException onCreate =
                assertThrows(NotABlockException.class, () -> SharedBlock.create(name, 64));
            assertEquals("\"" + name + "\" at " + path + " is not a block: it is not a regular file " +
                "(a device, FIFO or socket)", onCreate.getMessage());
            assertThrows(NotABlockException.class, () -> SharedBlock.attach(name));
            assertThrows(NotABlockException.class, () -> SharedBlock.options().readOnly(true).attach(name));
        });
    }

    @Test
    void anotherUserIsDeniedAccessToAnOwnerOnlyBlock(@TempDir final Path temp) throws Exception
    {
        Assumptions.assumeTrue(Processes.isRoot(), "needs root to run a child as another user");
        final Optional<List<String>> asNobody = asNobody();
        Assumptions.assumeTrue(asNobody.isPresent(), "neither setpriv nor runuser is installed");

        final String name = blocks.newName("denied");
        try (SharedBlock block = SharedBlock.create(name, 4096))
        {
            // Root's home is private: give the child a class path that user nobody can read.
            final String classPath = worldReadableCopyOfClassPath(temp);
            try (ChildJvm child = ChildJvm.start(asNobody.get(), temp, List.of("-XX:-UsePerfData"), classPath,
                AttachChild.class.getName(), name))
            {
                assertEquals(3, child.awaitExit(CHILD_TIMEOUT), child.report());
                final String line = child.awaitLineStartingWith("BlockAccessDeniedException", CHILD_TIMEOUT);
                assertEquals("BlockAccessDeniedException: permission denied: cannot attach to block \"" + name +
                    "\" at " + block.path() + " (owner root, permissions rw-------); check its owner and " +
                    "permissions (ipc ls)", line);
            }
        }
    }

    @Test
    void readOnlyAttachReadsAndRefusesEveryWriteWhileTheJvmSurvives() throws Exception
    {
        final String name = blocks.newName("read-only");
        try (SharedBlock block = SharedBlock.create(name, 4096))
        {
            block.buffer().putLongRelease(0, 0x0102030405060708L);
            try (ChildJvm child = ChildJvm.start(ReadOnlyChild.class, name))
            {
                final String line = child.awaitLineStartingWith("read ", CHILD_TIMEOUT);
                assertEquals("read 0102030405060708", line);
                final String refused = child.awaitLineStartingWith("refused ", CHILD_TIMEOUT);
                assertTrue(refused.matches("refused (\\d+) of \\1 writes"), refused);
                assertEquals("survived", child.awaitLineStartingWith("survived", CHILD_TIMEOUT));
                assertEquals(0, child.awaitExit(CHILD_TIMEOUT), child.report());
            }
            assertEquals(0x0102030405060708L, block.buffer().getLongVolatile(0));
            assertEquals(0L, block.buffer().getLongVolatile(8), "a read-only write got through");
        }
    }

    @Test
    void readOnlyBlockSeesLaterWritesOfTheWriter()
    {
        final String name = blocks.newName("ro-sees");
        try (SharedBlock writer = SharedBlock.create(name, 64);
            SharedBlock reader = SharedBlock.options().readOnly(true).attach(name))
        {
            assertTrue(reader.isReadOnly());
            final AtomicBuffer view = reader.buffer();
            writer.buffer().putLongRelease(8, 11);
            assertEquals(11, view.getLongVolatile(8));
            assertThrows(ReadOnlyBufferException.class, () -> view.putLong(8, 12));
            assertThrows(ReadOnlyBufferException.class, () -> reader.buffer(0, 8).putByte(0, (byte)1));
        }
    }

    private static Optional<List<String>> asNobody()
    {
        if (Processes.which("setpriv").isPresent())
        {
            return Optional.of(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        if (Processes.which("runuser").isPresent())
        {
            return Optional.of(List.of("runuser", "-u", "nobody", "--"));
        }
        return Optional.empty();
    }

    private static String worldReadableCopyOfClassPath(final Path temp) throws IOException
    {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        final List<String> entries = new ArrayList<>();
        int index = 0;
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            final Path source = Path.of(entry);
            if (!Files.exists(source))
            {
                continue;
            }
            final Path copy = temp.resolve("cp" + index++ + (Files.isDirectory(source) ? "" : ".jar"));
            copyTree(source, copy);
            entries.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void copyTree(final Path source, final Path target) throws IOException
    {
        Files.walkFileTree(source, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                throws IOException
            {
                final Path copy = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
            {
                final Path copy = source.equals(file) ? target : target.resolve(source.relativize(file).toString());
                Files.copy(file, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * A regular file outside the block directory with known bytes and modification time, and a symbolic link to it
     * planted at a block's name.
     */
    private record Target(Path file, byte[] bytes, FileTime modified)
    {
        static Target plant(final Path dir, final Path link) throws IOException
        {
            final Path file = dir.resolve("target");
            final byte[] bytes = "precious data, not a block".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Files.write(file, bytes);
            final FileTime modified = FileTime.from(Instant.parse("2021-06-01T12:00:00Z"));
            Files.setLastModifiedTime(file, modified);
            Files.createSymbolicLink(link, file);
            return new Target(file, bytes, modified);
        }

        void assertUntouched() throws IOException
        {
            assertArrayEquals(bytes, Files.readAllBytes(file), "the link's target was written");
            assertEquals(modified, Files.getLastModifiedTime(file), "the link's target was modified");
        }
    }

    /**
     * Child of {@link #anotherUserIsDeniedAccessToAnOwnerOnlyBlock(Path)}: tries to attach, prints what it got.
     */
    public static final class AttachChild
    {
        public static void main(final String[] args)
        {
            try (SharedBlock block = SharedBlock.attach(args[0]))
            {
                System.out.println("attached " + block);
                System.exit(0);
            }
            catch (final SharedMemoryException ex)
            {
                System.out.println(ex.getClass().getSimpleName() + ": " + ex.getMessage());
                System.exit(3);
            }
        }
    }

    /**
     * Child of {@link #readOnlyAttachReadsAndRefusesEveryWriteWhileTheJvmSurvives()}: reads, then tries every
     * mutating method of the buffer on a read-only mapping; a write that got through would kill it with SIGSEGV.
     */
    public static final class ReadOnlyChild
    {
        public static void main(final String[] args) throws Exception
        {
            try (SharedBlock block = SharedBlock.options().readOnly(true).attach(args[0]))
            {
                final AtomicBuffer buffer = block.buffer();
                System.out.println("read " + String.format("%016x", buffer.getLongVolatile(0)));

                final List<Method> methods = io.sharedmem.block.ReadOnlyAtomicBufferAccess.mutatingMethods();
                int refused = 0;
                for (final Method method : methods)
                {
                    final Object target = method.getName().startsWith("wrap") ? buffer : block.buffer(8, 64);
                    try
                    {
                        method.invoke(target, io.sharedmem.block.ReadOnlyAtomicBufferAccess.sampleArguments(method));
                        System.out.println("NOT refused: " + method);
                    }
                    catch (final InvocationTargetException ex)
                    {
                        if (ex.getCause() instanceof ReadOnlyBufferException)
                        {
                            refused++;
                        }
                        else
                        {
                            System.out.println("threw " + ex.getCause() + ": " + method);
                        }
                    }
                }
                System.out.println("refused " + refused + " of " + methods.size() + " writes");
                System.out.println("survived");
            }
        }
    }
}
