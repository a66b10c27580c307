/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * One producer/consumer API over any transport, chosen by a channel string: {@link io.sharedmem.channel.Channels}
 * turns {@code shm:orders} (a ring on this host) or {@code aeron:udp?endpoint=host:port} (Aeron UDP, from the
 * {@code ipc-aeron} module) into a {@link io.sharedmem.channel.MessageProducer} or
 * {@link io.sharedmem.channel.MessageConsumer}, so moving a consumer to another host is a one-string change.
 */
package io.sharedmem.channel;
