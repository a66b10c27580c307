/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

import java.time.Duration;
import java.util.Map;

/**
 * The receiving end of a channel: what application code holds, whatever carries the messages. A local ring
 * ({@code shm:orders}) and Aeron UDP ({@code aeron:udp?endpoint=host:port}) give the same methods:
 * <pre>{@code
 * try (MessageConsumer consumer = Channels.consumer(args[0]))     // "shm:orders" or "aeron:udp?endpoint=..."
 * {
 *     consumer.poll(handler, 100);                                 // up to 100 messages, never waits
 *     consumer.read(handler, 100, consumer.idleStrategy(), Duration.ofSeconds(1));   // or wait for them
 * }
 * }</pre>
 * Handlers are Agrona's {@link MessageHandler} and {@link ControlledMessageHandler}: they get the message's type id
 * and a buffer, index and length that are valid only during the call (the ring's memory, or Aeron's term buffer or
 * reassembly buffer). What a channel promises about delivery is its delivery contract, documented by each channel.
 * <p>
 * Implemented by {@link io.sharedmem.ring.RingConsumer} (the SPSC ring), by the adapters of
 * the {@code shm:} channel and by the {@code aeron:} channel of the {@code ipc-aeron} module; obtained from a
 * channel string with {@link Channels#consumer(String)}.
 * <p>
 * <b>Thread safety:</b> not thread-safe; one thread consumes. {@code poll} and {@code controlledPoll} allocate
 * nothing and take no locks.
 */
public interface MessageConsumer extends AutoCloseable
{
    /**
     * Delivers up to {@code limit} waiting messages to the handler. Never waits.
     *
     * @param handler called for each message; the bytes are valid only during the call.
     * @param limit   the most messages to deliver.
     * @return the number of messages delivered, 0 if none was waiting.
     * @throws IllegalStateException if the consumer is closed or the channel underneath failed.
     */
    int poll(MessageHandler handler, int limit);

    /**
     * Delivers up to {@code limit} waiting messages to a handler that decides, message by message, whether to go on:
     * {@code CONTINUE} takes the next, {@code BREAK} stops after this one, {@code ABORT} stops and leaves this one
     * for the next poll, {@code COMMIT} marks what has been consumed so far as consumed and goes on. Never waits.
     *
     * @param handler decides per message.
     * @param limit   the most messages to deliver.
     * @return the number of messages consumed (aborted ones excluded).
     * @throws IllegalStateException if the consumer is closed or the channel underneath failed.
     */
    int controlledPoll(ControlledMessageHandler handler, int limit);

    /**
     * Waits for messages and delivers them: polls, and while nothing is waiting, idles with the given strategy until
     * messages arrive, the time runs out, or the producer is found gone.
     *
     * @param handler      called for each message.
     * @param limit        the most messages to deliver.
     * @param idleStrategy how to wait, such as {@link #idleStrategy()} or Agrona's busy-spin strategies.
     * @param timeout      how long to wait at most.
     * @return the number of messages delivered; 0 if the time ran out.
     * @throws io.sharedmem.PeerDeadException if nothing is waiting and the producer died (how a channel judges that
     *                                        is part of its delivery contract); everything it sent that arrived
     *                                        has been delivered.
     * @throws IllegalStateException          if the consumer is closed or the channel underneath failed.
     */
    int read(MessageHandler handler, int limit, IdleStrategy idleStrategy, Duration timeout);

    /**
     * Whether a producer is there now: for a ring, a live process holds the producer role; for Aeron, at least one
     * publication's image is connected. May read {@code /proc} or shared state: not for the hot path.
     *
     * @return {@code true} if a producer is connected.
     */
    boolean isConnected();

    /**
     * A strategy for waiting on this consumer without burning a core, for {@link #read}: the local ring's doorbell
     * for {@code shm:} channels (asleep until the producer commits), otherwise Agrona's {@link BackoffIdleStrategy}
     * (spin, yield, then park from 1 µs to 1 ms), a new one on each call. The busy-spin strategies give the lowest
     * latency.
     *
     * @return a strategy for this consumer's thread.
     */
    default IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy();
    }

    /**
     * What the channel resolved to, for people and tools, in a stable order.
     *
     * @return the settings; empty if the implementation has nothing to say.
     */
    default Map<String, String> settings()
    {
        return Map.of();
    }

    /**
     * Releases the channel: the role, mapping, subscription or driver it holds. Idempotent. Call from the consuming
     * thread, or once it has stopped.
     */
    @Override
    void close();
}
