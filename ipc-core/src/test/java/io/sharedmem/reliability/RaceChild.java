/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.BlockExistsException;
import io.sharedmem.NoSuchBlockException;
import io.sharedmem.RoleTakenException;
import io.sharedmem.SharedBlock;
import io.sharedmem.header.HeaderDescriptor;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.RaceControl;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM racing other processes on one ring name, round after round, through the public API, started by a
 * {@link RaceControl}. Arguments: a mode, then {@code base= rounds= control= capacity=}; round {@code r} uses the ring
 * {@code base-r}. For each round it prints one line, {@code r=R OUTCOME [detail]}, where an outcome {@code error}
 * means something happened that the contract does not allow.
 * <ul>
 *     <li>{@code create}: creates the ring. {@code won}, or {@code exists} after {@link BlockExistsException}, having
 *     then checked that the header, read at once, is either not yet marked ready or whole, and that attaching gives
 *     a fully formatted ring of the right capacity. The winner keeps the ring open until the round ends.</li>
 *     <li>{@code attach}: attaches, retrying while there is no such block yet (a clean failure); {@code attached N}
 *     after N clean failures, with a fully formatted ring of the right capacity.</li>
 *     <li>{@code unlink}: attached before the start, unlinks the ring at the start: {@code unlinked}.</li>
 *     <li>{@code attachOnce}: attaches once at the start: {@code gone} (no such block) or {@code attached} (a
 *     fully formatted ring, perhaps the one just unlinked, which keeps working).</li>
 *     <li>{@code createOrAttach}: {@code created} or {@code attached}, a fully formatted ring either way.</li>
 *     <li>{@code hold}: takes the producer and consumer roles of every round's ring, prints {@code holding}, waits to
 *     be killed.</li>
 *     <li>{@code successor}: attached before the start, takes the producer role (even rounds) or the consumer role
 *     (odd rounds) at the start: {@code got PID}, held until the round ends, or {@code taken MESSAGE} after
 *     {@link RoleTakenException}.</li>
 * </ul>
 */
public final class RaceChild
{
    private RaceChild()
    {
    }

    /**
     * Entry point.
     *
     * @param args mode and options.
     * @throws Exception if the control block is missing.
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> o = RingWorker.options(args);
        final String mode = args[0];
        final String base = o.get("base");
        final int rounds = Integer.parseInt(o.get("rounds"));
        final int capacity = Integer.parseInt(o.getOrDefault("capacity", "4096"));
        if ("hold".equals(mode))
        {
            hold(base, rounds);
            return;
        }
        try (SharedBlock controlBlock = SharedBlock.attach(o.get("control")))
        {
            final RaceControl control = new RaceControl(controlBlock);
            for (int r = 0; r < rounds; r++)
            {
                final String name = base + "-" + r;
                String line;
                try
                {
                    line = round(mode, name, capacity, r, control);
                }
                catch (final Throwable ex)
                {
                    line = "error " + ex;
                }
                System.out.println("r=" + r + " " + line);
                System.out.flush();
                control.awaitEnd(r);
            }
        }
        System.exit(0);
    }

    private static String round(final String mode, final String name, final int capacity, final int r,
        final RaceControl control) throws Exception
    {
        switch (mode)
        {
            case "create":
            {
                control.awaitStart(r);
                try (SpscRing ignored = SpscRing.create(name, capacity))
                {
                    System.out.println("r=" + r + " won");
                    System.out.flush();
                    control.awaitEnd(r);
                    return "closed";
                }
                catch (final BlockExistsException ex)
                {
                    final String header = checkHeaderNow(name);
                    if (null != header)
                    {
                        return "error half-written header seen: " + header;
                    }
                    try (SpscRing ring = SpscRing.attach(name))
                    {
                        return "exists " + checkFormatted(ring, capacity);
                    }
                }
            }
            case "attach":
            {
                control.awaitStart(r);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                int clean = 0;
                while (true)
                {
                    try (SpscRing ring = SpscRing.attach(name))
                    {
                        return "attached " + clean + " " + checkFormatted(ring, capacity);
                    }
                    catch (final NoSuchBlockException ex)
                    {
                        clean++;
                        if (System.nanoTime() - deadline > 0)
                        {
                            return "error no ring within 20 s";
                        }
                        Thread.onSpinWait();
                    }
                }
            }
            case "unlink":
            {
                try (SpscRing ring = SpscRing.attach(name))
                {
                    control.awaitStart(r);
                    ring.unlink();
                    return "unlinked";
                }
            }
            case "attachOnce":
            {
                control.awaitStart(r);
                try (SpscRing ring = SpscRing.attach(name))
                {
                    return "attached " + checkFormatted(ring, capacity);
                }
                catch (final NoSuchBlockException ex)
                {
                    return "gone";
                }
            }
            case "createOrAttach":
            {
                control.awaitStart(r);
                try (SpscRing ring = SpscRing.createOrAttach(name, capacity))
                {
                    return (ring.isCreator() ? "created " : "attached ") + checkFormatted(ring, capacity);
                }
            }
            case "successor":
            {
                try (SpscRing ring = SpscRing.attach(name))
                {
                    control.awaitStart(r);
                    try (AutoCloseable role = 0 == r % 2 ? ring.producer() : ring.consumer())
                    {
                        System.out.println("r=" + r + " got " + ProcessHandle.current().pid() + " " +
                            (role instanceof RingProducer ? ((RingProducer)role).tookOver() :
                            ((RingConsumer)role).tookOver()));
                        System.out.flush();
                        control.awaitEnd(r);
                        return "released";
                    }
                    catch (final RoleTakenException ex)
                    {
                        return "taken " + ex.getMessage();
                    }
                }
            }
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    /**
     * Reads the header as it is this instant, as a tool would: it must be whole (a ring is named only once complete).
     *
     * @return null if so, else what is wrong.
     */
    private static String checkHeaderNow(final String name)
    {
        try (SharedBlock block = SharedBlock.options().readOnly(true).attach(name))
        {
            final int length = (int)Math.min(block.size(), HeaderDescriptor.HEADER_LENGTH);
            final byte[] bytes = new byte[HeaderDescriptor.HEADER_LENGTH];
            block.buffer().getBytes(0, bytes, 0, length);
            HeaderSnapshot.parse(name, new UnsafeBuffer(bytes), length, block.size());
            return null;
        }
        catch (final RuntimeException ex)
        {
            return ex.toString();
        }
    }

    private static String checkFormatted(final SpscRing ring, final int capacity)
    {
        ring.snapshot();
        if (ring.capacity() != capacity || ring.maxMsgLength() != capacity / 8)
        {
            return "error capacity " + ring.capacity() + ", largest message " + ring.maxMsgLength();
        }
        return "ok";
    }

    private static void hold(final String base, final int rounds) throws InterruptedException
    {
        final List<AutoCloseable> held = new ArrayList<>();
        for (int r = 0; r < rounds; r++)
        {
            final SpscRing ring = SpscRing.attach(base + "-" + r);
            held.add(ring.producer());
            held.add(ring.consumer());
        }
        System.out.println("holding " + held.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
