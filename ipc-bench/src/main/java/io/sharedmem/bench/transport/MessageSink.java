/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.DirectBuffer;

/**
 * Receives the messages a {@link MessageReceiver} delivers: the one callback shape every transport is read through.
 * <p>
 * The bytes are only valid during the call: they may live in a ring that is reused as soon as the call returns, so
 * a sink that needs them later must copy them. Called on the polling thread only.
 */
@FunctionalInterface
public interface MessageSink
{
    /**
     * One message, in place.
     *
     * @param buffer the buffer holding the message.
     * @param index  where the message starts in {@code buffer}.
     * @param length its length in bytes.
     */
    void onMessage(DirectBuffer buffer, int index, int length);
}
