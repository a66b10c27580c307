/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code aeron:} channel: {@link io.sharedmem.channel.MessageProducer} and
 * {@link io.sharedmem.channel.MessageConsumer} over Aeron UDP ({@link io.sharedmem.aeron.AeronProducer},
 * {@link io.sharedmem.aeron.AeronConsumer}), configured by a channel string or {@link io.sharedmem.aeron.AeronOptions},
 * found by {@link io.sharedmem.channel.Channels} through {@link io.sharedmem.aeron.AeronChannelProvider}.
 */
package io.sharedmem.aeron;
