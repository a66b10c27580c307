/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Map;

/**
 * The sending end of a channel: what application code holds, whatever carries the messages. A local ring
 * ({@code shm:orders}) and Aeron UDP ({@code aeron:udp?endpoint=host:port}) give the same methods, so moving a
 * consumer to another host changes the channel string and nothing else:
 * <pre>{@code
 * try (MessageProducer producer = Channels.producer(args[0]))     // "shm:orders" or "aeron:udp?endpoint=..."
 * {
 *     if (!producer.offer(1, buffer, 0, length))                   // false: full, or no consumer connected
 *     {
 *         producer.write(1, buffer, 0, length, idleStrategy, Duration.ofSeconds(5));   // or wait for room
 *     }
 *     int index = producer.tryClaim(1, length);                    // zero-copy: write in place, then commit
 *     if (index >= 0)
 *     {
 *         producer.buffer().putLong(index, 42);
 *         producer.commit(index);
 *     }
 * }
 * }</pre>
 * A message is a type id (1 or more) and 0 to {@link #maxMsgLength()} bytes. {@code offer} and {@code tryClaim}
 * never wait: they report a full channel (the ring has no room, Aeron is back-pressured) or one that cannot send now
 * (Aeron has no consumer connected) as {@code false} or a negative index; {@code write} waits for room up to a
 * time-out. What a channel promises about delivery (order, loss, what a late or restarted consumer receives) is its
 * delivery contract, documented by each channel: {@code shm:} in {@code docs/RINGS.md}, {@code aeron:} in the
 * README's "Across hosts".
 * <p>
 * Implemented by {@link io.sharedmem.ring.RingProducer} (the SPSC ring), by the adapters of
 * the {@code shm:} channel and by the {@code aeron:} channel of the {@code ipc-aeron} module; obtained from a
 * channel string with {@link Channels#producer(String)}.
 * <p>
 * <b>Thread safety:</b> not thread-safe unless an implementation says otherwise; one thread produces. Hot paths
 * ({@code offer}, {@code tryClaim}, {@code commit}) allocate nothing and take no locks.
 */
public interface MessageProducer extends AutoCloseable
{
    /**
     * Returned by {@link #tryClaim(int, int)} when the message cannot be claimed now: the channel is full, or it has
     * no consumer to send to ({@link #isConnected()} tells which). The same value as Agrona's
     * {@code RingBuffer.INSUFFICIENT_CAPACITY}.
     */
    int INSUFFICIENT_CAPACITY = -2;

    /**
     * Copies a message into the channel, if it can take it now. Never waits.
     *
     * @param msgTypeId the message type, 1 or more.
     * @param srcBuffer holds the message.
     * @param offset    where the message starts in it.
     * @param length    its length: 0 to {@link #maxMsgLength()}.
     * @return {@code true} if the channel took the message; {@code false} if it is full or cannot send now (nothing
     * was taken; try again later).
     * @throws IllegalArgumentException if the type or length is out of range (naming the channel and the limit).
     * @throws IllegalStateException    if a claim is outstanding or the producer is closed.
     */
    boolean offer(int msgTypeId, DirectBuffer srcBuffer, int offset, int length);

    /**
     * Claims room for a message to be written in place (zero-copy): write it into {@link #buffer()} from the returned
     * index, then {@link #commit(int)} or {@link #abort(int)}. Until then nothing else may be offered or claimed.
     *
     * @param msgTypeId the message type, 1 or more.
     * @param length    the message length: 0 to {@link #maxMsgLength()}.
     * @return the index in {@link #buffer()} where the message goes, or {@link #INSUFFICIENT_CAPACITY} if the
     * channel is full or cannot send now.
     * @throws IllegalArgumentException if the type or length is out of range.
     * @throws IllegalStateException    if a claim is already outstanding or the producer is closed.
     */
    int tryClaim(int msgTypeId, int length);

    /**
     * The buffer the index of the last successful {@link #tryClaim(int, int)} points into. Some channels (Aeron)
     * hand out a different region with every claim: read this after each claim, and write only the claimed range.
     *
     * @return the buffer; valid until {@link #commit(int)} or {@link #abort(int)}.
     */
    MutableDirectBuffer buffer();

    /**
     * Publishes the claimed message.
     *
     * @param index the index {@link #tryClaim(int, int)} returned.
     * @throws IllegalArgumentException if it is not the outstanding claim.
     */
    void commit(int index);

    /**
     * Gives up the claimed message: no consumer sees it.
     *
     * @param index the index {@link #tryClaim(int, int)} returned.
     * @throws IllegalArgumentException if it is not the outstanding claim.
     */
    void abort(int index);

    /**
     * Offers a message, waiting while the channel is full or cannot send.
     *
     * @param msgTypeId    the message type, 1 or more.
     * @param srcBuffer    holds the message.
     * @param offset       where it starts.
     * @param length       its length: 0 to {@link #maxMsgLength()}.
     * @param idleStrategy how to wait between attempts, such as Agrona's {@code BackoffIdleStrategy}.
     * @param timeout      how long to wait at most.
     * @return {@code true} if the channel took the message, {@code false} if the time ran out first.
     * @throws io.sharedmem.PeerDeadException if the consumer this producer was sending to is gone while waiting
     *                                        (how a channel judges that is part of its delivery contract).
     * @throws IllegalArgumentException       if the type or length is out of range.
     */
    boolean write(
        int msgTypeId, DirectBuffer srcBuffer, int offset, int length, IdleStrategy idleStrategy, Duration timeout);

    /**
     * The largest message this channel takes.
     *
     * @return bytes of payload.
     */
    int maxMsgLength();

    /**
     * Whether a consumer is there now: for a ring, a live process holds the consumer role; for Aeron, the
     * publication is connected to at least one subscriber. A ring takes messages without a consumer (they wait in
     * it); Aeron does not. May read {@code /proc} or shared counters: not for the hot path.
     *
     * @return {@code true} if a consumer is connected.
     */
    boolean isConnected();

    /**
     * What the channel resolved to, for people and tools: names and values such as the ring's capacity or Aeron's
     * term length, MTU and driver directory, in a stable order.
     *
     * @return the settings; empty if the implementation has nothing to say.
     */
    default Map<String, String> settings()
    {
        return Map.of();
    }

    /**
     * Releases the channel: the role, mapping, publication or driver it holds. Idempotent. Call from the producing
     * thread, or once it has stopped.
     */
    @Override
    void close();
}
