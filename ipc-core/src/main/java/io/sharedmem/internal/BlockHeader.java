/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import io.sharedmem.BlockOptions;
import io.sharedmem.SharedBlock;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.WrongKindException;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderSnapshot;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;


import static io.sharedmem.header.HeaderDescriptor.*;

/**
 * Writes the header of a new formatted block, and attaches to an existing one after waiting for it to be ready and
 * validating it.
 * <p>
 * Creating follows Aeron's CnC file: the creator writes its pid first (so an attacher can tell a creator that died),
 * then every other field, then the ready word last with a release store. Attaching waits a bounded time while the
 * file is shorter than a header or its ready word is zero, then validates a copy of the header
 * ({@link HeaderSnapshot}) and the kind. Attaching never writes, resets or removes anything.
 * <p>
 * Thread-safe: static methods only.
 */
public final class BlockHeader
{
    private BlockHeader()
    {
    }

    /**
     * What a new block's header says beyond what the creator knows about itself.
     *
     * @param kind          what the block holds.
     * @param capacity      the data region's capacity, a power of two.
     * @param maxMsgLength  the largest message.
     * @param userTypeId    the application's type id for the block.
     */
    public record Format(BlockKind kind, int capacity, int maxMsgLength, int userTypeId)
    {
        /**
         * The payload length this format needs: capacity plus the kind's trailer.
         *
         * @return bytes.
         */
        public long payloadLength()
        {
            return capacity + (long)HeaderSnapshot.trailerLength(kind);
        }

        /**
         * The block size this format needs.
         *
         * @return header plus payload, in bytes.
         */
        public long blockSize()
        {
            return HEADER_LENGTH + payloadLength();
        }
    }

    /**
     * Writes a complete header into a new, zeroed block and publishes it ready.
     *
     * @param buffer the block's buffer, at least {@link Format#blockSize()} bytes.
     * @param format what the block holds.
     */
    public static void format(final AtomicBuffer buffer, final Format format)
    {
        // Pid first: an attacher that finds the ready word 0 can tell whether the creator still lives.
        buffer.putLongRelease(CREATOR_PID_OFFSET, ProcessIdentity.PID);
        buffer.putLong(CREATOR_START_TICKS_OFFSET, ProcessIdentity.START_TICKS);
        buffer.putInt(KIND_OFFSET, format.kind().code());
        buffer.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        buffer.putLong(PAYLOAD_OFFSET_OFFSET, HEADER_LENGTH);
        buffer.putLong(PAYLOAD_LENGTH_OFFSET, format.payloadLength());
        buffer.putLong(CREATION_TIME_OFFSET, System.currentTimeMillis());
        buffer.putInt(USER_TYPE_ID_OFFSET, format.userTypeId());
        buffer.putInt(MAX_MSG_LENGTH_OFFSET, format.maxMsgLength());
        buffer.putLong(CREATOR_BOOT_ID_HASH_OFFSET, ProcessIdentity.BOOT_ID_HASH);
        buffer.putLong(CREATOR_PID_NAMESPACE_OFFSET, ProcessIdentity.PID_NAMESPACE);
        buffer.putInt(CAPACITY_OFFSET, format.capacity());
        // Release: everything above is visible to whoever reads the ready word with acquire.
        buffer.putLongRelease(READY_WORD_OFFSET, READY_WORD);
    }

    /**
     * Attaches to a formatted block, validates the header and checks the kind. It never waits: a formatted block is
     * named only once complete.
     *
     * @param options      how to attach (directory, read-only, pre-touch).
     * @param name         the block name.
     * @param expectedKind the kind wanted, or {@code null} for any.
     * @return the attached block and its validated header; the caller owns the block and must close it.
     * @throws io.sharedmem.NoSuchBlockException if there is no such block.
     * @throws io.sharedmem.BlockFormatException if it is not a formatted block of the expected kind and layout.
     * @throws SharedMemoryException             as {@link SharedBlock#attach(String)} throws.
     */
    public static Attached attach(final BlockOptions options, final String name, final BlockKind expectedKind)
    {
        final SharedBlock block = options.attach(name);
        try
        {
            final HeaderSnapshot header = readHeader(block);
            checkKind(block.name(), header, expectedKind);
            return new Attached(block, header);
        }
        catch (final RuntimeException ex)
        {
            block.close();
            throw ex;
        }
    }

    /**
     * Copies the header out of a mapped block and validates the copy, so later changes by other processes cannot
     * make a validated value invalid.
     *
     * @param block an open block.
     * @return the validated snapshot.
     * @throws io.sharedmem.BlockFormatException if the header is invalid.
     */
    public static HeaderSnapshot readHeader(final SharedBlock block)
    {
        final int length = (int)Math.min(block.size(), HEADER_LENGTH);
        final byte[] bytes = new byte[HEADER_LENGTH];
        block.buffer(0, length).getBytes(0, bytes, 0, length);
        return HeaderSnapshot.parse(block.name(), new UnsafeBuffer(bytes), length, block.size());
    }

    private static void checkKind(final String name, final HeaderSnapshot header, final BlockKind expected)
    {
        if (null != expected && expected.code() != header.kindCode())
        {
            throw new WrongKindException(name, "block \"" + name + "\" is a " + BlockKind.describe(header.kindCode()) +
                ", not a " + expected.label() + "; attach it with the class for its kind");
        }
    }

    /**
     * An attached formatted block.
     *
     * @param block  the block, owned by the caller.
     * @param header its header as validated at attach.
     */
    public record Attached(SharedBlock block, HeaderSnapshot header)
    {
    }
}
