/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import io.sharedmem.SharedMemoryException;
import io.sharedmem.header.BlockKind;
import io.sharedmem.header.HeaderSnapshot;
import io.sharedmem.header.RoleSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.header.ZoneDescriptor;
import io.sharedmem.internal.ProcessIdentity;
import io.sharedmem.ring.RingOptions;
import org.agrona.concurrent.broadcast.BroadcastBufferDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a tool can say about a formatted block, read with plain file reads (never mapped, never taking a role): the
 * validated header, the roles judged alive or dead, and for rings over Agrona's buffers the positions in Agrona's
 * trailer.
 * <p>
 * Immutable once read; not thread-safe to build.
 */
final class RingInfo
{
    private static final long LIVENESS_TIMEOUT_NS = RingOptions.LIVENESS_TIMEOUT_DEFAULT.toNanos();

    final HeaderSnapshot header;
    final long readAtNs = System.nanoTime();
    final long head;
    final long tail;
    final boolean tailExact;

    private RingInfo(final HeaderSnapshot header, final long head, final long tail, final boolean tailExact)
    {
        this.header = header;
        this.head = head;
        this.tail = tail;
        this.tailExact = tailExact;
    }

    /**
     * Reads a formatted block.
     *
     * @param name the block name, for messages.
     * @param path the file.
     * @return the information.
     * @throws SharedMemoryException if it is not a formatted block, or cannot be read.
     */
    static RingInfo read(final String name, final Path path)
    {
        final HeaderSnapshot header = HeaderSnapshot.read(name, path);
        final BlockKind kind = header.kind();
        if (BlockKind.MPSC == kind)
        {
            final ByteBuffer trailer = trailer(name, path, header);
            return new RingInfo(header, trailer.getLong(RingBufferDescriptor.HEAD_POSITION_OFFSET),
                trailer.getLong(RingBufferDescriptor.TAIL_POSITION_OFFSET), true);
        }
        if (BlockKind.BROADCAST == kind)
        {
            final ByteBuffer trailer = trailer(name, path, header);
            final long tail = trailer.getLong(BroadcastBufferDescriptor.TAIL_COUNTER_OFFSET);
            return new RingInfo(header, Math.max(0, tail - header.capacity()), tail, true);
        }
        return new RingInfo(header, header.head(), header.tailHint(), false);
    }

