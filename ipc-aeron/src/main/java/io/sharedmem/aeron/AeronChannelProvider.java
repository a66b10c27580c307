/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.sharedmem.channel.ChannelString;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;
import io.sharedmem.channel.spi.ChannelProvider;

import java.util.Map;

/**
 * The {@code aeron:} scheme for {@link io.sharedmem.channel.Channels}: {@code aeron:udp?endpoint=HOST:PORT[|...]}
 * (or {@code aeron:ipc}) over Aeron, with an embedded media driver unless {@code aeron.dir} names a running one. The
 * parameters are {@link AeronOptions}'.
 * <p>
 * Thread-safe.
 */
public final class AeronChannelProvider implements ChannelProvider
{
    /**
     * The scheme.
     */
    public static final String SCHEME = "aeron";

    /**
     * Creates the provider; {@link java.util.ServiceLoader} does.
     */
    public AeronChannelProvider()
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
        return "aeron:udp?endpoint=HOST:PORT[|term-length=16m|mtu=1408|stream=1001|aeron.dir=DIR] - Aeron UDP " +
            "between hosts (module ipc-aeron)";
    }

    @Override
    public MessageProducer producer(final ChannelString channel)
    {
        return AeronOptions.from(channel).producer();
    }

    @Override
    public MessageConsumer consumer(final ChannelString channel)
    {
        return AeronOptions.from(channel).consumer();
    }

    @Override
    public Map<String, String> describe(final ChannelString channel)
    {
        return AeronOptions.from(channel).describe();
    }
}
