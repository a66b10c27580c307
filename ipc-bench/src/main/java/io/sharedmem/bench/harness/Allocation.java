/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread, from HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes}): read at the start and end of a measured
 * phase on the hot thread, the difference is what the phase allocated there. Thread-safe.
 */
final class Allocation
{
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Allocation()
    {
    }

    /**
     * Bytes the calling thread has allocated so far.
     *
     * @return the count, or 0 if the JVM does not keep it.
     */
    static long currentThread()
    {
        return null == THREADS ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads()
    {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean &&
            bean.isThreadAllocatedMemorySupported())
        {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }
}
