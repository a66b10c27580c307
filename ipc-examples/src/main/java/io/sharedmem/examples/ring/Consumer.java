/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.ring;

import io.sharedmem.PeerDeadException;
import io.sharedmem.channel.Channels;
import io.sharedmem.channel.MessageConsumer;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The consuming half of the {@link Producer}/Consumer pair: reads every message from the channel, checks its sequence
 * number and CRC32C checksum, and prints count, throughput and one-way latency percentiles (send to receipt, on the
 * monotonic clock of the host: meaningful only when both run on one host). Either program may start first; the
 * channel string is the only thing that changes between a ring on this host and Aeron UDP across hosts.
 * <pre>
 * Consumer [--channel CHANNEL | --name NAME --capacity BYTES]      (default: shm:RingDemo?capacity=1m)
 * </pre>
 * It waits with the channel's own idle strategy ({@link MessageConsumer#idleStrategy()}: a ring's doorbell), so it
 * costs almost no CPU while the producer is quiet. The stream ends with the producer's end message, or its stop
 * message when the producer was interrupted; Ctrl-C here ends the consumer cleanly and the producer stops too. Over a
 * ring the last of the two to leave removes it. Exit codes: 0 complete or stopped cleanly, 1 a message failed its
 * checks or the producer died, 2 bad arguments.
 */
public final class Consumer
{
    private Consumer()
    {
    }

    /**
     * Runs the consumer and exits with its exit code.
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the consumer.
     *
     * @param args see the class comment.
     * @param out  progress and results.
     * @param err  errors, one line each.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Producer.Arguments a = Producer.Arguments.parse("Consumer", args, err, false);
        if (null == a)
        {
            return 2;
        }
        return a.runSide("Consumer", err, (running) -> consume(a.channel, running, out, err));
    }

    private static int consume(final String channel, final AtomicBoolean running, final PrintStream out,
        final PrintStream err)
    {
        final Handler handler = new Handler(4096);
        try (MessageConsumer consumer = Channels.consumer(channel))
        {
            out.println("Consumer: opened " + channel + "; waiting for messages (Ctrl-C to stop)");
            out.println(Producer.describe("Consumer", consumer.settings()));
            out.flush();
            final IdleStrategy idle = consumer.idleStrategy();
            boolean producerSeen = false;
            String ending = null;
            int code = 0;
            while (null == ending)
            {
                if (!running.get())
                {
                    ending = "interrupted (Ctrl-C)";
                    break;
                }
                try
                {
                    if (0 == consumer.read(handler, 256, idle, Duration.ofMillis(200)))
                    {
                        final boolean connected = consumer.isConnected();
                        producerSeen |= connected;
                        if (producerSeen && !connected)
                        {
                            ending = "the producer left without an end message";
                        }
                    }
                }
                catch (final PeerDeadException ex)
                {
                    ending = "the producer died (" + ex.getMessage() + ")";
                    code = 1;
                }
                if (null != handler.error)
                {
                    err.println("Consumer: " + handler.error);
                    out.flush();
                    return 1;
                }
                if (handler.ended)
                {
                    ending = handler.stopped ? "the producer was interrupted (Ctrl-C) and said so" :
                        "the producer finished";
                    if (handler.announced != handler.received)
                    {
                        err.println("Consumer: the producer sent " + handler.announced + " messages but " +
                            handler.received + " arrived");
                        code = 1;
                    }
                }
            }
            out.println("Consumer: " + ending + "; every sequence number and checksum verified");
            handler.report(out);
            out.flush();
            return code;
        }
    }

    /**
     * Checks and measures each message. Allocation-free per message.
     */
    static final class Handler implements MessageHandler
    {
        final DemoMessages messages;
        final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long received;
        long bytes;
        long firstNs;
        long lastNs;
        long announced = -1;
        final long attachedNs;
        boolean ended;
        boolean stopped;
        String error;

        Handler(final int expectedSize)
        {
            messages = new DemoMessages(expectedSize);
            attachedNs = System.nanoTime();
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            final long now = System.nanoTime();
            if (DemoMessages.DATA != msgTypeId)
            {
                ended = true;
                stopped = DemoMessages.STOPPED == msgTypeId;
                announced = length >= 8 ? buffer.getLong(index) : -1;
                return;
            }
            if (null != error)
            {
                return;
            }
            error = messages.check(buffer, index, length, received);
            if (null != error)
            {
                return;
            }
            if (0 == received)
            {
                firstNs = now;
            }
            lastNs = now;
            final long sentNs = buffer.getLong(index + 8);
            // Messages sent before this consumer attached waited for it, not for the ring: they would make the
            // percentiles of a paced stream report the start-up gap.
            if (sentNs >= attachedNs)
            {
                latencies.recordValue(Math.min(Math.max(0, now - sentNs), latencies.getHighestTrackableValue()));
            }
            received++;
            bytes += length;
        }

        void report(final PrintStream out)
        {
            final double seconds = Math.max(1e-9, (lastNs - firstNs) / 1e9);
            // One print per line: printf writes its pieces one by one, which interleave with the producer's output
            // when both share a terminal.
            out.print(String.format(
                "Consumer: received %,d messages (%,d bytes) in %.2f s: %,.0f msgs/s, %.1f MB/s%n",
                received, bytes, seconds, received / seconds, bytes / seconds / 1e6));
            if (latencies.getTotalCount() > 0)
            {
                out.print(String.format("Consumer: one-way latency us (messages sent after it attached): " +
                    "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(90) / 1e3,
                    latencies.getValueAtPercentile(99) / 1e3, latencies.getValueAtPercentile(99.9) / 1e3,
                    latencies.getMaxValue() / 1e3));
            }
        }
    }
}
