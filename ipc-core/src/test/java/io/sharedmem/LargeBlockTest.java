/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Blocks of 2 GiB and more, which no single buffer can cover. The block is removed as soon as the test ends.
 */
class LargeBlockTest
{
    private static final long SIZE = (2L << 30) + (64 << 10);            // 2 GiB + 64 KiB
    private static final int WINDOW = 64 << 10;
    private static final long WINDOW_OFFSET = SIZE - WINDOW;             // the last 64 KiB, past the 2 GiB mark
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void blockOver2GiBIsWrittenThroughAWindowHereAndReadThroughAWindowInAnotherProcess() throws Exception
    {
        final long free = Files.getFileStore(blocks.directory()).getUsableSpace();
        Assumptions.assumeTrue(free > SIZE + (1L << 30),
            "needs " + SIZE + " bytes and a margin of 1 GiB free in " + blocks.directory() + ", has " + free);

        final String name = blocks.newName("large");
        try (SharedBlock block = SharedBlock.create(name, SIZE))
        {
            try
            {
                assertEquals(SIZE, block.size());
                final IllegalStateException whole = assertThrows(IllegalStateException.class, block::buffer);
                assertEquals("block \"" + name + "\" is " + SIZE + " bytes, larger than one buffer can cover (" +
                    Integer.MAX_VALUE + " bytes): use buffer(offset, length) windows instead", whole.getMessage());

                final AtomicBuffer window = block.buffer(WINDOW_OFFSET, WINDOW);
                for (int i = 0; i < WINDOW; i += Long.BYTES)
                {
                    window.putLong(i, pattern(WINDOW_OFFSET + i));
                }
                window.putLongRelease(WINDOW - Long.BYTES, -1L);

                try (ChildJvm child = ChildJvm.start(LargeReaderChild.class, name))
                {
                    assertEquals("verified " + (WINDOW / Long.BYTES - 1) + " longs; last -1",
                        child.awaitLineStartingWith("verified", CHILD_TIMEOUT));
                    assertEquals(0, child.awaitExit(CHILD_TIMEOUT), child.report());
                }

                // The child wrote back through its own window: the first long after the 2 GiB mark.
                final AtomicBuffer atTwoGiB = block.buffer(1L << 31, Long.BYTES);
                assertEquals(0x2_0000_0000L, atTwoGiB.getLongVolatile(0));
            }
            finally
            {
                block.unlink();
            }
        }
    }

    static long pattern(final long position)
    {
        return position * 0x9E3779B97F4A7C15L;
    }

    /**
     * Child of the test: attaches, reads the window near the end, writes one long at the 2 GiB mark.
     */
    public static final class LargeReaderChild
    {
        public static void main(final String[] args)
        {
            try (SharedBlock block = SharedBlock.attach(args[0]))
            {
                final AtomicBuffer window = block.buffer(WINDOW_OFFSET, WINDOW);
                final long last = window.getLongVolatile(WINDOW - Long.BYTES);
                int verified = 0;
                for (int i = 0; i < WINDOW - Long.BYTES; i += Long.BYTES)
                {
                    if (window.getLong(i) != pattern(WINDOW_OFFSET + i))
                    {
                        System.out.println("mismatch at " + (WINDOW_OFFSET + i));
                        System.exit(2);
                    }
                    verified++;
                }
                block.buffer(1L << 31, Long.BYTES).putLongRelease(0, 0x2_0000_0000L);
                System.out.println("verified " + verified + " longs; last " + last);
            }
        }
    }
}
