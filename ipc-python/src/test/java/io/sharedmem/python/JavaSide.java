/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.python;

import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A child JVM driving the Java side of a ring for the cross-language tests, with {@link CheckedMessages}.
 * Arguments: a mode, then {@code key=value} options.
 * <ul>
 *     <li>{@code produce ring= from=0 count= max= min=0 liveness=5000}: takes the producer role and commits
 *     messages {@code from .. from+count-1} ({@code count=-1}: forever) by offer; prints {@code producing}, then
 *     {@code produced N}.</li>
 *     <li>{@code mpsc-produce ring= producer= count= max=}: one producer of an mpsc-ring: type id
 *     {@code 1 + producer}, payload checked message {@code seq} (at least 12 bytes); prints {@code produced N}.</li>
 * </ul>
 */
public final class JavaSide
{
    private JavaSide()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and options.
     */
    public static void main(final String[] args)
    {
        final Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            o.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        switch (args[0])
        {
            case "produce":
                produce(o);
                break;
            case "mpsc-produce":
                mpscProduce(o);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
    }

    private static void produce(final Map<String, String> o)
    {
        final CheckedMessages messages = new CheckedMessages(Integer.parseInt(o.getOrDefault("min", "0")),
            Integer.parseInt(o.get("max")));
        final long from = Long.parseLong(o.getOrDefault("from", "0"));
        final long count = Long.parseLong(o.get("count"));
        final long end = count < 0 ? Long.MAX_VALUE : from + count;
        try (SpscRing ring = SpscRing.options()
            .livenessTimeout(Duration.ofMillis(Long.parseLong(o.getOrDefault("liveness", "5000"))))
            .attach(o.get("ring"));
            RingProducer producer = ring.producer())
        {
            System.out.println("producing");
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[messages.maxLength]);
            for (long seq = from; seq < end; seq++)
            {
                final int length = messages.length(seq);
                messages.fill(scratch, 0, seq, length);
                while (!producer.offer(CheckedMessages.typeId(seq), scratch, 0, length))
                {
                    Thread.onSpinWait();
                }
            }
            System.out.println("produced " + count);
        }
    }

    private static void mpscProduce(final Map<String, String> o)
    {
        final CheckedMessages messages = new CheckedMessages(12, Integer.parseInt(o.get("max")));
        final int producer = Integer.parseInt(o.get("producer"));
        final long count = Long.parseLong(o.get("count"));
        try (MpscRing ring = MpscRing.attach(o.get("ring")))
        {
            System.out.println("producing");
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[messages.maxLength]);
            for (long seq = 0; seq < count; seq++)
            {
                final int length = messages.length(seq);
                messages.fill(scratch, 0, seq, length);
                while (!ring.ringBuffer().write(1 + producer, scratch, 0, length))
                {
                    Thread.onSpinWait();
                }
            }
            System.out.println("produced " + count);
        }
    }
}
