/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when another process truncated a block's file while this process had it mapped: the pages beyond the new
 * end are gone, and touching them faulted. HotSpot reports such a fault as an {@link InternalError} ("a fault occurred
 * in an unsafe memory access operation"), sometimes a few instructions after the access that caused it; this library
 * turns the ones it catches into this exception (see {@link io.sharedmem.block.BlockFaults}). The block's contents
 * can no longer be trusted: remove it and create it again.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class BlockTruncatedException extends SharedMemoryException
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
}
