/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.SharedBlock;
import io.sharedmem.SharedMemoryException;
import io.sharedmem.block.BlockDirectory;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingOptions;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.TestBlocks;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random bytes written over a ring's header and over its data region, thousands of cases: every reader (attaching,
 * the status calls, taking a role, polling, offering, and the tools' plain-file header read) answers with a
 * {@link SharedMemoryException} or goes on, and never with anything else: no out-of-bounds access (the handler is
 * also given only indexes within the ring), no {@code InternalError}, no hang (each case must end within 10 s), no
 * JVM crash.
 * <p>
 * What the library cannot do, and says so (the README's guarantees): tell altered payload bytes from real ones (rings
 * carry no checksums), nor keep a ring whose positions or roles were overwritten delivering every message once; bytes
 * written by another process of the same user are trusted as far as they are plausible.
 * <p>
 * jqwik prints the seed of a failing property and replays it from its database ({@code target/.jqwik-database}).
 * {@code -Dbadbytes.collect=true} lists every unclear answer (kind, exception, where, the bytes written) instead of
 * stopping at the first.
 */
class BadBytesPropertiesTest
{
    private static final int CAPACITY = 4096;
    private static final int HEADER = 1024;
    private static final long CASE_TIMEOUT_S = 10;
    // Layout version 2: the block header, the two role slots (owner word, details 64 bytes on), the sleeping flag,
    // the producer's counters, the head word and the consumer's counters, the zone record.
    private static final int[] HEADER_FIELDS = {
        0, 4, 8, 12, 16, 24, 32, 40, 48, 56, 60, 64, 72, 80,
        128, 192, 200, 208, 216, 224, 232, 240, 248,
        256, 320, 328, 336, 344, 352, 360, 368, 376,
        384, 512, 520, 528, 536, 640, 704, 712,
        768, 776, 784, 792, 800, 808, 816, 824, 832,
    };
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures("BadBytesPropertiesTest", 0);
    private static final List<String> UNCLEAR = new ArrayList<>();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((r) ->
    {
        final Thread thread = new Thread(r, "bad-bytes-case");
        thread.setDaemon(true);
        return thread;
    });

