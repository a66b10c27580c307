/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import io.sharedmem.block.BlockDirectory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique block names for tests, and their removal after each test.
 * <p>
 * Register with {@code @RegisterExtension final TestBlocks blocks = new TestBlocks();} and take names from
 * {@link #newName(String)}. After each test every file in the block directory whose name starts with one of the
 * names handed out is removed, so a failing test leaves nothing behind. Not thread-safe.
 */
public final class TestBlocks implements AfterEachCallback
{
    /**
     * Prefix of every block name tests use, so leftovers are easy to spot and remove.
     */
    public static final String PREFIX = "smtest-";

    private final List<String> names = new ArrayList<>();

    /**
     * A block name no other test or run uses.
     *
     * @param purpose a word saying what the block is for, kept in the name to help debugging.
     * @return the name.
     */
    public String newName(final String purpose)
    {
        final String name = PREFIX + purpose + "-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        names.add(name);
        return name;
    }

    /**
     * The block directory tests use.
     *
     * @return the directory.
     */
    public Path directory()
    {
        return BlockDirectory.resolve();
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException
    {
        removeAll();
    }

    /**
     * Removes every file that starts with a name handed out, links included (never following them).
     *
     * @throws IOException if the directory cannot be read.
     */
    public void removeAll() throws IOException
    {
        final Path dir = directory();
        if (names.isEmpty() || !Files.isDirectory(dir))
        {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            for (final Path path : stream)
            {
                final String file = path.getFileName().toString();
                for (final String name : names)
                {
                    if (file.startsWith(name))
                    {
                        Files.deleteIfExists(path);
                        break;
                    }
                }
            }
        }
        names.clear();
    }
}
