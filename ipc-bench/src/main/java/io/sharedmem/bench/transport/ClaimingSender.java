/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.MutableDirectBuffer;

/**
 * A {@link MessageSender} that can also send without a copy: claim room in the transport's own memory, write the
 * message there, commit. The shape of Agrona's {@code RingBuffer.tryClaim}, Aeron's {@code Publication.tryClaim}
 * and this project's {@code RingProducer.tryClaim}. Benchmarked as separate, labelled transports ({@code -claim}).
 * <p>
 * Not thread-safe: one sending thread. Allocates nothing in steady state.
 */
public interface ClaimingSender extends MessageSender
{
    /**
     * Claims room for one message of {@code length} bytes.
     *
     * @param length the message length in bytes.
     * @return the index in {@link #buffer()} to write the message at, or a negative value if there is no room now.
     * @throws IllegalArgumentException if {@code length} is out of range for the transport.
     * @throws IllegalStateException    if the other side has gone, naming the transport.
     */
    int tryClaim(int length);

    /**
     * The buffer the last successful {@link #tryClaim(int)} claimed room in; it may change from claim to claim.
     *
     * @return the buffer to write the claimed message into.
     */
    MutableDirectBuffer buffer();

    /**
     * Publishes the message written at {@code index}.
     *
     * @param index the value the matching {@link #tryClaim(int)} returned.
     */
    void commit(int index);
}
