/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.ring;

import io.sharedmem.PeerDeadException;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producing half of a pair of programs streaming messages through one named {@link SpscRing}; the
 * {@link Consumer} runs in another JVM. Either may start first: whichever comes first creates the ring.
 * <pre>
 * Producer [--name NAME] [--count N] [--size BYTES] [--rate MSGS_PER_S] [--capacity BYTES]
 *          (defaults: RingDemo, 1000000 messages (0: until Ctrl-C), 64 bytes, as fast as possible, 1 MiB)
 * </pre>
 * Each message carries a sequence number, its send time and a CRC32C checksum ({@link DemoMessages}). The stream
 * ends with an end message; Ctrl-C ends it early with a stop message, so the consumer ends cleanly too. If the
 * consumer leaves (Ctrl-C) or dies, the producer says so and stops. The last of the two to leave removes the ring.
 * Exit codes: 0 done or stopped, 1 failure (the consumer died, the ring is unusable), 2 bad arguments.
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
        return a.runSide("Producer", err, (ring, running) -> produce(ring, a, running, out, err));
    }

    private static int produce(
        final SpscRing ring, final Arguments a, final AtomicBoolean running, final PrintStream out,
        final PrintStream err)
    {
        if (a.size > ring.maxMsgLength())
        {
            err.println("Producer: --size " + a.size + " does not fit ring \"" + ring.name() + "\" (capacity " +
                ring.capacity() + "): its largest message is " + ring.maxMsgLength() + " bytes");
            return 2;
        }
        final DemoMessages messages = new DemoMessages(a.size);
        final UnsafeBuffer control = new UnsafeBuffer(new byte[8]);
        long sent = 0;
        boolean consumerSeen = false;
        try (RingProducer producer = ring.producer())
        {
            out.println("Producer: " + (ring.isCreator() ? "created" : "attached to") + " ring \"" + ring.name() +
                "\" (capacity " + ring.capacity() + " bytes); sending " + (0 == a.count ? "messages" :
                a.count + " messages") + " of " + a.size + " bytes" + (0 == a.count ? " until Ctrl-C" : ""));
            out.flush();
            final long start = System.nanoTime();
            final long gapNs = a.rate > 0 ? TimeUnit.SECONDS.toNanos(1) / a.rate : 0;
            long nextCheck = 0;
            while (running.get() && (0 == a.count || sent < a.count))
            {
                final int index = producer.tryClaim(DemoMessages.DATA, a.size);
                if (index > 0)
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
                    final RoleStatus consumer = ring.consumerStatus();
                    consumerSeen |= consumer.isAlive();
                    if (RoleStatus.DEAD == consumer)
                    {
                        throw new PeerDeadException(ring.name(), "the consumer of ring \"" + ring.name() + "\" died");
                    }
                    if (consumerSeen && RoleStatus.FREE == consumer)
                    {
                        out.println("Producer: the consumer left (Ctrl-C?) after " + sent + " messages; stopping");
                        return finish(ring, producer, out, true);
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
            while (!producer.offer(type, control, 0, 8) && ring.consumerStatus().isAlive())
            {
                Thread.onSpinWait();
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            // One print per line, so that it does not interleave with the consumer's output in a shared terminal.
            out.print(String.format("Producer: %s after %,d messages in %.2f s (%,.0f msgs/s)%n",
                running.get() ? "done" : "interrupted (Ctrl-C), consumer told", sent, seconds, sent / seconds));
            return finish(ring, producer, out, consumerSeen);
        }
        catch (final PeerDeadException ex)
        {
            err.println("Producer: " + ex.getMessage() + "; stopping after " + sent + " messages");
            ring.unlinkIfUnused();
            return 1;
        }
    }

    private static int finish(
        final SpscRing ring, final RingProducer producer, final PrintStream out, final boolean consumerSeen)
    {
        producer.close();
        // Messages no consumer has come for yet stay for the consumer, which removes the ring when it is done.
        if ((consumerSeen || !ring.hasUnconsumedMessages()) && ring.unlinkIfUnused())
        {
            out.println("Producer: last one out, removed ring \"" + ring.name() + "\"");
        }
        else if (!consumerSeen)
        {
            out.println("Producer: left ring \"" + ring.name() + "\" for the consumer to drain");
        }
        out.flush();
        return 0;
    }

    private static void pace(final long untilNs, final AtomicBoolean running)
    {
        while (System.nanoTime() - untilNs < 0 && running.get())
        {
            Thread.onSpinWait();
        }
    }

    /**
     * One side of the pair, run over an open ring until done or until {@code running} turns false.
     */
    @FunctionalInterface
    interface Side
    {
        int run(SpscRing ring, AtomicBoolean running);
    }

    /**
     * The command line of both programs.
     */
    static final class Arguments
    {
        String name = DemoMessages.NAME;
        long count = 1_000_000;
        int size = 64;
        long rate;
        int capacity = 1 << 20;

        /**
         * Opens (creates or attaches) the ring and runs one side over it, with Ctrl-C turning {@code running}
         * false and waiting up to 5 s for the side to finish cleanly.
         */
        int runSide(final String program, final PrintStream err, final Side side)
        {
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread main = Thread.currentThread();
            final Thread hook = new Thread(() ->
            {
                running.set(false);
                try
                {
                    main.join(TimeUnit.SECONDS.toMillis(5));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, program.toLowerCase(java.util.Locale.ROOT) + "-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (SpscRing ring = SpscRing.options().capacity(capacity).createOrAttach(name))
            {
                final int code = side.run(ring, running);
                Runtime.getRuntime().removeShutdownHook(hook);
                return code;
            }
            catch (final SharedMemoryException | IllegalArgumentException ex)
            {
                err.println(program + ": " + ex.getMessage());
                return 1;
            }
            catch (final IllegalStateException ex)
            {
                // Shutting down while removing the hook: the hook is running, all is done.
                return 0;
            }
        }

        static Arguments parse(final String program, final String[] args, final PrintStream err,
            final boolean producer)
        {
            final Arguments a = new Arguments();
            try
            {
                for (int i = 0; i < args.length; i++)
                {
                    final String value = i + 1 < args.length ? args[i + 1] : null;
                    switch (args[i])
                    {
                        case "--name":
                            a.name = require(value);
                            break;
                        case "--capacity":
                            a.capacity = Integer.parseInt(require(value));
                            break;
                        case "--count":
                            a.count = producer ? Long.parseLong(require(value)) : a.count;
                            break;
                        case "--size":
                            a.size = Integer.parseInt(require(value));
                            break;
                        case "--rate":
                            a.rate = Long.parseLong(require(value));
                            break;
                        default:
                            throw new IllegalArgumentException("unexpected argument \"" + args[i] + "\"");
                    }
                    i++;
                    if (!producer && ("--count".equals(args[i - 1]) || "--size".equals(args[i - 1]) ||
                        "--rate".equals(args[i - 1])))
                    {
                        throw new IllegalArgumentException(args[i - 1] + " is for the Producer");
                    }
                }
                if (a.size < DemoMessages.MIN_SIZE || a.count < 0 || a.rate < 0)
                {
                    throw new IllegalArgumentException("--size must be at least " + DemoMessages.MIN_SIZE +
                        ", --count and --rate not negative");
                }
                return a;
            }
            catch (final IllegalArgumentException ex)
            {
                err.println(program + ": " + ex.getMessage() + "; usage: " + program + " [--name NAME] " +
                    (producer ? "[--count N] [--size BYTES] [--rate MSGS_PER_S] " : "") + "[--capacity BYTES]");
                return null;
            }
        }

        private static String require(final String value)
        {
            if (null == value)
            {
                throw new IllegalArgumentException("an option lacks its value");
            }
            return value;
        }
    }
}
