/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.block.BlockFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A transport over loopback or, as its {@code -netns} variant, between two network namespaces joined by a veth pair,
 * so that two peers on one host talk over a real network path: the initiator runs in one namespace and the responder
 * in the other, each started through {@code ip netns exec NAME} ({@link #peerPrefix}). The orchestrator makes the
 * pair before the peers start ({@link #prepare}) and removes it once they are gone, whatever happened
 * ({@link #release}); the veth pair goes with its namespaces.
 * <p>
 * Names derive from the rotation's unique prefix ({@code smbench-PID-N-t0-a} and {@code -b}; the veth ends, made
 * inside the new namespaces, never in the host's, are {@code smHASHa} and {@code smHASHb}); the addresses are a
 * random {@code 10.x.y.0/24}, {@code .1} for the initiator and {@code .2} for the responder, chosen when the pair is
 * made and written to the link's directory, where the peers read them ({@link #address}). Subclasses must be
 * stateless, as every transport.
 */
abstract class NetworkTransport extends Transport
{
    private static final String ADDRESSES_FILE = "netns-addresses";
    private static final Path NETNS_DIR = Path.of("/var/run/netns");
    private static final String LOOPBACK = "127.0.0.1";

    private final boolean netns;

    /**
     * Describes the transport.
     *
     * @param name        its name.
     * @param group       its family.
     * @param description one line saying what it is.
     * @param netns       {@code true} to run between two network namespaces, {@code false} over loopback.
     */
    NetworkTransport(final String name, final Transports.Group group, final String description, final boolean netns)
    {
        super(name, group, description);
        this.netns = netns;
    }

    /**
     * Whether this is the {@code -netns} variant.
     *
     * @return {@code true} between two network namespaces, {@code false} over loopback.
     */
    final boolean acrossNamespaces()
    {
        return netns;
    }

    @Override
    public String unavailableReason()
    {
        return netns ? namespacesUnavailable(null != Transports.onPath("ip"), BlockFiles.currentUid()) : null;
    }

    /**
     * Why two namespaces cannot be made on a machine, as far as can be told without trying.
     *
     * @param hasIp whether {@code ip} is on the {@code PATH}.
     * @param uid   the effective user id, -1 if unknown.
     * @return the reason, or {@code null} if they can.
     */
    static String namespacesUnavailable(final boolean hasIp, final long uid)
    {
        if (!hasIp)
        {
            return "the ip command (iproute2) is not on the PATH: two network namespaces joined by a veth pair need it";
        }
        return 0 == uid ? null : "two network namespaces joined by a veth pair need root (this is uid " + uid +
            "): run the benchmark as root to measure across them";
    }

    /**
     * Between namespaces: makes them, the veth pair between them with an address at each end, and publishes the
     * addresses in the link's directory.
     *
     * @throws IOException if a step fails, with the command and what {@code ip} said; {@link #release} removes what
     *                     was made.
     */
    @Override
    public void prepare(final LinkSpec spec) throws IOException, InterruptedException
    {
        if (!netns)
        {
            return;
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final String subnet = "10." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + ".";
        final String a = namespace(spec, Side.INITIATOR);
        final String b = namespace(spec, Side.RESPONDER);
        final String vethA = veth(spec, Side.INITIATOR);
        final String vethB = veth(spec, Side.RESPONDER);
        Transports.run("ip", "netns", "add", a);
        Transports.run("ip", "netns", "add", b);
        Transports.run("ip", "-n", a, "link", "add", vethA, "type", "veth", "peer", "name", vethB, "netns", b);
        Transports.run("ip", "-n", a, "addr", "add", subnet + "1/24", "dev", vethA);
        Transports.run("ip", "-n", b, "addr", "add", subnet + "2/24", "dev", vethB);
        for (final String[] link : new String[][]{ { a, vethA }, { b, vethB }, { a, "lo" }, { b, "lo" } })
        {
            Transports.run("ip", "-n", link[0], "link", "set", link[1], "up");
        }
        Rendezvous.publish(spec.directory().resolve(ADDRESSES_FILE), subnet + "1 " + subnet + "2");
    }

    /**
     * Between namespaces: removes both (and with them the veth pair), those that exist; idempotent.
     */
    @Override
    public List<String> release(final LinkSpec spec)
    {
        final List<String> failures = new ArrayList<>();
        for (final Side side : netns ? Side.values() : new Side[0])
        {
            final String namespace = namespace(spec, side);
            if (Files.exists(NETNS_DIR.resolve(namespace)))
            {
                try
                {
                    Transports.run("ip", "netns", "del", namespace);
                }
                catch (final IOException ex)
                {
                    failures.add("network namespace " + namespace + ": " + ex.getMessage());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    failures.add("network namespace " + namespace + ": interrupted");
                }
            }
        }
        return failures;
    }

    /**
     * Between namespaces: {@code ip netns exec NAME}, each peer in its side's namespace.
     */
    @Override
    public List<String> peerPrefix(final Side side, final LinkSpec spec)
    {
        final Path ip = Transports.onPath("ip");
        return netns ? List.of(null == ip ? "ip" : ip.toString(), "netns", "exec", namespace(spec, side)) : List.of();
    }

    /**
     * The address one side is reached at, in a peer: its end of the veth pair (waiting for the orchestrator's file),
     * or loopback.
     *
     * @param spec     where the sides meet.
     * @param side     whose address.
     * @param deadline {@link System#nanoTime()} deadline.
     * @return such as {@code 10.23.7.1}, or {@code 127.0.0.1}.
     * @throws IOException if the file cannot be read.
     */
    final String address(final LinkSpec spec, final Side side, final long deadline) throws IOException
    {
        if (!netns)
        {
            return LOOPBACK;
        }
        final String[] both = Rendezvous.await(spec.directory().resolve(ADDRESSES_FILE), deadline,
            "addresses of the network namespaces").split(" ");
        return both[side.ordinal()];
    }

    /**
     * Describes the network path, for {@link #settings}.
     *
     * @param spec     where the sides meet.
     * @param settings receives {@code network}, and {@code peer_prefix} between namespaces.
     */
    final void describeNetwork(final LinkSpec spec, final Map<String, String> settings)
    {
        if (!netns)
        {
            settings.put("network", "loopback, " + LOOPBACK);
            return;
        }
        settings.put("network", "two network namespaces joined by a veth pair (MTU 1500, kernel defaults), made " +
            "for this rotation and removed after it: initiator in " + namespace(spec, Side.INITIATOR) + " (" +
            veth(spec, Side.INITIATOR) + ", 10.x.y.1/24), responder in " + namespace(spec, Side.RESPONDER) + " (" +
            veth(spec, Side.RESPONDER) + ", 10.x.y.2/24); x.y random per rotation");
        settings.put("peer_prefix", "ip netns exec NAME (each peer JVM in its namespace; /sys is mounted afresh " +
            "there, so the JVM may not see the host's cgroup limits)");
    }

    private static String namespace(final LinkSpec spec, final Side side)
    {
        return spec.blockPrefix() + (Side.INITIATOR == side ? "a" : "b");
    }

    private static String veth(final LinkSpec spec, final Side side)
    {
        // An interface name has at most 15 bytes: a hash of the unique prefix keeps it unique enough and short.
        return String.format("sm%08x%s", spec.blockPrefix().hashCode(), Side.INITIATOR == side ? "a" : "b");
    }
}
