/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a block is expected to carry the self-describing header of a formatted block (a ring, for instance)
 * but what its first bytes hold does not fit: no header at all, another layout version, another kind, or lengths that
 * contradict the file. The subclasses tell which and are what is thrown; catch this type to treat them alike (the
 * file cannot be used as that block: check the name, or remove it and create it again). The message names the block
 * and the value found.
 * <p>
 * Instances are immutable and thread-safe.
 */
public abstract class BlockFormatException extends NotABlockException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    protected BlockFormatException(final String blockName, final String message)
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
    protected BlockFormatException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
