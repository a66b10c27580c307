/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a formatted block is of another kind than asked for, such as attaching a multi-producer ring as a
 * single-producer one. The message names both kinds.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class WrongKindException extends BlockFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public WrongKindException(final String blockName, final String message)
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
    public WrongKindException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
