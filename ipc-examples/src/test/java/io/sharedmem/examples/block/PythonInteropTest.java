/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.examples.block;

import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockDirectory;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One block, Java and the machine's {@code python3} ({@code multiprocessing.shared_memory}), both directions, byte
 * for byte, with the scripts users run ({@code ipc-examples/python}). Python only knows {@code /dev/shm}, so these
 * tests use the default directory, with unique names.
 */
class PythonInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SIZE = 10_007;                    // not a multiple of the page size

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    private static Path scripts;

    @BeforeAll
    static void findPython()
    {
        Assumptions.assumeTrue(Processes.which("python3").isPresent(), "python3 is not installed");
        Assumptions.assumeTrue(BlockDirectory.LINUX_SHM_DIR.equals(BlockDirectory.resolve().toString()),
            "Python's blocks live in /dev/shm; the block directory here is " + BlockDirectory.resolve());
        scripts = Path.of(System.getProperty("basedir", "."), "python").toAbsolutePath();
        assertTrue(Files.isRegularFile(scripts.resolve("interop.py")), "no interop.py in " + scripts);
    }

    @Test
    void javaCreatesAndPythonAttachesReadsAndWritesBackByteForByte() throws Exception
    {
        final String name = blocks.newName("py-attach");
        final byte[] bytes = new byte[SIZE];
        new Random(42).nextBytes(bytes);
        try (SharedBlock block = SharedBlock.create(name, SIZE))
        {
            final AtomicBuffer buffer = block.buffer();
            buffer.putBytes(0, bytes);

            final Processes.Result python = python("interop.py", "attach", name);
            assertEquals(0, python.exitCode(), python.report());
            assertEquals("size " + SIZE + " sha256 " + sha256(bytes) + "\ninverted " + SIZE + " bytes\n",
                python.stdout(), python.report());
            assertEquals("", python.stderr(), "Python complained (a resource tracker warning?)");

            final byte[] after = new byte[SIZE];
            buffer.getBytes(0, after);
            for (int i = 0; i < SIZE; i++)
            {
                assertEquals((byte)(bytes[i] ^ 0xff), after[i], "byte " + i);
            }
            // Python's resource tracker runs in its own process and would unlink at its exit: give it time to.
            Thread.sleep(500);
            assertTrue(SharedBlock.exists(name), "Python removed the block it only attached to");
        }
    }

    @Test
    void pythonCreatesAndJavaAttachesReadsAndWritesBackByteForByte() throws Exception
    {
        final String name = blocks.newName("py-create");
        final Process python = new ProcessBuilder(
            "python3", scripts.resolve("interop.py").toString(), "create", name, Integer.toString(SIZE)).start();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8))
        {
            final CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(python));
            assertEquals("created " + name + " " + SIZE, readLine(out));

            try (SharedBlock block = SharedBlock.attach(name))
            {
                assertEquals(SIZE, block.size());
                final AtomicBuffer buffer = block.buffer();
                for (int i = 0; i < SIZE; i++)
                {
                    assertEquals((byte)((7 * i + 3) % 256), buffer.getByte(i), "byte " + i);
                }
                for (int i = 0; i < SIZE; i++)
                {
                    buffer.putByte(i, (byte)(buffer.getByte(i) ^ 0xff));
                }
            }
            in.write("check\n");
            in.flush();

            assertEquals("verified " + SIZE + " bytes", readLine(out));
            assertTrue(python.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "python3 did not exit");
            assertEquals(0, python.exitValue(), stderr.get());
            assertEquals("", stderr.get());
            assertFalse(SharedBlock.exists(name), "Python's unlink did not remove the block");
        }
        finally
        {
            python.destroyForcibly();
        }
    }

    @Test
    void withoutUnregisteringPythonBefore313RemovesABlockItOnlyAttachedTo() throws Exception
    {
        final Processes.Result version = Processes.run(TIMEOUT, "python3", "-c",
            "import sys; print(sys.version_info >= (3, 13))");
        Assumptions.assumeTrue("False".equals(version.stdout().trim()), "Python 3.13+ can attach with track=False");

        final String name = blocks.newName("py-tracked");
        try (SharedBlock ignored = SharedBlock.create(name, 4096))
        {
            final Processes.Result python = python("interop.py", "attach-tracked", name);
            assertEquals(0, python.exitCode(), python.report());
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (SharedBlock.exists(name) && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertFalse(SharedBlock.exists(name), "the resource tracker left the block: the README's note is stale");
        }
    }

    @Test
    void pythonReaderWorksWithTheJavaWriter() throws Exception
    {
        final String name = blocks.newName("py-reader");
        try (ChildJvm writer = ChildJvm.start(io.sharedmem.examples.block.Writer.class, "--name", name,
            "--timeout", "60"))
        {
            writer.awaitLineStartingWith("Writer: waiting up to 60 s", TIMEOUT);
            final Processes.Result reader = python("reader.py", name);
            assertEquals(0, reader.exitCode(), reader.report());
            assertEquals(0, writer.awaitExit(TIMEOUT), writer.report());
            assertEquals(WriterReaderTest.dump(WriterReaderTest.expectedBytes(true)),
                WriterReaderTest.linesAfter(writer.stdoutLines(), "Writer: the reader's half arrived:"));
            assertEquals(WriterReaderTest.dump(WriterReaderTest.expectedBytes(false)),
                reader.stdout().lines().toList().subList(1, 33));
        }
        assertFalse(SharedBlock.exists(name));
    }

    @Test
    void pythonReaderStartedFirstSaysToStartTheWriter()
    {
        final String name = blocks.newName("py-reader-first");
        final Processes.Result reader = python("reader.py", name);
        assertEquals(1, reader.exitCode(), reader.report());
        assertEquals("reader.py: block \"" + name + "\" does not exist yet: start the Writer first, then the " +
            "reader.\n", reader.stderr());
    }

    private static Processes.Result python(final String script, final String... args)
    {
        final List<String> command = new java.util.ArrayList<>(List.of("python3", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        return Processes.run(TIMEOUT, command, scripts, Map.of(), null);
    }

    private static String readLine(final BufferedReader reader) throws Exception
    {
        final CompletableFuture<String> line = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return reader.readLine();
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        return line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String readAll(final Process process)
    {
        try
        {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final java.io.IOException ex)
        {
            return ex.toString();
        }
    }

    private static String sha256(final byte[] bytes) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
