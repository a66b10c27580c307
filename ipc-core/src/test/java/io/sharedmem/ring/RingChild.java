/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.RoleFencedException;
import io.sharedmem.RoleTakenException;
import io.sharedmem.SharedBlock;
import io.sharedmem.internal.CrashPoints;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM driving one side of a ring for cross-process tests. Arguments: a mode, then {@code key=value} options.
 * <ul>
 *     <li>{@code produce ring= from= count= min= max= seed= claim= force= slowFill= gapMs= status= retryTakenMs=}:
 *     takes the producer role (retrying while refused for up to {@code retryTakenMs}) and commits messages
 *     {@code from .. from+count-1} ({@code count=-1}: forever), by offer or by claim and commit; with {@code status}
 *     (a raw block) byte 0 is 1 while a claim is open; prints {@code producing} then {@code produced N}, or
 *     {@code fenced ...} and exits with {@link #FENCED_STATUS} when forced out.</li>
 *     <li>{@code consume ring= from= count= limit= min= max= seed= log=}: takes the consumer role, checks every
 *     message completely and in order from its first ({@code from=-1}: whatever comes first), adds 1 per delivery to
 *     byte {@code seq} of the raw block {@code log} if given; prints {@code first S}, then {@code consumed N last S}
 *     ({@code haltWhenDone=true}: halts with {@link CrashPoints#HALT_STATUS} instead, role still held). Any wrong
 *     message: prints {@code ERROR ...} and exits 2.</li>
 *     <li>{@code bellconsume ring= count=}: consumes {@code count} messages waiting on the doorbell; each message's
 *     first 8 bytes are the producer's {@link System#nanoTime()}: prints {@code woken N us} per message.</li>
 *     <li>{@code create ring= capacity=}: creates the ring and closes it (leaving it).</li>
 *     <li>{@code hold ring= role=producer|consumer}: takes a role, prints {@code holding}, and waits to be killed.</li>
 * </ul>
 */
public final class RingChild
{
    /**
     * Exit status of a child that found itself fenced (its role taken over with force).
     */
    static final int FENCED_STATUS = 5;

    private RingChild()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and options.
     * @throws Exception on failure (the test sees the exit code and stderr).
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            o.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        final RingOptions options = SpscRing.options()
            .livenessTimeout(Duration.ofMillis(Long.parseLong(o.getOrDefault("liveness", "5000"))));
        if ("create".equals(args[0]))
        {
            try (SpscRing ring = options.capacity(Integer.parseInt(o.get("capacity"))).create(o.get("ring")))
            {
                System.out.println("created " + ring.name());
            }
            return;
        }
        try (SpscRing ring = options.attach(o.get("ring")))
        {
            switch (args[0])
            {
                case "produce":
                    produce(ring, o);
                    break;
                case "consume":
                    consume(ring, o);
                    break;
                case "hold":
                    hold(ring, o);
                    break;
                case "bellconsume":
                    bellConsume(ring, o);
                    break;
                default:
                    throw new IllegalArgumentException(args[0]);
            }
        }
        System.out.flush();
    }

    private static TestMessages messages(final Map<String, String> o)
    {
        return new TestMessages(Integer.parseInt(o.getOrDefault("min", "0")), Integer.parseInt(o.get("max")),
            Long.parseLong(o.getOrDefault("seed", "42")));
    }

    private static void produce(final SpscRing ring, final Map<String, String> o) throws Exception
    {
        final TestMessages messages = messages(o);
        final long from = Long.parseLong(o.getOrDefault("from", "0"));
        final long count = Long.parseLong(o.getOrDefault("count", "-1"));
        final boolean claim = Boolean.parseBoolean(o.getOrDefault("claim", "false"));
        final boolean force = Boolean.parseBoolean(o.getOrDefault("force", "false"));
        final int slowFill = Integer.parseInt(o.getOrDefault("slowFill", "0"));
        final long gapMs = Long.parseLong(o.getOrDefault("gapMs", "0"));
        final String status = o.get("status");
        try (SharedBlock statusBlock = null == status ? null : SharedBlock.attach(status);
            RingProducer producer = take(o, () -> ring.producer(force)))
        {
            final AtomicBuffer claimFlag = null == statusBlock ? null : statusBlock.buffer();
            System.out.println("producing tookOver=" + producer.tookOver() + " previous=" + producer.previousHolderPid());
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[ring.maxMsgLength()]);
            final AtomicBuffer buffer = producer.buffer();
            final long end = count < 0 ? Long.MAX_VALUE : from + count;
            long seq = from;
            try
            {
                for (; seq < end; seq++)
                {
                    if (gapMs > 0)
                    {
                        sleep(gapMs);
                    }
                    final int length = messages.length(seq);
                    final int type = TestMessages.typeId(seq);
                    if (claim)
                    {
                        int index;
                        while ((index = producer.tryClaim(type, length)) < 0)
                        {
                            Thread.onSpinWait();
                        }
                        if (null != claimFlag)
                        {
                            claimFlag.putByteVolatile(0, (byte)1);
                        }
                        TestMessages.fill(buffer, index, seq, length);
                        // An application doing work between claim and commit: the claim stays open longer.
                        for (int i = 0; i < slowFill; i++)
                        {
                            Thread.onSpinWait();
                        }
                        producer.commit(index);
                        if (null != claimFlag)
                        {
                            claimFlag.putByteVolatile(0, (byte)0);
                        }
                    }
                    else
                    {
                        TestMessages.fill(scratch, 0, seq, length);
                        while (!producer.offer(type, scratch, 0, length))
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
            }
            catch (final RoleFencedException ex)
            {
                System.out.println("fenced after seq " + (seq - 1) + ": " + ex.getMessage());
                System.out.flush();
                producer.close();
                System.exit(FENCED_STATUS);
            }
            System.out.println("produced " + (end - from));
        }
    }

    /**
     * Takes a role, retrying for up to {@code retryTakenMs} while it is refused, as a supervisor that restarts its
     * process would.
     */
    private static <T> T take(final Map<String, String> o, final java.util.function.Supplier<T> taker)
        throws InterruptedException
    {
        final long retryNs = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
            Long.parseLong(o.getOrDefault("retryTakenMs", "0")));
        final long start = System.nanoTime();
        while (true)
        {
            try
            {
                return taker.get();
            }
            catch (final RoleTakenException ex)
            {
                if (System.nanoTime() - start >= retryNs)
                {
                    throw ex;
                }
                System.out.println("refused " + ex.getMessage());
                Thread.sleep(50);
            }
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void consume(final SpscRing ring, final Map<String, String> o) throws Exception
    {
        final Checker checker = new Checker(messages(o), Long.parseLong(o.getOrDefault("from", "-1")));
        final long count = Long.parseLong(o.getOrDefault("count", "-1"));
        final long until = Long.parseLong(o.getOrDefault("until", "-1"));
        final int limit = Integer.parseInt(o.getOrDefault("limit", "64"));
        final String log = o.get("log");
        final boolean haltWhenDone = Boolean.parseBoolean(o.getOrDefault("haltWhenDone", "false"));
        final boolean force = Boolean.parseBoolean(o.getOrDefault("force", "false"));
        final boolean tolerateTornIfFenced = Boolean.parseBoolean(o.getOrDefault("tolerateTornIfFenced", "false"));
        try (SharedBlock logBlock = null == log ? null : SharedBlock.attach(log);
            RingConsumer consumer = take(o, () -> ring.consumer(force)))
        {
            checker.log = null == logBlock ? null : logBlock.buffer();
            System.out.println("consuming tookOver=" + consumer.tookOver());
            final BusySpinIdleStrategy idle = new BusySpinIdleStrategy();
            while ((count < 0 || checker.received < count) && (until < 0 || checker.next < until))
            {
                final int n;
                try
                {
                    n = consumer.read(checker, limit, idle, Duration.ofSeconds(60));
                }
                catch (final RoleFencedException ex)
                {
                    System.out.println("fenced after " + checker.received + " messages" +
                        (null != checker.error ? " and one wrong message (" + checker.error + ")" : "") + ": " +
                        ex.getMessage());
                    System.out.flush();
                    consumer.close();
                    System.exit(FENCED_STATUS);
                    return;
                }
                if (null != checker.error && !tolerateTornIfFenced)
                {
                    System.out.println("ERROR after " + checker.received + " messages: " + checker.error);
                    System.out.flush();
                    Runtime.getRuntime().halt(2);
                }
                if (0 == n)
                {
                    System.out.println("ERROR: nothing for 60 s after " + checker.received + " messages");
                    System.exit(3);
                }
            }
            if (haltWhenDone)
            {
                // Killed after its last commit, before it could say so or release the role.
                Runtime.getRuntime().halt(CrashPoints.HALT_STATUS);
            }
            System.out.println("consumed " + checker.received + " last " + checker.next);
        }
    }

    private static void bellConsume(final SpscRing ring, final Map<String, String> o)
    {
        final long count = Long.parseLong(o.get("count"));
        try (RingConsumer consumer = ring.consumer())
        {
            final DoorbellIdleStrategy idle = consumer.doorbellIdleStrategy();
            System.out.println("consuming tookOver=" + consumer.tookOver());
            final long[] received = new long[1];
            while (received[0] < count)
            {
                consumer.read((type, buffer, index, length) ->
                {
                    final long delayUs = (System.nanoTime() - buffer.getLong(index)) / 1000;
                    System.out.println("woken " + delayUs + " us");
                    received[0]++;
                }, 1, idle, Duration.ofSeconds(60));
            }
            System.out.println("sleeps " + idle.sleeps());
        }
    }

    private static void hold(final SpscRing ring, final Map<String, String> o) throws InterruptedException
    {
        final AutoCloseable role = "consumer".equals(o.get("role")) ? ring.consumer() : ring.producer();
        System.out.println("holding");
        Thread.sleep(Long.MAX_VALUE);
        System.out.println(role);
    }

    /**
     * Checks every message completely and in order.
     */
    static final class Checker implements MessageHandler
    {
        final TestMessages messages;
        long next;
        long received;
        boolean started;
        String error;
        AtomicBuffer log;

        Checker(final TestMessages messages, final long from)
        {
            this.messages = messages;
            this.next = from;
        }

        @Override
        public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
            final int length)
        {
            if (null != error)
            {
                return;
            }
            if (!started)
            {
                started = true;
                if (next < 0)
                {
                    next = TestMessages.seqLow(msgTypeId);
                }
                if (null != log)
                {
                    System.out.println("first " + next);
                }
            }
            error = messages.check(next, msgTypeId, buffer, index, length);
            if (null != error)
            {
                return;
            }
            if (null != log)
            {
                log.putByte((int)next, (byte)(log.getByte((int)next) + 1));
            }
            next++;
            received++;
        }
    }

    /**
     * Checks a delivery log ({@code log=}, one byte per sequence number counting its deliveries): every message
     * delivered at least once, none more than twice.
     *
     * @return how many messages were delivered twice.
     */
    static int assertDeliveredOnceOrTwice(final AtomicBuffer log, final int count)
    {
        int twice = 0;
        for (int seq = 0; seq < count; seq++)
        {
            final int times = log.getByteVolatile(seq);
            assertTrue(times >= 1, "message " + seq + " was never delivered");
            assertTrue(times <= 2, "message " + seq + " was delivered " + times + " times");
            twice += times - 1;
        }
        return twice;
    }
}
