/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.BlockInfo;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockMapping;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Path;
import java.util.List;

/**
 * A named, fixed-size region of memory shared between processes: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}, for Java, over Agrona's buffers.
 * <p>
 * One process creates a block under a name; any process of the same user attaches to it by that name and sees the
 * same bytes. On Linux a block named {@code orders} is the file {@code /dev/shm/orders}, exactly where Python puts
 * {@code SharedMemory(name="orders")}, so Java and Python processes can share one block. The directory can be changed
 * with the system property {@code sharedmem.dir} or the environment variable {@code SHAREDMEM_DIR}, or per call with
 * {@link #options()}.
 * <pre>{@code
 * try (SharedBlock block = SharedBlock.create("orders", 1024))     // another process: SharedBlock.attach("orders")
 * {
 *     AtomicBuffer buffer = block.buffer();
 *     buffer.putLongRelease(0, 42);                                  // typed, ordered and atomic access
 *     block.unlink();                                                // remove the name once everyone has attached
 * }
 * }</pre>
 * <ul>
 *     <li>{@link #create(String, long)} fails if the name exists, never follows a symbolic link, gives the file
 *     owner-only permissions ({@code 0600}) and writes every page, so a full file system fails then with
 *     {@link OutOfSpaceException} and leaves nothing behind, rather than killing a process with {@code SIGBUS}
 *     later. The block appears under its name only once it is fully sized.</li>
 *     <li>{@link #attach(String)} takes the size from the file and never initialises, resets or removes
 *     anything.</li>
 *     <li>{@link #close()} releases this process's mapping; {@link #unlink()} removes the name. As with POSIX shared
 *     memory, processes that still have the block mapped keep working after an unlink, and the memory is freed
 *     when the last one closes.</li>
 *     <li>A raw block has no header: its bytes are the user's, byte for byte as Python sees them.</li>
 * </ul>
 * <b>Thread safety:</b> all methods are thread-safe. The buffers returned are Agrona {@link AtomicBuffer}s; use
 * their ordered and atomic methods to publish data to other processes. Closing a block while other threads are
 * still using its buffers is unsafe: buffers are emptied on close so later calls throw, but an access already under
 * way can fault.
 * <p>
 * <b>Java 17:</b> Agrona needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on the command line.
 */
public final class SharedBlock implements AutoCloseable
{
    private final String name;
    private final Path path;
    private final Path directory;
    private final BlockMapping mapping;

    SharedBlock(final String name, final Path directory, final BlockMapping mapping)
    {
        this.name = name;
        this.directory = directory;
        this.path = directory.resolve(name);
        this.mapping = mapping;
    }

    /**
     * Creates a new block, exclusively, in the default directory.
     *
     * @param name the block name: 1 to 255 bytes, no {@code /} after an optional leading one, no NUL, not
     *             {@code .} or {@code ..}.
     * @param size its size in bytes, positive; every byte starts as zero.
     * @return the new block, mapped for reading and writing.
     * @throws IllegalArgumentException if the name or size is invalid.
     * @throws BlockExistsException     if a block of that name exists.
     * @throws NotABlockException       if the name is taken by a symbolic link or another non-regular file.
     * @throws OutOfSpaceException      if the file system has too little free space.
     * @throws SharedMemoryException    for any other failure.
     */
    public static SharedBlock create(final String name, final long size)
    {
        return options().create(name, size);
    }

    /**
     * Creates a new block under a generated unique name ({@code psm_} and 8 hexadecimal digits, as Python does).
     *
     * @param size its size in bytes, positive.
     * @return the new block; {@link #name()} tells the name to pass to other processes.
     * @throws IllegalArgumentException if the size is invalid.
     * @throws OutOfSpaceException      if the file system has too little free space.
     * @throws SharedMemoryException    for any other failure.
     */
    public static SharedBlock create(final long size)
    {
        return options().create(size);
    }

    /**
     * Attaches to an existing block for reading and writing; the size is the file's.
     *
     * @param name the block name.
     * @return the block.
     * @throws IllegalArgumentException   if the name is invalid.
     * @throws NoSuchBlockException       if there is no such block, naming the directory searched.
     * @throws NotABlockException         if the name leads to a symbolic link or another non-regular file.
     * @throws BlockAccessDeniedException if its permissions forbid reading and writing.
     * @throws SharedMemoryException      for any other failure.
     */
    public static SharedBlock attach(final String name)
    {
        return options().attach(name);
    }

