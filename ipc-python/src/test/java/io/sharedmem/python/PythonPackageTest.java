/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.python;

import io.sharedmem.block.BlockDirectory;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python package on its own: it installs with {@code pip} into a fresh virtual environment without any network,
 * and its own tests ({@code ipc-python/tests}, unittest) pass, at the build's scale.
 */
class PythonPackageTest
{
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    @BeforeAll
    static void needsPython()
    {
        Assumptions.assumeTrue(PythonPeer.available(), "python3 is not installed");
    }

    @Test
    void pipInstallsThePackageIntoAFreshVirtualEnvironmentOffline() throws Exception
    {
        final Path venv = Path.of("target", "venv-" + ProcessHandle.current().pid()).toAbsolutePath();
        deleteTree(venv);
        try
        {
            final Processes.Result created = Processes.run(TIMEOUT, "python3", "-m", "venv", venv.toString());
            assertEquals(0, created.exitCode(), created.report());
            final Path python = venv.resolve("bin").resolve("python");
            final Map<String, String> offline = new HashMap<>();
            offline.put("PIP_NO_INDEX", "1");          // no package index: what needs downloading fails
            offline.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            offline.put("PYTHONPATH", null);
            final Processes.Result installed = Processes.run(TIMEOUT,
                List.of(python.toString(), "-m", "pip", "install", PythonPeer.root().toString()), null, offline,
                null);
            assertEquals(0, installed.exitCode(), installed.report());
            final Processes.Result imported = Processes.run(TIMEOUT,
                List.of(python.toString(), "-c", "import sharedmem, sys; print(sharedmem.__version__, " +
                    "sharedmem.__file__.startswith(sys.prefix))"), Path.of("/"), offline, null);
            assertEquals(0, imported.exitCode(), imported.report());
            assertEquals("0.1.0 True", imported.stdout().trim(), imported.report());
        }
        finally
        {
            deleteTree(venv);
        }
    }

    @Test
    void thePackagesOwnTestsPass()
    {
        final Map<String, String> env = new HashMap<>();
        env.put("PYTHONPATH", PythonPeer.root().toString());
        env.put("SHAREDMEM_TEST_SCALE", System.getProperty("sharedmem.test.scale", "quick"));
        final Processes.Result result = Processes.run(TIMEOUT,
            List.of("python3", "-m", "unittest", "discover", "-s", PythonPeer.root().resolve("tests").toString()),
            PythonPeer.root(), env, null);
        System.out.println(result.stderr());
        assertEquals(0, result.exitCode(), result.report());
        assertTrue(result.stderr().contains("\nOK"), result.report());
    }

    @Test
    void thePackagesTestsPassWithLibatomicForEveryAccess()
    {
        // The path every architecture other than x86-64 takes: each shared word through libatomic.
        Assumptions.assumeTrue(BlockDirectory.resolve().toString().length() > 0);
        final Map<String, String> env = new HashMap<>();
        env.put("PYTHONPATH", PythonPeer.root().toString());
        env.put("SHAREDMEM_ATOMICS", "libatomic");
        final Processes.Result result = Processes.run(TIMEOUT,
            List.of("python3", "-m", "unittest", "test_atomics", "test_spsc"),
            PythonPeer.root().resolve("tests"), env, null);
        assertEquals(0, result.exitCode(), result.report());
    }

    private static void deleteTree(final Path root) throws Exception
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }
}
