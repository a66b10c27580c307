/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.Map;

/**
 * One side's end of a two-way connection between the two peers of a transport: a sender towards the other side and a
 * receiver from it. Every transport is driven through this one shape by the same harness loop.
 * <p>
 * Not thread-safe: one thread uses both ends.
 */
public interface Link extends AutoCloseable
{
    /**
     * The sending end, towards the other side. A {@link ClaimingSender} for the zero-copy transports.
     *
     * @return the sender, the same instance on every call.
     */
    MessageSender sender();

    /**
     * The receiving end, from the other side.
     *
     * @return the receiver, the same instance on every call.
     */
    MessageReceiver receiver();

    /**
     * Settings this side observed once connected, such as socket buffer sizes the kernel granted; recorded with
     * the results beside {@link Transport#settings(LinkSpec)}.
     *
     * @return names and values, possibly empty.
     */
    default Map<String, String> observedSettings()
    {
        return Map.of();
    }

    /**
     * This transport's turn is over for now: threads of its own that could wake up on the shared cores (Aeron's
     * agents) are parked until {@link #resume()}, so they cannot disturb the transport measured next in the same
     * JVMs. Called between turns only, with no message in flight; transports without threads of their own do
     * nothing.
     */
    default void pause()
    {
    }

    /**
     * This transport's turn begins again: undoes {@link #pause()}. Links start resumed.
     */
    default void resume()
    {
    }

    /**
     * Releases everything this side opened; the creating side also removes what it created.
     *
     * @throws Exception if something could not be released; the figures stand regardless.
     */
    @Override
    void close() throws Exception;
}
