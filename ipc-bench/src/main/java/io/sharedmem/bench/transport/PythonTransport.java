/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.bench.harness.RotationSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transports with a Python side: both peers are {@code python3} processes running the harness loop of
 * {@code ipc-python/bench/pybench.py} ({@code python-ring}, {@code python-queue}, {@code python-pipe}), or the
 * initiator is a JVM and the responder Python ({@code java-python-ring}, {@code java-python-tcp}). The Python side
 * uses the {@code sharedmem} package; both travel inside this jar and are unpacked into the rotation's directory by
 * {@link #prepare}, so the bench needs only a {@code python3} (3.9 or newer) on the {@code PATH}: where there is none,
 * these transports say so and the rest run.
 * <p>
 * A Python peer speaks the rotation protocol ({@code RotationSpec} in, one report line out), so these run in pairs of
 * their own. Stateless and thread-safe.
 */
final class PythonTransport extends Transport
{
    private static final String RESOURCES = "/python/";
    static final List<String> FILES = List.of(
        "bench/pybench.py", "sharedmem/__init__.py", "sharedmem/_atomic.py", "sharedmem/_header.py",
        "sharedmem/_identity.py", "sharedmem/_names.py", "sharedmem/_ring.py", "sharedmem/_roles.py",
        "sharedmem/_zone.py", "sharedmem/block.py", "sharedmem/errors.py", "sharedmem/layout.py",
        "sharedmem/mpsc.py", "sharedmem/spsc.py");

    /**
     * What runs on each side.
     */
    enum Kind
    {
        /** Two Python processes, a sharedmem SPSC ring each way. */
        RING("python-ring", Transports.Group.OURS, false,
            "two Python processes, the sharedmem package's SPSC ring each way (offer / poll, busy-spin)"),
        /** Two Python processes, multiprocessing.Queue each way. */
        QUEUE("python-queue", Transports.Group.KERNEL, false,
            "two Python processes, multiprocessing.Queue each way (put / get, blocking)"),
        /** Two Python processes, one duplex multiprocessing.Pipe. */
        PIPE("python-pipe", Transports.Group.KERNEL, false,
            "two Python processes, one duplex multiprocessing.Pipe (send_bytes / recv_bytes, blocking)"),
        /** A JVM initiator and a Python responder over this project's SPSC rings. */
        JAVA_RING("java-python-ring", Transports.Group.OURS, true,
            "a JVM producing into (and consuming from) this project's SPSC rings, a Python process on the other side"),
        /** A JVM initiator and a Python responder over TCP. */
        JAVA_TCP("java-python-tcp", Transports.Group.KERNEL, true,
            "a JVM and a Python process over TCP loopback, TCP_NODELAY, blocking");

        final String label;
        final Transports.Group group;
        final boolean javaInitiator;
        final String description;

        Kind(final String label, final Transports.Group group, final boolean javaInitiator, final String description)
        {
            this.label = label;
            this.group = group;
            this.javaInitiator = javaInitiator;
            this.description = description;
        }
    }

    private final Kind kind;

    PythonTransport(final Kind kind)
    {
        super(kind.label, kind.group, kind.description);
        this.kind = kind;
    }

    @Override
    public String unavailableReason()
    {
        if (null == Transports.onPath("python3"))
        {
            return "python3 is not on the PATH (the Python transports need Python 3.9 or newer)";
        }
        return null == PythonTransport.class.getResource(RESOURCES + FILES.get(0)) ?
            "this jar carries no Python side (built without ipc-python)" : null;
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("peers", kind.javaInitiator ? "initiator: JVM (harness loop); responder: python3 (pybench.py)" :
            "initiator and responder: python3 (pybench.py, the harness loop in Python)");
        switch (kind)
        {
            case RING, JAVA_RING ->
            {
                settings.put("memory", "one sharedmem/io.sharedmem SPSC ring per direction, capacity " +
                    spec.capacity() + ", blocks " + spec.blockPrefix() + "ab / ba");
                settings.put("python", "Producer.offer(1, bytes); Consumer.poll(handler, limit) with a memoryview " +
                    "of each payload; busy-spin");
            }
            case QUEUE -> settings.put("python", "multiprocessing.Queue per direction: put(bytes) (pickled, feeder " +
                "thread), get() blocking; the responder is forked by the initiator (a queue has no name)");
            case PIPE -> settings.put("python", "multiprocessing.Pipe(duplex=True): send_bytes / recv_bytes, " +
                "blocking; the responder is forked by the initiator (a pipe has no name)");
            case JAVA_TCP -> settings.put("socket", "TCP over loopback, TCP_NODELAY, blocking; the JVM listens");
            default -> throw new IllegalStateException(kind.toString());
        }
        settings.put("checks", "every byte of every message, both sides (MessagePattern)");
        return settings;
    }

    @Override
    public String refusal(final LinkSpec spec)
    {
        final boolean ring = Kind.RING == kind || Kind.JAVA_RING == kind;
        return ring && spec.size() > spec.capacity() / 8 ? name() + " takes messages up to capacity / 8 = " +
            spec.capacity() / 8 + " bytes, not " + spec.size() + "; raise --capacity" : null;
    }

    /**
     * Unpacks the Python side (pybench.py and the sharedmem package) into the transport's directory.
     */
    @Override
    public void prepare(final LinkSpec spec) throws IOException
    {
        final Path root = spec.directory().resolve("python");
        for (final String file : FILES)
        {
            final Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = PythonTransport.class.getResourceAsStream(RESOURCES + file))
            {
                if (null == in)
                {
                    throw new IOException("this jar lacks " + RESOURCES + file + " (built without ipc-python?)");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public List<String> peerCommand(final Side side, final String specJson)
    {
        if (kind.javaInitiator && Side.INITIATOR == side)
        {
            return null;
        }
        final Path script = RotationSpec.fromJson(specJson).link(0).directory().resolve("python")
            .resolve("bench").resolve("pybench.py");
        return List.of(Transports.onPath("python3").toString(), "-u", script.toString(), "rotation", side.label(),
            specJson);
    }

    /**
     * The JVM side of {@code java-python-ring} and {@code java-python-tcp}: what {@code spsc-ring} and {@code tcp}
     * open for their initiator.
     */
    @Override
    public Link open(final Side side, final LinkSpec spec) throws Exception
    {
        switch (kind)
        {
            case JAVA_RING:
                return new RingTransport.Spsc(false).open(side, spec);
            case JAVA_TCP:
                return new SocketTransport(false, false).open(side, spec);
            default:
                throw new UnsupportedOperationException(name() + " has no JVM side: both peers are Python");
        }
    }
}
