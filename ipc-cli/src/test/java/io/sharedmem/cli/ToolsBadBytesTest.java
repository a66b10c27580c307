/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.SharedMemoryException;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ReliabilityFigures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tools ({@code ls}, {@code info}, {@code info --json}, {@code dump}, {@code gc --dry-run}) over bad bytes: random
 * bytes over a ring's header, files of random bytes and random sizes, rings truncated to any length, and a file that
 * another process truncates and extends again and again while the tools read it. Each answers with its output (exit
 * 0) or one line naming the block (exit 1, from a {@link SharedMemoryException}); never anything else, never a hang,
 * never a crash: the tools read with plain file reads, never through a mapping.
 */
class ToolsBadBytesTest
{
    private static final int CAPACITY = 4096;
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures("ToolsBadBytesTest", 0);
    private static final List<String> UNCLEAR = new ArrayList<>();

    private static final StringWriter OUT = new StringWriter();
    private static final StringWriter ERR = new StringWriter();
    private static final Throwable[] THROWN = new Throwable[1];
    /**
     * One command line for every run (picocli resets options before each parse): building one costs more than
     * running a tool.
     */
    private static final CommandLine COMMAND_LINE = Ipc.commandLine(new PrintWriter(OUT), new PrintWriter(ERR))
        .setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            THROWN[0] = ex;
            return Ipc.EXIT_FAILURE;
        });

    private Path dir;

    @BeforeTry
    void createDirectory() throws IOException
    {
        dir = Files.createTempDirectory("sharedmem-tools-bad-bytes");
    }

    @AfterTry
    void removeDirectory() throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }

    @AfterContainer
    static void writeFigures()
    {
        FIGURES.trialKind = "bad bytes through the tools";
        FIGURES.trials = FIGURES.badInputs();
        FIGURES.write();
        assertEquals(0, FIGURES.violations(), UNCLEAR.toString());
    }

    @Provide
    Arbitrary<byte[]> garbage()
    {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
    }

    @Property(tries = 200)
    void randomBytesOverARingHeader(
        @ForAll @IntRange(min = 0, max = 1023) final int offset, @ForAll("garbage") final byte[] bytes,
        @ForAll @IntRange(min = 0, max = 1023) final int offset2, @ForAll("garbage") final byte[] bytes2)
        throws IOException
    {
        ringInUse("ring");
        write(dir.resolve("ring"), offset, bytes);
        write(dir.resolve("ring"), offset2, bytes2);
        everyTool("ring header bytes", "ring");
    }

    @Property(tries = 200)
    void filesOfRandomBytes(@ForAll @IntRange(min = 0, max = 3000) final int size, @ForAll final long seed)
        throws IOException
    {
        final byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        if (size >= 8 && (seed & 1) == 0)
        {
            // Half of them carry the header's magic, so the tools go on to read the rest.
            ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, 0x44484D53_00000001L);
        }
        Files.write(dir.resolve("file"), bytes);
        everyTool("random files", "file");
    }

    @Property(tries = 200)
    void ringsTruncatedToAnyLength(@ForAll @IntRange(min = 0, max = 1024 + CAPACITY) final int length,
        @ForAll final boolean mpsc) throws IOException
    {
        if (mpsc)
        {
            SpscRing.options().directory(dir).capacity(CAPACITY).createMpsc("ring").close();
        }
        else
        {
            ringInUse("ring");
        }
        try (FileChannel channel = FileChannel.open(dir.resolve("ring"), StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
        everyTool("truncated rings", "ring");
    }

    @Example
    void aFileAnotherProcessTruncatesAndExtendsWhileTheToolsReadIt() throws Exception
    {
        ringInUse("ring");
        final Path file = dir.resolve("ring");
        final Process flipper = new ProcessBuilder("sh", "-c",
            "while true; do truncate -s 0 \"$0\"; truncate -s 700 \"$0\"; truncate -s " + (1024 + CAPACITY) +
            " \"$0\"; done", file.toString()).start();
        try
        {
            for (int i = 0; i < 50; i++)
            {
                everyTool("file truncated while read", "ring");
            }
        }
        finally
        {
            flipper.destroyForcibly();
            flipper.waitFor();
        }
    }

    private void ringInUse(final String name)
    {
        try (SpscRing ring = SpscRing.options().directory(dir).capacity(CAPACITY).create(name);
            RingProducer producer = ring.producer();
            RingConsumer consumer = ring.consumer())
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            for (int i = 0; i < 20; i++)
            {
                producer.offer(1 + i, message, 0, 3 * i);
            }
            consumer.poll((type, buffer, index, length) -> { }, 7);
        }
    }

    private static void write(final Path file, final int offset, final byte[] bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private void everyTool(final String kind, final String name)
    {
        FIGURES.badInputs(kind, 1);
        run(kind, "ls");
        run(kind, "info", name);
        run(kind, "info", name, "--json");
        run(kind, "dump", name, "--length", "2048");
        run(kind, "gc", "--dry-run");
    }

    /**
     * Runs a command in this JVM and keeps what it threw: nothing, or a {@link SharedMemoryException}, is clear.
     */
    private void run(final String kind, final String... args)
    {
        OUT.getBuffer().setLength(0);
        ERR.getBuffer().setLength(0);
        THROWN[0] = null;
        final StringWriter err = ERR;
        final Throwable[] thrown = THROWN;
        final String[] withDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDir, 0, args.length);
        withDir[args.length] = "--dir";
        withDir[args.length + 1] = dir.toString();
        final int code;
        try
        {
            code = COMMAND_LINE.execute(withDir);
        }
        catch (final RuntimeException | Error ex)
        {
            unclear(kind, args, ex);
            return;
        }
        if ((0 == code && null == thrown[0]) || thrown[0] instanceof SharedMemoryException)
        {
            return;
        }
        unclear(kind, args, null != thrown[0] ? thrown[0] : new IllegalStateException("exit " + code + ": " + err));
    }

    private static void unclear(final String kind, final String[] args, final Throwable ex)
    {
        FIGURES.unclearAnswers++;
        UNCLEAR.add(kind + ": ipc " + String.join(" ", args) + ": " + ex);
        throw new AssertionError(kind + ": ipc " + String.join(" ", args) + " answered " + ex, ex);
    }
}
