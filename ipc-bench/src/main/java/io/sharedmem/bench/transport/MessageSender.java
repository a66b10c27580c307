/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.DirectBuffer;

/**
 * The sending end of one direction of a {@link Link}: a copying {@code offer}, the shape of Agrona's
 * {@code RingBuffer.write}, Aeron's {@code Publication.offer} and this project's {@code RingProducer.offer}.
 * <p>
 * Not thread-safe: one sending thread. Allocates nothing in steady state.
 */
public interface MessageSender
{
    /**
     * Sends one message by copying it out of {@code source}.
     * <p>
     * Ring and Aeron transports return {@code false} when there is no room now (the caller retries); stream
     * transports return {@code true} once every byte has been handed to the kernel, waiting in the kernel (blocking
     * variants) or spinning (spin-polled variants) while its buffer is full.
     *
     * @param source where the message is.
     * @param offset where it starts in {@code source}.
     * @param length its length in bytes, at least 1 and at most the transport's maximum.
     * @return {@code true} if the message was sent, {@code false} if there was no room and nothing was sent.
     * @throws IllegalArgumentException if {@code length} is out of range for the transport.
     * @throws IllegalStateException    if the other side has gone, naming the transport.
     */
    boolean offer(DirectBuffer source, int offset, int length);
}
