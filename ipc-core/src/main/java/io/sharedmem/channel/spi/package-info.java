/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The service-provider interface behind channel strings: {@link io.sharedmem.channel.spi.ChannelProvider}, one per
 * scheme, found through {@link java.util.ServiceLoader}.
 */
package io.sharedmem.channel.spi;
