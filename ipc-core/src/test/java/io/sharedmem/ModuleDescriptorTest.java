/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem;

import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module {@code io.sharedmem.core} as a user on the module path sees it: the descriptor exports the public API
 * and nothing else, a user module that uses the API compiles and runs (a ring, and a channel found through the
 * service loader), and one that reaches into an implementation package does not compile.
 */
class ModuleDescriptorTest
{
    private static final Set<String> EXPORTED = Set.of("io.sharedmem", "io.sharedmem.ring", "io.sharedmem.header",
        "io.sharedmem.channel", "io.sharedmem.channel.spi");

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @Test
    void exportsThePublicApiOnlyAndProvidesTheShmScheme()
    {
        final ModuleDescriptor module = descriptor();
        assertEquals("io.sharedmem.core", module.name());
        assertEquals(EXPORTED, module.exports().stream().map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
        assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), module.toString());
        assertTrue(module.packages().containsAll(Set.of("io.sharedmem.block", "io.sharedmem.internal",
            "io.sharedmem.channel.shm")), module.packages().toString());
        assertTrue(module.requires().stream().anyMatch((r) -> "org.agrona".equals(r.name()) &&
            r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), module.toString());
        assertTrue(module.uses().contains("io.sharedmem.channel.spi.ChannelProvider"), module.toString());
        assertTrue(module.provides().stream().anyMatch((p) -> p.providers()
            .contains("io.sharedmem.channel.shm.ShmChannelProvider")), module.toString());
    }

    @Test
    void aUserModuleRunsARingAndAChannelOnTheModulePath(@TempDir final Path dir) throws Exception
    {
        final Path source = write(dir.resolve("src"), "example.user", """
            package example;

            import io.sharedmem.channel.Channels;
            import io.sharedmem.channel.MessageConsumer;
            import io.sharedmem.channel.MessageProducer;
            import io.sharedmem.ring.RingConsumer;
            import io.sharedmem.ring.RingProducer;
            import io.sharedmem.ring.SpscRing;
            import org.agrona.concurrent.UnsafeBuffer;

            public class Main
            {
                public static void main(final String[] args)
                {
                    final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                    message.putLong(0, 42);
                    final long[] got = new long[2];
                    try (SpscRing ring = SpscRing.create(args[0], 4096))
                    {
                        try (RingProducer producer = ring.producer();
                            RingConsumer consumer = ring.consumer())
                        {
                            producer.offer(1, message, 0, 8);
                            consumer.poll((type, buffer, index, length) -> got[0] = buffer.getLong(index), 1);
                        }
                        finally
                        {
                            ring.unlink();
                        }
                    }
                    try (MessageConsumer consumer = Channels.consumer("shm:" + args[1]);
                        MessageProducer producer = Channels.producer("shm:" + args[1]))
                    {
                        producer.offer(1, message, 0, 8);
                        consumer.poll((type, buffer, index, length) -> got[1] = buffer.getLong(index), 1);
                    }
                    System.out.println("got " + got[0] + " " + got[1] + " from module " +
                        SpscRing.class.getModule().getName());
                }
            }
            """);
        final Path classes = dir.resolve("classes");
        final String compiled = javac(source, classes);
        assertTrue(compiled.isEmpty(), compiled);

        final String name = blocks.newName("module");
        final String channel = blocks.newName("modulechannel");
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=org.agrona",
            "-Dsharedmem.dir=" + blocks.directory(),
            "--module-path", modulePath() + java.io.File.pathSeparator + classes,
            "--module", "example.user/example.Main", name, channel));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the module-path user did not end in 60 s");
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), out);
            assertTrue(out.contains("got 42 42 from module io.sharedmem.core"), out);
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    @Test
    void aUserModuleCannotReachTheImplementation(@TempDir final Path dir) throws Exception
    {
        final Path source = write(dir.resolve("src"), "example.intruder", """
            package example;

            public class Main
            {
                public static void main(final String[] args)
                {
                    System.out.println(io.sharedmem.internal.RoleSlot.class);
                }
            }
            """);
        final String compiled = javac(source, dir.resolve("classes"));
        assertNotEquals("", compiled);
        assertTrue(compiled.contains("package io.sharedmem.internal is not visible"), compiled);
    }

    private static ModuleDescriptor descriptor()
    {
        return ModuleFinder.of(classesOf(SpscRing.class)).find("io.sharedmem.core")
            .orElseThrow(() -> new AssertionError("no module io.sharedmem.core in " + classesOf(SpscRing.class)))
            .descriptor();
    }

    private static Path classesOf(final Class<?> type)
    {
        try
        {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * The library's classes and Agrona's jar: what a user puts on the module path.
     */
    private static String modulePath()
    {
        return classesOf(SpscRing.class) + java.io.File.pathSeparator + classesOf(UnsafeBuffer.class);
    }

    private static Path write(final Path root, final String module, final String main) throws IOException
    {
        final Path moduleRoot = root.resolve(module);
        Files.createDirectories(moduleRoot.resolve("example"));
        Files.writeString(moduleRoot.resolve("module-info.java"),
            "module " + module + " { requires io.sharedmem.core; }\n");
        Files.writeString(moduleRoot.resolve("example").resolve("Main.java"), main);
        return moduleRoot;
    }

    /**
     * Compiles a module against the library on the module path.
     *
     * @return javac's output: empty if it compiled cleanly.
     */
    private static String javac(final Path moduleRoot, final Path classes) throws IOException
    {
        final ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Stream<Path> sources = Files.walk(moduleRoot))
        {
            final List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path",
                modulePath()));
            sources.filter((p) -> p.toString().endsWith(".java")).forEach((p) -> args.add(p.toString()));
            try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8))
            {
                final int status = javac.run(print, print, args.toArray(new String[0]));
                final String text = out.toString(StandardCharsets.UTF_8);
                return 0 == status && !text.contains("error") ? "" : "javac " + status + ": " + text;
            }
        }
    }
}
