/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest
{
    private static final Pattern SCRIPT = Pattern.compile("(?s)<script([^>]*)>(.*?)</script>");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>");
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link");

    private static BenchResults results;
    private static String html;

    @BeforeAll
    static void render()
    {
        results = SampleResults.results();
        final Map<ResultKey, PercentileCurve> curves = new LinkedHashMap<>();
        SampleResults.histograms(results).forEach((key, histogram) -> curves.put(key, PercentileCurve.of(histogram)));
        curves.remove(new ResultKey("tcp", 1024));   // drawn through the results' percentiles instead
        html = HtmlReport.render(results, curves);
    }

    @Test
    void pageIsWellFormedOutsideItsScripts()
    {
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        final String markup = SCRIPT.matcher(html).replaceAll("<script$1></script>");
        final Deque<String> open = new ArrayDeque<>();
        final Matcher tag = TAG.matcher(markup);
        while (tag.find())
        {
            final String name = tag.group(2).toLowerCase();
            if (VOID.contains(name))
            {
                continue;
            }
            if (tag.group(1).isEmpty())
            {
                open.push(name);
            }
            else
            {
                assertFalse(open.isEmpty(), "</" + name + "> closes nothing at " + tag.start());
                assertEquals(open.pop(), name, "mismatched </" + name + "> at " + tag.start() + ": " +
                    markup.substring(Math.max(0, tag.start() - 200), tag.start()));
            }
        }
        assertTrue(open.isEmpty(), "unclosed: " + open);
        assertEquals(count(html, "<script"), count(html, "</script>"));
    }

    @Test
    void pageNeedsNoNetwork()
    {
        assertFalse(html.matches("(?s).*(src|href)\\s*=\\s*\"?(https?:)?//.*"), "refers to the network");
        final String echarts = scripts().values().stream().filter(s -> s.contains("echarts")).findFirst().orElseThrow();
        assertTrue(echarts.length() > 500_000, "ECharts inline");
        assertTrue(html.contains("echarts.init(div)"));
    }

    @Test
    void embeddedDataIsTheResultsWithTheirTargets()
    {
        final String data = scripts().get("bench-data");
        final BenchResults embedded = BenchResults.fromJson(data);
        assertEquals(results.withTargets(Targets.evaluate(results)), embedded);
        assertFalse(data.contains("<"), "JSON must not be able to close its script element");
    }

    @Test
    void everyTransportHasASeriesInEveryChartOfItsSize() throws Exception
    {
        final ObjectMapper json = new ObjectMapper();
        final Map<String, String> scripts = scripts();
        for (final int size : results.sizes())
        {
            final Set<String> expected = new TreeSet<>();
            for (final BenchResults.Result result : results.atSize(size))
            {
                if (result.hasFigures())
                {
                    expected.add(result.transport());
                }
            }
            final JsonNode latency = json.readTree(scripts.get("chart-latency-" + size + "-option"));
            assertEquals(expected, seriesNames(latency), "latency chart at " + size);
            for (final JsonNode series : latency.get("series"))
            {
                assertTrue(series.get("data").size() >= 6, series.get("name").asText());
                assertEquals("line", series.get("type").asText());
            }
        }
        final Set<String> everyTransport = new TreeSet<>();
        results.results().forEach(r -> everyTransport.add(r.transport()));
        assertEquals(everyTransport, seriesNames(json.readTree(scripts.get("chart-throughput-option"))));
        assertEquals(everyTransport, seriesNames(json.readTree(scripts.get("chart-rtt-option"))));
        assertTrue(html.contains("<div class=\"chart\" id=\"chart-latency-64\" data-kind=\"latency\"></div>"));
    }

    @Test
    void latencyAxesAreLogarithmicAndCurvesRiseWithThePercentile() throws Exception
    {
        final JsonNode latency = new ObjectMapper().readTree(scripts().get("chart-latency-1024-option"));
        assertEquals("log", latency.get("xAxis").get("type").asText());
        assertEquals("log", latency.get("yAxis").get("type").asText());
        for (final JsonNode series : latency.get("series"))
        {
            double lastX = 0;
            double lastY = 0;
            for (final JsonNode point : series.get("data"))
            {
                assertTrue(point.get(0).asDouble() >= lastX && point.get(1).asDouble() >= lastY, series.toString());
                lastX = point.get(0).asDouble();
                lastY = point.get(1).asDouble();
            }
        }
    }

    @Test
    void failedTransportIsListedWithItsErrorEscaped()
    {
        assertTrue(html.contains("error: media driver &lt;timed out&gt; &amp; gave up"));
        assertTrue(html.contains("<li>aeron-ipc-claim 1 KiB: media driver &lt;timed out&gt; &amp; gave up</li>"));
    }

    @Test
    void tablesTargetsMachineAndSettingsAreInThePage()
    {
        assertTrue(html.contains("<h3>64 B messages (ratios against spsc-ring)</h3>"));
        assertTrue(html.contains("<td class=\"num\">58.3× slower</td>"));
        assertTrue(html.contains("spsc-ring p50 RTT ≥ 15× lower than pipe-spin at 64 B"));
        assertTrue(html.contains("<td class=\"missed\">missed</td>"));
        assertTrue(html.contains("<th>CPU</th><td>Test CPU @ 2.0GHz</td>"));
        assertTrue(html.contains("<tr><th>repetitions</th><td>2</td></tr>"));
        assertTrue(html.contains("<tr><td>tcp</td><td>64 B, 1 KiB</td><td><code>capacity = 65536; idle = busy-spin" +
            "</code></td></tr>"));
    }

    private static Map<String, String> scripts()
    {
        final Map<String, String> scripts = new LinkedHashMap<>();
        final Matcher script = SCRIPT.matcher(html);
        int anonymous = 0;
        while (script.find())
        {
            final Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(script.group(1));
            scripts.put(id.find() ? id.group(1) : "script-" + anonymous++, script.group(2));
        }
        return scripts;
    }

    private static Set<String> seriesNames(final JsonNode option)
    {
        final Set<String> names = new TreeSet<>();
        final Set<String> seen = new LinkedHashSet<>();
        for (final JsonNode series : option.get("series"))
        {
            assertTrue(seen.add(series.get("name").asText()), "duplicate series " + series.get("name"));
            names.add(series.get("name").asText());
        }
        return names;
    }

    private static int count(final String text, final String part)
    {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