    private static ByteBuffer trailer(final String name, final Path path, final HeaderSnapshot header)
    {
        final ByteBuffer trailer = ByteBuffer.allocate(HeaderSnapshot.trailerLength(header.kind()))
            .order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            long position = header.payloadOffset() + header.capacity();
            while (trailer.hasRemaining())
            {
                final int n = channel.read(trailer, position);
                if (n <= 0)
                {
                    throw new SharedMemoryException(name, "block \"" + name + "\" ended before its ring trailer: " +
                        "truncated while being read");
                }
                position += n;
            }
            return trailer;
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryException(name, "cannot read block \"" + name + "\": " + ex, ex);
        }
    }

    long usedBytes()
    {
        return Math.max(0, Math.min(header.capacity(), tail - head));
    }

    RoleStatus status(final RoleSnapshot role)
    {
        return role.status(readAtNs, LIVENESS_TIMEOUT_NS);
    }

    /**
     * The lines {@code ipc info} prints after the file's own.
     *
     * @return text lines.
     */
    String[] lines()
    {
        final BlockKind kind = header.kind();
        final String label = BlockKind.describe(header.kindCode());
        final boolean ownRing = BlockKind.SPSC == kind;
        return new String[]
        {
            "ring:        " + label + ", capacity " + header.capacity() + " bytes (" + Sizes.human(header.capacity()) +
                "), largest message " + header.maxMsgLength() + " bytes, layout " + header.layoutVersion() +
                (0 != header.userTypeId() ? ", user type " + header.userTypeId() : ""),
            "created:     " + Instant.ofEpochMilli(header.creationTime()) + " by pid " + header.creatorPid() + " (" +
                describe(ProcessIdentity.status(header.creatorPid(), header.creatorStartTicks(),
                header.creatorBootIdHash(), header.creatorPidNamespace())) + ")",
            "positions:   head " + head + ", tail " + (tailExact ? "" : "~") + tail +
                (tailExact ? "" : " (published lazily)") + "; " + usedBytes() + " bytes used (" +
                String.format(Locale.ROOT, "%.1f", 100.0 * usedBytes() / header.capacity()) + " %)" +
                (ownRing ? zone() : ""),
            (BlockKind.BROADCAST == kind ? "transmitter: " : "producer:    ") +
                (BlockKind.MPSC == kind ? "any number, holding no role" : role(header.producer())),
            BlockKind.BROADCAST == kind ? "receivers:   any number, holding no role (lapped ones lose messages)" :
                "consumer:    " + role(header.consumer()) + (header.isConsumerSleeping() ? ", sleeping on its doorbell" :
                ""),
            ownRing ? "counters:    produced " + header.producedMessages() + " messages (" + header.producedBytes() +
                " bytes), consumed " + header.consumedMessages() + " messages (" + header.consumedBytes() +
                " bytes), " + header.fullStalls() + " full-ring stalls, " + (header.producer().takeovers() +
                header.consumer().takeovers()) + " takeovers" : "counters:    kept by Agrona, not in the header",
        };
    }

    private String zone()
    {
        switch (header.zoneState())
        {
            case ZoneDescriptor.NONE:
                return "";
            case ZoneDescriptor.LIFTED:
                return "; zone [" + header.zoneStart() + ", " + header.zoneEnd() + ") lifted from " + header.zoneLift();
            default:
                return "; skips zone [" + header.zoneStart() + ", " + header.zoneEnd() + ") every lap for pid " +
                    header.zoneFencedPid() + " (forced out, may still write)" +
                    (ZoneDescriptor.PENDING == header.zoneState() ? ", pending" : "");
        }
    }

    private String role(final RoleSnapshot role)
    {
        final RoleStatus status = status(role);
        if (RoleStatus.FREE == status)
        {
            return "none";
        }
        final long ageMs = TimeUnit.NANOSECONDS.toMillis(role.heartbeatAgeNs(readAtNs));
        return "pid " + role.holderPid() + ", " + status.name().toLowerCase(Locale.ROOT) +
            (role.isInfoCurrent() ? ", heartbeat " + ageMs + " ms ago" : "") + ", epoch " + role.epoch() +
            (role.takeovers() > 0 ? ", " + role.takeovers() + " takeover(s)" : "");
    }

    private static String describe(final io.sharedmem.internal.ProcessIdentity.Status status)
    {
        switch (status)
        {
            case ALIVE:
                return "running";
            case DEAD:
                return "gone";
            default:
                return "cannot tell from here";
        }
    }

    /**
     * The same as {@link #lines()}, as JSON-ready values.
     *
     * @return an ordered map.
     */
    Map<String, Object> json()
    {
        final Map<String, Object> ring = new LinkedHashMap<>();
        ring.put("kind", BlockKind.describe(header.kindCode()));
        ring.put("layoutVersion", header.layoutVersion());
        ring.put("capacity", header.capacity());
        ring.put("maxMsgLength", header.maxMsgLength());
        ring.put("userTypeId", header.userTypeId());
        ring.put("creatorPid", header.creatorPid());
        ring.put("creationTime", Instant.ofEpochMilli(header.creationTime()).toString());
        ring.put("head", head);
        ring.put("tail", tail);
        ring.put("tailExact", tailExact);
        ring.put("usedBytes", usedBytes());
        if (BlockKind.MPSC != header.kind())
        {
            ring.put(BlockKind.BROADCAST == header.kind() ? "transmitter" : "producer", roleJson(header.producer()));
        }
        if (BlockKind.BROADCAST != header.kind())
        {
            final Map<String, Object> consumer = roleJson(header.consumer());
            consumer.put("sleeping", header.isConsumerSleeping());
            ring.put("consumer", consumer);
        }
        if (BlockKind.SPSC == header.kind())
        {
            ring.put("producedMessages", header.producedMessages());
            ring.put("producedBytes", header.producedBytes());
            ring.put("consumedMessages", header.consumedMessages());
            ring.put("consumedBytes", header.consumedBytes());
            ring.put("fullStalls", header.fullStalls());
            ring.put("takeovers", header.producer().takeovers() + header.consumer().takeovers());
            final Map<String, Object> zone = new LinkedHashMap<>();
            zone.put("state", new String[] {"none", "pending", "active", "lifted"}[header.zoneState() & 3]);
            if (ZoneDescriptor.NONE != header.zoneState())
            {
                zone.put("start", header.zoneStart());
                zone.put("end", header.zoneEnd());
                zone.put("fencedPid", header.zoneFencedPid());
                zone.put("lift", ZoneDescriptor.LIFTED == header.zoneState() ? header.zoneLift() : null);
            }
            ring.put("zone", zone);
        }
        return ring;
    }

    private Map<String, Object> roleJson(final RoleSnapshot role)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        final RoleStatus status = status(role);
        json.put("status", status.name().toLowerCase(Locale.ROOT));
        json.put("pid", RoleStatus.FREE == status ? null : role.holderPid());
        json.put("heartbeatAgeMs", RoleStatus.FREE == status || !role.isInfoCurrent() ? null :
            TimeUnit.NANOSECONDS.toMillis(role.heartbeatAgeNs(readAtNs)));
        json.put("epoch", role.epoch());
        json.put("takeovers", role.takeovers());
        return json;
    }
}
