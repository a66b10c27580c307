/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when the operating system refuses access to a block: its permissions or owner do not allow the access asked
 * for.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class BlockAccessDeniedException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public BlockAccessDeniedException(final String blockName, final String message)
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
    public BlockAccessDeniedException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
