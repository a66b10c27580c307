/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.aeron;

import io.sharedmem.testing.ChannelChild;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.Processes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hosts, as near as one machine gets: two network namespaces joined by a veth pair, a producer JVM in one and a
 * consumer JVM in the other, talking Aeron UDP over the pair (never over loopback). Needs root and {@code ip}; sets
 * the namespaces up with unique names and a random 10.x.y.0/24, and always removes them.
 */
class NetworkNamespaceTest
{
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration COMMAND = Duration.ofSeconds(30);

    @RegisterExtension
    final AeronTests aeron = new AeronTests();

    /**
     * A million checked messages across the pair; on the way the link goes down for half a second (shorter than the
     * liveness time-out: nothing may be lost, README) and then for five seconds (longer: both sides are told the other
     * is gone, what was in flight may be lost, and the stream resumes when the link is back, README).
     */
    @Test
    void aMillionMessagesCrossTwoNamespacesAndSurviveTheLinkGoingDown() throws Exception
    {
        Assumptions.assumeTrue(Processes.isRoot(), "network namespaces need root");
        Assumptions.assumeTrue(Processes.which("ip").isPresent(), "the ip command (iproute2) is not installed");
        final String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        final String nsA = "smtest-" + id + "-a";
        final String nsB = "smtest-" + id + "-b";
        final String vethA = "smt" + id + "a";
        final String vethB = "smt" + id + "b";
        final String subnet = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "." +
            ThreadLocalRandom.current().nextInt(0, 256) + ".";
        final List<String> created = new ArrayList<>();
        try
        {
            for (final String ns : List.of(nsA, nsB))
            {
                final Processes.Result add = Processes.run(COMMAND, "ip", "netns", "add", ns);
                Assumptions.assumeTrue(0 == add.exitCode(), "cannot create a network namespace: " + add.report());
                created.add(ns);
            }
            ip("-n", nsA, "link", "add", vethA, "type", "veth", "peer", "name", vethB, "netns", nsB);
            ip("-n", nsA, "addr", "add", subnet + "1/24", "dev", vethA);
            ip("-n", nsB, "addr", "add", subnet + "2/24", "dev", vethB);
            for (final String[] link : new String[][]{ { nsA, vethA }, { nsB, vethB }, { nsA, "lo" }, { nsB, "lo" } })
            {
                ip("-n", link[0], "link", "set", link[1], "up");
            }

            final long count = 1_000_000;
            final Path drivers = aeron.driverDirectory();
            final String channel = "aeron:udp?endpoint=" + subnet + "2:" + (40_000 + ThreadLocalRandom.current()
                .nextInt(20_000)) + "|dir=" + drivers + "|liveness-timeout=2s";
            try (ChildJvm consumer = startIn(nsB, "consume", "channel=" + channel, "progress=10000");
                ChildJvm producer = startIn(nsA, "produce", "channel=" + channel, "run=1", "count=" + count,
                    "progress=0"))
            {
                awaitAt(consumer, 200_000);
                ip("-n", nsA, "link", "set", vethA, "down");
                Thread.sleep(500);
                ip("-n", nsA, "link", "set", vethA, "up");
                awaitAt(consumer, 300_000);
                final int gapsBefore = ChannelChild.ConsumerLog.parse(consumer.stdoutLines()).gaps.size();

                ip("-n", nsA, "link", "set", vethA, "down");
                consumer.awaitLineStartingWith("peer-dead", WAIT);
                producer.awaitLineStartingWith("peer-dead", WAIT);
                Thread.sleep(1000);
                ip("-n", nsA, "link", "set", vethA, "up");

                assertEquals(0, producer.awaitExit(WAIT), producer.report());
                assertEquals(0, consumer.awaitExit(WAIT), consumer.report());
                final ChannelChild.ConsumerLog log = ChannelChild.ConsumerLog.parse(consumer.stdoutLines());
                assertNull(log.error, consumer.report());
                assertEquals(0, gapsBefore, "a short outage loses nothing" + consumer.report());
                assertEquals(0L, log.firstSeq.get(1L));
                assertTrue(log.dups.isEmpty(), consumer.report());
                assertTrue(log.gaps.size() <= 1, "a long outage loses at most what was in flight" +
                    consumer.report());
                assertArrayEquals(new long[]{ count, count - 1 }, log.ends.get(1L), "the stream resumed" +
                    consumer.report());
                assertTrue(log.consumed[0] >= count - 100_000, consumer.report());
            }
            assertEquals(List.of(), AeronTests.driverDirectoriesIn(drivers));
        }
        finally
        {
            for (final String ns : created)
            {
                Processes.run(COMMAND, "ip", "netns", "del", ns);
            }
        }
    }

    private static ChildJvm startIn(final String namespace, final String... args) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(AeronTests.LENGTHS);
        return ChildJvm.start(List.of("ip", "netns", "exec", namespace), null, List.of(),
            System.getProperty("java.class.path"), ChannelChild.class.getName(), all.toArray(new String[0]));
    }

    private static void awaitAt(final ChildJvm consumer, final long seq) throws InterruptedException
    {
        consumer.awaitLine((line) -> line.startsWith("at 1 ") && Long.parseLong(line.substring(5)) >= seq, WAIT);
    }

    private static void ip(final String... args)
    {
        final String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        final Processes.Result result = Processes.run(COMMAND, command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.report());
    }
}
