/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.ring.MpscRing;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM producing into an {@link MpscRing} through Agrona's {@link ManyToOneRingBuffer} API, for the tests of
 * producers that die. Arguments: a mode, then {@code key=value} options.
 * <ul>
 *     <li>{@code produce ring= log= id= incarnation= from= count= min= max= seed= slowFill=}: writes
 *     {@link CheckedMessages} {@code from, from + 1, ...} (their incarnation field is {@code id << 16 | incarnation}),
 *     by {@code write} or by {@code tryClaim}, filling in place, spinning {@code slowFill} times, and {@code commit},
 *     chosen per message; records in slot {@code id} of the log block the seq after each committed message, and
 *     whether it holds a claim; prints {@code producing}, then {@code produced N}.</li>
 *     <li>{@code claimAndHang ring= id= max=}: claims room for one message, writes half of it, prints
 *     {@code claimed}, and waits to be killed.</li>
 * </ul>
 * Exit codes: 0 done, 3 the ring stayed full for a minute, 5 anything else.
 */
public final class MpscWorker
{
    /** Bytes per producer slot in the log block: committed (long), phase (long), done (long). */
    static final int SLOT = 64;

    private static final long K = 0x9E37_79B9_7F4A_7C15L;
    private static final long HANG_NS = TimeUnit.SECONDS.toNanos(60);

    private MpscWorker()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and options.
     */
    public static void main(final String[] args)
    {
        final Map<String, String> o = RingWorker.options(args);
        int status = 0;
        try (MpscRing ring = MpscRing.attach(o.get("ring")))
        {
            final int id = Integer.parseInt(o.get("id"));
            if ("claimAndHang".equals(args[0]))
            {
                final ManyToOneRingBuffer buffer = ring.ringBuffer();
                final int length = Integer.parseInt(o.get("max"));
                int index;
                while ((index = buffer.tryClaim(1, length)) < 0)
                {
                    Thread.onSpinWait();
                }
                buffer.buffer().setMemory(index, length / 2, (byte)0x5A);
                System.out.println("claimed");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            try (SharedBlock logBlock = SharedBlock.attach(o.get("log")))
            {
                produce(ring, logBlock.buffer(), id, o);
            }
        }
        catch (final IllegalStateException ex)
        {
            System.out.println("ERROR " + ex.getMessage());
            status = 3;
        }
        catch (final Exception ex)
        {
            ex.printStackTrace();
            System.out.println("ERROR " + ex);
            status = 5;
        }
        System.out.flush();
        System.exit(status);
    }

    private static void produce(final MpscRing ring, final AtomicBuffer log, final int id, final Map<String, String> o)
    {
        final CheckedMessages messages = new CheckedMessages(Integer.parseInt(o.getOrDefault("min", "16")),
            Integer.parseInt(o.get("max")), Long.parseLong(o.getOrDefault("seed", "42")));
        final int incarnation = id << 16 | Integer.parseInt(o.getOrDefault("incarnation", "0"));
        final long from = Long.parseLong(o.getOrDefault("from", "0"));
        final long end = from + Long.parseLong(o.get("count"));
        final int slowFill = Integer.parseInt(o.getOrDefault("slowFill", "0"));
        final ManyToOneRingBuffer buffer = ring.ringBuffer();
        final AtomicBuffer data = buffer.buffer();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[messages.maxLength]);
        final int slot = id * SLOT;
        System.out.println("producing");
        System.out.flush();
        for (long seq = from; seq < end; seq++)
        {
            final int length = messages.length(seq);
            final int type = CheckedMessages.typeId(seq);
            long since = 0;
            if ((seq * K) >>> 63 == 0)
            {
                messages.fill(scratch, 0, seq, incarnation);
                log.putLongRelease(slot + 8, DeliveryLog.OFFERING);
                while (!buffer.write(type, scratch, 0, length))
                {
                    since = waitForRoom(since, seq);
                }
            }
            else
            {
                int index;
                while ((index = buffer.tryClaim(type, length)) < 0)
                {
                    since = waitForRoom(since, seq);
                }
                log.putLongRelease(slot + 8, DeliveryLog.CLAIMED);
                messages.fill(data, index, seq, incarnation);
                for (int i = 0; i < slowFill; i++)
                {
                    Thread.onSpinWait();
                }
                buffer.commit(index);
            }
            log.putLongRelease(slot, seq + 1);
            log.putLongRelease(slot + 8, DeliveryLog.BETWEEN);
        }
        log.putLongRelease(slot + 16, 1);
        System.out.println("produced " + (end - from));
    }

    private static long waitForRoom(final long since, final long seq)
    {
        Thread.onSpinWait();
        final long now = System.nanoTime();
        if (0 == since)
        {
            return now;
        }
        if (now - since > HANG_NS)
        {
            throw new IllegalStateException("HANG: the ring stayed full for a minute at seq " + seq);
        }
        return since;
    }
}
