/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version {@code ipc --version} prints: the project version the build wrote into {@code version.properties}.
 * <p>
 * Stateless and thread-safe.
 */
public final class VersionProvider implements CommandLine.IVersionProvider
{
    /**
     * The project version, or {@code "unknown"} if the resource is missing (a build that skipped resources).
     *
     * @return the version.
     */
    public static String version()
    {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties"))
        {
            if (null != in)
            {
                final Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        }
        catch (final IOException ignore)
        {
            // Fall through to "unknown": the version is a courtesy, not worth failing a command for.
        }
        return "unknown";
    }

    @Override
    public String[] getVersion()
    {
        return new String[] {
            "ipc " + version() + " (SharedMem IPC)",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
