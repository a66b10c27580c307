/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.block;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer and reader examples as a user runs them: separate JVMs, in both orders, twice in a row. Each test uses
 * its own block directory, so the block keeps its real name, {@code MyMemory}, without meeting anyone else's.
 */
class WriterReaderTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void readerStartedFirstSaysInOneLineToStartTheWriterAndExitsWith1() throws Exception
    {
        try (ChildJvm reader = start(Reader.class))
        {
            assertEquals(1, reader.awaitExit(TIMEOUT), reader.report());
            assertEquals(List.of(), reader.stdoutLines(), reader.report());
            assertEquals("Reader: block \"MyMemory\" does not exist yet: start the Writer first, then the Reader.\n",
                reader.stderr());
        }
    }

    @Test
    void writerAndReaderShareTheBlockAndTheWriterRemovesIt() throws Exception
    {
        runThePair();
    }

    @Test
    void thePairRunsTwiceInARow() throws Exception
    {
        runThePair();
        runThePair();
    }

    @Test
    void readerBeforeTheWriterFailsThenThePairWorks() throws Exception
    {
        try (ChildJvm reader = start(Reader.class))
        {
            assertEquals(1, reader.awaitExit(TIMEOUT), reader.report());
        }
        runThePair();
    }

    @Test
    void writerAloneShowsDefaultsForTheReadersHalfAndCleansUpAtItsTimeOut() throws Exception
    {
        try (ChildJvm writer = start(Writer.class, "--timeout", "1"))
        {
            assertEquals(0, writer.awaitExit(TIMEOUT), writer.report());
            final List<String> lines = writer.stdoutLines();
            final String heading = "Writer: no reader within 1 s; bytes 512-1023 still hold their defaults (zero):";
            assertEquals(dump(expectedBytes(false)), linesAfter(lines, heading));
            assertEquals("Writer: removed block \"MyMemory\"", lines.get(lines.size() - 1));
        }
        assertFalse(Files.exists(dir.resolve(MyMemory.NAME)));
    }

    @Test
    void writerInterruptedWithCtrlCRemovesTheBlock() throws Exception
    {
        try (ChildJvm writer = start(Writer.class, "--timeout", "60"))
        {
            writer.awaitLineStartingWith("Writer: waiting up to 60 s", TIMEOUT);
            assertTrue(Files.exists(dir.resolve(MyMemory.NAME)));

            final Processes.Result kill =
                Processes.run(Duration.ofSeconds(10), "kill", "-INT", Long.toString(writer.pid()));
            assertEquals(0, kill.exitCode(), kill.report());

            assertEquals(130, writer.awaitExit(TIMEOUT), writer.report());
            assertTrue(writer.stdoutLines().contains("Writer: interrupted; removed block \"MyMemory\""),
                writer.report());
        }
        assertFalse(Files.exists(dir.resolve(MyMemory.NAME)));
    }

    @Test
    void secondWriterWhileTheFirstRunsSaysTheBlockExists() throws Exception
    {
        try (ChildJvm first = start(Writer.class, "--timeout", "60"))
        {
            first.awaitLineStartingWith("Writer: waiting", TIMEOUT);
            try (ChildJvm second = start(Writer.class))
            {
                assertEquals(1, second.awaitExit(TIMEOUT), second.report());
                assertEquals("Writer: block \"MyMemory\" already exists: another Writer is running, or one was " +
                    "killed before it could clean up; remove it with: bin/ipc rm MyMemory\n", second.stderr());
            }
            try (ChildJvm reader = start(Reader.class))
            {
                assertEquals(0, reader.awaitExit(TIMEOUT), reader.report());
            }
            assertEquals(0, first.awaitExit(TIMEOUT), first.report());
        }
    }

    @Test
    void badArgumentsExitWith2()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Writer.run(new String[] {"--timeout", "soon"}, System.out, errStream));
        assertEquals(2, Reader.run(new String[] {"--bogus"}, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: Writer"));
    }

    private void runThePair() throws Exception
    {
        try (ChildJvm writer = start(Writer.class, "--timeout", "60"))
        {
            writer.awaitLineStartingWith("Writer: waiting up to 60 s for the reader", TIMEOUT);
            final List<String> writerFirstDump = linesAfter(writer.stdoutLines(), "Writer: wrote bytes 0-511:");
            assertEquals(dump(expectedBytes(false)), writerFirstDump.subList(0, 32));

            try (ChildJvm reader = start(Reader.class))
            {
                assertEquals(0, reader.awaitExit(TIMEOUT), reader.report());
                final List<String> lines = reader.stdoutLines();
                assertEquals("Reader: attached to block \"MyMemory\" (1024 bytes) at " + dir.resolve("MyMemory") +
                    ":", lines.get(0));
                assertEquals(dump(expectedBytes(false)), lines.subList(1, 33), reader.report());
                assertEquals("Reader: wrote bytes 512-1023; the Writer prints them and removes the block",
                    lines.get(33));
                assertEquals("", reader.stderr());
            }

            assertEquals(0, writer.awaitExit(TIMEOUT), writer.report());
            final List<String> lines = writer.stdoutLines();
            assertEquals(dump(expectedBytes(true)), linesAfter(lines, "Writer: the reader's half arrived:"),
                writer.report());
            assertEquals("Writer: removed block \"MyMemory\"", lines.get(lines.size() - 1));
            assertEquals("", writer.stderr());
        }
        assertFalse(Files.exists(dir.resolve(MyMemory.NAME)), "the writer left the block behind");
    }

    private ChildJvm start(final Class<?> mainClass, final String... args) throws Exception
    {
        return ChildJvm.start(List.of("-Dsharedmem.dir=" + dir), mainClass, args);
    }

    static byte[] expectedBytes(final boolean readerWrote)
    {
        final byte[] bytes = new byte[MyMemory.SIZE];
        for (int i = 0; i < MyMemory.HALF; i++)
        {
            bytes[i] = MyMemory.writerByte(i);
        }
        for (int i = MyMemory.HALF; readerWrote && i < MyMemory.SIZE; i++)
        {
            bytes[i] = MyMemory.readerByte(i);
        }
        return bytes;
    }

    static List<String> dump(final byte[] bytes)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        MyMemory.print(new UnsafeBuffer(bytes), new PrintStream(out, true, StandardCharsets.UTF_8));
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    /**
     * The 32 lines of bytes printed after a heading.
     */
    static List<String> linesAfter(final List<String> lines, final String heading)
    {
        final int at = lines.indexOf(heading);
        assertTrue(at >= 0, "no line \"" + heading + "\" among " + lines.size() + " lines starting " +
            lines.subList(0, Math.min(3, lines.size())));
        return new ArrayList<>(lines.subList(at + 1, Math.min(lines.size(), at + 33)));
    }
}
