/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a formatted block does not become ready within the attach time-out: it is still being created, its
 * creator died before finishing (the message says so when that can be proven), or it is a raw block whose first
 * bytes are zero.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class BlockNotReadyException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public BlockNotReadyException(final String blockName, final String message)
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
    public BlockNotReadyException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
