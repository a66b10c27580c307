/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedmem.bench.report.BenchResults;
import io.sharedmem.bench.report.ReportWriter;
import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.LinkSpec;
import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's output through the report writer: {@code results.json} in the agreed shape with real figures for every
 * transport that ran, an {@code error} for one that could not, {@code .hgrm} files, and nothing left behind.
 */
final class BenchRunResultsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void resultsJsonHoldsFiguresForEachTransportAndTheErrorOfOneThatFailed(@TempDir final Path out) throws Exception
    {
        // A 1 KiB ring takes messages up to 128 bytes: Agrona's ring refuses 200, the others carry them.
        final BenchPlan plan = BenchRuns.tiny(List.of("raw-block", "agrona-one-to-one", "uds-spin"), 200, 1024,
            BenchPlan.DEFAULT_TURN);
        final StringBuilder console = new StringBuilder();
        final BenchRun run = BenchRuns.run(plan, console);
        final ByteArrayOutputStream table = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(table, true, StandardCharsets.UTF_8))
        {
            ReportWriter.writeAll(run.results(), run.histograms(), out, print);
        }

        final JsonNode root = JSON.readTree(out.resolve(ReportWriter.RESULTS_JSON).toFile());
        assertTrue(root.at("/machine/cores").asInt() > 0);
        assertFalse(root.at("/machine/cpu").asText().isEmpty());
        assertFalse(root.at("/machine/jvm").asText().isEmpty());
        assertFalse(root.at("/machine/os").asText().isEmpty());
        Instant.parse(root.at("/started").asText());
        final JsonNode results = root.get("results");
        assertEquals(3, results.size(), console::toString);

        final JsonNode raw = results.get(0);
        assertEquals("raw-block", raw.get("transport").asText());
        assertEquals(200, raw.get("size").asInt());
        assertFigures(raw, console);
        assertEquals(0.0, raw.at("/throughput/msgs_per_s").asDouble(), "raw-block measures round trips only");

        final JsonNode agrona = results.get(1);
        assertEquals("agrona-one-to-one", agrona.get("transport").asText());
        assertTrue(agrona.get("error").asText().contains("capacity / 8"), agrona::toString);
        assertFalse(agrona.has("rtt_ns"), "no figures beside an error");
        assertFalse(Files.exists(out.resolve("rtt-agrona-one-to-one-200.hgrm")));

        final JsonNode uds = results.get(2);
        assertEquals("uds-spin", uds.get("transport").asText());
        assertFigures(uds, console);
        assertTrue(uds.at("/throughput/msgs_per_s").asDouble() > 0);
        assertTrue(uds.at("/throughput/mb_per_s").asDouble() > 0);

        assertTrue(Files.exists(out.resolve(ReportWriter.REPORT_HTML)));
        for (final String hgrm : List.of("rtt-raw-block-200.hgrm", "rtt-uds-spin-200.hgrm"))
        {
            final String text = Files.readString(out.resolve(hgrm));
            assertTrue(text.contains("Value     Percentile TotalCount"), () -> hgrm + ":\n" + text);
        }
        assertTrue(table.toString(StandardCharsets.UTF_8).contains("uds-spin"));
    }

    @Test
    void aTransportThatCannotRunHereIsReportedWithItsReasonAndRunsInNoRotation()
    {
        final Transport missing = new Transport("future-ring", Transports.Group.OURS, "a ring")
        {
            @Override
            public Map<String, String> settings(final LinkSpec spec)
            {
                return Map.of();
            }

            @Override
            public String unavailableReason()
            {
                return "not available: later";
            }

            @Override
            public Link open(final Side side, final LinkSpec spec)
            {
                throw new AssertionError("never opened");
            }
        };
        final BenchPlan plan = BenchRuns.tiny(List.of("tcp"), 64);
        assertEquals("not available: later", plan.skipped(missing, 64));
        assertEquals(List.of(List.of(Transports.byName("tcp"))), plan.rotations(64));
        final BenchResults.Result summary = RepetitionSummary.summarise("future-ring", 64, false, Map.of(),
            List.of(Rotation.Result.failed("future-ring", 64, 1, plan.skipped(missing, 64))), List.of());
        assertEquals("not available: later", summary.error());
        assertNull(summary.rttNs());
        assertNull(summary.repetitions());
    }

    private static void assertFigures(final JsonNode result, final StringBuilder console)
    {
        assertFalse(result.has("error"), () -> result + "\n" + console);
        for (final String percentile : List.of("p50", "p90", "p99", "p999", "p9999", "max", "samples"))
        {
            assertTrue(result.at("/rtt_ns/" + percentile).asLong() > 0, () -> percentile + " in " + result);
        }
        assertEquals(1, result.get("repetitions").asInt());
        assertTrue(result.get("alloc_bytes_per_msg").isNumber());
        assertTrue(result.at("/settings/verified").asText().matches("(\\d+) of \\1 messages arrived intact.*"),
            result::toString);
    }
}
