/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Set;

/**
 * What the file system says about one block file, read without opening or mapping it.
 * <p>
 * Immutable and thread-safe.
 *
 * @param name         the block name.
 * @param path         the file.
 * @param size         its size in bytes.
 * @param owner        the owning user's name.
 * @param ownerUid     the owning user's id, or -1 where the platform does not tell.
 * @param permissions  the file's permissions.
 * @param lastModified when the file was last written through a write call (mapped stores do not update it).
 */
public record BlockInfo(
    String name, Path path, long size, String owner, long ownerUid, Set<PosixFilePermission> permissions,
    Instant lastModified)
{
}
