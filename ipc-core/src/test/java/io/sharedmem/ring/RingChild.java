/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedBlock;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A child JVM driving one side of a ring for cross-process tests. Arguments: a mode, then {@code key=value} options.
 * <ul>
 *     <li>{@code produce ring= from= count= min= max= seed= claim= force=}: takes the producer role and commits
 *     messages {@code from .. from+count-1} ({@code count=-1}: forever), by offer or by claim and commit; prints
 *     {@code producing} then {@code produced N}.</li>
 *     <li>{@code consume ring= from= count= limit= min= max= seed= log=}: takes the consumer role, checks every
 *     message completely and in order from its first ({@code from=-1}: whatever comes first), adds 1 per delivery to
 *     byte {@code seq} of the raw block {@code log} if given; prints {@code first S}, then {@code consumed N last S}
 *     ({@code haltWhenDone=true}: halts with {@link CrashPoints#HALT_STATUS} instead, role still held). Any wrong
 *     message: prints {@code ERROR ...} and exits 2.</li>
 *     <li>{@code hold ring= role=producer|consumer}: takes a role, prints {@code holding}, and waits to be killed.</li>
 * </ul>
 */
public final class RingChild
{
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

    private static void produce(final SpscRing ring, final Map<String, String> o)
    {
        final TestMessages messages = messages(o);
        final long from = Long.parseLong(o.getOrDefault("from", "0"));
        final long count = Long.parseLong(o.getOrDefault("count", "-1"));
        final boolean claim = Boolean.parseBoolean(o.getOrDefault("claim", "false"));
        final boolean force = Boolean.parseBoolean(o.getOrDefault("force", "false"));
        final int slowFill = Integer.parseInt(o.getOrDefault("slowFill", "0"));
        final long gapMs = Long.parseLong(o.getOrDefault("gapMs", "0"));
        try (RingProducer producer = ring.producer(force))
        {
            System.out.println("producing tookOver=" + producer.tookOver() + " previous=" + producer.previousHolderPid());
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[ring.maxMsgLength()]);
            final AtomicBuffer buffer = producer.buffer();
            final long end = count < 0 ? Long.MAX_VALUE : from + count;
            for (long seq = from; seq < end; seq++)
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
                    TestMessages.fill(buffer, index, seq, length);
                    // An application doing work between claim and commit: the claim stays open longer.
                    for (int i = 0; i < slowFill; i++)
                    {
                        Thread.onSpinWait();
                    }
                    producer.commit(index);
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
            System.out.println("produced " + (end - from));
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
        try (SharedBlock logBlock = null == log ? null : SharedBlock.attach(log);
            RingConsumer consumer = ring.consumer())
        {
            checker.log = null == logBlock ? null : logBlock.buffer();
            System.out.println("consuming tookOver=" + consumer.tookOver());
            final BusySpinIdleStrategy idle = new BusySpinIdleStrategy();
            while ((count < 0 || checker.received < count) && (until < 0 || checker.next < until))
            {
                final int n = consumer.read(checker, limit, idle, Duration.ofSeconds(60));
                if (null != checker.error)
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
}
