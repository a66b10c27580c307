/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

/**
 * The receiving end of one direction of a {@link Link}: a batch poll, as in Agrona's {@code RingBuffer.read} and
 * Aeron's {@code Subscription.poll}.
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
     * @param sink  receives each message in place.
     * @param limit the most messages to deliver in this call, positive.
     * @return how many messages were delivered.
     * @throws IllegalStateException if the other side has gone (end of stream, closed publication), naming the
     *                               transport.
     * @throws RuntimeException      whatever {@code sink} throws, after which this receiver is unusable.
     */
    int poll(MessageSink sink, int limit);
}
