/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bridge;

import io.sharedmem.SharedMemoryException;
import io.sharedmem.channel.Channels;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards every message from one channel to another, so that an existing local producer feeds a remote consumer
 * with no change to either program: on the sending host {@code Bridge shm:orders aeron:udp?endpoint=HOST:40123}, on
 * the receiving host {@code Bridge aeron:udp?endpoint=HOST:40123 shm:orders}. Any two channel strings work.
 * <pre>
 * Bridge FROM TO [--stats SECONDS] [--batch N]     forward until Ctrl-C; progress every 5 s while busy (0: none)
 * Bridge --describe CHANNEL...                     print what channel strings resolve to, opening nothing
 * </pre>
 * It is FROM's consumer and TO's producer. A message is taken from FROM only once TO has taken it: while TO is full
 * or has no consumer connected (Aeron), messages wait in FROM (a ring fills, then its producer waits; Aeron
 * back-pressures its producer). Each message is marked consumed in FROM right after TO took it, so a bridge killed
 * at any moment forwards at most one message twice when restarted; what it had handed to TO but TO had not yet
 * delivered (Aeron: the messages in flight in the killed process) is lost. Ctrl-C stops it cleanly: it finishes the
 * message in hand, closes both channels (an Aeron producer first waits until its consumer has everything), and
 * prints what it forwarded.
 * <p>
 * Output: the settings of both channels, a line when either side connects or goes, progress lines
 * ({@code Bridge: forwarded N messages (B bytes) ...}) and a final one. Exit codes: 130 stopped by Ctrl-C (as any
 * program ended by SIGINT; the final line says it stopped cleanly), 1 a channel failed or a message does not fit TO,
 * 2 bad arguments.
 */
public final class Bridge
{
    private static final int BATCH_DEFAULT = 256;
    private static final long STATUS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final MessageConsumer from;
    private final MessageProducer to;
    private final PrintStream out;
    private final Forwarder forwarder = new Forwarder();

    private Bridge(final MessageConsumer from, final MessageProducer to, final PrintStream out)
    {
        this.from = from;
        this.to = to;
        this.out = out;
    }

