/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.ring;

import io.sharedmem.PeerDeadException;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.channel.ChannelString;
import io.sharedmem.channel.Channels;
import io.sharedmem.channel.MessageProducer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producing half of a pair of programs streaming checked messages through a channel; the {@link Consumer} runs
 * in another JVM, on this host or another. The code names no transport: the channel string picks it, a ring on this
 * host by default ({@code shm:RingDemo?capacity=1m}), Aeron UDP with
 * {@code --channel aeron:udp?endpoint=HOST:PORT} (the {@code ipc-aeron} module on the class path). Either program may
 * start first.
 * <pre>
 * Producer [--channel CHANNEL | --name NAME --capacity BYTES] [--count N] [--size BYTES] [--rate MSGS_PER_S]
 *          (defaults: shm:RingDemo?capacity=1m, 1000000 messages (0: until Ctrl-C), 64 bytes, as fast as possible)
 * </pre>
 * Each message carries a sequence number, its send time and a CRC32C checksum ({@link DemoMessages}), written in
 * place ({@code tryClaim}, {@code commit}). The stream ends with an end message; Ctrl-C ends it early with a stop
 * message, so the consumer ends cleanly too. If the consumer leaves (Ctrl-C) or dies, the producer says so and stops.
 * Over a ring the last of the two to leave removes it. Exit codes: 0 done or stopped, 1 failure (the consumer died,
 * the channel is unusable), 2 bad arguments.
 */
public final class Producer
{
    private Producer()
    {
    }

    /**
     * Runs the producer and exits with its exit code.
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the producer.
     *
     * @param args see the class comment.
     * @param out  progress and results.
     * @param err  errors, one line each.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Arguments a = Arguments.parse("Producer", args, err, true);
        if (null == a)
        {
            return 2;
        }
        return a.runSide("Producer", err, (running) -> produce(a, running, out, err));
    }

    private static int produce(final Arguments a, final AtomicBoolean running, final PrintStream out,
        final PrintStream err)
    {
        long sent = 0;
        boolean consumerSeen = false;
        try (MessageProducer producer = Channels.producer(a.channel))
        {
            if (a.size > producer.maxMsgLength())
            {
                err.println("Producer: --size " + a.size + " does not fit channel " + a.channel + ": its largest " +
                    "message is " + producer.maxMsgLength() + " bytes");
                return 2;
            }
            final DemoMessages messages = new DemoMessages(a.size);
            final UnsafeBuffer control = new UnsafeBuffer(new byte[8]);
            out.println("Producer: opened " + a.channel + "; sending " + (0 == a.count ? "messages" :
                a.count + " messages") + " of " + a.size + " bytes" + (0 == a.count ? " until Ctrl-C" : ""));
            out.println(describe("Producer", producer.settings()));
            out.flush();
            final long start = System.nanoTime();
            final long gapNs = a.rate > 0 ? TimeUnit.SECONDS.toNanos(1) / a.rate : 0;
            long nextCheck = 0;
            while (running.get() && (0 == a.count || sent < a.count))
            {
                final int index = producer.tryClaim(DemoMessages.DATA, a.size);
                if (index >= 0)
                {
                    messages.fill(producer.buffer(), index, sent, a.size, System.nanoTime());
                    producer.commit(index);
                    sent++;
                    if (gapNs > 0)
                    {
                        pace(start + sent * gapNs, running);
                    }
                    if (0 != (sent & 1023))
                    {
                        continue;
                    }
                }
                final long now = System.nanoTime();
                if (now - nextCheck >= 0)
                {
                    nextCheck = now + TimeUnit.MILLISECONDS.toNanos(100);
                    final boolean connected = producer.isConnected();
                    consumerSeen |= connected;
                    if (consumerSeen && !connected)
                    {
                        out.println("Producer: the consumer left (Ctrl-C?) after " + sent + " messages; stopping");
                        out.flush();
                        return 0;
                    }
                }
                if (index < 0)
                {
                    Thread.onSpinWait();
                }
            }
            control.putLong(0, sent);
            final int type = running.get() ? DemoMessages.END : DemoMessages.STOPPED;
            // Tell a consumer that is there; do not wait for one that left or never came.
            nextCheck = 0;
            while (!producer.offer(type, control, 0, 8))
            {
                final long now = System.nanoTime();
                if (now - nextCheck >= 0)
                {
                    nextCheck = now + TimeUnit.MILLISECONDS.toNanos(100);
                    if (!producer.isConnected())
                    {
                        break;
                    }
                }
                Thread.onSpinWait();
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            // One print per line, so that it does not interleave with the consumer's output in a shared terminal.
            out.print(String.format("Producer: %s after %,d messages in %.2f s (%,.0f msgs/s)%n",
                running.get() ? "done" : "interrupted (Ctrl-C), consumer told", sent, seconds, sent / seconds));
            out.flush();
            return 0;
        }
        catch (final PeerDeadException ex)
        {
            err.println("Producer: " + ex.getMessage() + "; stopping after " + sent + " messages");
            return 1;
        }
    }

    /**
     * One line with a channel's settings, for the programs' start-up output.
     *
     * @param program the program's name.
     * @param settings what the channel resolved to.
     * @return such as {@code "Producer: kind=spsc-ring, capacity=1048576, ..."}.
     */
    static String describe(final String program, final Map<String, String> settings)
    {
        final StringBuilder line = new StringBuilder(program).append(": channel settings:");
        settings.forEach((key, value) ->
        {
            if (!"channel".equals(key))
            {
                line.append(' ').append(key).append('=').append(value).append(';');
            }
        });
        line.setLength(line.length() - 1);
        return line.toString();
    }

