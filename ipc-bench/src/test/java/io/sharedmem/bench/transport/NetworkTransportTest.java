/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import io.sharedmem.testing.Processes;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two network namespaces of {@code aeron-udp-netns} and {@code tcp-netns}: why they cannot be made, and that
 * whatever was made is removed, also after a failure half way. Making them needs root and {@code ip}; that the two
 * ends reach each other is shown by {@code TransportEndToEndTest}.
 */
final class NetworkTransportTest
{
    private static final Path NETNS_DIR = Path.of("/var/run/netns");

    @TempDir
    Path dir;

    private static final NetworkTransport NETNS = (NetworkTransport)Transports.byName("tcp-netns");

    @Test
    void withoutIpOrRootTheReasonSaysWhatIsMissing()
    {
        assertTrue(NetworkTransport.namespacesUnavailable(false, 0).startsWith("the ip command (iproute2) is not " +
            "on the PATH"));
        assertEquals("two network namespaces joined by a veth pair need root (this is uid 1000): run the benchmark " +
            "as root to measure across them", NetworkTransport.namespacesUnavailable(true, 1000));
        assertNull(NetworkTransport.namespacesUnavailable(true, 0));
        assertEquals(NETNS.unavailableReason(), Transports.byName("aeron-udp-netns").unavailableReason());
        assertNull(Transports.byName("aeron-udp").unavailableReason(), "loopback needs nothing");
        assertNull(Transports.byName("tcp").unavailableReason(), "loopback needs nothing");
    }

    @Test
    void peersStartInTheirOwnNamespace()
    {
        final LinkSpec spec = spec();
        final List<String> initiator = NETNS.peerPrefix(Side.INITIATOR, spec);
        assertEquals(List.of("netns", "exec", spec.blockPrefix() + "a"), initiator.subList(1, 4));
        assertEquals(spec.blockPrefix() + "b", NETNS.peerPrefix(Side.RESPONDER, spec).get(3));
        assertEquals(initiator, Transports.byName("aeron-udp-netns").peerPrefix(Side.INITIATOR, spec));
        assertEquals(List.of(), Transports.byName("tcp").peerPrefix(Side.INITIATOR, spec));
        assertEquals(List.of(), Transports.byName("aeron-udp").peerPrefix(Side.INITIATOR, spec));
    }

    @Test
    void thePairIsMadeWithAnAddressAtEachEndAndRemovedEvenAfterAFailureHalfWay() throws Exception
    {
        Assumptions.assumeTrue(null == NETNS.unavailableReason(), NETNS::unavailableReason);
        final LinkSpec spec = spec();
        try
        {
            NETNS.prepare(spec);
            final String a = NETNS.address(spec, Side.INITIATOR, System.nanoTime());
            final String b = NETNS.address(spec, Side.RESPONDER, System.nanoTime());
            assertTrue(a.matches("10\\.\\d+\\.\\d+\\.1") && b.equals(a.substring(0, a.length() - 1) + "2"), a + b);
            final Processes.Result addresses = Processes.run(Duration.ofSeconds(30), "ip", "-n",
                spec.blockPrefix() + "b", "-brief", "address", "show");
            assertTrue(addresses.report().contains(b + "/24"), addresses.report());

            // Made again under the same names: fails at the first step, naming the command.
            final IOException again = assertThrows(IOException.class, () -> NETNS.prepare(spec));
            assertTrue(again.getMessage().startsWith("ip netns add " + spec.blockPrefix() + "a failed: "),
                again::getMessage);
        }
        finally
        {
            assertEquals(List.of(), NETNS.release(spec));
        }
        assertFalse(Files.exists(NETNS_DIR.resolve(spec.blockPrefix() + "a")));
        assertFalse(Files.exists(NETNS_DIR.resolve(spec.blockPrefix() + "b")));
        assertEquals(List.of(), NETNS.release(spec), "removing twice is harmless");
        assertEquals("127.0.0.1", ((NetworkTransport)Transports.byName("aeron-udp")).address(spec, Side.RESPONDER, 0));
    }

    private LinkSpec spec()
    {
        final String prefix = TestBlocks.PREFIX + "netns-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "-";
        return new LinkSpec("tcp-netns", 64, 1024, dir, prefix, dir.resolve("aeron"),
            Duration.ofSeconds(10).toNanos());
    }
}
