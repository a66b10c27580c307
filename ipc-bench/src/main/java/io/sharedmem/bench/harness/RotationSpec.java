/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedmem.bench.transport.LinkSpec;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.block.BlockDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the two peers of a rotation agree on, passed to both as JSON on their command lines: the transports taking
 * turns (often just one), the message size, where to meet, and the schedule. Each transport warms up for
 * {@code warmUpNs} per phase (times its warm-up factor), then is measured for {@link #rounds()} turns of
 * {@code sliceNs} per phase, each turn starting with {@code leadInNs} that is not measured, with a placement probe of
 * {@code probeNs} between every two turns.
 *
 * @param transports       the transports, in the order of the first round.
 * @param size             message length in bytes.
 * @param capacity         data capacity of every shared-memory ring, a power of two.
 * @param directory        the rotation's private directory, created by the orchestrator.
 * @param blockPrefix      the rotation's unique prefix for block names.
 * @param aeronDirectory   the rotation's Aeron directory (each Aeron transport gets one inside).
 * @param connectTimeoutNs how long a side waits for the other to appear.
 * @param warmUpNs         warm-up per transport and phase, before its factor.
 * @param measureNs        measured time per transport and phase, at least.
 * @param sliceNs          the measured part of one turn.
 * @param leadInNs         the unmeasured start of each turn, while the transport's cache lines come back.
 * @param probeNs          the longest placement probe.
 */
public record RotationSpec(
    List<String> transports,
    int size,
    int capacity,
    Path directory,
    String blockPrefix,
    Path aeronDirectory,
    long connectTimeoutNs,
    long warmUpNs,
    long measureNs,
    long sliceNs,
    long leadInNs,
    long probeNs)
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if there is no transport, an unknown one, or a length is out of range.
     */
    public RotationSpec
    {
        transports = List.copyOf(transports);
        if (transports.isEmpty())
        {
            throw new IllegalArgumentException("a rotation needs at least one transport");
        }
        transports.forEach(Transports::byName);
        if (sliceNs <= 0 || leadInNs < 0 || probeNs <= 0 || warmUpNs < 0 || measureNs <= 0 || connectTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("turn, probe and measured lengths must be positive, warm-ups not " +
                "negative");
        }
    }

    /**
     * How many measured rounds: enough turns for each phase to be measured at least {@code measureNs}.
     *
     * @return at least 1.
     */
    public int rounds()
    {
        return (int)Math.max(1, (measureNs + sliceNs - 1) / sliceNs);
    }

    /**
     * Where and how one transport's sides meet: names of its own under the rotation's.
     *
     * @param index the transport's index in {@link #transports()}.
     * @return the transport's spec.
     */
    public LinkSpec link(final int index)
    {
        return new LinkSpec(transports.get(index), size, capacity, directory.resolve("t" + index),
            blockPrefix + "t" + index + "-", aeronDirectory.resolve("t" + index), connectTimeoutNs);
    }

    /**
     * The warm-up of one transport per phase: {@code warmUpNs} times its factor.
     *
     * @param index the transport's index.
     * @return nanoseconds.
     */
    public long warmUpNs(final int index)
    {
        return (long)(warmUpNs * Transports.byName(transports.get(index)).warmUpFactor());
    }

    /**
     * The spec as one line of JSON.
     *
     * @return the text {@link #fromJson} reads back.
     */
    public String toJson()
    {
        try
        {
            return JSON.writeValueAsString(this);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot encode the rotation spec", ex);
        }
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param json the text.
     * @return the spec.
     * @throws IllegalArgumentException if it is not a valid spec.
     */
    public static RotationSpec fromJson(final String json)
    {
        try
        {
            return JSON.readValue(json, RotationSpec.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("not a rotation spec: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Removes everything the rotation may have left: its private directory (sockets, FIFOs), its Aeron directory and
     * every block whose name starts with its prefix. Removing a name never disturbs a process that still has the file
     * mapped, so this is safe at any time, from any thread.
     *
     * @return the paths that could not be removed, with the reason; empty when all is clean.
     */
    public List<String> removeFiles()
    {
        final List<Path> paths = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        for (final Path root : List.of(directory, aeronDirectory))
        {
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS))
            {
                try (Stream<Path> tree = Files.walk(root))
                {
                    tree.sorted(Comparator.reverseOrder()).forEach(paths::add);
                }
                catch (final IOException | UncheckedIOException ex)
                {
                    failures.add(root + ": " + ex.getMessage());
                }
            }
        }
        final Path blocks = BlockDirectory.resolve();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(blocks, blockPrefix + "*"))
        {
            stream.forEach(paths::add);
        }
        catch (final NoSuchFileException ignore)
        {
            // No block directory: no blocks.
        }
        catch (final IOException ex)
        {
            failures.add(blocks + ": " + ex.getMessage());
        }
        for (final Path path : paths)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ex)
            {
                failures.add(path + ": " + ex);
            }
        }
        return failures;
    }
}
