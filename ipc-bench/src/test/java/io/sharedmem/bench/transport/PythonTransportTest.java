/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Python side the bench jar carries is the whole package: a module added to {@code ipc-python/sharedmem} must
 * be listed in {@link PythonTransport#FILES}, or a Python peer would fail to import it.
 */
class PythonTransportTest
{
    @Test
    void theJarCarriesEveryModuleOfThePackage() throws IOException
    {
        final Path package_ = Path.of(System.getProperty("basedir", "."), "..", "ipc-python", "sharedmem");
        try (Stream<Path> files = Files.list(package_))
        {
            final List<String> modules = files.map((p) -> "sharedmem/" + p.getFileName())
                .filter((name) -> name.endsWith(".py")).sorted().toList();
            assertEquals(modules, PythonTransport.FILES.stream().filter((f) -> f.startsWith("sharedmem/")).sorted()
                .toList());
        }
        for (final String file : PythonTransport.FILES)
        {
            assertNotNull(PythonTransport.class.getResource("/python/" + file), file + " is not in the jar");
        }
    }
}
