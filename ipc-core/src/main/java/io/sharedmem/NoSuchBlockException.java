/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a block is attached to (or removed) by a name under which no block exists in the directory searched. The
 * message names the block and the directory; create the block first, or check the name and the directory setting.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class NoSuchBlockException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public NoSuchBlockException(final String blockName, final String message)
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
    public NoSuchBlockException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
