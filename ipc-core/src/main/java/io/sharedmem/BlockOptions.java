/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.BlockInfo;
import io.sharedmem.block.BlockDirectory;
import io.sharedmem.block.BlockFiles;
import io.sharedmem.block.BlockMapping;
import io.sharedmem.block.BlockNames;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The less common settings of {@link SharedBlock}, as a fluent builder that ends in an action:
 * <pre>{@code
 * SharedBlock block = SharedBlock.options()
 *     .directory(Path.of("/mnt/huge"))     // default: sharedmem.dir, SHAREDMEM_DIR, /dev/shm
 *     .permissions("rw-rw----")            // default: rw------- (0600)
 *     .preTouch(true)                      // default: false
 *     .create("frames", 64 << 20);
 * }</pre>
 * A builder is a mutable value: not thread-safe, but cheap, and reusable for several blocks.
 */
public final class BlockOptions
{
    private Path directory;
    private Set<PosixFilePermission> permissions = BlockFiles.OWNER_ONLY;
    private boolean preTouch;
    private boolean readOnly;

    BlockOptions()
    {
    }

    /**
     * The directory blocks live in, instead of the default chosen by {@link BlockDirectory}.
     *
     * @param directory an existing directory, or {@code null} for the default.
     * @return this builder.
     */
    public BlockOptions directory(final Path directory)
    {
        this.directory = null == directory ? null : directory.toAbsolutePath();
        return this;
    }

    /**
     * Permissions for blocks this builder creates; the default is owner read and write only ({@code 0600}).
     * Applied exactly, whatever the process's umask.
     *
     * @param permissions the permissions.
     * @return this builder.
     * @throws IllegalArgumentException if the set is empty or lacks owner read.
     */
    public BlockOptions permissions(final Set<PosixFilePermission> permissions)
    {
        Objects.requireNonNull(permissions, "permissions");
        if (!permissions.contains(PosixFilePermission.OWNER_READ))
        {
            throw new IllegalArgumentException("permissions " + PosixFilePermissions.toString(permissions) +
                " lack owner read: the creator could not attach to its own block");
        }
        this.permissions = EnumSet.copyOf(permissions);
        return this;
    }

    /**
     * Permissions for blocks this builder creates, in the form {@code ls -l} shows, such as {@code "rw-rw----"}.
     *
     * @param permissions nine characters of {@code rwx-}.
     * @return this builder.
     * @throws IllegalArgumentException if the text is not of that form.
     */
    public BlockOptions permissions(final String permissions)
    {
        return permissions(PosixFilePermissions.fromString(permissions));
    }

    /**
     * Touch every page of the mapping when opening, so the first accesses later do not each take a page fault
     * (10 to 15 microseconds per 4 KiB page on some machines). Costs that time up front.
     *
     * @param preTouch {@code true} to pre-touch.
     * @return this builder.
     */
    public BlockOptions preTouch(final boolean preTouch)
    {
        this.preTouch = preTouch;
        return this;
    }

    /**
     * Attach read-only: the block is mapped without write permission and every write through its buffers throws
     * {@link java.nio.ReadOnlyBufferException}. Only for {@link #attach(String)}.
     *
     * @param readOnly {@code true} for read-only.
     * @return this builder.
     */
    public BlockOptions readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * The directory these options resolve to.
     *
     * @return the explicit directory, or the default one.
     */
    public Path resolveDirectory()
    {
        return null != directory ? directory : BlockDirectory.resolve();
    }