    private final TestBlocks blocks = new TestBlocks();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[CAPACITY / 8]);

    /**
     * One write of random bytes at an offset.
     *
     * @param offset where, relative to the region written.
     * @param bytes  what.
     */
    record Write(int offset, byte[] bytes)
    {
        @Override
        public String toString()
        {
            return bytes.length + " bytes at " + offset;
        }
    }

    @AfterTry
    void removeBlocks() throws IOException
    {
        blocks.removeAll();
    }

    @AfterContainer
    static void writeFigures()
    {
        FIGURES.trialKind = "random bytes over a ring";
        FIGURES.trials = FIGURES.badInputs();
        FIGURES.write();
        assertEquals(0, FIGURES.violations(), UNCLEAR.toString());
    }

    @Provide
    Arbitrary<List<Write>> headerWrites()
    {
        final Arbitrary<Integer> offset = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, HEADER - 1)),
            Tuple.of(2, Arbitraries.of(toList(HEADER_FIELDS))));
        return writes(offset, 1, 8);
    }

    @Provide
    Arbitrary<List<Write>> dataWrites()
    {
        final Arbitrary<Integer> offset = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, CAPACITY - 1)),
            Tuple.of(2, Arbitraries.integers().between(0, CAPACITY / 8 - 1).map((i) -> i * 8)));
        return writes(offset, 1, 12);
    }

    private static Arbitrary<List<Write>> writes(final Arbitrary<Integer> offset, final int min, final int max)
    {
        final Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16)),
            Tuple.of(1, Arbitraries.of(new byte[] { -1, -1, -1, -1 }, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 },
                new byte[] { -1, -1, -1, 127 }, new byte[] { 0, 0, 0, -128 }, new byte[] { 8, 0, 0, 0 })));
        return Combinators.combine(offset, bytes).as(Write::new).list().ofMinSize(min).ofMaxSize(max);
    }

    private static List<Integer> toList(final int[] values)
    {
        final List<Integer> list = new ArrayList<>();
        for (final int value : values)
        {
            list.add(value);
        }
        return list;
    }

    @Property(tries = 1500)
    void randomBytesOverAnSpscRingHeaderGiveAClearExceptionOrAWorkingRing(
        @ForAll("headerWrites") final List<Write> writes)
    {
        final String name = spscRingInUse();
        scribble(name, 0, HEADER, writes);
        runCase("spsc-ring header bytes", writes, () ->
        {
            readAsTools(name);
            try (SpscRing ring = options().attach(name))
            {
                clear(ring::snapshot);
                clear(ring::producerStatus);
                clear(ring::consumerStatus);
                clear(ring::hasUnconsumedMessages);
                clear(ring::unlinkIfUnused);
            }
        });
    }

    @Property(tries = 400)
    void randomBytesOverAnSpscRingHeaderThenTakingTheRolesGivesAClearExceptionOrAWorkingRing(
        @ForAll("headerWrites") final List<Write> writes)
    {
        final String name = spscRingInUse();
        scribble(name, 0, HEADER, writes);
        runCase("spsc-ring header bytes, roles taken", writes, () ->
        {
            try (SpscRing ring = options().attach(name))
            {
                useRoles(ring);
            }
        });
    }

    @Property(tries = 1500)
    void randomBytesOverAnSpscRingDataRegionGiveAClearExceptionOrMessagesWithinTheRing(
        @ForAll("dataWrites") final List<Write> writes)
    {
        final String name = spscRingInUse();
        scribble(name, HEADER, CAPACITY, writes);
        runCase("spsc-ring data bytes", writes, () ->
        {
            try (SpscRing ring = options().attach(name))
            {
                useRoles(ring);
            }
        });
    }

    @Property(tries = 600)
    void randomBytesOverAnMpscRingGiveAClearExceptionOrMessagesWithinTheRing(
        @ForAll("headerWrites") final List<Write> headerWrites, @ForAll("dataWrites") final List<Write> dataWrites,
        @ForAll final boolean header)
    {
        final String name = blocks.newName("badmpsc");
        try (MpscRing ring = SpscRing.options().capacity(CAPACITY).createMpsc(name))
        {
            for (int i = 0; i < 20; i++)
            {
                ring.ringBuffer().write(1 + i, message, 0, 8 + 13 * i);
            }
        }
        final List<Write> writes = header ? headerWrites : dataWrites;
        scribble(name, header ? 0 : HEADER, header ? HEADER : CAPACITY, writes);
        runCase(header ? "mpsc-ring header bytes" : "mpsc-ring data bytes", writes, () ->
        {
            readAsTools(name);
            try (MpscRing ring = options().attachMpsc(name))
            {
                final MpscRing.Consumer consumer = clear(ring::consumer);
                if (null != consumer)
                {
                    for (int i = 0; i < 50; i++)
                    {
                        final Integer n = clear(() -> consumer.read(this::withinBounds, 64));
                        if (null == n || 0 == n)
                        {
                            break;
                        }
                    }
                    consumer.close();
                }
                for (int i = 0; i < 10; i++)
                {
                    clear(() -> ring.ringBuffer().write(1, message, 0, 8));
                }
            }
        });
    }

    /**
     * A ring with messages committed and some consumed, no role held: what a scribbler finds.
     */
    private String spscRingInUse()
    {
        final String name = blocks.newName("bad");
        try (SpscRing ring = SpscRing.create(name, CAPACITY);
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            for (int i = 0; i < 30; i++)
            {
                producer.offer(1 + i, message, 0, 7 * i);
            }
            consumer.poll((type, buffer, index, length) -> { }, 12);
        }
        return name;
    }

    private static RingOptions options()
    {
        return SpscRing.options().livenessTimeout(Duration.ofMillis(500));
    }

    private static void scribble(final String name, final int start, final int length, final List<Write> writes)
    {
        try (SharedBlock block = SharedBlock.attach(name))
        {
            final AtomicBuffer buffer = block.buffer();
            for (final Write write : writes)
            {
                final int at = start + write.offset();
                final int n = Math.min(write.bytes().length, start + length - at);
                buffer.putBytes(at, write.bytes(), 0, n);
            }
        }
    }

    /**
     * The tools' view: a plain-file read of the header, never a mapping.
     */
    private static void readAsTools(final String name)
    {
        clear(() -> HeaderSnapshot.read(name, BlockDirectory.resolve().resolve(name)));
    }

    /**
     * Takes both roles (with force: the holder may be garbage) and moves messages both ways.
     */
    private void useRoles(final SpscRing ring)
    {
        final RingConsumer consumer = clear(() -> ring.consumer(true));
        if (null != consumer)
        {
            for (int i = 0; i < 40; i++)
            {
                final Integer n = clear(() -> consumer.poll(this::withinBounds, 16));
                if (null == n || 0 == n)
                {
                    break;
                }
            }
        }
        final RingProducer producer = clear(() -> ring.producer(true));
        if (null != producer)
        {
            for (int i = 0; i < 40; i++)
            {
                final int length = 5 * (i % 50);
                final Boolean offered = clear(() -> producer.offer(1, message, 0, length));
                if (null == offered || !offered)
                {
                    break;
                }
            }
        }
        if (null != consumer)
        {
            clear(() -> consumer.poll(this::withinBounds, 64));
            clear(() -> consumer.read(this::withinBounds, 64, new org.agrona.concurrent.BusySpinIdleStrategy(),
                Duration.ofMillis(1)));
            consumer.close();
        }
        if (null != producer)
        {
            clear(() -> producer.write(1, message, 0, 8, new org.agrona.concurrent.BusySpinIdleStrategy(),
                Duration.ofMillis(1)));
            producer.close();
        }
    }

    private void withinBounds(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        if (index < 0 || length < 0 || index > buffer.capacity() - length)
        {
            throw new AssertionError("a handler was given [" + index + ", +" + length + ") in a buffer of " +
                buffer.capacity() + " bytes");
        }
        // Touch every byte the handler was promised.
        long sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += buffer.getByte(index + i);
        }
        if (sum == Long.MIN_VALUE)
        {
            throw new AssertionError("unreachable");
        }
    }

    /**
     * Runs a call; a {@link SharedMemoryException} is a clear answer (null is returned), anything else is not.
     */
    private static <T> T clear(final java.util.concurrent.Callable<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final SharedMemoryException ex)
        {
            return null;
        }
        catch (final Exception ex)
        {
            throw new UnclearAnswer(ex);
        }
    }

    /**
     * Runs one case on another thread, so a hang shows as a time-out instead of stopping the build, and counts it.
     */
    private static void runCase(final String kind, final List<Write> writes, final Runnable body)
    {
        FIGURES.badInputs(kind, 1);
        final Future<?> result = EXECUTOR.submit(() ->
        {
            try
            {
                body.run();
            }
            catch (final SharedMemoryException ex)
            {
                // A clear answer at the outermost level (attach).
            }
        });
        try
        {
            result.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            FIGURES.hangs++;
            result.cancel(true);
            UNCLEAR.add(kind + " " + writes + ": no answer within " + CASE_TIMEOUT_S + " s");
            throw new AssertionError(kind + " " + writes + ": no answer within " + CASE_TIMEOUT_S + " s");
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            final Throwable cause = ex.getCause() instanceof UnclearAnswer ? ex.getCause().getCause() : ex.getCause();
            FIGURES.unclearAnswers++;
            UNCLEAR.add(kind + " " + writes + ": " + cause);
            if (Boolean.getBoolean("badbytes.collect"))
            {
                final StackTraceElement[] trace = cause.getStackTrace();
                System.out.println("UNCLEAR " + kind + " | " + cause.getClass().getSimpleName() + " | " +
                    String.valueOf(cause.getMessage()).replaceAll("[0-9]+", "N") + " | " +
                    java.util.Arrays.stream(trace).filter((t) -> t.getClassName().startsWith("io.sharedmem"))
                    .limit(3).map(Object::toString).collect(java.util.stream.Collectors.joining(" < ")) + " | " +
                    writes);
                return;
            }
            throw new AssertionError(kind + " " + writes + ": " + cause, cause);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * An answer that is not a {@link SharedMemoryException}.
     */
    private static final class UnclearAnswer extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        UnclearAnswer(final Throwable cause)
        {
            super(cause);
        }
    }
}
