/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.LinkSpec;
import io.sharedmem.bench.transport.MessageReceiver;
import io.sharedmem.bench.transport.MessageSender;
import io.sharedmem.bench.transport.RawBlockTransport;
import io.sharedmem.bench.transport.Side;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Where the host has put the two vCPUs right now, measured the cheapest way: a short 8-byte ping-pong over a
 * {@link RawBlockTransport} slot, between every two turns of a rotation. This machine moves its vCPUs nearer and
 * further over time (a cache-line round trip of 100 to 450 ns and more), which moves every shared-memory figure with
 * it; the probe says which placement each turn ran in, so that a ratio between two transports measured in different
 * placements can be recognised and a turn's round trip can be set against the floor of its own moment.
 * <p>
 * Runs on the main thread of each child; allocates a little when opening, nothing per round trip.
 */
final class PlacementProbe implements MessageHandler, AutoCloseable
{
    /**
     * Round trips per probe, at most: enough for the loop to be compiled early, so the median is a compiled one.
     */
    static final int ROUND_TRIPS = 100_000;

    private static final RawBlockTransport RAW = new RawBlockTransport();

    private final Side side;
    private final Link link;
    private final MessageSender sender;
    private final MessageReceiver receiver;
    private final UnsafeBuffer word = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
    private final Histogram histogram = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 2);
    private long sequence;
    private long lastReceived;

    private PlacementProbe(final Side side, final Link link)
    {
        this.side = side;
        this.link = link;
        this.sender = link.sender();
        this.receiver = link.receiver();
    }

    /**
     * Opens the probe of a rotation: both sides must then call {@link #probe} the same number of times.
     *
     * @param side which side this JVM is.
     * @param spec the rotation; the probe's block is named with its prefix.
     * @return the probe.
     * @throws Exception if the probe's block cannot be opened or the other side does not come.
     */
    static PlacementProbe open(final Side side, final RotationSpec spec) throws Exception
    {
        return new PlacementProbe(side, RAW.open(side, new LinkSpec(RAW.name(), Long.BYTES, spec.capacity(),
            spec.directory(), spec.blockPrefix() + "probe-", spec.aeronDirectory(), spec.connectTimeoutNs())));
    }

    /**
     * Probes once: the initiator pings, the responder echoes, until the initiator has made {@code roundTrips} round
     * trips or {@code maxNs} has passed (after a first round trip that waits for the other side). Only the second
     * half is recorded: by then the loop runs compiled and the cache lines have settled.
     *
     * @param roundTrips the most round trips.
     * @param maxNs      the longest time.
     * @return the median round trip in nanoseconds on the initiator, 0 on the responder.
     */
    long probe(final int roundTrips, final long maxNs)
    {
        return Side.INITIATOR == side ? ping(roundTrips, maxNs) : echo();
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        lastReceived = buffer.getLong(index);
    }

    @Override
    public void close() throws Exception
    {
        link.close();
    }

    private long ping(final int roundTrips, final long maxNs)
    {
        final Histogram histogram = this.histogram;
        histogram.reset();
        // The first round trip also waits for the other side: not timed, and the time limit starts after it.
        exchange(++sequence);
        final long halfway = System.nanoTime() + maxNs / 2;
        final long deadline = halfway + maxNs / 2;
        final long first = sequence + 1;
        // The last round trip carries the sequence with the top bit set: the end, whatever the count.
        for (boolean last = false; !last; )
        {
            final long start = System.nanoTime();
            final long count = ++sequence - first + 1;
            last = count >= roundTrips || start - deadline > 0;
            exchange(last ? sequence | Long.MIN_VALUE : sequence);
            if (count > roundTrips / 2 || start - halfway > 0)
            {
                histogram.recordValue(Math.min(System.nanoTime() - start, PeerLoop.HIGHEST_TRACKABLE_NS));
            }
        }
        return histogram.getValueAtPercentile(50.0);
    }

    private long echo()
    {
        while (true)
        {
            while (0 == receiver.poll(this, 1))
            {
                Thread.onSpinWait();
            }
            if ((lastReceived & Long.MAX_VALUE) != ++sequence)
            {
                throw new IllegalStateException("placement probe: expected round trip " + sequence + ", got " +
                    (lastReceived & Long.MAX_VALUE));
            }
            word.putLong(0, lastReceived);
            sender.offer(word, 0, Long.BYTES);
            if (lastReceived < 0)
            {
                return 0;
            }
        }
    }

    private void exchange(final long value)
    {
        word.putLong(0, value);
        sender.offer(word, 0, Long.BYTES);
        while (0 == receiver.poll(this, 1))
        {
            Thread.onSpinWait();
        }
        if (lastReceived != value)
        {
            throw new IllegalStateException("placement probe: sent 0x" + Long.toHexString(value) + ", got back 0x" +
                Long.toHexString(lastReceived));
        }
    }
}
