/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a formatted block was written in another layout version than this library reads. Use a library
 * version of the same layout on both sides, or re-create the block.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class LayoutVersionException extends BlockFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public LayoutVersionException(final String blockName, final String message)
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
    public LayoutVersionException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
