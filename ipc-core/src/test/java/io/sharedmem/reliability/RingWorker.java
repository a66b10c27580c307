/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.RoleTakenException;
import io.sharedmem.SharedBlock;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A child JVM driving one side of an {@link SpscRing} through its public API only, for the reliability tests.
 * Arguments: a mode, then {@code key=value} options.
 * <ul>
 *     <li>{@code produce ring= log= from= count= incarnation= path=offer|claim|mixed slowFill= durationMs=}:
 *     takes the producer role (retrying while it is refused, up to {@code takeTimeoutMs}) and runs a
 *     {@link Production}; prints {@code producing tookOver=B acquireMs=N previous=PID}, then
 *     {@code produced N next S}.</li>
 *     <li>{@code consume ring= log= until= limit= allowSkip= untilProducerDone=}: takes the consumer role and runs a
 *     {@link Consumption}; prints {@code consuming tookOver=B acquireMs=N}, then {@code consumed N next S}.</li>
 * </ul>
 * Both take {@code min= max= seed=} (the {@link CheckedMessages} format) and {@code liveness=} (ms). Exit codes:
 * 0 done; 2 a violation of the delivery contract ({@code ERROR VIOLATION ...}); 3 a hang ({@code ERROR HANG ...});
 * 4 the role was not taken within its time-out ({@code ERROR TAKEOVER ...}); 5 anything else ({@code ERROR ...}).
 */
public final class RingWorker
{
    static final int EXIT_VIOLATION = 2;
    static final int EXIT_HANG = 3;
    static final int EXIT_TAKEOVER = 4;
    static final int EXIT_OTHER = 5;

    private RingWorker()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and options.
     */
    public static void main(final String[] args)
    {
        final Map<String, String> o = options(args);
        final long liveness = Long.parseLong(o.getOrDefault("liveness", "5000"));
        final CheckedMessages messages = new CheckedMessages(Integer.parseInt(o.getOrDefault("min", "16")),
            Integer.parseInt(o.get("max")), Long.parseLong(o.getOrDefault("seed", "42")));
        final long takeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(
            Long.parseLong(o.getOrDefault("takeTimeoutMs", Long.toString(liveness + 5_000))));
        int status = 0;
        try (SpscRing ring = SpscRing.options().livenessTimeout(Duration.ofMillis(liveness)).attach(o.get("ring"));
            SharedBlock logBlock = o.containsKey("log") ? SharedBlock.attach(o.get("log")) : null)
        {
            final DeliveryLog log = null == logBlock ? null : new DeliveryLog(logBlock);
            switch (args[0])
            {
                case "produce":
                    produce(ring, messages, log, o, takeTimeoutNs);
                    break;
                case "consume":
                    consume(ring, messages, log, o, takeTimeoutNs);
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
        catch (final TakeoverFailed ex)
        {
            status = fail(EXIT_TAKEOVER, "TAKEOVER " + ex.getMessage());
        }
        catch (final IllegalStateException ex)
        {
            final String what = String.valueOf(ex.getMessage());
            status = fail(what.startsWith("VIOLATION") ? EXIT_VIOLATION :
                what.startsWith("HANG") || what.contains("stayed full") ? EXIT_HANG : EXIT_OTHER, what);
        }
        catch (final RuntimeException ex)
        {
            ex.printStackTrace();
            status = fail(EXIT_OTHER, ex.toString());
        }
        System.out.flush();
        System.exit(status);
    }

    static Map<String, String> options(final String[] args)
    {
        final Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            o.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return o;
    }

    private static int fail(final int status, final String what)
    {
        System.out.println("ERROR " + what);
        System.out.flush();
        return status;
    }

    private static void produce(final SpscRing ring, final CheckedMessages messages, final DeliveryLog log,
        final Map<String, String> o, final long takeTimeoutNs)
    {
        final long start = System.nanoTime();
        try (RingProducer producer = take(ring::producer, takeTimeoutNs, "producer"))
        {
            System.out.println("producing tookOver=" + producer.tookOver() + " acquireMs=" +
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " previous=" +
                producer.previousHolderPid());
            System.out.flush();
            final Production production = new Production();
            production.from = Long.parseLong(o.getOrDefault("from", "0"));
            production.count = Long.parseLong(o.getOrDefault("count", "-1"));
            production.incarnation = Integer.parseInt(o.getOrDefault("incarnation", "0"));
            production.path = o.getOrDefault("path", Production.MIXED);
            production.slowFill = Integer.parseInt(o.getOrDefault("slowFill", "0"));
            final long durationMs = Long.parseLong(o.getOrDefault("durationMs", "0"));
            if (durationMs > 0)
            {
                final long stopAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
                production.stop = () -> System.nanoTime() - stopAt > 0;
            }
            final long next = production.run(producer, messages, log);
            if (null != log)
            {
                log.done();
            }
            System.out.println("produced " + production.produced + " next " + next);
        }
    }

    private static void consume(final SpscRing ring, final CheckedMessages messages, final DeliveryLog log,
        final Map<String, String> o, final long takeTimeoutNs)
    {
        final long start = System.nanoTime();
        try (RingConsumer consumer = take(ring::consumer, takeTimeoutNs, "consumer"))
        {
            System.out.println("consuming tookOver=" + consumer.tookOver() + " acquireMs=" +
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            System.out.flush();
            final DeliveryChecker checker =
                new DeliveryChecker(messages, log, Long.parseLong(o.getOrDefault("from", "-1")));
            checker.allowSkipAtProducerChange = Boolean.parseBoolean(o.getOrDefault("allowSkip", "false"));
            final Consumption consumption = new Consumption();
            consumption.until = Long.parseLong(o.getOrDefault("until", "-1"));
            consumption.untilProducerDone = Boolean.parseBoolean(o.getOrDefault("untilProducerDone", "false"));
            consumption.limit = Integer.parseInt(o.getOrDefault("limit", "64"));
            consumption.run(consumer, checker, log);
            System.out.println("consumed " + checker.received + " next " + checker.next);
        }
    }

    /**
     * Takes a role, retrying while it is refused: a dead holder must be taken over at once, and a live one that is
     * on its way out (killed a moment ago, not yet reaped) within the time-out.
     */
    private static <T> T take(final Supplier<T> role, final long timeoutNs, final String what)
    {
        final long start = System.nanoTime();
        while (true)
        {
            try
            {
                return role.get();
            }
            catch (final RoleTakenException ex)
            {
                if (System.nanoTime() - start > timeoutNs)
                {
                    throw new TakeoverFailed("the " + what + " role was refused for " +
                        TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms: " + ex.getMessage());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    /**
     * The role could not be taken in time.
     */
    static final class TakeoverFailed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        TakeoverFailed(final String message)
        {
            super(message);
        }
    }
}
