/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedBlockTest
{
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
    void closeEmptiesEveryBufferHandedOut()
    {
        final String name = blocks.newName("close");
        final SharedBlock block = SharedBlock.create(name, 4096);
        final AtomicBuffer whole = block.buffer();
        final AtomicBuffer window = block.buffer(64, 64);
        block.close();
        block.close();
        assertTrue(block.isClosed());
        assertEquals(0, whole.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> whole.getLong(0));
        assertThrows(IndexOutOfBoundsException.class, () -> window.putLong(0, 1));
        block.unlink();
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
            child.awaitLineStartingWith("attached", Duration.ofSeconds(30));
            for (int i = 0; i < increments; i++)
            {
                buffer.getAndAddLong(0, 1);
            }
            assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child.report());
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
}
