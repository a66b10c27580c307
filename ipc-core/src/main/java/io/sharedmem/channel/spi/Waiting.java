/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.spi;

import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

import java.time.Duration;

/**
 * The waiting {@code write} and {@code read} of a channel, built on its non-waiting {@code offer} and {@code poll},
 * for implementations of {@link MessageProducer} and {@link MessageConsumer}: try, then idle and try again, looking
 * at the peer after each idle, until done or out of time.
 * <p>
 * Stateless and thread-safe; allocates nothing until a peer is gone (the peer check is an object the implementation
 * keeps).
 */
public final class Waiting
{
    private Waiting()
    {
    }

    /**
     * Looks at the other side of a channel while waiting on it.
     */
    public interface PeerCheck
    {
        /**
         * Called after each idle that got nothing done: whether waiting on has become pointless. Cheap, or rate
         * limited by the implementation.
         *
         * @param nowNs {@link System#nanoTime()}.
         * @return {@code true} if the peer is gone, as the channel's contract defines it.
         */
        boolean isGone(long nowNs);

        /**
         * The exception to throw when the peer is gone and one last attempt got nothing done either.
         *
         * @return such as a {@link io.sharedmem.PeerDeadException} naming the channel.
         */
        RuntimeException gone();
    }

    /**
     * Offers a message, waiting while the channel does not take it.
     *
     * @param producer     the channel.
     * @param msgTypeId    the message type.
     * @param srcBuffer    holds the message.
     * @param offset       where it starts.
     * @param length       its length.
     * @param idleStrategy how to wait between attempts.
     * @param timeout      how long to wait at most.
     * @param peerCheck    looks at the consumer after each idle.
     * @return {@code true} if taken, {@code false} if the time ran out.
     * @throws RuntimeException {@link PeerCheck#gone()}'s, if the consumer is gone and a last offer failed too.
     */
    public static boolean write(
        final MessageProducer producer, final int msgTypeId, final DirectBuffer srcBuffer, final int offset,
        final int length, final IdleStrategy idleStrategy, final Duration timeout, final PeerCheck peerCheck)
    {
        if (producer.offer(msgTypeId, srcBuffer, offset, length))
        {
            return true;
        }
        final long start = System.nanoTime();
        final long timeoutNs = timeout.toNanos();
        idleStrategy.reset();
        while (true)
        {
            idleStrategy.idle();
            if (producer.offer(msgTypeId, srcBuffer, offset, length))
            {
                return true;
            }
            final long now = System.nanoTime();
            if (peerCheck.isGone(now))
            {
                if (producer.offer(msgTypeId, srcBuffer, offset, length))
                {
                    return true;
                }
                throw peerCheck.gone();
            }
            if (now - start >= timeoutNs)
            {
                return false;
            }
        }
    }

    /**
     * Polls for messages, waiting while there are none.
     *
     * @param consumer     the channel.
     * @param handler      called for each message.
     * @param limit        the most messages to deliver.
     * @param idleStrategy how to wait between polls.
     * @param timeout      how long to wait at most.
     * @param peerCheck    looks at the producer after each idle that found nothing.
     * @return the number delivered; 0 if the time ran out.
     * @throws RuntimeException {@link PeerCheck#gone()}'s, if the producer is gone and a last poll found nothing.
     */
    public static int read(
        final MessageConsumer consumer, final MessageHandler handler, final int limit, final IdleStrategy idleStrategy,
        final Duration timeout, final PeerCheck peerCheck)
    {
        int count = consumer.poll(handler, limit);
        if (count > 0)
        {
            return count;
        }
        final long start = System.nanoTime();
        final long timeoutNs = timeout.toNanos();
        idleStrategy.reset();
        while (true)
        {
            idleStrategy.idle();
            count = consumer.poll(handler, limit);
            if (count > 0)
            {
                return count;
            }
            final long now = System.nanoTime();
            if (peerCheck.isGone(now))
            {
                count = consumer.poll(handler, limit);
                if (count > 0)
                {
                    return count;
                }
                throw peerCheck.gone();
            }
            if (now - start >= timeoutNs)
            {
                return 0;
            }
        }
    }
}