    /**
     * Creates the block if it does not exist, else attaches to it. Either way the result is exactly {@code size}
     * bytes: an existing block of another size is an error rather than a surprise.
     *
     * @param name the block name.
     * @param size the size to create it with; an existing block must be exactly this size.
     * @return the block.
     * @throws SharedMemoryException if the existing block has another size, or as {@link #create(String, long)} and
     *                               {@link #attach(String)} throw.
     */
    public static SharedBlock createOrAttach(final String name, final long size)
    {
        return options().createOrAttach(name, size);
    }

    /**
     * Options for the less common settings: directory, permissions, pre-touch, read-only.
     * <pre>{@code
     * SharedBlock block = SharedBlock.options().readOnly(true).attach("orders");
     * }</pre>
     *
     * @return a new builder with the defaults.
     */
    public static BlockOptions options()
    {
        return new BlockOptions();
    }

    /**
     * Whether a block of that name exists in the default directory (a symbolic link does not count).
     *
     * @param name the block name.
     * @return {@code true} if it exists.
     * @throws IllegalArgumentException if the name is invalid.
     */
    public static boolean exists(final String name)
    {
        return options().exists(name);
    }

    /**
     * Lists the blocks in the default directory without opening them.
     *
     * @return one entry per regular file there, sorted by name. On Linux that is everything in {@code /dev/shm}
     * owned by anyone, this library's blocks and others.
     * @throws SharedMemoryException if the directory cannot be read.
     */
    public static List<BlockInfo> list()
    {
        return options().list();
    }

    /**
     * The block's name, without a leading {@code /}.
     *
     * @return the name other processes attach with.
     */
    public String name()
    {
        return name;
    }

    /**
     * The block's size in bytes.
     *
     * @return the size.
     */
    public long size()
    {
        return mapping.size();
    }

    /**
     * The size of the block's file now: equal to {@link #size()} unless another process truncated (or extended) the
     * file after this process mapped it. Truncation under a mapping is what makes accesses fault
     * ({@link BlockTruncatedException}); this is a system call, not for hot paths.
     *
     * @return bytes, or -1 if it cannot be read (the block is closed, or an I/O error).
     */
    public long fileSize()
    {
        return mapping.fileSize();
    }

    /**
     * The file behind the block.
     *
     * @return its path.
     */
    public Path path()
    {
        return path;
    }

    /**
     * The directory the block lives in.
     *
     * @return the directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Whether this process attached read-only; writes through its buffers then throw
     * {@link java.nio.ReadOnlyBufferException}.
     *
     * @return {@code true} if read-only.
     */
    public boolean isReadOnly()
    {
        return mapping.isReadOnly();
    }

    /**
     * A buffer over the whole block: typed, atomic and ordered access to its bytes. The same instance on every call.
     *
     * @return the buffer.
     * @throws IllegalStateException if the block is closed, or is 2 GiB or larger (use
     *                               {@link #buffer(long, int)} windows then).
     */
    public AtomicBuffer buffer()
    {
        return mapping.buffer();
    }

    /**
     * A buffer over a window of the block. On blocks of 2 GiB and more this maps the window on demand (a system
     * call, kept until close), so ask once and keep the buffer.
     *
     * @param offset where the window starts: a multiple of 8, so that atomic access within it is aligned.
     * @param length how many bytes it covers.
     * @return the window.
     * @throws IllegalArgumentException if the window is misaligned or not within the block.
     * @throws IllegalStateException    if the block is closed.
     */
    public AtomicBuffer buffer(final long offset, final int length)
    {
        return mapping.buffer(offset, length);
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closed.
     */
    public boolean isClosed()
    {
        return mapping.isClosed();
    }

    /**
     * Releases this process's mapping. Every buffer this block handed out is emptied first, so later use throws
     * {@link IndexOutOfBoundsException} rather than touching freed memory. Idempotent. The block itself stays until
     * {@link #unlink()}.
     */
    @Override
    public void close()
    {
        mapping.close();
    }

    /**
     * Removes the block's name, so no process can attach to it any more. Processes that have it mapped, this one
     * included, keep working; the memory is freed when the last of them closes it. May be called before or after
     * {@link #close()}.
     *
     * @throws NoSuchBlockException  if the name was already removed.
     * @throws NotABlockException    if the name now leads to something else that is not a regular file.
     * @throws SharedMemoryException if the file system refuses.
     */
    public void unlink()
    {
        BlockFiles.remove(directory, name, false);
    }

    /**
     * Describes the block for logs.
     *
     * @return name, size and path.
     */
    @Override
    public String toString()
    {
        return "SharedBlock{name=\"" + name + "\", size=" + mapping.size() + ", path=" + path +
            (mapping.isReadOnly() ? ", read-only" : "") + (mapping.isClosed() ? ", closed" : "") + "}";
    }
}
