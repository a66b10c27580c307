/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a block has no header of this library: its first word is not the ready word, as in a raw block holding
 * user data (or zeros), or another program's file. Formatted blocks are named only once complete, so this is never a
 * ring being created. Attach to it as a raw {@link SharedBlock} instead, or remove it.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class NotFormattedException extends BlockFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public NotFormattedException(final String blockName, final String message)
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
    public NotFormattedException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
