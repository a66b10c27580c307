/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The transports the bench compares, one class per kind (rings, raw block, Agrona, Aeron IPC and UDP, TCP, Unix
 * sockets, pipes, Python), and their one registry ({@link io.sharedmem.bench.transport.Transports}: names, order,
 * colour group, availability).
 */
package io.sharedmem.bench.transport;
