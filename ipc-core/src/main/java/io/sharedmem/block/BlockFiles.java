/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import io.sharedmem.BlockAccessDeniedException;
import io.sharedmem.BlockExistsException;
import io.sharedmem.BlockInfo;
import io.sharedmem.NoSuchBlockException;
import io.sharedmem.NotABlockException;
import io.sharedmem.OutOfSpaceException;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.internal.CrashPoints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File-system operations on blocks: exclusive creation with reserved pages, opening without following links, listing
 * and removing. Every {@link IOException} is turned into a {@link SharedMemoryException} that names the block, the
 * path and what to do.
 * <p>
 * This is the support layer of {@link io.sharedmem.SharedBlock}; tools use it to list and remove blocks without
 * mapping them. Stateless and thread-safe.
 */
public final class BlockFiles
{
    /**
     * Permissions of a new block unless told otherwise: owner read and write only ({@code 0600}), as Python does.
     */
    public static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /**
     * Prefix of the hidden file a block is prepared under before it appears under its name. Such a file outlives its
     * creator only if the creator was killed while reserving pages; {@code ipc gc} removes those whose creator is
     * gone, and listings skip them.
     */
    public static final String CREATING_PREFIX = ".sharedmem-creating-";

    private static final int RESERVE_CHUNK = 1 << 20;
    private static final LinkOption[] NO_FOLLOW = { LinkOption.NOFOLLOW_LINKS };

    private BlockFiles()
    {
    }

    /**
     * Creates a block file exclusively, owner-only unless other permissions are given, with every byte written as
     * zero so that the pages are reserved now and a full file system fails here rather than with {@code SIGBUS}
     * later.
     * <p>
     * The file is prepared under a hidden name and then linked under its own name, which fails if the name is taken
     * (by anything, a symbolic link included). So other processes never see the block partly sized, and an existing
     * file or a planted link is never written to.
     *
     * @param directory   where blocks live.
     * @param name        the normalised block name.
     * @param size        the size in bytes, positive.
     * @param permissions the permissions to give the file.
     * @return an open channel for reading and writing on the new file.
     * @throws BlockExistsException  if the name is taken by a file.
     * @throws NotABlockException    if the name is taken by a link, a directory or another non-regular file.
     * @throws OutOfSpaceException   if the file system has too little free space; nothing is left behind.
     * @throws SharedMemoryException for any other failure, naming the block and the cause.
     */
    public static FileChannel createExclusive(
        final Path directory, final String name, final long size, final Set<PosixFilePermission> permissions)
    {
        return createExclusive(directory, name, size, permissions, true, null);
    }

    /**
     * Work done on a new block's file while it still has its temporary name: whatever it writes is complete before
     * the block can be opened by its name.
     */
    @FunctionalInterface
    public interface BeforeNaming
    {
        /**
         * Called with the new file's channel, its pages reserved, before it gets its name.
         *
         * @param channel the open channel (read and write).
         */
        void accept(FileChannel channel);
    }

    /**
     * As {@link #createExclusive(Path, String, long, Set)}, with work done on the file before it gets its name (a
     * formatted block's header), so that no process ever opens a half-written block.
     *
     * @param directory    where blocks live.
     * @param name         the normalised block name.
     * @param size         the size in bytes, positive.
     * @param permissions  the permissions to give the file.
     * @param beforeNaming called before the file gets its name; if it throws, the file is removed and nothing is left.
     * @return an open channel for reading and writing on the new file.
     */
    public static FileChannel createExclusive(
        final Path directory,
        final String name,
        final long size,
        final Set<PosixFilePermission> permissions,
        final BeforeNaming beforeNaming)
    {
        return createExclusive(directory, name, size, permissions, true, beforeNaming);
    }