    /**
     * Creates a new block exclusively; see {@link SharedBlock#create(String, long)}.
     *
     * @param name the block name.
     * @param size its size in bytes, positive.
     * @return the new block.
     * @throws IllegalArgumentException if the name or size is invalid, or these options are read-only.
     * @throws BlockExistsException     if the name is taken.
     * @throws NotABlockException       if the name is taken by a link or another non-regular file.
     * @throws OutOfSpaceException      if there is too little free space; nothing is left behind.
     * @throws SharedMemoryException    for any other failure.
     */
    public SharedBlock create(final String name, final long size)
    {
        final String bare = BlockNames.normalise(name);
        checkSize(bare, size);
        if (readOnly)
        {
            throw new IllegalArgumentException("cannot create block \"" + bare + "\" read-only: create it, then " +
                "attach read-only where only reading is wanted");
        }
        final Path dir = resolveDirectory();
        final FileChannel channel = BlockFiles.createExclusive(dir, bare, size, permissions);
        try
        {
            return new SharedBlock(bare, dir, open(bare, dir, channel));
        }
        catch (final RuntimeException ex)
        {
            // Created but unusable: leave nothing behind.
            try
            {
                BlockFiles.remove(dir, bare, false);
            }
            catch (final SharedMemoryException suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
    }

    /**
     * Creates a new block exclusively and writes its first contents before any other process can open it: the file
     * gets its name only after {@code beforeNaming} has returned (formatted blocks write their whole header so, and an
     * attacher never finds one half-written). If {@code beforeNaming} throws, nothing is left behind.
     *
     * @param name         the block name.
     * @param size         its size in bytes, positive.
     * @param beforeNaming writes the block's first contents; the block it gets is mapped but not yet named.
     * @return the new block, named.
     * @throws IllegalArgumentException if the name or size is invalid, or these options are read-only.
     * @throws BlockExistsException     if the name is taken (checked again when the block is named).
     * @throws NotABlockException       if the name is taken by a link or another non-regular file.
     * @throws OutOfSpaceException      if there is too little free space; nothing is left behind.
     * @throws SharedMemoryException    for any other failure.
     */
    public SharedBlock create(final String name, final long size, final Consumer<SharedBlock> beforeNaming)
    {
        final String bare = BlockNames.normalise(name);
        checkSize(bare, size);
        if (readOnly)
        {
            throw new IllegalArgumentException("cannot create block \"" + bare + "\" read-only");
        }
        final Path dir = resolveDirectory();
        final SharedBlock[] created = new SharedBlock[1];
        try
        {
            BlockFiles.createExclusive(dir, bare, size, permissions, (channel) ->
            {
                created[0] = new SharedBlock(bare, dir, open(bare, dir, channel));
                beforeNaming.accept(created[0]);
            });
            return created[0];
        }
        catch (final RuntimeException ex)
        {
            if (null != created[0])
            {
                created[0].close();
            }
            throw ex;
        }
    }

    /**
     * Creates a new block under a generated unique name; see {@link SharedBlock#create(long)}.
     *
     * @param size its size in bytes, positive.
     * @return the new block.
     * @throws IllegalArgumentException if the size is invalid.
     * @throws OutOfSpaceException      if there is too little free space.
     * @throws SharedMemoryException    for any other failure.
     */
    public SharedBlock create(final long size)
    {
        if (size <= 0)
        {
            // Checked here so that the message does not name a generated block the caller never saw.
            throw new IllegalArgumentException("size of a new block must be positive, was " + size);
        }
        BlockExistsException last = null;
        for (int attempt = 0; attempt < 16; attempt++)
        {
            try
            {
                return create(BlockNames.generate(), size);
            }
            catch (final BlockExistsException ex)
            {
                last = ex;
            }
        }
        throw last;
    }

    /**
     * Attaches to an existing block; see {@link SharedBlock#attach(String)}.
     *
     * @param name the block name.
     * @return the block.
     * @throws IllegalArgumentException   if the name is invalid.
     * @throws NoSuchBlockException       if there is no such block.
     * @throws NotABlockException         if the name leads to a link or another non-regular file.
     * @throws BlockAccessDeniedException if permissions forbid the access.
     * @throws SharedMemoryException      for any other failure.
     */
    public SharedBlock attach(final String name)
    {
        final String bare = BlockNames.normalise(name);
        final Path dir = resolveDirectory();
        final FileChannel channel = BlockFiles.openExisting(dir, bare, readOnly);
        return new SharedBlock(bare, dir, open(bare, dir, channel));
    }

    /**
     * Creates the block if it does not exist, else attaches to it; see
     * {@link SharedBlock#createOrAttach(String, long)}.
     *
     * @param name the block name.
     * @param size the size to create it with; an existing block must be exactly this size.
     * @return the block.
     * @throws SharedMemoryException if an existing block has another size, or as create and attach throw.
     */
    public SharedBlock createOrAttach(final String name, final long size)
    {
        final String bare = BlockNames.normalise(name);
        checkSize(bare, size);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (!readOnly)
                {
                    return create(bare, size);
                }
            }
            catch (final BlockExistsException ex)
            {
                // Taken: attach below.
            }

            try
            {
                final SharedBlock block = attach(bare);
                if (block.size() != size)
                {
                    final long found = block.size();
                    block.close();
                    throw new SharedMemoryException(bare, "block \"" + bare + "\" exists with " + found +
                        " bytes, not the " + size + " asked for; remove it (ipc rm " + bare + ") or ask for " + found);
                }
                return block;
            }
            catch (final NoSuchBlockException ex)
            {
                // Removed between our create and attach: try again, a few times only.
                if (attempt >= 3 || readOnly)
                {
                    throw ex;
                }
            }
        }
    }

    /**
     * Whether a block of that name exists in the directory (a symbolic link does not count).
     *
     * @param name the block name.
     * @return {@code true} if it exists.
     * @throws IllegalArgumentException if the name is invalid.
     */
    public boolean exists(final String name)
    {
        return BlockFiles.exists(resolveDirectory(), BlockNames.normalise(name));
    }

    /**
     * Lists the blocks in the directory without opening them.
     *
     * @return one entry per regular file, sorted by name.
     * @throws SharedMemoryException if the directory cannot be read.
     */
    public List<BlockInfo> list()
    {
        return BlockFiles.list(resolveDirectory());
    }

    private BlockMapping open(final String name, final Path dir, final FileChannel channel)
    {
        return new BlockMapping(name, dir.resolve(name), channel, readOnly, preTouch);
    }

    private static void checkSize(final String name, final long size)
    {
        if (size <= 0)
        {
            throw new IllegalArgumentException("size of block \"" + name + "\" must be positive, was " + size);
        }
    }
}
