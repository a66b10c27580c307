/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */

/**
 * SharedMem IPC: named shared-memory blocks, and rings laid over them for producer and consumer processes.
 * <p>
 * Exported: {@link io.sharedmem} (blocks and the exceptions), {@link io.sharedmem.ring} (rings),
 * {@link io.sharedmem.header} (the layout descriptors and the snapshots tools read), {@link io.sharedmem.channel}
 * and {@link io.sharedmem.channel.spi} (producers and consumers chosen by a channel string, and the interface a
 * transport module provides). The rest ({@code io.sharedmem.block}: files and mappings, {@code io.sharedmem.internal}:
 * roles, heartbeats, header formatting, crash points, {@code io.sharedmem.channel.shm}: the {@code shm:} provider) is
 * the implementation. On the class path, as the project's own tools use it, the jar works as before.
 * <p>
 * On the module path Agrona is the automatic module {@code org.agrona}, and needs
 * {@code --add-exports java.base/jdk.internal.misc=org.agrona} on Java 17.
 */
@SuppressWarnings("requires-transitive-automatic")   // Agrona has no module descriptor, only a name
module io.sharedmem.core
{
    requires transitive org.agrona;

    exports io.sharedmem;
    exports io.sharedmem.ring;
    exports io.sharedmem.header;
    exports io.sharedmem.channel;
    exports io.sharedmem.channel.spi;

    uses io.sharedmem.channel.spi.ChannelProvider;

    provides io.sharedmem.channel.spi.ChannelProvider with io.sharedmem.channel.shm.ShmChannelProvider;
}
