/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.MessageReceiver;
import io.sharedmem.bench.transport.MessageSender;
import io.sharedmem.bench.transport.MessageSink;
import io.sharedmem.bench.transport.RawBlockTransport;
import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.TrialSpec;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Where the host has put the two vCPUs right now, measured the cheapest way: a short 8-byte ping-pong over a
 * {@link RawBlockTransport} slot, just before a trial's phases and again just after. This machine moves its vCPUs
 * nearer and further over time (a cache-line round trip of 100 to 450 ns and more), which moves every
 * shared-memory figure with it; the probe says which placement each trial ran in, so that a ratio between two
 * transports measured in different placements can be recognised and a trial's round trip can be set against the
 * floor of its own moment.
 * <p>
 * Runs on the main thread of each child; allocates a little when opening, nothing per round trip.
 */
final class PlacementProbe implements MessageSink
{
    /**
     * Round trips per probe, at most: enough for the loop to be compiled early, so the median is a compiled one.
     */
    static final int ROUND_TRIPS = 100_000;

    /**
     * Time per probe, at most: on a loaded machine a round trip can take a scheduler slice.
     */
    static final long MAX_PROBE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final RawBlockTransport RAW = new RawBlockTransport();

    private long lastReceived;

    private PlacementProbe()
    {
    }

    /**
     * Runs one probe with the other side.
     *
     * @param side  which side this JVM is.
     * @param spec  the trial; the probe uses blocks named with its prefix and {@code label}.
     * @param label tells the probes of one trial apart, such as {@code before}.
     * @return the median round trip in nanoseconds on the initiator, 0 on the responder.
     * @throws Exception if the probe's block cannot be opened or the other side does not come.
     */
    static long run(final Side side, final TrialSpec spec, final String label) throws Exception
    {
        final TrialSpec probeSpec = new TrialSpec(spec.transport(), Long.BYTES, spec.capacity(), spec.directory(),
            spec.blockPrefix() + "probe-" + label + "-", spec.aeronDirectory(), spec.connectTimeoutNs(),
            0, MAX_PROBE_NS, 0, MAX_PROBE_NS);
        try (Link link = RAW.open(side, probeSpec))
        {
            final PlacementProbe probe = new PlacementProbe();
            return Side.INITIATOR == side ?
                probe.ping(link.sender(), link.receiver()) : probe.echo(link.sender(), link.receiver());
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int index, final int length)
    {
        lastReceived = buffer.getLong(index);
    }

    private long ping(final MessageSender sender, final MessageReceiver receiver)
    {
        final UnsafeBuffer word = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        final Histogram histogram = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 2);
        // The first round trip also waits for the other side to attach: not timed, and the time limit starts after it.
        word.putLong(0, 1);
        sender.offer(word, 0, Long.BYTES);
        awaitValue(receiver, 1);
        final long halfway = System.nanoTime() + MAX_PROBE_NS / 2;
        final long deadline = halfway + MAX_PROBE_NS / 2;
        long sequence = 2;
        // The last round trip carries the sequence with the top bit set: the end, whatever the count. Only the second
        // half is recorded: by then the loop runs compiled.
        for (boolean last = false; !last; sequence++)
        {
            final long start = System.nanoTime();
            last = sequence > ROUND_TRIPS || start - deadline > 0;
            final long value = last ? sequence | Long.MIN_VALUE : sequence;
            word.putLong(0, value);
            sender.offer(word, 0, Long.BYTES);
            awaitValue(receiver, value);
            if (sequence > ROUND_TRIPS / 2 || start - halfway > 0)
            {
                histogram.recordValue(Math.min(System.nanoTime() - start, PeerLoop.HIGHEST_TRACKABLE_NS));
            }
        }
        return histogram.getValueAtPercentile(50.0);
    }

    private long echo(final MessageSender sender, final MessageReceiver receiver)
    {
        final UnsafeBuffer word = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        long expected = 1;
        while (true)
        {
            while (0 == receiver.poll(this, 1))
            {
                Thread.onSpinWait();
            }
            if ((lastReceived & Long.MAX_VALUE) != expected)
            {
                throw new IllegalStateException("placement probe: expected round trip " + expected + ", got " +
                    (lastReceived & Long.MAX_VALUE));
            }
            word.putLong(0, lastReceived);
            sender.offer(word, 0, Long.BYTES);
            if (lastReceived < 0)
            {
                return 0;
            }
            expected++;
        }
    }

    private void awaitValue(final MessageReceiver receiver, final long value)
    {
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
