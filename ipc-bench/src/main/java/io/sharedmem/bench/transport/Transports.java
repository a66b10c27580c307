/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every transport of the suite, by name, in the order they are run and shown: this project's rings first, then the
 * raw-block floor, Agrona, Aeron, and the kernel's sockets and pipes. Immutable and thread-safe.
 */
public final class Transports
{
    private static final Map<String, Transport> BY_NAME = register(
        new SpscRingTransport(false),
        new SpscRingTransport(true),
        new MpscRingTransport(),
        new RawBlockTransport(),
        new AgronaRingTransport(false),
        new AgronaRingTransport(true),
        new AeronIpcTransport(false),
        new AeronIpcTransport(true),
        new SocketTransport(false, false),
        new SocketTransport(false, true),
        new SocketTransport(true, false),
        new SocketTransport(true, true),
        new PipeTransport(false),
        new PipeTransport(true));

    private Transports()
    {
    }

    /**
     * Every transport, in run order.
     *
     * @return an unmodifiable list.
     */
    public static List<Transport> all()
    {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * Every transport's name, in run order.
     *
     * @return an unmodifiable list.
     */
    public static List<String> names()
    {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The transport of that name.
     *
     * @param name a name from {@link #names()}.
     * @return the transport.
     * @throws IllegalArgumentException if there is none, listing the names there are.
     */
    public static Transport byName(final String name)
    {
        final Transport transport = BY_NAME.get(name);
        if (null == transport)
        {
            throw new IllegalArgumentException("no transport \"" + name + "\"; there are: " +
                String.join(", ", BY_NAME.keySet()));
        }
        return transport;
    }

    private static Map<String, Transport> register(final Transport... transports)
    {
        final Map<String, Transport> byName = new LinkedHashMap<>();
        for (final Transport transport : transports)
        {
            if (null != byName.put(transport.name(), transport))
            {
                throw new IllegalStateException("two transports named " + transport.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
