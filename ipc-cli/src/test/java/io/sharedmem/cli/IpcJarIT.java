/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.Assumptions;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command line as users run it: {@code java -jar ipc-cli/target/ipc.jar} and the {@code bin/ipc}
 * launcher, as child processes, with every command that starts another module's jar ({@code bench}, {@code report},
 * {@code example}, {@code demo}) run end to end from the built jars. Runs after {@code package} (failsafe), when the
 * jars exist and are fresh, so the launcher does not build.
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

    /**
     * The jar with blocks in the test's directory: the system property reaches the JVMs it starts, and theirs.
     */
    private Processes.Result javaWithBlocksHere(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable(),
            "-Dsharedmem.dir=" + dir, "-jar", jar.toString()));
        command.addAll(List.of(args));
        return Processes.run(TIMEOUT, command, dir, Map.of(), null);
    }

    @Test
    void theJarHoldsTheCommandLineAloneAndStartsTheOtherModulesJars() throws IOException
    {
        try (ZipFile zip = new ZipFile(jar.toFile()))
        {
            final List<String> foreign = zip.stream().map(ZipEntry::getName).filter((name) ->
                name.startsWith("io/sharedmem/bench/") || name.startsWith("io/sharedmem/examples/") ||
                    name.startsWith("io/aeron/") || name.startsWith("org/openjdk/jmh/") ||
                    name.startsWith("org/jfree/") || name.startsWith("com/fasterxml/")).limit(5).toList();
            assertEquals(List.of(), foreign, "ipc.jar holds the command line, ipc-core, Agrona and picocli only");
        }
        assertTrue(Files.size(jar) < 3_000_000, jar + " is " + Files.size(jar) + " bytes");

        final Processes.Result help = java("bench", "--help");
        assertEquals(0, help.exitCode(), help.report());
        assertTrue(help.stdout().startsWith("Usage: ipc bench [-hV] [--full] [--pin] [--separate] [--verbose]"),
            help.stdout());
        assertTrue(help.stdout().contains("--dir=DIR") && help.stdout().contains("Exit codes: 0 success"),
            "the options and footer every ipc command has: " + help.stdout());
        final Processes.Result list = java("--help");
        assertTrue(list.stdout().contains("\n  bench    Benchmarks every transport between two JVMs") &&
            list.stdout().contains("\n  report   Regenerates report.html"), list.stdout());

        final Processes.Result wrong = java("bench", "--transports", "carrier-pigeon");
        assertEquals(2, wrong.exitCode(), wrong.report());
        assertTrue(wrong.stderr().startsWith("no transport \"carrier-pigeon\"; there are: spsc-ring"),
            wrong.stderr());
        final Processes.Result missing = java("report", "--from", dir.resolve("none.json").toString());
        assertEquals(1, missing.exitCode(), missing.report());
        assertEquals(1, missing.stderr().lines().count(), missing.stderr());
        assertTrue(missing.stderr().startsWith("ipc report: benchmark results "), missing.stderr());
    }

    @Test
    void benchRunsFromTheBenchJarAndReportRegeneratesFromItsResults() throws IOException
    {
        final Path out = dir.resolve("bench");
        final Processes.Result bench = javaWithBlocksHere("bench", "--transports", "raw-block,spsc-ring,tcp",
            "--duration", "200ms", "--repetitions", "1", "--out", out.toString());
        assertEquals(0, bench.exitCode(), bench.report());
        assertTrue(bench.stdout().contains("64 B messages (ratios against spsc-ring)"), bench.stdout());
        for (final String file : List.of("results.json", "report.html", "results.md", "rtt-throughput-64.png",
            "turns.csv", "rtt-raw-block-64.hgrm", "rtt-spsc-ring-64.hgrm", "rtt-tcp-64.hgrm"))
        {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        try (Stream<Path> left = Files.list(dir))
        {
            assertEquals(List.of(out), left.filter((p) -> !p.getFileName().toString().startsWith("."))
                .toList(), "blocks and rendezvous files removed");
        }

        Files.delete(out.resolve("results.md"));
        final Processes.Result report = java("report", "--from", out.resolve("results.json").toString(),
            "--markdown");
        assertEquals(0, report.exitCode(), report.report());
        assertEquals("wrote " + out.resolve("results.md") + "\n", report.stdout());
        assertTrue(Files.readString(out.resolve("results.md")).contains("| spsc-ring |"));
    }

    @Test
    void demoStreamsBetweenTwoJvmsOfTheExamplesJar() throws IOException
    {
        final Processes.Result demo = javaWithBlocksHere("demo", "--count", "20000", "--name", "it-demo");
        assertEquals(0, demo.exitCode(), demo.report());
        assertTrue(demo.stdout().contains("Consumer: the producer finished; every sequence number and checksum " +
            "verified"), demo.stdout());
        assertTrue(demo.stdout().contains("Producer: done after 20,000 messages"), demo.stdout());
        assertFalse(Files.exists(dir.resolve("it-demo")), "the last one out removes the ring");
    }

    @Test
    void demoRunsOverAeronUdpWhenGivenAChannel() throws IOException
    {
        final int port;
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Processes.Result demo = javaWithBlocksHere("demo", "--count", "20000", "--channel",
            "aeron:udp?endpoint=127.0.0.1:" + port);
        assertEquals(0, demo.exitCode(), demo.report());
        assertTrue(demo.stdout().contains("Consumer: the producer finished; every sequence number and checksum " +
            "verified"), demo.stdout());
        try (Stream<Path> left = Files.list(dir))
        {
            assertEquals(List.of(), left.toList(), "no ring and no media driver directory left");
        }
    }

    @Test
    void bridgeStartsFromTheAeronJarAndSaysWhatIsWrongWithAChannel()
    {
        final Processes.Result help = java("bridge", "--help");
        assertEquals(0, help.exitCode(), help.report());
        assertTrue(help.stdout().contains("Usage: ipc bridge") && help.stdout().contains("FROM") &&
            help.stdout().contains("TO"), help.stdout());
        final Processes.Result bad = javaWithBlocksHere("bridge", "shm:it-bridge", "carrier-pigeon:coo");
        assertEquals(1, bad.exitCode(), bad.report());
        assertTrue(bad.stderr().contains("carrier-pigeon:coo"), bad.report());
    }

    @Test
    void ctrlCOnTheDemoStopsBothSidesAndLeavesNoRing() throws Exception
    {
        final Optional<Path> python = Processes.which("python3");
        Assumptions.assumeTrue(python.isPresent(), "python3 starts the demo as a shell starts a job");
        // A terminal sends Ctrl-C to the whole foreground process group: here, a group of its own, with SIGINT not
        // ignored (as it is for background jobs, which a build may be).
        final Process demo = new ProcessBuilder(python.get().toString(), "-c", "import os, signal, sys; " +
            "os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
            ChildJvm.javaExecutable(), "-Dsharedmem.dir=" + dir, "-jar", jar.toString(), "demo", "--count", "0",
            "--name", "it-ctrl-c")
            .redirectErrorStream(true).redirectOutput(dir.resolve("demo.out").toFile()).start();
        try
        {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(Files.readString(dir.resolve("demo.out")).contains("sending messages") &&
                Files.readString(dir.resolve("demo.out")).contains("waiting for messages")) &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            final Processes.Result kill = Processes.run(TIMEOUT, "kill", "-INT", "--", "-" + demo.pid());
            assertEquals(0, kill.exitCode(), kill.report());
            assertTrue(demo.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the demo stopped");
            final String out = Files.readString(dir.resolve("demo.out"));
            assertEquals(130, demo.exitValue(), out);
            // Ctrl-C reaches both; the consumer may read the producer's stop message first.
            assertTrue(out.contains("Producer: interrupted (Ctrl-C)") && (out.contains("Consumer: interrupted (Ctrl-C)") ||
                out.contains("Consumer: the producer was interrupted (Ctrl-C)")), out);
            assertFalse(Files.exists(dir.resolve("it-ctrl-c")), out);
            assertTrue(ProcessHandle.allProcesses().noneMatch((p) -> p.info().arguments()
                .map((a) -> List.of(a).contains("it-ctrl-c")).orElse(false)), "no side left running");
        }
        finally
        {
            Processes.run(TIMEOUT, "kill", "-KILL", "--", "-" + demo.pid());
        }
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
            assertTrue(writer.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
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
