/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel;

import io.sharedmem.channel.spi.ChannelProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one entry point from a channel string to a producer or consumer, so application code never names a transport:
 * <pre>{@code
 * MessageProducer producer = Channels.producer("shm:orders?capacity=1m");                // a ring on this host
 * MessageConsumer consumer = Channels.consumer("aeron:udp?endpoint=10.0.0.2:40123");     // Aeron UDP across hosts
 * }</pre>
 * Built in: {@code shm:NAME[?capacity=64k|kind=spsc|dir=/dev/shm|pre-touch=false|liveness-timeout=5s|keep=false]}
 * (an SPSC ring by default, {@code kind=mpsc} for many producers; the README's "Channel strings" explains each). Other schemes come from modules on the class path, found through
 * {@link ServiceLoader} ({@link ChannelProvider}): {@code aeron:} from {@code ipc-aeron}.
 * <p>
 * An unknown scheme, a malformed string or a scheme whose module is missing is refused with an
 * {@link IllegalArgumentException} that names the string and what to add or change.
 * <p>
 * Thread-safe: static methods only. Providers are looked up on every call, through the thread's context class loader
 * and then this class's; opening a channel is not a hot path.
 */
public final class Channels
{
    /**
     * Schemes whose providers live in modules of this project, and what to add for each.
     */
    private static final Map<String, String> KNOWN_MODULES = Map.of(
        "aeron", "the ipc-aeron module (Maven io.sharedmem:ipc-aeron, or ipc-aeron/target/ipc-aeron.jar) and Aeron " +
            "(io.aeron:aeron-driver) to the class path");

    private Channels()
    {
    }

    /**
     * Opens the sending end of a channel.
     *
     * @param channel such as {@code shm:orders?capacity=1m} or {@code aeron:udp?endpoint=10.0.0.2:40123}.
     * @return the producer; close it when done.
     * @throws IllegalArgumentException           if the string is malformed, its scheme unknown or its module missing,
     *                                            or a parameter is wrong; the message names the string.
     * @throws io.sharedmem.SharedMemoryException if the channel cannot be opened on this machine (a ring's role is
     *                                            taken, a media driver cannot start, ...).
     */
    public static MessageProducer producer(final String channel)
    {
        final ChannelString parsed = ChannelString.parse(channel);
        return provider(parsed).producer(parsed);
    }

    /**
     * Opens the receiving end of a channel.
     *
     * @param channel such as {@code shm:orders} or {@code aeron:udp?endpoint=10.0.0.2:40123}.
     * @return the consumer; close it when done.
     * @throws IllegalArgumentException           if the string is malformed, its scheme unknown or its module missing,
     *                                            or a parameter is wrong; the message names the string.
     * @throws io.sharedmem.SharedMemoryException if the channel cannot be opened on this machine.
     */
    public static MessageConsumer consumer(final String channel)
    {
        final ChannelString parsed = ChannelString.parse(channel);
        return provider(parsed).consumer(parsed);
    }

    /**
     * The settings a channel string resolves to, defaults included, without opening anything.
     *
     * @param channel the channel string.
     * @return names and values in a stable order, starting with {@code channel}.
     * @throws IllegalArgumentException as {@link #producer(String)} does for a bad string.
     */
    public static Map<String, String> describe(final String channel)
    {
        final ChannelString parsed = ChannelString.parse(channel);
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("channel", parsed.text());
        settings.putAll(provider(parsed).describe(parsed));
        return settings;
    }

    /**
     * One line per scheme available on this class path: its description.
     *
     * @return the descriptions, {@code shm} first.
     */
    public static List<String> schemes()
    {
        final Lookup lookup = lookUp(null);
        final List<String> schemes = new ArrayList<>();
        for (final ChannelProvider provider : lookup.found)
        {
            schemes.add(provider.description());
        }
        return schemes;
    }

    private static ChannelProvider provider(final ChannelString channel)
    {
        final Lookup lookup = lookUp(channel.scheme());
        if (null != lookup.match)
        {
            return lookup.match;
        }
        final StringBuilder message = new StringBuilder();
        final String module = KNOWN_MODULES.get(channel.scheme());
        if (null != module)
        {
            message.append("scheme \"").append(channel.scheme()).append(":\" needs ").append(module);
        }
        else
        {
            message.append("unknown scheme \"").append(channel.scheme()).append(":\"; schemes here: ");
            for (int i = 0; i < lookup.found.size(); i++)
            {
                message.append(0 == i ? "" : "; ").append(lookup.found.get(i).description());
            }
            KNOWN_MODULES.forEach((scheme, what) -> message.append("; ").append(scheme).append(": needs ").append(what));
        }
        if (null != lookup.failure)
        {
            message.append(" (a channel provider on the class path failed to load: ").append(lookup.failure)
                .append(")");
        }
        throw channel.error(message.toString());
    }

    /**
     * Finds the providers: the one for a scheme, or all of them.
     *
     * @param scheme the scheme wanted, or {@code null} to list all.
     */
    private static Lookup lookUp(final String scheme)
    {
        final Lookup lookup = new Lookup();
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        final ClassLoader own = Channels.class.getClassLoader();
        for (final ClassLoader loader : null == context || context == own ?
            new ClassLoader[]{ own } : new ClassLoader[]{ context, own })
        {
            final var iterator = ServiceLoader.load(ChannelProvider.class, loader).iterator();
            // A broken provider throws once and is skipped; the bound keeps a broken configuration from looping.
            for (int errors = 0; errors < 16; )
            {
                final ChannelProvider provider;
                try
                {
                    if (!iterator.hasNext())
                    {
                        break;
                    }
                    provider = iterator.next();
                }
                catch (final ServiceConfigurationError | LinkageError ex)
                {
                    lookup.failure = String.valueOf(ex.getMessage());
                    errors++;
                    continue;
                }
                if (null != scheme && scheme.equals(provider.scheme()))
                {
                    lookup.match = provider;
                    return lookup;
                }
                if (lookup.found.stream().noneMatch((p) -> p.scheme().equals(provider.scheme())))
                {
                    lookup.found.add(provider);
                }
            }
        }
        lookup.found.sort((a, b) -> "shm".equals(a.scheme()) ? -1 : "shm".equals(b.scheme()) ? 1 :
            a.scheme().compareTo(b.scheme()));
        return lookup;
    }

    private static final class Lookup
    {
        final List<ChannelProvider> found = new ArrayList<>();
        ChannelProvider match;
        String failure;
    }
}
