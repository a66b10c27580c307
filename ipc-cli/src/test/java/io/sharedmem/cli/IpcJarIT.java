/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command line as users run it: {@code java -jar ipc-cli/target/ipc.jar} and the {@code bin/ipc}
 * launcher, as child processes. Runs after {@code package} (failsafe), when the jar exists and is fresh, so the
 * launcher does not build.
 */
class IpcJarIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static Path jar;
    private static Path launcher;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheJar()
    {
        final Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        jar = module.resolve("target/ipc.jar");
        launcher = module.resolve("../bin/ipc").normalize();
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": run mvn package first");
    }

    private Processes.Result java(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return Processes.run(TIMEOUT, command, dir, Map.of(), null);
    }

    @Test
    void theJarRunsWithItsManifestAloneAndManagesBlocksEndToEnd() throws IOException
    {
        final Processes.Result create = java("create", "cli-block", "64k", "--dir", dir.toString());
        assertEquals(0, create.exitCode(), create.report());
        assertEquals("", create.stderr(), "Agrona needs the manifest's Add-Exports: " + create.stderr());

        final Processes.Result ls = java("--dir", dir.toString(), "ls");
        assertEquals(0, ls.exitCode(), ls.report());
        assertTrue(ls.stdout().lines().anyMatch((l) -> l.matches("cli-block +65536 +64\\.0 KiB +raw .*")),
            ls.stdout());

        final Processes.Result dump = java("dump", "cli-block", "--length", "16", "--dir", dir.toString());
        assertEquals("00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", dump.stdout());

        final Processes.Result rm = java("rm", "cli-block", "--dir", dir.toString());
        assertEquals(0, rm.exitCode(), rm.report());
        assertFalse(Files.exists(dir.resolve("cli-block")));
    }

    @Test
    void theJarExitsWith1AndOneLineOnFailureAnd2OnUsageErrors()
    {
        final Processes.Result missing = java("info", "ghost", "--dir", dir.toString());
        assertEquals(1, missing.exitCode(), missing.report());
        assertEquals(1, missing.stderr().lines().count(), missing.stderr());
        assertEquals("", missing.stdout());

        final Processes.Result usage = java("create", "x");
        assertEquals(2, usage.exitCode(), usage.report());
        assertTrue(usage.stderr().startsWith("Missing required parameter: 'SIZE'"), usage.stderr());
    }

    @Test
    void theExamplePairRunsThroughTheJar() throws Exception
    {
        final List<String> writerCommand = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-jar",
            jar.toString(), "example", "writer", "--timeout", "60", "--dir", dir.toString()));
        final Process writer = new ProcessBuilder(writerCommand).redirectErrorStream(true)
            .redirectOutput(dir.resolve("writer.out").toFile()).start();
        try
        {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(dir.resolve("MyMemory")) && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            final Processes.Result reader = java("example", "reader", "--dir", dir.toString());
            assertEquals(0, reader.exitCode(), reader.report());
            assertTrue(writer.waitFor(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            final String out = Files.readString(dir.resolve("writer.out"));
            assertEquals(0, writer.exitValue(), out);
            assertTrue(out.contains("Writer: the reader's half arrived:"), out);
            assertFalse(Files.exists(dir.resolve("MyMemory")));
        }
        finally
        {
            writer.destroyForcibly();
        }
    }

    @Test
    void theLauncherRunsTheFreshJarFromAnyDirectory()
    {
        final Processes.Result run =
            Processes.run(TIMEOUT, List.of(launcher.toString(), "--version"), dir, Map.of(), null);
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.stdout().startsWith("ipc "), run.stdout());
        assertEquals("", run.stderr(), "the launcher rebuilt or complained");
    }

    @Test
    void theLauncherWorksThroughASymbolicLink() throws IOException
    {
        final Path link = Files.createSymbolicLink(dir.resolve("ipc"), launcher);
        final Processes.Result run = Processes.run(TIMEOUT, List.of(link.toString(), "ls", "--dir", dir.toString()),
            dir, Map.of(), null);
        Files.delete(link);
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.stdout().startsWith("No blocks in " + dir) || run.stdout().startsWith("NAME"),
            run.stdout());
    }

    @Test
    void theLauncherRefusesJavaOlderThan17() throws IOException
    {
        final Path bin = Files.createDirectory(dir.resolve("old-java"));
        final Path fake = bin.resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("JAVA_HOME", null);

        final Processes.Result run = Processes.run(TIMEOUT, List.of(launcher.toString(), "ls"), dir, env, null);
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("ipc: Java 17 or newer is needed, but " + fake + " is: openjdk version \"11.0.21\" 2023-10-17 " +
            "(set JAVA_HOME or PATH)\n", run.stderr());
    }

    @Test
    void theLauncherSaysSoWhenJavaIsMissing() throws IOException
    {
        final Path empty = Files.createDirectory(dir.resolve("empty-path"));
        final Map<String, String> env = new HashMap<>();
        env.put("PATH", empty.toString());
        env.put("JAVA_HOME", null);

        final Processes.Result run =
            Processes.run(TIMEOUT, List.of("/bin/bash", launcher.toString(), "ls"), dir, env, null);
        assertEquals(1, run.exitCode(), run.report());
        assertEquals("ipc: java not found: install Java 17 or newer, or set JAVA_HOME\n", run.stderr());
    }
}
