/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread per process that ticks every role this process holds, so roles heartbeat while the
 * application is idle, blocked or busy elsewhere.
 * <p>
 * The interval is {@value #INTERVAL_PROP_NAME} (milliseconds, default {@value #INTERVAL_DEFAULT_MS}). A tick of a
 * role writes its heartbeat and publishes its lazy counters; it is a few stores, never a system call.
 * <p>
 * Thread-safe.
 */
public final class Heartbeats
{
    /**
     * System property: milliseconds between heartbeats.
     */
    public static final String INTERVAL_PROP_NAME = "sharedmem.heartbeat.interval.ms";

    /**
     * Default milliseconds between heartbeats.
     */
    public static final long INTERVAL_DEFAULT_MS = 100;

    /**
     * Milliseconds between heartbeats in this process.
     */
    public static final long INTERVAL_MS = Math.max(1, Long.getLong(INTERVAL_PROP_NAME, INTERVAL_DEFAULT_MS));

    private static final CopyOnWriteArrayList<Ticker> TICKERS = new CopyOnWriteArrayList<>();
    private static Thread thread;

    private Heartbeats()
    {
    }

    /**
     * Something ticked by the heartbeat thread.
     */
    @FunctionalInterface
    public interface Ticker
    {
        /**
         * Writes a heartbeat. Must be quick and must not throw.
         *
         * @param nowNs {@link System#nanoTime()}.
         */
        void tick(long nowNs);
    }

    /**
     * Starts ticking a role, at once and then every interval.
     *
     * @param ticker the role's tick.
     */
    public static void register(final Ticker ticker)
    {
        ticker.tick(System.nanoTime());
        TICKERS.add(ticker);
        synchronized (Heartbeats.class)
        {
            if (null == thread)
            {
                thread = new Thread(Heartbeats::run, "sharedmem-heartbeat");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /**
     * Stops ticking a role.
     *
     * @param ticker as registered.
     */
    public static void unregister(final Ticker ticker)
    {
        TICKERS.remove(ticker);
    }

    private static void run()
    {
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
        while (true)
        {
            LockSupport.parkNanos(intervalNs);
            final long now = System.nanoTime();
            for (final Ticker ticker : TICKERS)
            {
                try
                {
                    ticker.tick(now);
                }
                catch (final RuntimeException ex)
                {
                    // A ticker of a closed block may throw once while being unregistered: the others must go on.
                }
                catch (final InternalError ex)
                {
                    // So must they when another process truncated one ticker's block under its mapping.
                    if (!io.sharedmem.block.BlockFaults.isMappingFault(ex))
                    {
                        throw ex;
                    }
                }
            }
        }
    }
}