    /**
     * Runs the bridge and exits with its exit code.
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the bridge until Ctrl-C (or a failure).
     *
     * @param args see the class comment.
     * @param out  settings, progress and totals.
     * @param err  errors, one line each.
     * @return the exit code: 0 after Ctrl-C (the JVM then exits with 130 all the same), 1 failure, 2 bad arguments.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length >= 1 && "--describe".equals(args[0]))
        {
            return describe(args, out, err);
        }
        String fromChannel = null;
        String toChannel = null;
        long statsSeconds = 5;
        int batch = BATCH_DEFAULT;
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--stats" -> statsSeconds = Long.parseLong(value(args, ++i));
                    case "--batch" -> batch = Integer.parseInt(value(args, ++i));
                    default ->
                    {
                        if (args[i].startsWith("--") || null != toChannel)
                        {
                            throw new IllegalArgumentException("unexpected argument \"" + args[i] + "\"");
                        }
                        if (null == fromChannel)
                        {
                            fromChannel = args[i];
                        }
                        else
                        {
                            toChannel = args[i];
                        }
                    }
                }
            }
            if (null == toChannel || statsSeconds < 0 || batch < 1)
            {
                throw new IllegalArgumentException(null == toChannel ? "FROM and TO are required" :
                    "--stats must not be negative, --batch at least 1");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("Bridge: " + ex.getMessage() + "; usage: Bridge FROM TO [--stats SECONDS] [--batch N], " +
                "such as Bridge shm:orders 'aeron:udp?endpoint=10.0.0.2:40123'");
            return 2;
        }

        final AtomicBoolean running = new AtomicBoolean(true);
        final CountDownLatch done = new CountDownLatch(1);
        // Waits for the channels to close, not for this thread to end: a main that calls System.exit never ends.
        final Thread hook = new Thread(() ->
        {
            running.set(false);
            try
            {
                done.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "bridge-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try (MessageConsumer from = Channels.consumer(fromChannel);
            MessageProducer to = Channels.producer(toChannel))
        {
            final Bridge bridge = new Bridge(from, to, out);
            bridge.printSettings("from", from.settings());
            bridge.printSettings("to", to.settings());
            out.println("Bridge: forwarding " + fromChannel + " -> " + toChannel + " (Ctrl-C to stop)");
            out.flush();
            code = bridge.forward(running, batch, TimeUnit.SECONDS.toNanos(statsSeconds), err);
        }
        catch (final SharedMemoryException | IllegalArgumentException | IllegalStateException ex)
        {
            err.println("Bridge: " + ex.getMessage());
            code = 1;
        }
        finally
        {
            out.flush();
            done.countDown();
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // Shutting down: the hook has seen the channels closed.
        }
        out.flush();
        return code;
    }

    private static int describe(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length < 2)
        {
            err.println("Bridge: --describe needs one or more channel strings");
            return 2;
        }
        try
        {
            for (int i = 1; i < args.length; i++)
            {
                Channels.describe(args[i]).forEach((key, value) -> out.println(key + ": " + value));
                out.println();
            }
            return 0;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("Bridge: " + ex.getMessage());
            return 2;
        }
    }

    private static String value(final String[] args, final int i)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private void printSettings(final String side, final Map<String, String> settings)
    {
        settings.forEach((key, value) -> out.println("  " + side + "." + key + ": " + value));
    }

    private int forward(
        final AtomicBoolean running, final int batch, final long statsIntervalNs, final PrintStream err)
    {
        final IdleStrategy inputIdle = from.idleStrategy();
        final IdleStrategy outputIdle = new BackoffIdleStrategy();
        final long start = System.nanoTime();
        long nextStatus = start;
        long nextStats = statsIntervalNs > 0 ? start + statsIntervalNs : Long.MAX_VALUE;
        int fromConnected = -1;
        int toConnected = -1;
        long reported = 0;
        try
        {
            while (running.get())
            {
                forwarder.blocked = false;
                final int forwarded = from.controlledPoll(forwarder, batch);
                if (forwarded > 0)
                {
                    inputIdle.reset();
                    outputIdle.reset();
                }
                else if (forwarder.blocked)
                {
                    outputIdle.idle();
                }
                else
                {
                    inputIdle.idle();
                }
                final long now = System.nanoTime();
                if (now - nextStatus >= 0)
                {
                    nextStatus = now + STATUS_INTERVAL_NS;
                    fromConnected = report(fromConnected, from.isConnected(), "FROM: a producer is connected",
                        "FROM: no producer connected");
                    toConnected = report(toConnected, to.isConnected(), "TO: a consumer is connected",
                        "TO: no consumer connected");
                }
                if (now - nextStats >= 0)
                {
                    nextStats = now + statsIntervalNs;
                    if (forwarder.messages != reported)
                    {
                        reported = forwarder.messages;
                        printTotals("forwarded", now - start);
                    }
                }
            }
            printTotals("stopped (Ctrl-C); forwarded", System.nanoTime() - start);
            return 0;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("Bridge: a message from FROM does not fit TO: " + ex.getMessage() + "; it stays in FROM");
        }
        catch (final SharedMemoryException | IllegalStateException ex)
        {
            err.println("Bridge: " + ex.getMessage());
        }
        printTotals("failed after forwarding", System.nanoTime() - start);
        return 1;
    }

    private int report(final int previous, final boolean connected, final String up, final String down)
    {
        final int now = connected ? 1 : 0;
        if (now != previous)
        {
            out.println("Bridge: " + (connected ? up : down));
            out.flush();
        }
        return now;
    }

    private void printTotals(final String what, final long elapsedNs)
    {
        final double seconds = Math.max(1e-9, elapsedNs / 1e9);
        out.print(String.format("Bridge: %s %,d messages (%,d bytes) in %.1f s: %,.0f msgs/s, %.1f MB/s%n", what,
            forwarder.messages, forwarder.bytes, seconds, forwarder.messages / seconds,
            forwarder.bytes / seconds / 1e6));
        out.flush();
    }

    /**
     * Offers each message to TO and marks it consumed in FROM once TO took it; leaves it in FROM otherwise.
     */
    private final class Forwarder implements ControlledMessageHandler
    {
        long messages;
        long bytes;
        boolean blocked;

        @Override
        public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
            final int length)
        {
            if (to.offer(msgTypeId, buffer, index, length))
            {
                messages++;
                bytes += length;
                return Action.COMMIT;
            }
            blocked = true;
            return Action.ABORT;
        }
    }
}
