/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a block cannot be created because the file system holding it has too little free space. Nothing is left
 * behind: the partly reserved file is removed before this is thrown.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class OutOfSpaceException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public OutOfSpaceException(final String blockName, final String message)
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
    public OutOfSpaceException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
