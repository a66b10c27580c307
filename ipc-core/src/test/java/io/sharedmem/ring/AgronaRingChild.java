/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * A child JVM for the rings over Agrona's buffers. Modes:
 * <ul>
 *     <li>{@code mpsc NAME ID COUNT}: writes COUNT messages of type ID, payload {@code [seq]}, prints {@code done};</li>
 *     <li>{@code mpsc-hang NAME}: claims a record, prints {@code claimed}, and never commits (waits to be killed);</li>
 *     <li>{@code broadcast NAME COUNT}: takes the transmitter role, transmits COUNT messages {@code [seq, seq*7]}
 *     in bursts of 1024 with 1 ms pauses, then 20 more 20 ms apart, and prints {@code done}.</li>
 * </ul>
 */
public final class AgronaRingChild
{
    private AgronaRingChild()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and arguments.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[64]);
        switch (args[0])
        {
            case "mpsc":
                try (MpscRing ring = MpscRing.attach(args[1]))
                {
                    final ManyToOneRingBuffer buffer = ring.ringBuffer();
                    final int id = Integer.parseInt(args[2]);
                    final long count = Long.parseLong(args[3]);
                    System.out.println("producing");
                    for (long seq = 0; seq < count; seq++)
                    {
                        src.putLong(0, seq);
                        while (!buffer.write(id, src, 0, 8))
                        {
                            Thread.onSpinWait();
                        }
                    }
                    System.out.println("done");
                }
                break;
            case "mpsc-hang":
                try (MpscRing ring = MpscRing.attach(args[1]))
                {
                    final int index = ring.ringBuffer().tryClaim(9, 8);
                    ring.ringBuffer().buffer().putLong(index, -1);
                    System.out.println("claimed " + index);
                    Thread.sleep(Long.MAX_VALUE);
                }
                break;
            case "broadcast":
                try (BroadcastRing ring = BroadcastRing.attach(args[1]);
                    BroadcastRing.Transmitter transmitter = ring.transmitter())
                {
                    final long count = Long.parseLong(args[2]);
                    System.out.println("transmitting");
                    for (long seq = 0; seq < count; seq++)
                    {
                        src.putLong(0, seq);
                        src.putLong(8, seq * 7);
                        transmitter.transmit(1, src, 0, 16);
                        if (0 == (seq & 1023))
                        {
                            // Bursts with pauses: a slow receiver catches up between them, and is lapped within.
                            Thread.sleep(1);
                        }
                    }
                    // The last few slowly, so that even a receiver that was lapped throughout receives some.
                    for (long seq = count; seq < count + 20; seq++)
                    {
                        src.putLong(0, seq);
                        src.putLong(8, seq * 7);
                        transmitter.transmit(1, src, 0, 16);
                        Thread.sleep(20);
                    }
                    System.out.println("done");
                }
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
