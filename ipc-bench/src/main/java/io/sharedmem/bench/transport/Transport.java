/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.List;
import java.util.Map;

/**
 * A way to move messages between two processes, benchmarked side by side with the others: one small class per
 * transport, stateless, listed once in {@link Transports}.
 * <p>
 * The orchestrator calls {@link #prepare(LinkSpec)} before it starts the two peer processes of a rotation; each
 * peer then calls {@link #open(Side, LinkSpec)} for its side and drives the returned {@link Link} with the shared
 * harness loop. Peers are JVMs running the harness unless {@link #peerCommand} names another program. Subclasses
 * must be stateless (hence thread-safe), and their links must allocate nothing per message.
 */
public abstract class Transport
{
    private final String name;
    private final Transports.Group group;
    private final String description;

    /**
     * Describes the transport.
     *
     * @param name        the name used in {@code --transports}, the console table and {@code results.json}.
     * @param group       the family it belongs to, which gives its colour in charts.
     * @param description one line saying what it is, for {@code --help} and the report.
     */
    protected Transport(final String name, final Transports.Group group, final String description)
    {
        this.name = name;
        this.group = group;
        this.description = description;
    }

    /**
     * The name, such as {@code tcp-spin}.
     *
     * @return the name.
     */
    public final String name()
    {
        return name;
    }

    /**
     * The family, which gives the colour in charts.
     *
     * @return the group.
     */
    public final Transports.Group group()
    {
        return group;
    }

    /**
     * One line saying what this is.
     *
     * @return the description.
     */
    public final String description()
    {
        return description;
    }

    /**
     * The configuration of this transport, printed before the run and recorded with every result: a comparison
     * against a misconfigured peer is worthless, so anything that changes its speed belongs here.
     *
     * @param spec where and how the two sides meet.
     * @return setting names and values, in a stable order.
     */
    public abstract Map<String, String> settings(LinkSpec spec);

    /**
     * Whether a one-way throughput phase makes sense: the raw-block ping-pong moves one word each way and has no
     * queue to stream through, so it is measured for round trips only.
     *
     * @return {@code true} unless round trips are all this transport measures.
     */
    public boolean measuresThroughput()
    {
        return true;
    }

    /**
     * Whether senders write in place ({@link ClaimingSender}: claim, write, commit) instead of copying.
     *
     * @return {@code true} for the zero-copy variants.
     */
    public boolean zeroCopy()
    {
        return false;
    }

    /**
     * How much longer than planned this transport's warm-ups must be; Aeron needs several seconds.
     *
     * @return a factor of at least 1.
     */
    public double warmUpFactor()
    {
        return 1.0;
    }

    /**
     * Whether this transport takes turns with the others in one pair of JVMs, so that each is measured in the same
     * vCPU placements (the shared-memory transports); the kernel's sockets and pipes, far slower and little moved by
     * placement, run in a pair of their own.
     *
     * @return {@code true} for shared-memory transports.
     */
    public boolean takesTurns()
    {
        return false;
    }

    /**
     * Why this transport cannot run on this machine (a tool missing, privileges lacking), or {@code null} if it
     * can. A transport that cannot run keeps its place in the results, with this as its {@code error}.
     *
     * @return the reason, or {@code null}.
     */
    public String unavailableReason()
    {
        return null;
    }

    /**
     * Why this transport cannot carry these messages (too large for its ring), or {@code null} if it can. Checked
     * before any process starts; the transport is then reported as failed with this as its error.
     *
     * @param spec where and how the two sides meet.
     * @return the reason, or {@code null}.
     */
    public String refusal(final LinkSpec spec)
    {
        return null;
    }

    /**
     * Prepares what both sides need before either starts, in the orchestrating JVM (FIFOs, for instance). The
     * orchestrator removes the spec's directories and blocks afterwards, whatever happened.
     *
     * @param spec where and how the two sides meet.
     * @throws Exception if the preparation fails; the transport is then reported as failed with the message.
     */
    public void prepare(final LinkSpec spec) throws Exception
    {
    }

    /**
     * Undoes {@link #prepare(LinkSpec)} in the orchestrating JVM once both peers are gone, whatever happened: after a
     * normal end, after a failure (also of {@code prepare} itself, half way), and from the shutdown hook on Ctrl-C.
     * It must therefore be idempotent and safe to call concurrently with itself.
     *
     * @param spec where and how the two sides met.
     * @return what could not be removed, with the reason; empty when all is clean.
     */
    public List<String> release(final LinkSpec spec)
    {
        return List.of();
    }

    /**
     * Words put before the command line of a peer of a rotation of this transport alone, such as
     * {@code ip netns exec NAME} to start it in a network namespace {@link #prepare(LinkSpec)} made.
     *
     * @param side which side the process plays.
     * @param spec where and how the two sides meet.
     * @return the words, usually none.
     */
    public List<String> peerPrefix(final Side side, final LinkSpec spec)
    {
        return List.of();
    }

    /**
     * Whether the tables also give this transport's ratios against {@code tcp}: the transports that measure a
     * network path as it would run between hosts (Aeron UDP, TCP between network namespaces), read against plain
     * TCP over loopback, and {@code tcp} itself.
     *
     * @return {@code true} for those.
     */
    public boolean comparedWithTcp()
    {
        return false;
    }

    /**
     * The command line of one peer process when it is not a JVM running the harness (a {@code python3} script,
     * say), or {@code null} for that default. Such a transport runs in a pair of its own ({@link #takesTurns()}
     * false), and its program speaks the peer protocol of {@code RotationMain}: its argument is the rotation spec as
     * JSON, it runs the same turns and prints one {@code @@ROTATION} report line (or {@code @@ERROR}) on standard
     * output, then waits for {@code close} on standard input and exits when standard input ends.
     *
     * @param side     which side the process plays.
     * @param specJson the rotation spec as JSON, to pass on.
     * @return the command, or {@code null} for a JVM peer.
     */
    public List<String> peerCommand(final Side side, final String specJson)
    {
        return null;
    }

    /**
     * Opens one side of the link, in a peer JVM, waiting for the other side to appear (at most
     * {@link LinkSpec#connectTimeoutNs()}).
     *
     * @param side which side this JVM is.
     * @param spec where and how the two sides meet.
     * @return the connected link.
     * @throws Exception if the link cannot be opened or the other side does not appear in time.
     */
    public abstract Link open(Side side, LinkSpec spec) throws Exception;
}
