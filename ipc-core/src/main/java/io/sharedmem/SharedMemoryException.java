/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

/**
 * Base of every runtime condition this library reports about a shared block: the block is missing, already exists,
 * is not a block, cannot be reached, has no room, or holds something other than what was expected.
 * <p>
 * Bad arguments (an invalid name, a size of zero) are reported as {@link IllegalArgumentException} instead, because
 * they are programming errors rather than conditions of the machine. Every message names the block and the value
 * that was found, and where there is one, what to do about it.
 * <p>
 * Instances are immutable and thread-safe.
 */
public class SharedMemoryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String blockName;

    /**
     * Creates an exception about the given block.
     *
     * @param blockName the name of the block concerned, or {@code null} when no single block is concerned.
     * @param message   the full message, which already names the block.
     */
    public SharedMemoryException(final String blockName, final String message)
    {
        super(message);
        this.blockName = blockName;
    }

    /**
     * Creates an exception about the given block with the I/O error or other cause behind it.
     *
     * @param blockName the name of the block concerned, or {@code null} when no single block is concerned.
     * @param message   the full message, which already names the block.
     * @param cause     what the operating system or the JDK reported.
     */
    public SharedMemoryException(final String blockName, final String message, final Throwable cause)
    {
        super(message, cause);
        this.blockName = blockName;
    }

    /**
     * The name of the block this exception is about.
     *
     * @return the block name, or {@code null} when no single block is concerned.
     */
    public String blockName()
    {
        return blockName;
    }
}
