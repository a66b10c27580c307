/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown when a role of a ring (producer or consumer) is held by another process that is alive, or cannot be proven
 * dead. The message names the holder's pid; stop that process, or take the role over explicitly with force once
 * its heartbeat is stale.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class RoleTakenException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public RoleTakenException(final String blockName, final String message)
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
    public RoleTakenException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
