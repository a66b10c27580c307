/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every transport, end to end through the harness: two real child JVMs, a tiny ping-pong and throughput phase, every
 * message verified by the receiving side. Asserts that every message arrived intact and that the figures are real;
 * never how fast they are. A transport that cannot run here (the network-namespace ones when not root) is skipped
 * with its reason.
 */
final class TransportEndToEndTest
{
    /**
     * 100 bytes: not a multiple of 8, so the tail bytes of the message pattern and the stream padding are exercised.
     */
    private static final int SIZE = 100;

    private static final Pattern VERIFIED = Pattern.compile("(\\d+) of (\\d+) messages arrived intact.*");

    static Stream<String> transports()
    {
        return Transports.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void everyMessageArrivesIntactAndTheFiguresAreReal(final String name) throws Exception
    {
        final Transport transport = Transports.byName(name);
        final String unavailable = transport.unavailableReason();
        Assumptions.assumeTrue(null == unavailable, () -> name + " cannot run here: " + unavailable);
        final StringBuilder console = new StringBuilder();
        final BenchRun run = BenchRuns.run(BenchRuns.tiny(List.of(name), SIZE), console);

        final BenchResults.Result result = run.results().find(name, SIZE);
        assertNotNull(result, console::toString);
        assertNull(result.error(), () -> name + " failed: " + result.error() + "\n" + console);
        assertTrue(result.hasFigures());
        assertEquals(1, result.repetitions());
        final Matcher verified = VERIFIED.matcher(result.settings().get("verified"));
        assertTrue(verified.matches(), result.settings()::toString);
        assertTrue(Long.parseLong(verified.group(2)) > 0, "messages sent");
        assertEquals(verified.group(2), verified.group(1), "every message sent was verified intact");

        final BenchResults.Rtt rtt = result.rttNs();
        assertTrue(rtt.samples() > 0, "round trips measured");
        assertTrue(rtt.p50() > 0, "p50 > 0");
        assertTrue(rtt.p50() <= rtt.p90() && rtt.p90() <= rtt.p99() && rtt.p99() <= rtt.p999() &&
            rtt.p999() <= rtt.p9999() && rtt.p9999() <= rtt.max(), () -> "percentiles in order: " + rtt);
        assertEquals(rtt.samples(), run.histograms().get(result.key()).getTotalCount());

        if (transport.measuresThroughput())
        {
            assertTrue(result.throughput().msgsPerS() > 0, "msgs/s > 0");
            assertEquals(result.throughput().msgsPerS() * SIZE / 1e6, result.throughput().mbPerS(), 1e-6);
        }
        else
        {
            assertEquals(0.0, result.throughput().msgsPerS(), "no throughput for a round-trip-only transport");
        }
        assertTrue(result.allocBytesPerMsg() >= 0, "allocation counted");
        assertTrue(result.settings().containsKey("description"), "settings recorded");
        assertTrue(result.settings().containsKey("placement_probe_ns"), "placement probed");
        assertTrue(result.settings().containsKey("rtt_p50_over_probe"), "round trip set against the probe");
    }
}
