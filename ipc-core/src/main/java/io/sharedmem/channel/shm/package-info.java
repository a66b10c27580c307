/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code shm:} channel scheme: the local rings behind {@link io.sharedmem.channel.MessageProducer} and
 * {@link io.sharedmem.channel.MessageConsumer}. {@link io.sharedmem.channel.shm.ShmChannelProvider} parses
 * {@code shm:NAME?...}; {@link io.sharedmem.channel.shm.MpscProducer} and {@link io.sharedmem.channel.shm.MpscConsumer}
 * adapt an {@link io.sharedmem.ring.MpscRing} to the interfaces.
 */
package io.sharedmem.channel.shm;
