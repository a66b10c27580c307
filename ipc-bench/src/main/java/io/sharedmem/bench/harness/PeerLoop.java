/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.ClaimingSender;
import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.MessageReceiver;
import io.sharedmem.bench.transport.MessageSender;
import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.TrialSpec;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The one harness loop every transport is measured with, run on the main thread of each child JVM. Both sides
 * busy-spin; nothing on the path of a message allocates.
 * <ol>
 *     <li><b>Ping-pong.</b> The initiator sends a message and spins until the responder's echo (same sequence,
 *     content rewritten by the responder) arrives, recording the round trip in an HdrHistogram: first for the
 *     warm-up, untimed, then for the measured phase, whose messages carry {@link MessagePattern#MEASURED}. A message
 *     flagged {@link MessagePattern#END} closes the phase.</li>
 *     <li><b>Throughput</b> (unless the transport {@link Transport#measuresThroughput() has no queue}). The
 *     initiator streams messages as fast as the transport takes them, warm-up then measured; the responder times
 *     from the first measured message to the end marker and acknowledges it.</li>
 * </ol>
 * Every message either way is checked by a {@link Verifier}. Sends copy from a source buffer with
 * {@code offer}, or for zero-copy transports claim, write in place and commit. The allocation counter of the
 * thread is read around each measured phase.
 * <p>
 * Not thread-safe: one instance per child JVM, used by its main thread.
 */
final class PeerLoop
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
     * Messages the harness writes and verifies on its own before a trial, to have its code compiled.
     */
    static final int HARNESS_WARM_UP_MESSAGES = 50_000;

    private final TrialSpec spec;
    private final MessageSender sender;
    private final ClaimingSender claimingSender;
    private final MessageReceiver receiver;
    private final Verifier verifier;
    private final UnsafeBuffer source;
    private final int size;
    private final boolean throughput;
    private long sequence;
    private long sent;

    PeerLoop(final Transport transport, final TrialSpec spec, final Link link)
    {
        this.spec = spec;
        this.size = spec.size();
        this.sender = link.sender();
        this.receiver = link.receiver();
        this.claimingSender = transport.zeroCopy() ? (ClaimingSender)link.sender() : null;
        this.verifier = new Verifier(transport.name(), size);
        this.source = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        this.throughput = transport.measuresThroughput();
        warmUpHarness(transport.name(), size);
    }

    /**
     * Runs the initiator's side of the trial.
     *
     * @return what it measured.
     */
    PeerReport runInitiator()
    {
        final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);

        // Ping-pong. The first round trip also waits for the responder to be there.
        send(++sequence);
        awaitReply(sequence);
        long phaseEnd = System.nanoTime() + spec.pingWarmUpNs();
        boolean measuring = false;
        long measureStart = 0;
        long allocatedAtStart = 0;
        long now;
        while (true)
        {
            final long header = ++sequence | (measuring ? MessagePattern.MEASURED : 0);
            final long start = System.nanoTime();
            send(header);
            awaitReply(header);
            now = System.nanoTime();
            // Recorded in the warm-up too, so that the measured phase runs no code for the first time (a first run
            // deoptimises, resolves and can allocate); the warm-up's values are discarded below.
            histogram.recordValue(Math.min(now - start, HIGHEST_TRACKABLE_NS));
            if (now - phaseEnd >= 0)
            {
                if (measuring)
                {
                    break;
                }
                measuring = true;
                histogram.reset();
                measureStart = now;
                phaseEnd = now + spec.pingNs();
                allocatedAtStart = Allocation.currentThread();
            }
        }
        final long pingAllocated = Allocation.currentThread() - allocatedAtStart;
        final long pingNs = now - measureStart;
        send(++sequence | MessagePattern.END);
        awaitReply(sequence | MessagePattern.END);

        long throughputMessages = 0;
        long throughputNs = 0;
        long throughputAllocated = 0;
        if (throughput)
        {
            phaseEnd = System.nanoTime() + spec.throughputWarmUpNs();
            long flags = 0;
            long sequenceAtStart = 0;
            while (true)
            {
                for (int i = 0; i < SEND_BATCH; i++)
                {
                    send(++sequence | flags);
                }
                now = System.nanoTime();
                if (now - phaseEnd >= 0)
                {
                    if (0 != flags)
                    {
                        break;
                    }
                    flags = MessagePattern.MEASURED;
                    measureStart = now;
                    phaseEnd = now + spec.throughputNs();
                    sequenceAtStart = sequence;
                    allocatedAtStart = Allocation.currentThread();
                }
            }
            throughputAllocated = Allocation.currentThread() - allocatedAtStart;
            throughputMessages = sequence - sequenceAtStart;
            send(++sequence | MessagePattern.END);
            awaitOne();
            if (0 == (verifier.lastHeader() & MessagePattern.END))
            {
                throw new IllegalStateException(spec.transport() + ": the end of the throughput phase was not " +
                    "acknowledged but answered with 0x" + Long.toHexString(verifier.lastHeader()));
            }
            throughputNs = System.nanoTime() - measureStart;
        }

        return new PeerReport(Side.INITIATOR.label(), sent, verifier.verified(),
            histogram.getTotalCount(), pingNs, pingAllocated, encode(histogram),
            throughputMessages, throughputNs, throughputAllocated, 0, 0, null, null);
    }

    /**
     * Runs the responder's side of the trial.
     *
     * @return what it measured.
     */
    PeerReport runResponder()
    {
        // Ping-pong: echo every message with the same header until the end marker.
        verifier.startPhase();
        do
        {
            awaitOne();
            send(verifier.lastHeader());
        }
        while (!verifier.ended());
        final long pingSamples = verifier.measuredCount();
        final long pingNs = verifier.measuredNs();
        final long pingAllocated = verifier.measuredAllocated();

        long throughputMessages = 0;
        long throughputNs = 0;
        long throughputAllocated = 0;
        if (throughput)
        {
            verifier.startPhase();
            final MessageReceiver receiver = this.receiver;
            final Verifier verifier = this.verifier;
            while (!verifier.ended())
            {
                if (0 == receiver.poll(verifier, POLL_LIMIT))
                {
                    Thread.onSpinWait();
                }
            }
            throughputMessages = verifier.measuredCount();
            throughputNs = verifier.measuredNs();
            throughputAllocated = verifier.measuredAllocated();
            // The responder's own sequence: it has sent one echo per ping so far.
            send((sent + 1) | MessagePattern.END);
        }

        return new PeerReport(Side.RESPONDER.label(), sent, verifier.verified(),
            pingSamples, pingNs, pingAllocated, null,
            throughputMessages, throughputNs, throughputAllocated, 0, 0, null, null);
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
        if (verifier.lastHeader() != header)
        {
            throw new IllegalStateException(spec.transport() + ": the reply to 0x" + Long.toHexString(header) +
                " came back as 0x" + Long.toHexString(verifier.lastHeader()));
        }
    }

    /**
     * Runs the harness's own code (writing and verifying messages, the phase bookkeeping, the allocation counter)
     * many times on a private buffer before the trial, so that it is compiled, linked and resolved before any
     * transport is timed: otherwise that one-off work, including a few kilobytes of allocation, can land in a
     * measured phase.
     *
     * @param transport the transport's name, for messages.
     * @param size      the message size.
     */
    static void warmUpHarness(final String transport, final int size)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        final Verifier verifier = new Verifier(transport, size);
        for (long sequence = 1; sequence <= HARNESS_WARM_UP_MESSAGES; sequence++)
        {
            final long flags = (0 == (sequence & 1) ? MessagePattern.MEASURED : 0) |
                (0 == sequence % 1000 ? MessagePattern.END : 0);
            MessagePattern.write(buffer, 0, size, sequence | flags);
            verifier.onMessage(buffer, 0, size);
            if (verifier.ended())
            {
                verifier.startPhase();
            }
        }
        Allocation.currentThread();
    }

    private static String encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }
}
