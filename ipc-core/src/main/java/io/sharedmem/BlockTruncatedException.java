/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.block.BlockFaults;

/**
 * Thrown when another process truncated a block's file while this process had it mapped: the pages beyond the new
 * end are gone, and touching them faulted. HotSpot reports such a fault as an {@link InternalError} ("a fault occurred
 * in an unsafe memory access operation"), sometimes a few instructions after the access that caused it; this library
 * turns the ones it catches into this exception; {@link #isMappingFault(Throwable)} and
 * {@link #of(SharedBlock, InternalError)} do the same for faults that reach the application. The block's contents can
 * no longer be trusted: remove it and create it again, as for any {@link CorruptHeaderException}.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class BlockTruncatedException extends CorruptHeaderException
{
    private static final long serialVersionUID = 1L;

    private final long mappedSize;
    private final long fileSize;

    /**
     * Creates the exception.
     *
     * @param blockName  the name of the block concerned.
     * @param message    the full message, which already names the block and both sizes.
     * @param mappedSize the bytes this process mapped.
     * @param fileSize   the file's size when the fault was reported, or -1 if it could not be read.
     * @param cause      the fault as HotSpot reported it.
     */
    public BlockTruncatedException(
        final String blockName, final String message, final long mappedSize, final long fileSize,
        final Throwable cause)
    {
        super(blockName, message, cause);
        this.mappedSize = mappedSize;
        this.fileSize = fileSize;
    }

    /**
     * The bytes this process had mapped.
     *
     * @return the block's size when it was opened.
     */
    public long mappedSize()
    {
        return mappedSize;
    }

    /**
     * The file's size when the fault was reported: smaller than {@link #mappedSize()} while it stays truncated (it
     * may have been extended again since).
     *
     * @return bytes, or -1 if the size could not be read.
     */
    public long fileSize()
    {
        return fileSize;
    }

    /**
     * Whether an error is HotSpot's report of a fault in a mapped access (a file truncated under its mapping, most
     * often), as the per-message calls ({@code offer}, {@code tryClaim}, {@code commit}, {@code poll}) let it through.
     *
     * @param error any throwable.
     * @return {@code true} for HotSpot's "a fault occurred in ... unsafe memory access" {@link InternalError}.
     */
    public static boolean isMappingFault(final Throwable error)
    {
        return BlockFaults.isMappingFault(error);
    }

    /**
     * Names the block behind a mapping fault, with its mapped size and the file's size now.
     * <pre>{@code
     * catch (final InternalError ex)
     * {
     *     throw BlockTruncatedException.of(ring.block(), ex);
     * }
     * }</pre>
     *
     * @param block the block whose mapping faulted.
     * @param error what HotSpot threw.
     * @return the exception to throw.
     * @throws InternalError {@code error} itself, if it is not a mapping fault.
     */
    public static BlockTruncatedException of(final SharedBlock block, final InternalError error)
    {
        return BlockFaults.translate(block, error);
    }
}
