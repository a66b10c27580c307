/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.channel.spi;

import io.sharedmem.channel.ChannelString;
import io.sharedmem.channel.MessageConsumer;
import io.sharedmem.channel.MessageProducer;

import java.util.Map;

/**
 * A transport behind a channel scheme, found by {@link io.sharedmem.channel.Channels} through
 * {@link java.util.ServiceLoader}: a module lists its provider in
 * {@code META-INF/services/io.sharedmem.channel.spi.ChannelProvider}, and ipc-core never names the module. ipc-core
 * provides {@code shm:} (the local rings); {@code ipc-aeron} provides {@code aeron:}.
 * <p>
 * An implementation must be public with a public no-argument constructor, and thread-safe: several threads may open
 * channels through one instance at once.
 */
public interface ChannelProvider
{
    /**
     * The scheme this provider serves, lower case, without the colon: {@code shm}, {@code aeron}.
     *
     * @return the scheme.
     */
    String scheme();

    /**
     * One line saying what the scheme is and what a channel string of it looks like, for error messages and listings.
     *
     * @return such as {@code "shm:NAME[?capacity=64k|kind=spsc|mpsc] - a ring in a named shared-memory block"}.
     */
    String description();

    /**
     * Opens the sending end of a channel.
     *
     * @param channel the parsed channel string; its scheme is this provider's.
     * @return the producer; the caller closes it.
     * @throws IllegalArgumentException if the string is wrong for this scheme (an unknown parameter, a bad value),
     *                                  naming the string and what to change.
     * @throws io.sharedmem.SharedMemoryException if the channel cannot be opened on this machine.
     */
    MessageProducer producer(ChannelString channel);

    /**
     * Opens the receiving end of a channel.
     *
     * @param channel the parsed channel string; its scheme is this provider's.
     * @return the consumer; the caller closes it.
     * @throws IllegalArgumentException if the string is wrong for this scheme, naming the string and what to change.
     * @throws io.sharedmem.SharedMemoryException if the channel cannot be opened on this machine.
     */
    MessageConsumer consumer(ChannelString channel);

    /**
     * The settings a channel string resolves to, defaults included, without opening anything: what {@code ipc}
     * tools print before they open a channel.
     *
     * @param channel the parsed channel string.
     * @return names and values in a stable order.
     * @throws IllegalArgumentException if the string is wrong for this scheme.
     */
    Map<String, String> describe(ChannelString channel);
}
