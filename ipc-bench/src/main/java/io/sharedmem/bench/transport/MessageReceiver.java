/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.concurrent.MessageHandler;

/**
 * The receiving end of one direction of a {@link Link}: a batch poll into an Agrona {@link MessageHandler}, as in
 * Agrona's {@code RingBuffer.read} and this project's {@code RingConsumer.poll}, so that a ring's read is its
 * receiver.
 * <p>
 * Not thread-safe: one polling thread. Allocates nothing in steady state.
 */
public interface MessageReceiver
{
    /**
     * Delivers the messages that have arrived, at most {@code limit} of them, in order.
     * <p>
     * Spin-polled transports return 0 at once when nothing has arrived; blocking transports (plain sockets and pipes)
     * wait in the kernel until at least one message has arrived, which is exactly the cost they are measured for.
     *
     * @param handler receives each message in place, valid only during the call; its type id means nothing.
     * @param limit   the most messages to deliver in this call, positive.
     * @return how many messages were delivered.
     * @throws IllegalStateException if the other side has gone (end of stream, closed publication), naming the
     *                               transport.
     * @throws RuntimeException      whatever {@code handler} throws, after which this receiver is unusable.
     */
    int poll(MessageHandler handler, int limit);
}
