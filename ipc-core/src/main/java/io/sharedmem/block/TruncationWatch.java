/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks every {@value #INTERVAL_DEFAULT_MS} ms (system property {@value #INTERVAL_PROP_NAME}; 0 turns it off) at the
 * file size of every open block, and while one is shorter than its mapping, brings every thread of this JVM to a
 * safepoint (a stack dump): at every look for the first second, then once a second.
 * <p>
 * Why: HotSpot delivers the {@link InternalError} for a fault on a truncated mapping asynchronously, when the faulting
 * thread next leaves compiled code or stops at a safepoint. A thread spinning in a compiled loop that calls nothing
 * (a consumer polling, a producer claiming) may go on for ever reading stale values and dropping its stores
 * (measured: no error within 20 s). A safepoint makes it take the error at once, so it surfaces within an interval of
 * its first fault ({@link BlockFaults}). The looks go on while the block stays open, since a thread may reach the
 * lost pages only later.
 * <p>
 * One daemon thread ({@code sharedmem-truncation-watch}), started with the first block. Blocks are held weakly.
 * Thread-safe.
 */
final class TruncationWatch
{
    /**
     * System property: milliseconds between looks; 0 or less turns the watch off.
     */
    static final String INTERVAL_PROP_NAME = "sharedmem.truncation.check.ms";

    /**
     * Default milliseconds between looks.
     */
    static final long INTERVAL_DEFAULT_MS = 100;

    private static final long INTERVAL_MS = Long.getLong(INTERVAL_PROP_NAME, INTERVAL_DEFAULT_MS);
    private static final long BACK_OFF_AFTER_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long BACK_OFF_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final Map<BlockMapping, long[]> WATCHED = new WeakHashMap<>();
    private static Thread thread;

    private TruncationWatch()
    {
    }

    static synchronized void watch(final BlockMapping mapping)
    {
        if (INTERVAL_MS <= 0)
        {
            return;
        }
        WATCHED.put(mapping, new long[] { 0, 0 });
        if (null == thread)
        {
            thread = new Thread(TruncationWatch::run, "sharedmem-truncation-watch");
            thread.setDaemon(true);
            thread.start();
        }
    }

    static synchronized void unwatch(final BlockMapping mapping)
    {
        WATCHED.remove(mapping);
    }

    private static synchronized List<BlockMapping> watched()
    {
        return new ArrayList<>(WATCHED.keySet());
    }

    /**
     * Whether to bring threads to a safepoint for a truncated mapping now: at every look during the first second
     * after the truncation was seen, then once a second.
     */
    private static synchronized boolean due(final BlockMapping mapping, final long nowNs)
    {
        final long[] times = WATCHED.get(mapping);           // { first seen, last safepoint }
        if (null == times)
        {
            return false;
        }
        if (0 == times[0])
        {
            times[0] = nowNs;
        }
        if (nowNs - times[0] < BACK_OFF_AFTER_NS || nowNs - times[1] >= BACK_OFF_INTERVAL_NS)
        {
            times[1] = nowNs;
            return true;
        }
        return false;
    }

    private static void run()
    {
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
        while (true)
        {
            LockSupport.parkNanos(intervalNs);
            boolean truncated = false;
            final long now = System.nanoTime();
            for (final BlockMapping mapping : watched())
            {
                final long fileSize = mapping.fileSize();
                if (fileSize >= 0 && fileSize < mapping.size() && due(mapping, now))
                {
                    truncated = true;
                }
            }
            if (truncated)
            {
                // A stack dump of every thread is a safepoint operation: each thread with a fault pending takes it.
                Thread.getAllStackTraces();
            }
        }
    }
}
