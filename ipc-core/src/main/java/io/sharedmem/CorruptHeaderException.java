/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a header is marked ready but its fields are impossible: lengths that point past the end of the file
 * (a truncated file), misaligned offsets, a capacity that is not a power of two, positions out of order. The block
 * cannot be used safely; remove it and create it again.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class CorruptHeaderException extends BlockFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public CorruptHeaderException(final String blockName, final String message)
    {
        super(blockName, message);
    }

    /**
     * Creates the exception with the error behind it.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     * @param cause     what went wrong underneath.
     */
    public CorruptHeaderException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
