/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.BlockInfo;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedBlockTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void createdBlockIsZeroedOwnerOnlyAndAttachable() throws Exception
    {
        final String name = blocks.newName("basic");
        try (SharedBlock created = SharedBlock.create(name, 4096))
        {
            assertEquals(4096, created.size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created.path())));
            assertEquals(0L, created.buffer().getLong(4088));
            created.buffer().putLongRelease(8, 42);

            try (SharedBlock attached = SharedBlock.attach("/" + name))
            {
                assertEquals(4096, attached.size());
                assertEquals(42, attached.buffer().getLongVolatile(8));
            }
            created.unlink();
            assertFalse(SharedBlock.exists(name));
        }
    }

    @Test
    void closeIsIdempotentAndEmptiesEveryBufferHandedOut()
    {
        final String name = blocks.newName("close");
        final SharedBlock block = SharedBlock.create(name, 4096);
        final AtomicBuffer whole = block.buffer();
        final AtomicBuffer window = block.buffer(64, 64);
        block.close();
        block.close();
        assertTrue(block.isClosed());
        assertEquals(0, whole.capacity());
        assertEquals(0, window.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> whole.getLong(0));
        assertThrows(IndexOutOfBoundsException.class, () -> window.putLong(0, 1));
        block.unlink();
    }

    @Test
    void readOnlyBuffersAreEmptiedOnCloseToo()
    {
        final String name = blocks.newName("close-ro");
        try (SharedBlock ignored = SharedBlock.create(name, 4096))
        {
            final SharedBlock reader = SharedBlock.options().readOnly(true).attach(name);
            final AtomicBuffer whole = reader.buffer();
            reader.close();
            assertEquals(0, whole.capacity());
            assertThrows(IndexOutOfBoundsException.class, () -> whole.getLong(0));
        }
    }

    @Test
    void askingForABufferAfterCloseThrowsNamingTheBlock()
    {
        final String name = blocks.newName("closed");
        final SharedBlock block = SharedBlock.create(name, 64);
        block.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, block::buffer);
        assertEquals("block \"" + name + "\" is closed", ex.getMessage());
        assertThrows(IllegalStateException.class, () -> block.buffer(0, 8));
        block.unlink();
    }

    @Test
    void theWholeBufferIsTheSameInstanceOnEveryCall()
    {
        try (SharedBlock block = SharedBlock.create(blocks.newName("same"), 64))
        {
            assertTrue(block.buffer() == block.buffer());
        }
    }

    @Test
    void windowsSeeTheSameBytesAsTheWholeBuffer()
    {
        try (SharedBlock block = SharedBlock.create(blocks.newName("window"), 4096))
        {
            final AtomicBuffer window = block.buffer(1024, 16);
            window.putLongRelease(8, 77);
            assertEquals(77, block.buffer().getLongVolatile(1032));
            assertEquals(16, window.capacity());
            assertThrows(IndexOutOfBoundsException.class, () -> window.getLong(16));
        }
    }

    @Test
    void misalignedWindowOffsetIsRejected()
    {
        final String name = blocks.newName("misaligned");
        try (SharedBlock block = SharedBlock.create(name, 4096))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> block.buffer(4, 8));
            assertEquals("window offset 4 of block \"" + name + "\" is not a multiple of 8, which atomic access needs",
                ex.getMessage());
        }
    }

    @Test
    void windowOutsideTheBlockIsRejected()
    {
        final String name = blocks.newName("outside");
        try (SharedBlock block = SharedBlock.create(name, 4096))
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> block.buffer(4088, 16));
            assertEquals("window [offset 4088, length 16] of block \"" + name + "\" does not lie within its 4096 bytes",
                ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> block.buffer(-8, 8));
            assertThrows(IllegalArgumentException.class, () -> block.buffer(0, -1));
        }
    }

    @Test
    void unlinkRemovesTheNameAndASecondUnlinkThrowsNoSuchBlock()
    {
        final String name = blocks.newName("unlink");
        try (SharedBlock block = SharedBlock.create(name, 64))
        {
            block.unlink();
            assertFalse(SharedBlock.exists(name));
            final NoSuchBlockException ex = assertThrows(NoSuchBlockException.class, block::unlink);
            assertTrue(ex.getMessage().startsWith("no block named \"" + name + "\""), ex.getMessage());
            block.buffer().putLong(0, 1);
            assertEquals(1, block.buffer().getLong(0), "the mapping must outlive the name");
        }
    }

    @Test
    void existsAndListSeeTheBlockWithoutOpeningIt()
    {
        final String name = blocks.newName("listed");
        assertFalse(SharedBlock.exists(name));
        try (SharedBlock block = SharedBlock.create(name, 8192))
        {
            assertTrue(SharedBlock.exists(name));
            final List<BlockInfo> listed = SharedBlock.list().stream().filter((b) -> b.name().equals(name)).toList();
            assertEquals(1, listed.size());
            final BlockInfo info = listed.get(0);
            assertEquals(8192, info.size());
            assertEquals(block.path(), info.path());
            assertEquals("rw-------", PosixFilePermissions.toString(info.permissions()));
            assertEquals(System.getProperty("user.name"), info.owner());
        }
    }

    @Test
    void createOrAttachCreatesAMissingBlock()
    {
        final String name = blocks.newName("coa-create");
        try (SharedBlock block = SharedBlock.createOrAttach(name, 256))
        {
            assertEquals(256, block.size());
            assertTrue(SharedBlock.exists(name));
        }
    }

    @Test
    void createOrAttachAttachesToAnExistingBlockOfTheSameSize()
    {
        final String name = blocks.newName("coa-attach");
        try (SharedBlock first = SharedBlock.create(name, 256))
        {
            first.buffer().putLongRelease(0, 5);
            try (SharedBlock second = SharedBlock.createOrAttach(name, 256))
            {
                assertEquals(5, second.buffer().getLongVolatile(0), "createOrAttach reset the existing block");
            }
        }
    }

    @Test
    void createOrAttachRefusesAnExistingBlockOfAnotherSize()
    {
        final String name = blocks.newName("coa-size");
        try (SharedBlock ignored = SharedBlock.create(name, 256))
        {
            final SharedMemoryException ex =
                assertThrows(SharedMemoryException.class, () -> SharedBlock.createOrAttach(name, 512));
            assertEquals("block \"" + name + "\" exists with 256 bytes, not the 512 asked for; remove it (ipc rm " +
                name + ") or ask for 256", ex.getMessage());
        }
    }

    @Test
    void unlinkWhileAnotherProcessHasItMappedKeepsBothWorking() throws Exception
    {
        final String name = blocks.newName("unlink-mapped");
        try (SharedBlock block = SharedBlock.create(name, 4096);
            ChildJvm child = ChildJvm.start(UnlinkChild.class, name))
        {
            final AtomicBuffer buffer = block.buffer();
            child.awaitLineStartingWith("attached", CHILD_TIMEOUT);

            block.unlink();
            assertFalse(SharedBlock.exists(name));
            assertThrows(NoSuchBlockException.class, () -> SharedBlock.attach(name));

            buffer.putLongRelease(0, 1);                                  // tell the child: unlinked
            assertEquals("child saw 1 after the unlink", child.awaitLineStartingWith("child saw", CHILD_TIMEOUT));
            final long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (buffer.getLongVolatile(8) != 2 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            assertEquals(2, buffer.getLongVolatile(8), "the child's write after the unlink did not arrive");
            assertEquals("child's new attach: NoSuchBlockException",
                child.awaitLineStartingWith("child's new attach", CHILD_TIMEOUT));
            assertEquals(0, child.awaitExit(CHILD_TIMEOUT), child.report());
        }
    }

    @Test
    void childAndParentCountOnOneCounterExactly() throws Exception
    {
        final String name = blocks.newName("counter");
        final int increments = 1_000_000;
        try (SharedBlock block = SharedBlock.create(name, 4096);
            ChildJvm child = ChildJvm.start(CounterChild.class, name, Integer.toString(increments)))
        {
            final AtomicBuffer buffer = block.buffer();
            child.awaitLineStartingWith("attached", CHILD_TIMEOUT);
            for (int i = 0; i < increments; i++)
            {
                buffer.getAndAddLong(0, 1);
            }
            assertEquals(0, child.awaitExit(CHILD_TIMEOUT), child.report());
            assertEquals(2L * increments, buffer.getLongVolatile(0));
            block.unlink();
        }
    }

    /**
     * Child side of {@link #childAndParentCountOnOneCounterExactly()}.
     */
    public static final class CounterChild
    {
        public static void main(final String[] args)
        {
            try (SharedBlock block = SharedBlock.attach(args[0]))
            {
                final AtomicBuffer buffer = block.buffer();
                System.out.println("attached");
                final int increments = Integer.parseInt(args[1]);
                for (int i = 0; i < increments; i++)
                {
                    buffer.getAndAddLong(0, 1);
                }
            }
        }
    }

    /**
     * Child side of {@link #unlinkWhileAnotherProcessHasItMappedKeepsBothWorking()}: attaches, waits for the parent
     * to unlink and write 1, answers with 2, then tries a new attach.
     */
    public static final class UnlinkChild
    {
        public static void main(final String[] args)
        {
            try (SharedBlock block = SharedBlock.attach(args[0]))
            {
                final AtomicBuffer buffer = block.buffer();
                System.out.println("attached");
                final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (buffer.getLongVolatile(0) != 1)
                {
                    if (System.nanoTime() > deadline)
                    {
                        System.out.println("timed out");
                        System.exit(2);
                    }
                    Thread.onSpinWait();
                }
                System.out.println("child saw 1 after the unlink");
                buffer.putLongRelease(8, 2);
                try
                {
                    SharedBlock.attach(args[0]).close();
                    System.out.println("child's new attach: succeeded");
                }
                catch (final NoSuchBlockException ex)
                {
                    System.out.println("child's new attach: NoSuchBlockException");
                }
            }
        }
    }
}
