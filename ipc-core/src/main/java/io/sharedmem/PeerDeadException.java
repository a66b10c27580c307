/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Thrown to a producer waiting for space or a consumer waiting for messages when the process on the other side of
 * the ring has died (its pid is gone or reused) or stopped heartbeating, so the wait could never end.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class PeerDeadException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param blockName the name of the block concerned.
     * @param message   the full message, which already names the block.
     */
    public PeerDeadException(final String blockName, final String message)
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
    public PeerDeadException(final String blockName, final String message, final Throwable cause)
    {
        super(blockName, message, cause);
    }
}
