/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Sends by copying into an Agrona {@link RingBuffer} ({@code write}): Agrona's own rings, and the producer side of
 * this project's MPSC ring, which is Agrona's {@code ManyToOneRingBuffer}. Not thread-safe: one sending thread.
 */
final class RingBufferSender implements MessageSender
{
    /**
     * The type id every benchmark message carries.
     */
    static final int MSG_TYPE_ID = 1;

    private final RingBuffer ring;

    RingBufferSender(final RingBuffer ring)
    {
        this.ring = ring;
    }

    @Override
    public boolean offer(final DirectBuffer source, final int offset, final int length)
    {
        return ring.write(MSG_TYPE_ID, source, offset, length);
    }
}
