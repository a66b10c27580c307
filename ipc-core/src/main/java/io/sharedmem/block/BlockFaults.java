/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import io.sharedmem.BlockTruncatedException;
import io.sharedmem.SharedBlock;
import org.agrona.concurrent.AtomicBuffer;

/**
 * What happens when another process truncates a block's file under this process's mapping, and the one place this
 * library turns it into a clear exception.
 * <p>
 * Touching a mapped page beyond the file's new end raises {@code SIGBUS}. HotSpot (17) turns it into an
 * {@link InternalError} ("a fault occurred in a recent unsafe memory access operation") for the accesses it guards:
 * plain, volatile and ordered loads and stores through Agrona's buffers, and bulk copies ({@code getBytes},
 * {@code putBytes}). In compiled code the error is thrown asynchronously, at the next call or safepoint after the
 * access, so the access itself may first return garbage. Two operations are <b>not</b> guarded and crash the JVM
 * instead (measured on OpenJDK 17.0.15): {@code Unsafe.setMemory} (Agrona's {@code setMemory}) and a
 * compare-and-set or get-and-add run by the interpreter. So the library zeroes shared memory with {@link #zero}, never
 * {@code setMemory}, and reads a word (a guarded access) before each compare-and-set on it, which leaves a window of a
 * few instructions.
 * <p>
 * {@link #translate(SharedBlock, InternalError)} turns the {@link InternalError} into a
 * {@link BlockTruncatedException} naming the block, the size mapped and the file's size now; the rings' entry points
 * call it. Applications that touch a block's buffers themselves can do the same, and use
 * {@link #isMappingFault(Throwable)} to recognise the error where it surfaces late.
 * <p>
 * Stateless and thread-safe.
 */
public final class BlockFaults
{
    private static final byte[] ZEROS = new byte[4096];

    private BlockFaults()
    {
    }

    /**
     * Whether an error is HotSpot's report of a fault in a mapped access (a truncated file, most often).
     *
     * @param error any throwable.
     * @return {@code true} for HotSpot's "fault occurred in ... unsafe memory access" {@link InternalError}.
     */
    public static boolean isMappingFault(final Throwable error)
    {
        final String message = error instanceof InternalError ? error.getMessage() : null;
        return null != message && message.contains("fault occurred") && message.contains("unsafe memory access");
    }

    /**
     * Turns HotSpot's report of a fault on a block's mapping into a {@link BlockTruncatedException}. Any other
     * {@link InternalError} is rethrown as it is.
     * <pre>{@code
     * catch (final InternalError ex)
     * {
     *     throw BlockTruncatedException.of(block, ex);
     * }
     * }</pre>
     *
     * @param block the block whose mapping faulted.
     * @param error what HotSpot threw.
     * @return the exception to throw.
     * @throws InternalError {@code error} itself, if it is not a mapping fault.
     */
    public static BlockTruncatedException translate(final SharedBlock block, final InternalError error)
    {
        if (!isMappingFault(error))
        {
            throw error;
        }
        return truncated(block.name(), block.size(), block.fileSize(), error);
    }

    /**
     * Throws if the block's file is now shorter than its mapping: for calls that waited in vain (a time-out), since
     * a truncation to a size that is not a multiple of the page size also zeroes the rest of the last page, and what
     * was there vanishes without any fault (for a ring: committed records, which then look uncommitted). A system
     * call: not for hot paths.
     *
     * @param block the block.
     * @throws BlockTruncatedException if the file is shorter than the mapping.
     */
    public static void checkNotTruncated(final SharedBlock block)
    {
        final long fileSize = block.fileSize();
        if (fileSize >= 0 && fileSize < block.size())
        {
            throw truncated(block.name(), block.size(), fileSize, null);
        }
    }

    /**
     * The exception for a block whose file was truncated under its mapping.
     *
     * @param name       the block name.
     * @param mappedSize the bytes mapped.
     * @param fileSize   the file's size now, or -1 if unknown.
     * @param cause      the fault as HotSpot reported it, or null if none was.
     * @return the exception.
     */
    public static BlockTruncatedException truncated(
        final String name, final long mappedSize, final long fileSize, final Throwable cause)
    {
        final String now = fileSize < 0 ? "its size cannot be read now" :
            fileSize < mappedSize ? "the file now has " + fileSize + " bytes" :
            "the file has " + fileSize + " bytes again, so it was truncated and extended meanwhile";
        return new BlockTruncatedException(name, "block \"" + name + "\" was truncated by another process while " +
            "mapped here: " + mappedSize + " bytes are mapped and " + now + "; its contents are lost: remove it " +
            "(ipc rm " + name + ") and create it again", mappedSize, fileSize, cause);
    }

    /**
     * Zeroes shared memory with a copy, which HotSpot guards against a truncated file (an {@link InternalError}),
     * where {@code setMemory} would crash the JVM. Both end in one native copy or fill per chunk.
     *
     * @param buffer a buffer over a block.
     * @param index  the first byte to zero.
     * @param length how many bytes.
     */
    public static void zero(final AtomicBuffer buffer, final int index, final int length)
    {
        for (int done = 0; done < length; done += ZEROS.length)
        {
            buffer.putBytes(index + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }
}