    /**
     * As {@link #createExclusive(Path, String, long, Set)}, optionally without the quick free-space check, so that
     * tests can reach the out-of-space path of the page reservation itself (the one a concurrent writer filling the
     * file system would take).
     *
     * @param directory      where blocks live.
     * @param name           the normalised block name.
     * @param size           the size in bytes, positive.
     * @param permissions    the permissions to give the file.
     * @param checkFreeSpace {@code false} to skip the quick check against the file system's free space.
     * @param beforeNaming   called before the file gets its name, or {@code null}.
     * @return an open channel for reading and writing on the new file.
     */
    static FileChannel createExclusive(
        final Path directory,
        final String name,
        final long size,
        final Set<PosixFilePermission> permissions,
        final boolean checkFreeSpace,
        final BeforeNaming beforeNaming)
    {
        final Path path = directory.resolve(name);
        requireDirectory(directory, name);
        refuseExisting(path, name);

        final long usable = checkFreeSpace ? usableSpace(directory) : -1;
        if (usable >= 0 && size > usable)
        {
            throw new OutOfSpaceException(name, "cannot create block \"" + name + "\" of " + size + " bytes in " +
                directory + ": only " + usable + " bytes are free there; free some space or choose a smaller size");
        }

        final Path temp = directory.resolve(
            CREATING_PREFIX + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong()));
        FileChannel channel = null;
        boolean linked = false;
        UnfinishedCreations.add(temp);
        try
        {
            final FileAttribute<Set<PosixFilePermission>> ownerOnly =
                PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            channel = FileChannel.open(temp, Set.<OpenOption>of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), ownerOnly);
            // Set explicitly, even for 0600: the mode given at open is trimmed by the umask, which may be anything.
            Files.setPosixFilePermissions(temp, permissions);
            reserve(channel, size, name, directory);
            if (CrashPoints.ENABLED)
            {
                CrashPoints.reached(CrashPoints.CREATE_AFTER_RESERVE);
            }
            if (null != beforeNaming)
            {
                beforeNaming.accept(channel);
            }
            link(temp, path, name);
            linked = true;
            return channel;
        }
        catch (final IOException ex)
        {
            throw translate(ex, name, directory, "create");
        }
        finally
        {
            deleteQuietly(temp);
            UnfinishedCreations.remove(temp);
            if (!linked && null != channel)
            {
                closeQuietly(channel);
            }
        }
    }

    /**
     * Opens an existing block file without following a symbolic link.
     *
     * @param directory where blocks live.
     * @param name      the normalised block name.
     * @param readOnly  {@code true} to open for reading only.
     * @return an open channel on the file.
     * @throws NoSuchBlockException       if there is no such file, naming the directory searched.
     * @throws NotABlockException         if the name leads to a link or another non-regular file.
     * @throws BlockAccessDeniedException if permissions forbid the access.
     * @throws SharedMemoryException      for any other failure.
     */
    public static FileChannel openExisting(final Path directory, final String name, final boolean readOnly)
    {
        final Path path = directory.resolve(name);
        final BasicFileAttributes attributes = attributesOrNull(path);
        if (null == attributes)
        {
            throw noSuchBlock(name, directory);
        }
        if (!attributes.isRegularFile())
        {
            throw notRegular(name, path, attributes);
        }

        try
        {
            return readOnly ?
                FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) :
                FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException ex)
        {
            throw translate(ex, name, directory, readOnly ? "attach (read-only) to" : "attach to");
        }
    }

    /**
     * Whether a regular file of that name exists in the directory; links are not followed and do not count.
     *
     * @param directory where blocks live.
     * @param name      the normalised block name.
     * @return {@code true} if a block file of that name exists.
     */
    public static boolean exists(final Path directory, final String name)
    {
        final BasicFileAttributes attributes = attributesOrNull(directory.resolve(name));
        return null != attributes && attributes.isRegularFile();
    }

    /**
     * Removes the hidden files ({@value #CREATING_PREFIX}{@code PID-HEX}) that a process killed while creating blocks
     * left in a directory: for a supervisor that killed the process itself and knows it is gone (a bench harness, a
     * test), where {@code ipc gc} would otherwise have to find them. Never call it for a process that may still run:
     * its creation would then fail.
     * <p>
     * Thread-safe; a file that vanishes meanwhile is skipped.
     *
     * @param directory the block directory the process used.
     * @param pid       the id of the ended process, as the operating system gave it to the process itself.
     * @return the files removed; empty if there were none or the directory does not exist.
     * @throws SharedMemoryException if the directory cannot be read or a file cannot be removed.
     */
    public static List<Path> removeCreationFilesOf(final Path directory, final long pid)
    {
        final List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, CREATING_PREFIX + pid + "-*"))
        {
            for (final Path path : stream)
            {
                if (Files.deleteIfExists(path))
                {
                    removed.add(path);
                }
            }
        }
        catch (final NoSuchFileException ignore)
        {
            // No directory: nothing was created there.
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryException(null, "cannot remove the unfinished creations of process " + pid +
                " in " + directory + ": " + reason(ex), ex);
        }
        return removed;
    }

    /**
     * Lists the regular files of a block directory, sorted by name, without opening or mapping any of them. Hidden
     * files of blocks being created are skipped.
     *
     * @param directory where blocks live.
     * @return one entry per block file; empty if the directory does not exist.
     * @throws SharedMemoryException if the directory cannot be read.
     */
    public static List<BlockInfo> list(final Path directory)
    {
        final List<BlockInfo> blocks = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return blocks;
        }

        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory))
        {
            for (final Path path : stream)
            {
                final String name = path.getFileName().toString();
                if (name.startsWith(CREATING_PREFIX))
                {
                    continue;
                }
                final BlockInfo info = infoOrNull(path);
                if (null != info)
                {
                    blocks.add(info);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryException(null, "cannot list blocks in " + directory + ": " + reason(ex), ex);
        }

        blocks.sort(Comparator.comparing(BlockInfo::name));
        return blocks;
    }

    /**
     * Describes one block file without opening it.
     *
     * @param directory where blocks live.
     * @param name      the normalised block name.
     * @return its description.
     * @throws NoSuchBlockException if there is no such file.
     * @throws NotABlockException   if the name leads to a link or another non-regular file.
     */
    public static BlockInfo info(final Path directory, final String name)
    {
        final Path path = directory.resolve(name);
        final BasicFileAttributes attributes = attributesOrNull(path);
        if (null == attributes)
        {
            throw noSuchBlock(name, directory);
        }
        if (!attributes.isRegularFile())
        {
            throw notRegular(name, path, attributes);
        }
        final BlockInfo info = infoOrNull(path);
        if (null == info)
        {
            throw noSuchBlock(name, directory);
        }
        return info;
    }

    /**
     * Removes a block's name. Processes that have the block mapped keep working; the memory is freed when the last
     * of them unmaps it.
     *
     * @param directory   where blocks live.
     * @param name        the normalised block name.
     * @param requireOwned {@code true} to refuse a file not owned by this process's user (what {@code ipc rm} does).
     * @throws NoSuchBlockException       if there is no such file.
     * @throws NotABlockException         if the name leads to a link or another non-regular file, which is left alone.
     * @throws BlockAccessDeniedException if the file is not ours (when required) or the directory forbids removal.
     */
    public static void remove(final Path directory, final String name, final boolean requireOwned)
    {
        final Path path = directory.resolve(name);
        final BasicFileAttributes attributes = attributesOrNull(path);
        if (null == attributes)
        {
            throw noSuchBlock(name, directory);
        }
        if (!attributes.isRegularFile())
        {
            throw notRegular(name, path, attributes);
        }
        if (requireOwned)
        {
            final long ownUid = currentUid();
            final long fileUid = uidOf(path);
            if (ownUid >= 0 && fileUid >= 0 && ownUid != fileUid)
            {
                throw new BlockAccessDeniedException(name, "refusing to remove block \"" + name + "\" at " + path +
                    ": it is owned by uid " + fileUid + ", not by this user (uid " + ownUid + ")");
            }
        }

        try
        {
            Files.delete(path);
        }
        catch (final IOException ex)
        {
            throw translate(ex, name, directory, "remove");
        }
    }

    /**
     * Turns an I/O failure on a block into the matching {@link SharedMemoryException}.
     *
     * @param ex        what the JDK reported.
     * @param name      the block name.
     * @param directory where blocks live.
     * @param action    what was being done, as a verb phrase ("create", "attach to").
     * @return the exception to throw.
     */
    public static SharedMemoryException translate(
        final IOException ex, final String name, final Path directory, final String action)
    {
        final Path path = directory.resolve(name);
        final String reason = reason(ex);
        if (ex instanceof NoSuchFileException)
        {
            return noSuchBlock(name, directory);
        }
        if (ex instanceof FileAlreadyExistsException)
        {
            return new BlockExistsException(name, "cannot create block \"" + name + "\": " + path +
                " already exists; attach to it, or remove it first (ipc rm " + name + ")", ex);
        }
        if (ex instanceof AccessDeniedException)
        {
            return new BlockAccessDeniedException(name, "permission denied: cannot " + action + " block \"" + name +
                "\" at " + path + describePermissions(path) + "; check its owner and permissions (ipc ls)", ex);
        }
        if (isNoSpace(reason))
        {
            return new OutOfSpaceException(name, "cannot " + action + " block \"" + name + "\" in " + directory +
                ": no space left on the file system (" + reason + "); free some space or choose a smaller size", ex);
        }
        if (ex instanceof FileSystemException && reason.contains("symbolic link"))
        {
            return new NotABlockException(name, "refusing to " + action + " block \"" + name + "\": " + path +
                " is a symbolic link, and links are never followed", ex);
        }
        return new SharedMemoryException(name, "cannot " + action + " block \"" + name + "\" at " + path + ": " +
            reason, ex);
    }

    /**
     * The message for a block that is not there, naming the directory searched and how it was chosen.
     *
     * @param name      the block name.
     * @param directory the directory searched.
     * @return the exception to throw.
     */
    public static NoSuchBlockException noSuchBlock(final String name, final Path directory)
    {
        return new NoSuchBlockException(name, "no block named \"" + name + "\" in " + directory +
            " (directory from " + BlockDirectory.sourceOf(directory) + "): create it first, or check the name and " +
            "the directory (system property " + BlockDirectory.DIR_PROP_NAME + ", environment variable " +
            BlockDirectory.DIR_ENV_NAME + ")");
    }

    /**
     * The user id of this process, or -1 where the platform does not tell.
     *
     * @return the uid.
     */
    public static long currentUid()
    {
        // The effective uid, from the "Uid:" line of /proc/self/status (real, effective, saved, file-system uids).
        // Not the owner of /proc/self: that is a symbolic link owned by root, whoever looks at it.
        try
        {
            for (final String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("Uid:"))
                {
                    final String[] ids = line.substring(4).trim().split("\\s+");
                    return Long.parseLong(ids.length > 1 ? ids[1] : ids[0]);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux, or an unexpected format: fall through to "unknown".
        }
        return -1;
    }

    static long uidOf(final Path path)
    {
        try
        {
            final Object uid = Files.getAttribute(path, "unix:uid", NO_FOLLOW);
            return ((Number)uid).longValue();
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException ex)
        {
            return -1;
        }
    }

    private static void reserve(final FileChannel channel, final long size, final String name, final Path directory)
        throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)Math.min(RESERVE_CHUNK, size));
        long position = 0;
        while (position < size)
        {
            zeros.clear().limit((int)Math.min(zeros.capacity(), size - position));
            while (zeros.hasRemaining())
            {
                position += channel.write(zeros, position);
            }
        }

        if (channel.size() != size)
        {
            throw new SharedMemoryException(name, "cannot create block \"" + name + "\" in " + directory +
                ": wrote " + size + " bytes but the file holds " + channel.size());
        }
    }

    private static void link(final Path temp, final Path path, final String name) throws IOException
    {
        try
        {
            // A hard link fails if the name exists, whatever it is: the exclusive step, after the pages are reserved.
            Files.createLink(path, temp);
        }
        catch (final FileAlreadyExistsException ex)
        {
            refuseExisting(path, name);
            throw ex;
        }
        catch (final UnsupportedOperationException ex)
        {
            // A file system without hard links: a move that refuses an existing target is the nearest equivalent
            // (it checks, then renames; the hard link above is the atomic path every Linux tmpfs takes).
            Files.move(temp, path);
        }
    }

    private static void refuseExisting(final Path path, final String name)
    {
        final BasicFileAttributes attributes = attributesOrNull(path);
        if (null == attributes)
        {
            return;
        }
        if (!attributes.isRegularFile())
        {
            throw notRegular(name, path, attributes);
        }
        throw new BlockExistsException(name, "cannot create block \"" + name + "\": " + path + " already exists (" +
            attributes.size() + " bytes); attach to it, or remove it first (ipc rm " + name + ")");
    }

    private static void requireDirectory(final Path directory, final String name)
    {
        if (!Files.isDirectory(directory))
        {
            throw new SharedMemoryException(name, "cannot create block \"" + name + "\": the block directory " +
                directory + " (from " + BlockDirectory.sourceOf(directory) + ") does not exist or is not a directory");
        }
    }

    private static NotABlockException notRegular(final String name, final Path path, final BasicFileAttributes a)
    {
        final String what = a.isSymbolicLink() ? "a symbolic link, and links are never followed" :
            a.isDirectory() ? "a directory" : "not a regular file (a device, FIFO or socket)";
        return new NotABlockException(name, "\"" + name + "\" at " + path + " is not a block: it is " + what);
    }

    private static BasicFileAttributes attributesOrNull(final Path path)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static BlockInfo infoOrNull(final Path path)
    {
        try
        {
            final PosixFileAttributes a =
                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile())
            {
                return null;
            }
            return new BlockInfo(
                path.getFileName().toString(), path, a.size(), a.owner().getName(), uidOf(path), a.permissions(),
                a.lastModifiedTime().toInstant());
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return null;
        }
    }

    private static long usableSpace(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static String describePermissions(final Path path)
    {
        try
        {
            final PosixFileAttributes a =
                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return " (owner " + a.owner().getName() + ", permissions " +
                PosixFilePermissions.toString(a.permissions()) + ")";
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "";
        }
    }

    private static boolean isNoSpace(final String reason)
    {
        return reason.contains("No space left") || reason.contains("Disk quota exceeded") ||
            reason.contains("File too large");
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof FileSystemException)
        {
            final String r = ((FileSystemException)ex).getReason();
            if (null != r)
            {
                return r;
            }
        }
        return null != ex.getMessage() ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // The caller is already reporting the failure that matters.
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // Nothing useful can be done about a failed close of a channel being abandoned.
        }
    }
}
