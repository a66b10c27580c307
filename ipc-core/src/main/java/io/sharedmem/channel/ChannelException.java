/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import io.sharedmem.SharedMemoryException;

/**
 * A channel cannot be opened or used because of a condition of the machine rather than of its string: a media driver
 * cannot be started in a directory that is not writable, no driver runs where one was named, an endpoint cannot be
 * bound. The message names the channel string, the value at fault and what to do. (A string that is wrong in itself
 * is an {@link IllegalArgumentException}.)
 * <p>
 * Instances are immutable and thread-safe.
 */
public class ChannelException extends SharedMemoryException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message, which names the channel string.
     */
    public ChannelException(final String message)
    {
        super(null, message);
    }

    /**
     * Creates the exception with what went wrong underneath.
     *
     * @param message the full message, which names the channel string.
     * @param cause   the error of the transport.
     */
    public ChannelException(final String message, final Throwable cause)
    {
        super(null, message, cause);
    }
}
