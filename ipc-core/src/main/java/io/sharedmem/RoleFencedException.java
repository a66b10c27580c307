/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown to a former holder of a ring role when another process has taken the role over (it was forced out after
 * its heartbeat went stale). The former holder must stop using the ring: nothing it writes after this is valid.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class RoleFencedException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public RoleFencedException(final String blockName, final String message)
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
    public RoleFencedException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