    private static void pace(final long untilNs, final AtomicBoolean running)
    {
        while (System.nanoTime() - untilNs < 0 && running.get())
        {
            Thread.onSpinWait();
        }
    }

    /**
     * One side of the pair, run over the channel until done or until {@code running} turns false.
     */
    @FunctionalInterface
    interface Side
    {
        int run(AtomicBoolean running);
    }

    /**
     * The command line of both programs.
     */
    static final class Arguments
    {
        String channel;
        String name;
        Integer capacity;
        long count = 1_000_000;
        int size = 64;
        long rate;

        /**
         * Runs one side, with Ctrl-C turning {@code running} false and waiting up to 15 s for the side to finish
         * cleanly (an Aeron producer's close waits for its consumer to acknowledge the end of the stream).
         */
        int runSide(final String program, final PrintStream err, final Side side)
        {
            final AtomicBoolean running = new AtomicBoolean(true);
            final CountDownLatch done = new CountDownLatch(1);
            // Waits for the side to finish, not for this thread to end: a main that calls System.exit never ends.
            final Thread hook = new Thread(() ->
            {
                running.set(false);
                try
                {
                    done.await(15, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, program.toLowerCase(java.util.Locale.ROOT) + "-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            int code;
            try
            {
                code = side.run(running);
            }
            catch (final SharedMemoryException | IllegalArgumentException ex)
            {
                err.println(program + ": " + ex.getMessage());
                code = 1;
            }
            finally
            {
                done.countDown();
            }
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // Shutting down: the hook has seen the side finish.
            }
            return code;
        }

        static Arguments parse(final String program, final String[] args, final PrintStream err,
            final boolean producer)
        {
            final Arguments a = new Arguments();
            try
            {
                for (int i = 0; i < args.length; i++)
                {
                    final String option = args[i];
                    final String value = require(option, i + 1 < args.length ? args[i + 1] : null);
                    i++;
                    if (!producer && ("--count".equals(option) || "--size".equals(option) ||
                        "--rate".equals(option)))
                    {
                        throw new IllegalArgumentException(option + " is for the Producer");
                    }
                    switch (option)
                    {
                        case "--channel" -> a.channel = value;
                        case "--name" -> a.name = value;
                        case "--capacity" -> a.capacity = Integer.parseInt(value);
                        case "--count" -> a.count = Long.parseLong(value);
                        case "--size" -> a.size = Integer.parseInt(value);
                        case "--rate" -> a.rate = Long.parseLong(value);
                        default -> throw new IllegalArgumentException("unexpected argument \"" + option + "\"");
                    }
                }
                if (a.size < DemoMessages.MIN_SIZE || a.count < 0 || a.rate < 0)
                {
                    throw new IllegalArgumentException("--size must be at least " + DemoMessages.MIN_SIZE +
                        ", --count and --rate not negative");
                }
                if (null != a.channel && (null != a.name || null != a.capacity))
                {
                    throw new IllegalArgumentException("give --channel, or --name and --capacity for a ring, not both");
                }
                if (null == a.channel)
                {
                    a.channel = "shm:" + (null == a.name ? DemoMessages.NAME : a.name) + "?capacity=" +
                        (null == a.capacity ? 1 << 20 : a.capacity);
                }
                ChannelString.parse(a.channel);
                return a;
            }
            catch (final IllegalArgumentException ex)
            {
                err.println(program + ": " + ex.getMessage() + "; usage: " + program + " [--channel CHANNEL | " +
                    "--name NAME --capacity BYTES] " + (producer ? "[--count N] [--size BYTES] [--rate MSGS_PER_S]" :
                    "") + " (CHANNEL such as shm:RingDemo or aeron:udp?endpoint=HOST:PORT)");
                return null;
            }
        }

        private static String require(final String option, final String value)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(option + " lacks its value");
            }
            return value;
        }
    }
}
