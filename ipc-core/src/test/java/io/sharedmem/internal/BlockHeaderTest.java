/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import io.sharedmem.CorruptHeaderException;
import io.sharedmem.LayoutVersionException;
import io.sharedmem.NotFormattedException;
import io.sharedmem.SharedBlock;
import io.sharedmem.WrongKindException;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.RandomAccessFile;

import static io.sharedmem.header.HeaderDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockHeaderTest
{
    private static final BlockHeader.Format SPSC_4K = new BlockHeader.Format(BlockKind.SPSC, 4096, 512, 7);

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void formattedBlockAttachesWithEveryFieldAsWritten()
    {
        final String name = blocks.newName("hdr");
        try (SharedBlock block = SharedBlock.create(name, SPSC_4K.blockSize()))
        {
            BlockHeader.format(block.buffer(), SPSC_4K);
            final BlockHeader.Attached attached = BlockHeader.attach(SharedBlock.options(), name, BlockKind.SPSC);
            try (SharedBlock other = attached.block())
            {
                final HeaderSnapshot h = attached.header();
                assertEquals(BlockKind.SPSC, h.kind());
                assertEquals(4096, h.capacity());
                assertEquals(512, h.maxMsgLength());
                assertEquals(7, h.userTypeId());
                assertEquals(HEADER_LENGTH, h.payloadOffset());
                assertEquals(ProcessIdentity.PID, h.creatorPid());
                assertEquals(ProcessIdentity.START_TICKS, h.creatorStartTicks());
                assertEquals(SPSC_4K.blockSize(), other.size());
            }
            final HeaderSnapshot fromFile = HeaderSnapshot.read(name, block.path());
            assertEquals(4096, fromFile.capacity());
        }
    }

    @Test
    void attachToRawBlockWithDataSaysNotFormatted()
    {
        final String name = blocks.newName("raw");
        try (SharedBlock block = SharedBlock.create(name, 8192))
        {
            block.buffer().putLong(0, 0x1234_5678L);
            final NotFormattedException ex = assertThrows(NotFormattedException.class,
                () -> BlockHeader.attach(SharedBlock.options(), name, BlockKind.SPSC));
            assertTrue(ex.getMessage().contains(name) && ex.getMessage().contains("0x12345678"), ex.getMessage());
        }
    }

    @Test
    void attachToZeroedRawBlockSaysNotFormatted()
    {
        final String name = blocks.newName("zero");
        try (SharedBlock ignored = SharedBlock.create(name, 8192))
        {
            final NotFormattedException ex = assertThrows(NotFormattedException.class,
                () -> BlockHeader.attach(SharedBlock.options(), name, null));
            assertTrue(ex.getMessage().contains(name) && ex.getMessage().contains("ready word is 0"), ex.getMessage());
        }
    }

    @Test
    void attachToSmallRawBlockSaysTooShort()
    {
        final String name = blocks.newName("small");
        try (SharedBlock ignored = SharedBlock.create(name, 100))
        {
            final NotFormattedException ex = assertThrows(NotFormattedException.class,
                () -> BlockHeader.attach(SharedBlock.options(), name, null));
            assertTrue(ex.getMessage().contains("100 bytes"), ex.getMessage());
        }
    }

    @Test
    void attachToOtherLayoutVersionNamesBothVersions()
    {
        final String name = blocks.newName("ver");
        try (SharedBlock block = SharedBlock.create(name, SPSC_4K.blockSize()))
        {
            BlockHeader.format(block.buffer(), SPSC_4K);
            block.buffer().putLongRelease(READY_WORD_OFFSET, ((long)MAGIC << 32) | 9);
            final LayoutVersionException ex = assertThrows(LayoutVersionException.class,
                () -> BlockHeader.attach(SharedBlock.options(), name, BlockKind.SPSC));
            assertTrue(ex.getMessage().contains("version 9") &&
                ex.getMessage().contains("version " + HeaderDescriptor.LAYOUT_VERSION), ex.getMessage());
        }
    }

    @Test
    void attachAsWrongKindNamesBothKinds()
    {
        final String name = blocks.newName("kind");
        try (SharedBlock block = SharedBlock.create(name, SPSC_4K.blockSize()))
        {
            BlockHeader.format(block.buffer(), SPSC_4K);
            final WrongKindException ex = assertThrows(WrongKindException.class,
                () -> BlockHeader.attach(SharedBlock.options(), name, BlockKind.BROADCAST));
            assertTrue(ex.getMessage().contains("spsc-ring") && ex.getMessage().contains("broadcast"), ex.getMessage());
        }
    }

    @Test
    void attachToCorruptHeaderSaysWhichField()
    {
        final String name = blocks.newName("corrupt");
        try (SharedBlock block = SharedBlock.create(name, SPSC_4K.blockSize()))
        {
            BlockHeader.format(block.buffer(), SPSC_4K);
            block.buffer().putInt(CAPACITY_OFFSET, 3000);
            final CorruptHeaderException ex = assertThrows(CorruptHeaderException.class,
                () -> BlockHeader.attach(SharedBlock.options(), name, BlockKind.SPSC));
            assertTrue(ex.getMessage().contains("capacity 3000"), ex.getMessage());
        }
    }

    @Test
    void attachToTruncatedFileSaysTruncated() throws Exception
    {
        final String name = blocks.newName("trunc");
        try (SharedBlock block = SharedBlock.create(name, SPSC_4K.blockSize()))
        {
            BlockHeader.format(block.buffer(), SPSC_4K);
            try (RandomAccessFile file = new RandomAccessFile(block.path().toFile(), "rw"))
            {
                file.setLength(2048);
            }
        }
        final CorruptHeaderException ex = assertThrows(CorruptHeaderException.class,
            () -> BlockHeader.attach(SharedBlock.options(), name, BlockKind.SPSC));
        assertTrue(ex.getMessage().contains("truncated") && ex.getMessage().contains("2048"), ex.getMessage());
    }
}
