/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import io.sharedmem.SharedBlock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A manual tool, not a test: one-way throughput of {@link SpscRing} beside Agrona's {@link OneToOneRingBuffer} over
 * the same kind of block, two JVMs, busy-spinning. The real benchmark lives in ipc-bench; this is for quick checks
 * while designing.
 * <pre>
 * java -cp ... io.sharedmem.ring.ManualThroughput run spsc|agrona SIZE MESSAGES CAPACITY
 * </pre>
 * {@code run} creates the ring, starts the consumer in a child JVM, produces, and prints messages per second as seen
 * by the consumer.
 */
public final class ManualThroughput
{
    private ManualThroughput()
    {
    }

    /**
     * Entry point.
     *
     * @param args see the class comment.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String kind = args[1];
        final int size = Integer.parseInt(args[2]);
        final long messages = Long.parseLong(args[3]);
        final int capacity = Integer.parseInt(args[4]);
        if ("run".equals(args[0]))
        {
            final String name = "smtest-manual-" + ProcessHandle.current().pid();
            final SpscRing spsc = "spsc".equals(kind) ? SpscRing.create(name, capacity) : null;
            final SharedBlock block = null == spsc ?
                SharedBlock.create(name, capacity + RingBufferDescriptor.TRAILER_LENGTH) : null;
            try (io.sharedmem.testing.ChildJvm child = io.sharedmem.testing.ChildJvm.start(
                java.util.List.of("-Xmx64m"), ManualThroughput.class, "consume", kind, args[2], args[3], args[4], name))
            {
                child.awaitLineStartingWith("ready", Duration.ofSeconds(60));
                final UnsafeBuffer src = new UnsafeBuffer(new byte[size]);
                if (null != spsc)
                {
                    try (RingProducer producer = spsc.producer())
                    {
                        for (long i = 0; i < messages; i++)
                        {
                            src.putLong(0, i);
                            while (!producer.offer(1, src, 0, size))
                            {
                                Thread.onSpinWait();
                            }
                        }
                    }
                }
                else
                {
                    final OneToOneRingBuffer ring = new OneToOneRingBuffer(block.buffer());
                    for (long i = 0; i < messages; i++)
                    {
                        src.putLong(0, i);
                        while (!ring.write(1, src, 0, size))
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                System.out.println(kind + " " + size + " B: " + child.awaitLineStartingWith("rate",
                    Duration.ofSeconds(300)));
            }
            finally
            {
                if (null != spsc)
                {
                    spsc.close();
                    spsc.unlink();
                }
                else
                {
                    block.close();
                    block.unlink();
                }
            }
        }
        else
        {
            final String name = args[5];
            final long[] count = new long[1];
            final MessageHandler handler = (t, b, i, l) -> count[0]++;
            if ("spsc".equals(kind))
            {
                try (SpscRing ring = SpscRing.attach(name); RingConsumer consumer = ring.consumer())
                {
                    System.out.println("ready");
                    while (0 == consumer.poll(handler, 256))
                    {
                        Thread.onSpinWait();
                    }
                    final long start = System.nanoTime();
                    final long first = count[0];
                    while (count[0] < messages)
                    {
                        consumer.poll(handler, 256);
                    }
                    report(count[0] - first, start);
                }
            }
            else
            {
                try (SharedBlock block = SharedBlock.attach(name))
                {
                    final OneToOneRingBuffer ring = new OneToOneRingBuffer(block.buffer());
                    System.out.println("ready");
                    while (0 == ring.read(handler, 256))
                    {
                        Thread.onSpinWait();
                    }
                    final long start = System.nanoTime();
                    final long first = count[0];
                    while (count[0] < messages)
                    {
                        ring.read(handler, 256);
                    }
                    report(count[0] - first, start);
                }
            }
        }
    }

    private static void report(final long n, final long start)
    {
        final double seconds = (System.nanoTime() - start) / (double)TimeUnit.SECONDS.toNanos(1);
        System.out.printf("rate %.1f M msgs/s (%d in %.2f s)%n", n / seconds / 1e6, n, seconds);
    }
}
