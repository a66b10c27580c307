/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.shm;

import io.sharedmem.block.BlockDirectory;
import io.sharedmem.block.BlockNames;
import io.sharedmem.channel.ChannelString;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.channel.spi.ChannelProvider;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.RingConsumer;
import io.sharedmem.ring.RingOptions;
import io.sharedmem.ring.RingProducer;
import io.sharedmem.ring.SpscRing;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code shm:} scheme: a ring in a named shared-memory block on this host.
 * <pre>
 * shm:NAME[?capacity=64k|kind=spsc|dir=/dev/shm|pre-touch=false|liveness-timeout=5s|keep=false]
 * </pre>
 * <ul>
 *     <li>{@code NAME}: the block's name ({@code /dev/shm/NAME} on Linux); the ring is created by whichever side comes
 *     first and attached by the other.</li>
 *     <li>{@code capacity}: the data region if the ring is created, a power of two from 64 bytes to 1g (default 64k);
 *     the largest message is an eighth of it.</li>
 *     <li>{@code kind}: {@code spsc} (default: {@link SpscRing}, one producer process, one consumer process) or
 *     {@code mpsc} ({@link MpscRing}: any number of producers, through {@link MpscProducer} and
 *     {@link MpscConsumer}).</li>
 *     <li>{@code dir}: the block directory instead of the default ({@code sharedmem.dir}, {@code SHAREDMEM_DIR},
 *     {@code /dev/shm}).</li>
 *     <li>{@code pre-touch}, {@code liveness-timeout}: as {@link RingOptions}.</li>
 *     <li>{@code keep}: {@code true} never removes the ring on close; by default an SPSC channel's last side out
 *     removes it, except a producer that closes before any consumer consumed from it while messages wait, which
 *     leaves them for the consumer. MPSC rings are never removed on close (their producers hold no role, so no side
 *     can tell it is the last).</li>
 * </ul>
 * The delivery contract is the ring's ({@code docs/RINGS.md}): every committed message is delivered, in order; after
 * a consumer crash the batch in flight is delivered again. Messages offered while no consumer is attached wait in the
 * ring, up to its capacity.
 * <p>
 * Thread-safe.
 */
public final class ShmChannelProvider implements ChannelProvider
{
    /**
     * The scheme.
     */
    public static final String SCHEME = "shm";

    private static final List<String> KNOWN = List.of(
        "capacity", "kind", "dir", "pre-touch", "liveness-timeout", "keep");

    /**
     * Creates the provider; {@link java.util.ServiceLoader} does.
     */
    public ShmChannelProvider()
    {
    }

    @Override
    public String scheme()
    {
        return SCHEME;
    }

    @Override
    public String description()
    {
        return "shm:NAME[?capacity=64k|kind=spsc|mpsc|dir=DIR|keep=false] - a ring in a named shared-memory block on " +
            "this host";
    }

    @Override
    public MessageProducer producer(final ChannelString channel)
    {
        final Settings settings = new Settings(channel);
        if (settings.mpsc)
        {
            return new MpscProducer(settings.options.createOrAttachMpsc(settings.name), settings.livenessTimeout);
        }
        final SpscRing ring = settings.options.createOrAttach(settings.name);
        try
        {
            final RingProducer producer = ring.producer();
            return new ShmProducer(channel.text(), ring, producer, settings.keep);
        }
        catch (final RuntimeException ex)
        {
            ring.close();
            throw ex;
        }
    }

    @Override
    public MessageConsumer consumer(final ChannelString channel)
    {
        final Settings settings = new Settings(channel);
        if (settings.mpsc)
        {
            final MpscRing ring = settings.options.createOrAttachMpsc(settings.name);
            try
            {
                return new MpscConsumer(ring, settings.livenessTimeout);
            }
            catch (final RuntimeException ex)
            {
                ring.close();
                throw ex;
            }
        }
        final SpscRing ring = settings.options.createOrAttach(settings.name);
        try
        {
            final RingConsumer consumer = ring.consumer();
            return new ShmConsumer(channel.text(), ring, consumer, settings.keep);
        }
        catch (final RuntimeException ex)
        {
            ring.close();
            throw ex;
        }
    }

    @Override
    public Map<String, String> describe(final ChannelString channel)
    {
        final Settings settings = new Settings(channel);
        final Map<String, String> described = new LinkedHashMap<>();
        described.put("kind", settings.mpsc ? "mpsc-ring" : "spsc-ring");
        described.put("ring", settings.name);
        described.put("path", settings.directory.resolve(settings.name).toString());
        described.put("capacity_if_created", Long.toString(settings.capacity));
        described.put("max_message_if_created", Long.toString(settings.capacity / 8));
        described.put("liveness_timeout", settings.livenessTimeout.toString());
        described.put("removed_on_close", settings.mpsc || settings.keep ? "never" : "by the last side out");
        return described;
    }

    /**
     * A channel string's settings, checked.
     */
    private static final class Settings
    {
        final String name;
        final boolean mpsc;
        final boolean keep;
        final long capacity;
        final Path directory;
        final Duration livenessTimeout;
        final RingOptions options;

        Settings(final ChannelString channel)
        {
            channel.requireKnown(KNOWN);
            try
            {
                name = BlockNames.normalise(channel.target());
            }
            catch (final IllegalArgumentException ex)
            {
                throw channel.error("the ring name is invalid: " + ex.getMessage() + "; expected shm:NAME, such as " +
                    "shm:orders");
            }
            final String kind = channel.param("kind");
            if (null != kind && !"spsc".equals(kind) && !"mpsc".equals(kind))
            {
                throw channel.error("parameter kind=" + kind + " is not spsc or mpsc");
            }
            mpsc = "mpsc".equals(kind);
            keep = channel.bool("keep", false);
            capacity = channel.size("capacity", RingOptions.CAPACITY_DEFAULT);
            final String dir = channel.param("dir");
            directory = null == dir ? BlockDirectory.resolve() : Paths.get(dir);
            livenessTimeout = channel.duration("liveness-timeout", RingOptions.LIVENESS_TIMEOUT_DEFAULT);
            try
            {
                options = SpscRing.options()
                    .capacity((int)Math.min(Integer.MAX_VALUE, capacity))
                    .directory(null == dir ? null : directory)
                    .preTouch(channel.bool("pre-touch", false))
                    .livenessTimeout(livenessTimeout);
            }
            catch (final IllegalArgumentException ex)
            {
                throw channel.error(ex.getMessage());
            }
        }
    }
}
