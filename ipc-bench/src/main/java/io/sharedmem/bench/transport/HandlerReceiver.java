/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * A {@link MessageReceiver} over a ring read with an Agrona {@link MessageHandler} (Agrona's rings, this project's
 * rings): it hands each message on to the harness's {@link MessageSink}, in place. The sink is kept in a field, so
 * a poll allocates nothing. Not thread-safe: one polling thread.
 */
abstract class HandlerReceiver implements MessageReceiver, MessageHandler
{
    private MessageSink sink;

    @Override
    public final int poll(final MessageSink sink, final int limit)
    {
        this.sink = sink;
        return read(this, limit);
    }

    @Override
    public final void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        sink.onMessage(buffer, index, length);
    }

    /**
     * Reads up to {@code limit} messages from the ring into the handler.
     *
     * @param handler receives each message.
     * @param limit   the most messages to read.
     * @return how many were read.
     */
    protected abstract int read(MessageHandler handler, int limit);
}
