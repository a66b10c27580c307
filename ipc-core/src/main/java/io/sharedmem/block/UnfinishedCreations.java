/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hidden files of the blocks this process is creating right now, removed by a shutdown hook if the JVM exits
 * meanwhile. A JVM ended by SIGTERM or SIGINT (Ctrl-C), or by {@link System#exit(int)} from another thread, runs its
 * shutdown hooks but not the {@code finally} block of the creating thread, which would otherwise leave the file for
 * {@code ipc gc}. A SIGKILL or {@link Runtime#halt(int)} runs no hook: that file stays for {@code ipc gc}.
 * <p>
 * If the hook runs while a creation goes on, the creation either named its block before (the block is complete) or
 * fails to name it (no block): the block's guarantee, complete or absent, holds either way.
 * <p>
 * Thread-safe. The hook is registered once, at the first creation, so a process that never creates a block has none.
 */
final class UnfinishedCreations
{
    private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

    static
    {
        // Runs when a creation first uses this class.
        try
        {
            Runtime.getRuntime().addShutdownHook(new Thread(
                () -> FILES.forEach(BlockFiles::deleteQuietly), "sharedmem-unfinished-creations"));
        }
        catch (final IllegalStateException ignore)
        {
            // The JVM is already shutting down: the creating thread's own clean-up is all there is.
        }
    }

    private UnfinishedCreations()
    {
    }

    /**
     * Notes a hidden file before it is made.
     *
     * @param temp its path.
     */
    static void add(final Path temp)
    {
        FILES.add(temp);
    }

    /**
     * Forgets a hidden file once it has been removed.
     *
     * @param temp its path.
     */
    static void remove(final Path temp)
    {
        FILES.remove(temp);
    }
}
