/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network transports (Aeron UDP, TCP between namespaces) are compared with tcp as well as with spsc-ring: two
 * more columns in the console, Markdown and HTML tables, and a {@code ratios} object per result in
 * {@code results.json}; without them every table keeps its columns.
 */
class NetworkRatiosTest
{
    @TempDir
    Path dir;

    /**
     * The sample results plus the network transports at 64 B: aeron-udp 40 µs and 3 M msgs/s, tcp-netns 49 µs and
     * 180 k msgs/s (tcp: 28 µs and 130 k msgs/s, spsc-ring: 480 ns and 75 M msgs/s).
     */
    static BenchResults withNetwork()
    {
        final BenchResults sample = SampleResults.results();
        final List<BenchResults.Result> rows = new ArrayList<>(sample.results());
        rows.add(SampleResults.result("aeron-udp", 64, 40_000, 3e6));
        rows.add(SampleResults.result("tcp-netns", 64, 49_000, 180e3));
        rows.add(BenchResults.Result.failed("aeron-udp-netns", 64, "two network namespaces joined by a veth pair " +
            "need root (this is uid 1000)", Map.of()));
        return new BenchResults(sample.machine(), sample.started(), sample.finished(), sample.settings(), rows, null,
            null);
    }

    @Test
    void consoleTableComparesNetworkTransportsWithTcpToo()
    {
        final String text = ConsoleTable.render(withNetwork());
        final String header = ConsoleTableTest.line(text, "transport ");
        assertTrue(header.matches(".*p50 vs spsc-ring +msgs/s vs spsc-ring +p50 vs tcp +msgs/s vs tcp"), header);
        // aeron-udp: 40 us / 480 ns = 83.3, 75 M / 3 M = 25.0; against tcp 40 / 28 = 1.43 and 3 M / 130 k = 23.1.
        final String udp = ConsoleTableTest.line(text, "aeron-udp ");
        assertTrue(udp.matches(".*83\\.3x slower +25\\.0x slower +1\\.43x slower +23\\.1x faster"), udp);
        // tcp-netns: 49 / 28 = 1.75 times the round trip, 180 k / 130 k = 1.38 times the throughput.
        final String netns = ConsoleTableTest.line(text, "tcp-netns ");
        assertTrue(netns.matches(".*1\\.75x slower +1\\.38x faster"), netns);
        final String tcp = ConsoleTableTest.line(text, "tcp ");
        assertTrue(tcp.matches(".*58\\.3x slower +577x slower +baseline +baseline"), tcp);
        assertTrue(ConsoleTableTest.line(text, "spsc-ring ").matches(".*baseline +baseline"), "no tcp ratio");
        assertTrue(ConsoleTableTest.line(text, "tcp-spin ").endsWith("slower"), "tcp-spin is not compared with tcp");
        assertTrue(ConsoleTableTest.line(text, "aeron-udp-netns ").contains("error: two network namespaces " +
            "joined by a veth pair need root (this is uid 1000)"), text);
    }

    @Test
    void withoutNetworkTransportsOrTcpTheTablesKeepTheirColumns()
    {
        assertFalse(ConsoleTable.render(SampleResults.results()).contains("vs tcp"));
        final String noTcp = ConsoleTable.render(ConsoleTableTest.without(withNetwork(), "tcp"));
        assertFalse(noTcp.contains("vs tcp"), noTcp);
        assertTrue(ConsoleTableTest.line(noTcp, "aeron-udp ").endsWith("25.0x slower"), noTcp);
    }

    @Test
    void markdownAndHtmlTablesCarryTheTcpColumns() throws Exception
    {
        final String markdown = MarkdownTable.render(withNetwork(), List.of(64));
        assertTrue(markdown.contains("| transport | RTT p50 | RTT p99.9 | msgs/s | p50 vs spsc-ring | " +
            "msgs/s vs spsc-ring | p50 vs tcp | msgs/s vs tcp |\n|:--|--:|--:|--:|--:|--:|--:|--:|\n"), markdown);
        assertTrue(markdown.contains("| aeron-udp | 40.0 µs | 160 µs | 3.00 M | 83.3× slower | 25.0× slower | " +
            "1.43× slower | 23.1× faster |\n"), markdown);
        assertTrue(markdown.contains("| spsc-ring | 480 ns | 1.92 µs | 75.0 M | baseline | baseline |  |  |\n"),
            markdown);
        assertTrue(markdown.contains("| aeron-udp-netns | failed: two network namespaces joined by a veth pair " +
            "need root (this is uid 1000) | | | | | | |\n"), markdown);

        final Path html = dir.resolve("report.html");
        HtmlReport.write(withNetwork(), Map.of(), html);
        final String page = Files.readString(html);
        assertTrue(page.contains("<th>p50 vs tcp</th><th>msgs/s vs tcp</th>"), "tcp columns in the report");
        assertTrue(page.contains("<td class=\"num\">1.43× slower</td><td class=\"num\">23.1× faster</td>"),
            "aeron-udp against tcp in the report");
    }

    @Test
    void resultsJsonGivesEachResultItsRatios() throws Exception
    {
        ReportWriter.writeAll(withNetwork(), Map.of(), dir, null);
        final JsonNode results = BenchResults.mapper().readTree(dir.resolve(ReportWriter.RESULTS_JSON).toFile())
            .get("results");
        final JsonNode udp = find(results, "aeron-udp", 64).get("ratios");
        assertEquals(List.of("spsc-ring", "tcp"), fieldNames(udp));
        assertEquals(40_000 / 480.0, udp.get("spsc-ring").get("rtt_p50").asDouble(), 1e-9);
        assertEquals(25.0, udp.get("spsc-ring").get("msgs_per_s").asDouble(), 1e-9);
        assertEquals(40_000 / 28_000.0, udp.get("tcp").get("rtt_p50").asDouble(), 1e-9);
        assertEquals(130e3 / 3e6, udp.get("tcp").get("msgs_per_s").asDouble(), 1e-9);
        assertEquals(1.0, find(results, "tcp", 64).get("ratios").get("tcp").get("msgs_per_s").asDouble());
        assertEquals(List.of("spsc-ring"), fieldNames(find(results, "tcp-spin", 64).get("ratios")));
        final JsonNode raw = find(results, "raw-block", 64).get("ratios").get("spsc-ring");
        assertEquals(450 / 480.0, raw.get("rtt_p50").asDouble(), 1e-9);
        assertFalse(raw.has("msgs_per_s"), "raw-block measures no throughput: " + raw);
        assertFalse(find(results, "aeron-udp-netns", 64).has("ratios"), "a failed transport has no ratios");

        final BenchResults read = BenchResults.read(dir.resolve(ReportWriter.RESULTS_JSON));
        assertEquals(new BenchResults.Ratio(40_000 / 28_000.0, 130e3 / 3e6),
            read.find("aeron-udp", 64).ratios().get("tcp"));
    }

    private static JsonNode find(final JsonNode results, final String transport, final int size)
    {
        for (final JsonNode result : results)
        {
            if (transport.equals(result.get("transport").asText()) && size == result.get("size").asInt())
            {
                return result;
            }
        }
        throw new AssertionError("no " + transport + " at " + size + " in " + results);
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
