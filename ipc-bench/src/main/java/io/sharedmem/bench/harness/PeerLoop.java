/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.ClaimingSender;
import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.LinkSpec;
import io.sharedmem.bench.transport.MessageReceiver;
import io.sharedmem.bench.transport.MessageSender;
import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one harness loop every transport is measured with, as the {@link Turn} of one transport on one side: its link,
 * driven in turns on the main thread of a peer JVM. Both sides busy-spin; nothing on the path of a message allocates.
 * <ol>
 *     <li><b>Ping-pong.</b> The initiator sends a message and spins until the responder's reply (same flags, the
 *     responder's own next sequence number, content written by the responder) arrives, recording the round trip in
 *     an HdrHistogram: first for the lead-in, untimed, then for the measured part, whose messages carry
 *     {@link MessagePattern#MEASURED}. A message flagged {@link MessagePattern#END} closes the phase.</li>
 *     <li><b>Throughput</b> (unless the transport {@link Transport#measuresThroughput() has no queue}). The
 *     initiator streams messages as fast as the transport takes them, lead-in then measured; the responder times
 *     from the first measured message to the end marker and acknowledges it.</li>
 * </ol>
 * Every message either way is checked by a {@link Verifier}. Sends copy from a source buffer with {@code offer}, or
 * for zero-copy transports claim, write in place and commit. The allocation counter of the thread is read around
 * each measured part.
 * <p>
 * Loaded by an {@link IsolatedClassLoader}, so that this loop, the transport's classes and the libraries under them
 * are compiled for this transport alone, as in a JVM of its own; created reflectively, public for that reason only.
 * Not thread-safe: the peer's main thread makes every call.
 */
public final class PeerLoop implements Turn
{
    /**
     * The most messages one poll delivers in the throughput phase.
     */
    static final int POLL_LIMIT = 256;

    /**
     * Messages sent between two looks at the clock in the throughput phase.
     */
    static final int SEND_BATCH = 64;

    /**
     * The longest round trip the histogram holds; longer ones are recorded as this.
     */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * Messages the harness writes and verifies on its own before a transport runs, to have its code compiled.
     */
    static final int HARNESS_WARM_UP_MESSAGES = 50_000;

    private final boolean initiator;
    private final String name;
    private final Link link;
    private final MessageSender sender;
    private final ClaimingSender claimingSender;
    private final MessageReceiver receiver;
    private final Verifier verifier;
    private final UnsafeBuffer source;
    private final int size;
    private final boolean throughput;
    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
    private final Histogram kept = new Histogram(HIGHEST_TRACKABLE_NS, 3);
    private long sequence;
    private long sent;

    /**
     * Opens this side of the transport, waiting for the other side, and runs the harness's own code until compiled.
     *
     * @param side     the side's label, {@code initiator} or {@code responder}.
     * @param specJson the rotation's spec, as JSON.
     * @param index    the transport's index in the rotation.
     * @throws Exception if the transport cannot be opened.
     */
    public PeerLoop(final String side, final String specJson, final int index) throws Exception
    {
        final LinkSpec spec = RotationSpec.fromJson(specJson).link(index);
        final Transport transport = Transports.byName(spec.transport());
        this.initiator = Side.INITIATOR == Side.fromLabel(side);
        this.name = transport.name();
        this.size = spec.size();
        this.throughput = transport.measuresThroughput();
        this.verifier = new Verifier(name, size);
        this.source = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        this.link = transport.open(Side.fromLabel(side), spec);
        this.sender = link.sender();
        this.receiver = link.receiver();
        this.claimingSender = transport.zeroCopy() ? (ClaimingSender)sender : null;
        warmUpHarness(name, size);
    }

    @Override
    public boolean measuresThroughput()
    {
        return throughput;
    }

    @Override
    public void pause()
    {
        link.pause();
    }

    @Override
    public void resume()
    {
        link.resume();
    }

    @Override
    public long[] ping(final long warmUpNs, final long measureNs, final boolean keep)
    {
        if (!initiator)
        {
            return echo();
        }
        final long[] values = ping(warmUpNs, measureNs);
        if (keep)
        {
            kept.add(histogram);
        }
        return values;
    }

    @Override
    public long[] stream(final long warmUpNs, final long measureNs)
    {
        return initiator ? stream0(warmUpNs, measureNs) : receive();
    }

    @Override
    public long[] counts()
    {
        return new long[]{sent, verifier.verified()};
    }

    @Override
    public String histogram()
    {
        return initiator ? RotationReport.encode(kept) : null;
    }

    @Override
    public Map<String, String> observedSettings()
    {
        return Map.copyOf(link.observedSettings());
    }

    @Override
    public void close() throws Exception
    {
        link.close();
    }

    /**
     * The initiator's ping-pong phase: round trips for {@code warmUpNs}, untimed, then for {@code measureNs}
     * recorded in the histogram (reset first), then the end marker; the responder runs {@link #echo()}.
     */
    private long[] ping(final long warmUpNs, final long measureNs)
    {
        final Histogram histogram = this.histogram;
        // The first round trip also waits for the responder to be there (or to finish what it did before): untimed.
        send(++sequence);
        awaitReply(sequence);
        long phaseEnd = System.nanoTime() + warmUpNs;
        boolean measuring = false;
        long measureStart = 0;
        long allocatedAtStart = 0;
        long now;
        histogram.reset();
        while (true)
        {
            final long header = ++sequence | (measuring ? MessagePattern.MEASURED : 0);
            final long start = System.nanoTime();
            send(header);
            awaitReply(header);
            now = System.nanoTime();
            // Recorded in the lead-in too, so that the measured part runs no code for the first time (a first run
            // deoptimises, resolves and can allocate); the lead-in's values are discarded below.
            histogram.recordValue(Math.min(now - start, HIGHEST_TRACKABLE_NS));
            if (now - phaseEnd >= 0)
            {
                if (measuring || 0 == measureNs)
                {
                    break;
                }
                measuring = true;
                histogram.reset();
                measureStart = now;
                phaseEnd = now + measureNs;
                allocatedAtStart = Allocation.currentThread();
            }
        }
        final long allocated = measuring ? Allocation.currentThread() - allocatedAtStart : 0;
        if (!measuring)
        {
            histogram.reset();
        }
        send(++sequence | MessagePattern.END);
        awaitReply(sequence | MessagePattern.END);
        return new long[]{histogram.getTotalCount(), measuring ? now - measureStart : 0, allocated,
            histogram.getValueAtPercentile(50.0), histogram.getValueAtPercentile(99.0),
            histogram.getValueAtPercentile(99.9)};
    }

    /**
     * The responder's side of {@link #ping}: answers every message, with the same flags, until the end marker.
     */
    private long[] echo()
    {
        final Verifier verifier = this.verifier;
        verifier.startPhase();
        do
        {
            awaitOne();
            // The reply carries this side's own next sequence number (each direction counts its own messages, so
            // that phases can follow one another in any order) and the flags of the message it answers.
            send((sent + 1) | (verifier.lastHeader() & ~MessagePattern.SEQUENCE_MASK));
        }
        while (!verifier.ended());
        return new long[]{verifier.measuredCount(), verifier.measuredNs(), verifier.measuredAllocated()};
    }

    /**
     * The initiator's throughput phase: streams messages for {@code warmUpNs}, then flagged as measured for
     * {@code measureNs}, then the end marker, and waits for the responder's acknowledgement. The responder runs
     * {@link #receive()} and is the side that times the phase.
     */
    private long[] stream0(final long warmUpNs, final long measureNs)
    {
        long now = System.nanoTime();
        long phaseEnd = now + warmUpNs;
        long flags = 0;
        long sequenceAtStart = sequence;
        long measureStart = now;
        long allocatedAtStart = 0;
        boolean measuring = false;
        while (true)
        {
            for (int i = 0; i < SEND_BATCH; i++)
            {
                send(++sequence | flags);
            }
            now = System.nanoTime();
            if (now - phaseEnd >= 0)
            {
                if (measuring || 0 == measureNs)
                {
                    break;
                }
                measuring = true;
                flags = MessagePattern.MEASURED;
                measureStart = now;
                phaseEnd = now + measureNs;
                sequenceAtStart = sequence;
                allocatedAtStart = Allocation.currentThread();
            }
        }
        final long allocated = measuring ? Allocation.currentThread() - allocatedAtStart : 0;
        final long messages = measuring ? sequence - sequenceAtStart : 0;
        send(++sequence | MessagePattern.END);
        awaitOne();
        if (0 == (verifier.lastHeader() & MessagePattern.END))
        {
            throw new IllegalStateException(name + ": the end of the throughput phase was not " +
                "acknowledged but answered with 0x" + Long.toHexString(verifier.lastHeader()));
        }
        return new long[]{messages, measuring ? System.nanoTime() - measureStart : 0, allocated};
    }

    /**
     * The responder's side of {@link #stream}: verifies every message until the end marker, then acknowledges it;
     * the measured part is timed from the first measured message to the end marker.
     */
    private long[] receive()
    {
        final MessageReceiver receiver = this.receiver;
        final Verifier verifier = this.verifier;
        verifier.startPhase();
        while (!verifier.ended())
        {
            if (0 == receiver.poll(verifier, POLL_LIMIT))
            {
                Thread.onSpinWait();
            }
        }
        final long[] values = {verifier.measuredCount(), verifier.measuredNs(), verifier.measuredAllocated()};
        // The responder's own sequence: one more than the messages it has sent.
        send((sent + 1) | MessagePattern.END);
        return values;
    }

    private void send(final long header)
    {
        if (null != claimingSender)
        {
            int index;
            while ((index = claimingSender.tryClaim(size)) < 0)
            {
                Thread.onSpinWait();
            }
            MessagePattern.write(claimingSender.buffer(), index, size, header);
            claimingSender.commit(index);
        }
        else
        {
            MessagePattern.write(source, 0, size, header);
            while (!sender.offer(source, 0, size))
            {
                Thread.onSpinWait();
            }
        }
        sent++;
    }

    private void awaitOne()
    {
        final long before = verifier.verified();
        while (verifier.verified() == before)
        {
            if (0 == receiver.poll(verifier, 1))
            {
                Thread.onSpinWait();
            }
        }
    }

    private void awaitReply(final long header)
    {
        awaitOne();
        if ((verifier.lastHeader() & ~MessagePattern.SEQUENCE_MASK) != (header & ~MessagePattern.SEQUENCE_MASK))
        {
            throw new IllegalStateException(name + ": the reply to 0x" + Long.toHexString(header) +
                " came back as 0x" + Long.toHexString(verifier.lastHeader()));
        }
    }

    /**
     * Runs the harness's own code (writing and verifying messages, the phase bookkeeping, the allocation counter)
     * many times on a private buffer before the transport runs, so that it is compiled, linked and resolved before
     * any transport is timed: otherwise that one-off work, including a few kilobytes of allocation, can land in a
     * measured part.
     */
    private static void warmUpHarness(final String transport, final int size)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        final Verifier verifier = new Verifier(transport, size);
        for (long sequence = 1; sequence <= HARNESS_WARM_UP_MESSAGES; sequence++)
        {
            final long flags = (0 == (sequence & 1) ? MessagePattern.MEASURED : 0) |
                (0 == sequence % 1000 ? MessagePattern.END : 0);
            MessagePattern.write(buffer, 0, size, sequence | flags);
            verifier.onMessage(1, buffer, 0, size);
            if (verifier.ended())
            {
                verifier.startPhase();
            }
        }
        Allocation.currentThread();
    }
}
