/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM using a ring (or a raw block) whose file the test truncates from another process while it is mapped.
 * Arguments: a mode, then {@code ring=NAME}. It prints {@code ready} once the block is open and in use, runs its
 * operation until something is thrown (at most 20 s), prints {@code RESULT <class> <message>} (or
 * {@code RESULT none}; an error HotSpot delivers only after the call that faulted returned counts too), then closes
 * everything and prints {@code CLOSED ok} or {@code CLOSED <class> <message>}, and exits 0. A JVM crash shows as an {@code hs_err} file and an exit by signal.
 * <ul>
 *     <li>{@code offer}, {@code claim}: a producer writing 256-byte messages (a consumer in the same process keeps
 *     room);</li>
 *     <li>{@code poll}: a consumer reading large batches (the producer in the same process keeps it fed);</li>
 *     <li>{@code readwrite}: the blocking calls, {@code write} and {@code read} with time-outs, in turn;</li>
 *     <li>{@code takeover}: waits until the file is shorter than mapped, then takes the producer role (taking over
 *     zeroes the free region);</li>
 *     <li>{@code idle}: holds both roles while their heartbeats tick; once the file is shorter, asks
 *     {@code isProducerAlive()} and {@code hasUnconsumedMessages()};</li>
 *     <li>{@code mpsc}: writes to and reads from an {@link MpscRing};</li>
 *     <li>{@code raw}: reads a raw {@link SharedBlock}'s buffer.</li>
 * </ul>
 */
public final class TruncationChild
{
    private static final long RUN_NS = TimeUnit.SECONDS.toNanos(20);

    private TruncationChild()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and {@code ring=NAME}.
     */
    public static void main(final String[] args)
    {
        final Map<String, String> o = RingWorker.options(args);
        final String name = o.get("ring");
        Throwable result = null;
        AutoCloseable open = null;
        try
        {
            switch (args[0])
            {
                case "mpsc":
                {
                    final MpscRing ring = MpscRing.attach(name);
                    open = ring;
                    result = mpsc(ring);
                    break;
                }
                case "raw":
                {
                    final SharedBlock block = SharedBlock.attach(name);
                    open = block;
                    result = raw(block);
                    break;
                }
                default:
                {
                    final SpscRing ring = SpscRing.attach(name);
                    open = ring;
                    result = spsc(args[0], ring);
                    break;
                }
            }
        }
        catch (final Throwable ex)
        {
            result = ex;
        }
        try
        {
            System.out.println("RESULT " + describe(result));
        }
        catch (final Throwable late)
        {
            // HotSpot's fault error can arrive after the call that faulted returned: here, at the next call.
            System.out.println("RESULT " + describe(null == result ? late : result));
        }
        String closed = "ok";
        try
        {
            if (null != open)
            {
                open.close();
            }
        }
        catch (final Throwable ex)
        {
            closed = describe(ex);
        }
        try
        {
            System.out.println("CLOSED " + closed);
        }
        catch (final Throwable late)
        {
            System.out.println("CLOSED " + describe(late));
        }
        System.out.flush();
        System.exit(0);
    }

    private static String describe(final Throwable ex)
    {
        return null == ex ? "none" : ex.getClass().getName() + " " + ex.getMessage();
    }

    private static Throwable spsc(final String mode, final SpscRing ring)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        final long end = System.nanoTime() + RUN_NS;
        try
        {
            if ("takeover".equals(mode))
            {
                System.out.println("ready");
                System.out.flush();
                awaitTruncated(ring.block());
                ring.producer().close();
                return null;
            }
            final RingProducer producer = ring.producer();
            final RingConsumer consumer = ring.consumer();
            System.out.println("ready");
            System.out.flush();
            if ("idle".equals(mode))
            {
                awaitTruncated(ring.block());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));    // heartbeats tick into the fault
                ring.isProducerAlive();
                ring.hasUnconsumedMessages();
                consumer.poll((type, buffer, index, length) -> { }, 1);
                return null;
            }
            final BusySpinIdleStrategy idle = new BusySpinIdleStrategy();
            long n = 0;
            while (System.nanoTime() - end < 0)
            {
                switch (mode)
                {
                    case "offer":
                        producer.offer(1, message, 0, message.capacity());
                        if ((++n & 15) == 0)
                        {
                            consumer.poll((type, buffer, index, length) -> { }, 64);
                        }
                        break;
                    case "claim":
                        final int index = producer.tryClaim(1, 256);
                        if (index > 0)
                        {
                            producer.buffer().putLong(index, n++);
                            producer.commit(index);
                        }
                        else
                        {
                            consumer.poll((type, buffer, i, length) -> { }, 64);
                        }
                        break;
                    case "readwrite":
                        producer.write(1, message, 0, message.capacity(), idle, Duration.ofSeconds(1));
                        consumer.read((type, buffer, i, length) -> { }, 64, idle, Duration.ofSeconds(1));
                        break;
                    default:
                        while (producer.offer(1, message, 0, message.capacity()))
                        {
                            n++;
                        }
                        consumer.poll((type, buffer, i, length) -> { }, Integer.MAX_VALUE);
                        break;
                }
            }
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
    }

    private static Throwable mpsc(final MpscRing ring)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        final long end = System.nanoTime() + RUN_NS;
        try (MpscRing.Consumer consumer = ring.consumer())
        {
            System.out.println("ready");
            System.out.flush();
            while (System.nanoTime() - end < 0)
            {
                while (ring.ringBuffer().write(1, message, 0, message.capacity()))
                {
                    Thread.onSpinWait();
                }
                consumer.read((type, buffer, index, length) -> { }, Integer.MAX_VALUE);
            }
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
    }

    private static Throwable raw(final SharedBlock block)
    {
        final AtomicBuffer buffer = block.buffer();
        final long end = System.nanoTime() + RUN_NS;
        System.out.println("ready");
        System.out.flush();
        long sum = 0;
        try
        {
            while (System.nanoTime() - end < 0)
            {
                for (int i = 0; i + 8 <= buffer.capacity(); i += 4096)
                {
                    sum += buffer.getLongVolatile(i);
                }
            }
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
        finally
        {
            System.out.println("sum " + sum);
        }
    }

    private static void awaitTruncated(final SharedBlock block)
    {
        final long end = System.nanoTime() + RUN_NS;
        while (block.fileSize() >= block.size() && System.nanoTime() - end < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    static Duration runTime()
    {
        return Duration.ofNanos(RUN_NS);
    }
}
