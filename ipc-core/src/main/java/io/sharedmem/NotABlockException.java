/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when the name of a block leads to something that is not a regular file (a symbolic link, a directory, a
 * device, a FIFO), or to a file whose contents are not the block expected. Symbolic links are never followed.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class NotABlockException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public NotABlockException(final String blockName, final String message)
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
    public NotABlockException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
