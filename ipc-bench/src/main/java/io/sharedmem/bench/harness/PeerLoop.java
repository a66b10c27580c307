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
 *     <li><b>Ping-pong.</b> The initiator sends a message and spins until the responder's reply (same flags, the
 *     responder's own next sequence number, content written by the responder) arrives, recording the round trip in an HdrHistogram: first for the
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
    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
    private long sequence;
    private long sent;
    private long phaseMessages;
    private long phaseNs;
    private long phaseAllocated;

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
     * Runs the initiator's side of a whole trial: a ping-pong phase, then (if the transport has a queue) a throughput
     * phase, each with the warm-up the spec gives.
     *
     * @return what it measured.
     */
    PeerReport runInitiator()
    {
        ping(spec.pingWarmUpNs(), spec.pingNs());
        final long pingNs = phaseNs;
        final long pingAllocated = phaseAllocated;
        long throughputMessages = 0;
        long throughputNs = 0;
        long throughputAllocated = 0;
        if (throughput)
        {
            stream(spec.throughputWarmUpNs(), spec.throughputNs());
            throughputMessages = phaseMessages;
            throughputNs = phaseNs;
            throughputAllocated = phaseAllocated;
        }
        return new PeerReport(Side.INITIATOR.label(), sent, verified(), histogram.getTotalCount(), pingNs,
            pingAllocated, encode(histogram), throughputMessages, throughputNs, throughputAllocated, 0, 0, null, null);
    }

    /**
     * Runs the responder's side of a whole trial.
     *
     * @return what it measured.
     */
    PeerReport runResponder()
    {
        echo();
        final long pingSamples = phaseMessages;
        final long pingNs = phaseNs;
        final long pingAllocated = phaseAllocated;
        long throughputMessages = 0;
        long throughputNs = 0;
        long throughputAllocated = 0;
        if (throughput)
        {
            receive();
            throughputMessages = phaseMessages;
            throughputNs = phaseNs;
            throughputAllocated = phaseAllocated;
        }
        return new PeerReport(Side.RESPONDER.label(), sent, verified(), pingSamples, pingNs, pingAllocated, null,
            throughputMessages, throughputNs, throughputAllocated, 0, 0, null, null);
    }

    /**
     * The initiator's ping-pong phase: round trips for {@code warmUpNs}, untimed, then for {@code measureNs}
     * recorded in {@link #histogram()} (reset first), then the end marker. The responder runs {@link #echo()}.
     * Afterwards {@link #phaseNs()} and {@link #phaseAllocated()} describe the measured part.
     *
     * @param warmUpNs  how long to warm up, after a first round trip that waits for the responder.
     * @param measureNs how long to measure; 0 for a phase that only warms up (nothing recorded).
     */
    void ping(final long warmUpNs, final long measureNs)
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
            // Recorded in the warm-up too, so that the measured phase runs no code for the first time (a first run
            // deoptimises, resolves and can allocate); the warm-up's values are discarded below.
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
        if (measuring)
        {
            phaseAllocated = Allocation.currentThread() - allocatedAtStart;
            phaseNs = now - measureStart;
        }
        else
        {
            histogram.reset();
            phaseAllocated = 0;
            phaseNs = 0;
        }
        phaseMessages = histogram.getTotalCount();
        send(++sequence | MessagePattern.END);
        awaitReply(sequence | MessagePattern.END);
    }

    /**
     * The responder's side of {@link #ping}: answers every message, with the same flags, until the end marker.
     * Afterwards {@link #phaseMessages()}, {@link #phaseNs()} and {@link #phaseAllocated()} describe the measured
     * part as this side saw it.
     */
    void echo()
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
        phaseMessages = verifier.measuredCount();
        phaseNs = verifier.measuredNs();
        phaseAllocated = verifier.measuredAllocated();
    }

    /**
     * The initiator's throughput phase: streams messages for {@code warmUpNs}, then flagged as measured for
     * {@code measureNs}, then the end marker, and waits for the responder's acknowledgement. The responder runs
     * {@link #receive()} and is the side that times the phase.
     *
     * @param warmUpNs  how long to warm up.
     * @param measureNs how long to measure; 0 for a phase that only warms up.
     */
    void stream(final long warmUpNs, final long measureNs)
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
        phaseAllocated = measuring ? Allocation.currentThread() - allocatedAtStart : 0;
        phaseMessages = measuring ? sequence - sequenceAtStart : 0;
        send(++sequence | MessagePattern.END);
        awaitOne();
        if (0 == (verifier.lastHeader() & MessagePattern.END))
        {
            throw new IllegalStateException(spec.transport() + ": the end of the throughput phase was not " +
                "acknowledged but answered with 0x" + Long.toHexString(verifier.lastHeader()));
        }
        phaseNs = measuring ? System.nanoTime() - measureStart : 0;
    }

    /**
     * The responder's side of {@link #stream}: verifies every message until the end marker, then acknowledges it.
     * Afterwards {@link #phaseMessages()}, {@link #phaseNs()} and {@link #phaseAllocated()} describe the measured
     * part, timed from the first measured message to the end marker.
     */
    void receive()
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
        phaseMessages = verifier.measuredCount();
        phaseNs = verifier.measuredNs();
        phaseAllocated = verifier.measuredAllocated();
        // The responder's own sequence: one more than the messages it has sent.
        send((sent + 1) | MessagePattern.END);
    }

    /**
     * The round trips of the last measured ping-pong phase (initiator).
     *
     * @return the histogram, reset at the start of each {@link #ping} phase.
     */
    Histogram histogram()
    {
        return histogram;
    }

    /**
     * Messages measured in the last phase: round trips, echoes, or messages streamed.
     *
     * @return the count.
     */
    long phaseMessages()
    {
        return phaseMessages;
    }

    /**
     * Length of the last measured phase as this side saw it.
     *
     * @return nanoseconds, 0 for a warm-up only phase.
     */
    long phaseNs()
    {
        return phaseNs;
    }

    /**
     * Bytes the thread allocated during the last measured phase.
     *
     * @return bytes.
     */
    long phaseAllocated()
    {
        return phaseAllocated;
    }

    /**
     * Messages this side has sent, all phases.
     *
     * @return the count.
     */
    long sent()
    {
        return sent;
    }

    /**
     * Messages this side has received and verified, all phases.
     *
     * @return the count.
     */
    long verified()
    {
        return verifier.verified();
    }

    /**
     * Whether the transport has a throughput phase.
     *
     * @return {@code true} unless it measures round trips only.
     */
    boolean measuresThroughput()
    {
        return throughput;
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

    /**
     * A histogram in HdrHistogram's compressed encoding, in Base64: the form reports carry it in.
     *
     * @param histogram the histogram.
     * @return the text.
     */
    static String encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }
}
