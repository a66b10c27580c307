/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a block is created under a name that is already taken. Attach to it instead, or remove it first (for
 * example with {@code ipc rm NAME}).
 * <p>
 * Instances are immutable and thread-safe.
 */
public class BlockExistsException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public BlockExistsException(final String blockName, final String message)
    {
        super(blockName, message);
    }

    /**
     * Creates the exception with the error behind it.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     * @param cause     what the operating system or the JDK reported.
     */
    public BlockExistsException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
