/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sharedmem.bench.transport.Transports;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code report.html}: one self-contained page that opens in a browser with no network. The charting library
 * (Apache ECharts, from its webjar on the class path), the styles, the script and the data are all inline.
 * <p>
 * The page holds the machine and settings, round-trip percentile curves per message size (HdrHistogram's layout:
 * percentile as {@code 1/(1-p)} on a log axis, nanoseconds on a log axis, one series per transport), p50 round trip
 * and throughput bars per size (log axes, one series per transport, the same colour for a transport everywhere),
 * the results tables with ratios to {@code spsc-ring}, the targets, and each transport's settings. Transports that
 * failed appear in the tables with their error and have no series.
 * <p>
 * Every chart's ECharts option is built here and embedded as JSON beside its {@code div}
 * ({@code <script type="application/json" id="chart-...-option">}); the results themselves are embedded as
 * {@code <script type="application/json" id="bench-data">}. Stateless and thread-safe.
 */
public final class HtmlReport
{
    /**
     * Where the ECharts webjar keeps its version.
     */
    static final String ECHARTS_POM_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private static final String RESOURCES = "io/sharedmem/bench/report/";
    private static final ObjectMapper JSON = BenchResults.mapper();

    private HtmlReport()
    {
    }

    /**
     * Writes the report, replacing the file.
     *
     * @param results the run's results; targets are evaluated here.
     * @param curves  round-trip curves by transport and size; a measurement without one is drawn through the
     *                percentiles of {@code results.json}.
     * @param file    where to write.
     * @throws UncheckedIOException  if the file cannot be written.
     * @throws IllegalStateException if ECharts is not on the class path.
     */
    public static void write(final BenchResults results, final Map<ResultKey, PercentileCurve> curves, final Path file)
    {
        try
        {
            Files.writeString(file, render(results, curves), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write report " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The report as HTML text.
     *
     * @param results the run's results.
     * @param curves  round-trip curves by transport and size, possibly empty.
     * @return the page.
     * @throws IllegalStateException if ECharts is not on the class path.
     */
    public static String render(final BenchResults results, final Map<ResultKey, PercentileCurve> curves)
    {
        final List<TargetOutcome> targets = Targets.evaluate(results);
        final StringBuilder html = new StringBuilder(1 << 21);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>SharedMem IPC benchmark, ").append(escape(results.started())).append("</title>\n")
            .append("<style>\n").append(resource(RESOURCES + "report.css")).append("</style>\n</head>\n<body>\n")
            .append("<h1>SharedMem IPC benchmark</h1>\n<p class=\"when\">")
            .append(escape(results.started()))
            .append(null == results.finished() ? "" : " to " + escape(results.finished()))
            .append("</p>\n");

        machine(html, results);
        charts(html, results, curves);
        tables(html, results);
        targets(html, targets);
        settings(html, results);

        html.append("<script type=\"application/json\" id=\"bench-data\">")
            .append(scriptSafe(results.withTargets(targets).toJson())).append("</script>\n")
            .append("<script>\n").append(echarts()).append("\n</script>\n")
            .append("<script>\n").append(resource(RESOURCES + "report.js")).append("</script>\n")
            .append("</body>\n</html>\n");
        return html.toString();
    }

    private static void machine(final StringBuilder html, final BenchResults results)
    {
        final BenchResults.Machine machine = results.machine();
        final Map<String, String> rows = new LinkedHashMap<>();
        rows.put("cores", Integer.toString(machine.cores()));
        rows.put("CPU", machine.cpu());
        rows.put("JVM", machine.jvm());
        rows.put("OS", machine.os());
        rows.put("kernel", machine.kernel());
        rows.put("note", machine.hostNote());
        html.append("<h2 id=\"machine\">Machine</h2>\n");
        keyValues(html, rows);
        html.append("<p class=\"note\">Times are round trips of one message each way between two JVMs; throughput ")
            .append("is one way. Each figure is the median over interleaved repetitions. Compare ratios within ")
            .append("one run, not absolute times across machines.</p>\n");
    }

    private static void charts(
        final StringBuilder html, final BenchResults results, final Map<ResultKey, PercentileCurve> curves)
    {
        html.append("<h2 id=\"latency\">Round-trip latency by percentile</h2>\n")
            .append("<p class=\"note\">HdrHistogram's layout: the further right, the rarer the round trip ")
            .append("(90%, 99%, 99.9%, ...); both axes logarithmic. Lower is better.</p>\n");
        for (final int size : results.sizes())
        {
            chart(html, "chart-latency-" + size, "latency", latencyOption(results, size, curves));
        }

        html.append("<h2 id=\"bars\">Median round trip and throughput by message size</h2>\n");
        chart(html, "chart-rtt", "rtt", barOption(results, false));
        chart(html, "chart-throughput", "throughput", barOption(results, true));

        final List<String> failed = new ArrayList<>();
        for (final BenchResults.Result result : results.results())
        {
            if (!result.hasFigures())
            {
                failed.add(result.key() + ": " + result.error());
            }
        }
        if (!failed.isEmpty())
        {
            html.append("<p class=\"note\">Not charted, did not run:</p>\n<ul>\n");
            for (final String text : failed)
            {
                html.append("<li>").append(escape(text)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
    }

    private static void chart(final StringBuilder html, final String id, final String kind, final ObjectNode option)
    {
        html.append("<div class=\"chart\" id=\"").append(id).append("\" data-kind=\"").append(kind)
            .append("\"></div>\n<script type=\"application/json\" id=\"").append(id).append("-option\">")
            .append(scriptSafe(json(option))).append("</script>\n");
    }

    static ObjectNode latencyOption(
        final BenchResults results, final int size, final Map<ResultKey, PercentileCurve> curves)
    {
        final ObjectNode option = frame("Round trip, " + Formats.size(size) + " messages", 60);
        final ObjectNode xAxis = option.putObject("xAxis").put("type", "log").put("name", "percentile")
            .put("nameLocation", "middle").put("nameGap", 30).put("min", 1);
        option.putObject("yAxis").put("type", "log").put("name", "round trip");
        final ArrayNode series = option.putArray("series");
        double maxX = 10;
        for (final BenchResults.Result result : results.atSize(size))
        {
            if (!result.hasFigures())
            {
                continue;
            }
            final PercentileCurve given = curves.get(result.key());
            final PercentileCurve curve = null == given || given.isEmpty() ? PercentileCurve.of(result.rttNs()) : given;
            final ObjectNode line = series.addObject()
                .put("name", result.transport())
                .put("type", "line")
                .put("showSymbol", false)
                .put("color", Transports.color(result.transport()));
            final ArrayNode data = line.putArray("data");
            for (final double[] xy : curve.chartPoints())
            {
                data.addArray().add(xy[0]).add(xy[1]);
                maxX = Math.max(maxX, xy[0]);
            }
        }
        // End the axis at the decade that holds the rarest sample, not the one after it.
        xAxis.put("max", Math.pow(10, Math.ceil(Math.log10(maxX))));
        return option;
    }

    static ObjectNode barOption(final BenchResults results, final boolean throughput)
    {
        final ObjectNode option = frame(
            throughput ? "One-way throughput (higher is better)" : "Median round trip (lower is better)", 40);
        final ArrayNode sizes = option.putObject("xAxis").put("type", "category").putArray("data");
        for (final int size : results.sizes())
        {
            sizes.add(Formats.size(size));
        }
        option.putObject("yAxis").put("type", "log").put("name", throughput ? "messages/s" : "round trip");

        final TreeSet<String> transports = new TreeSet<>(Transports.ORDER);
        for (final BenchResults.Result result : results.results())
        {
            if (result.hasFigures())
            {
                transports.add(result.transport());
            }
        }
        final ArrayNode series = option.putArray("series");
        for (final String transport : transports)
        {
            final ArrayNode data = series.addObject()
                .put("name", transport)
                .put("type", "bar")
                .put("color", Transports.color(transport))
                .putArray("data");
            for (final int size : results.sizes())
            {
                final BenchResults.Result result = results.find(transport, size);
                if (null == result || !result.hasFigures())
                {
                    data.addNull();
                }
                else if (throughput)
                {
                    // A transport without a throughput figure (a ping-pong only) reports 0: nothing to draw.
                    if (result.throughput().msgsPerS() > 0)
                    {
                        data.add(result.throughput().msgsPerS());
                    }
                    else
                    {
                        data.addNull();
                    }
                }
                else
                {
                    data.add(result.rttNs().p50());
                }
            }
        }
        return option;
    }

    /**
     * A chart's title, legend (wrapping onto a second line rather than hiding entries) and plot area.
     */
    private static ObjectNode frame(final String title, final int bottom)
    {
        final ObjectNode option = JSON.createObjectNode();
        option.putObject("title").put("text", title).put("left", "center");
        option.putObject("legend").put("type", "plain").put("top", 28).put("left", 60).put("right", 60);
        option.putObject("grid").put("left", 80).put("right", 40).put("top", 100).put("bottom", bottom);
        return option;
    }

    private static void tables(final StringBuilder html, final BenchResults results)
    {
        html.append("<h2 id=\"results\">Results</h2>\n");
        for (final int size : results.sizes())
        {
            final ResultTable table = ResultTable.of(results, size);
            final List<ResultTable.Column> columns = table.columns();
            html.append("<h3>").append(escape(table.title())).append("</h3>\n<table>\n<tr>");
            for (final ResultTable.Column column : columns)
            {
                html.append("<th>").append(escape(table.header(column))).append("</th>");
            }
            html.append("</tr>\n");
            for (final ResultTable.Row row : table.rows())
            {
                html.append(row.transport().equals(table.baseline()) ? "<tr class=\"baseline\">" : "<tr>")
                    .append("<td><span class=\"swatch\" style=\"background:")
                    .append(Transports.color(row.transport())).append("\"></span>")
                    .append(escape(row.transport())).append("</td>");
                if (null != row.error())
                {
                    html.append("<td class=\"error\" colspan=\"").append(columns.size() - 1).append("\">error: ")
                        .append(escape(row.error())).append("</td>");
                }
                else
                {
                    for (int c = 1; c < columns.size(); c++)
                    {
                        html.append("<td class=\"num\">").append(escape(row.cell(columns.get(c)))).append("</td>");
                    }
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void targets(final StringBuilder html, final List<TargetOutcome> targets)
    {
        html.append("<h2 id=\"targets\">Targets</h2>\n")
            .append("<p class=\"note\">Ratios between spsc-ring and each transport in this run. \"Best repetitions\" ")
            .append("is the ratio the most favourable repetitions give: a miss within the spread is within this ")
            .append("run's noise.</p>\n<table>\n<tr><th>target</th><th>source</th><th>status</th><th>ratio</th>")
            .append("<th>why</th></tr>\n");
        for (final TargetOutcome target : targets)
        {
            final String css = target.isMet() ? "met" : target.isMissed() ? "missed" : "not-measured";
            html.append("<tr><td>").append(escape(target.description())).append("</td><td>")
                .append(escape(target.source())).append("</td><td class=\"").append(css).append("\">")
                .append(escape(target.status())).append("</td><td>").append(escape(target.verdict()))
                .append("</td><td>").append(null == target.why() ? "" : escape(target.why())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void settings(final StringBuilder html, final BenchResults results)
    {
        html.append("<h2 id=\"settings\">Settings</h2>\n<h3>Suite</h3>\n");
        keyValues(html, results.settings());
        html.append("<h3>Transports</h3>\n<p class=\"note\">As each transport's peers ran it; a comparison against ")
            .append("a misconfigured peer is worthless.</p>\n<table>\n<tr><th>transport</th><th>sizes</th>")
            .append("<th>settings</th></tr>\n");
        final Map<String, Map<Map<String, String>, List<Integer>>> byTransport = new LinkedHashMap<>();
        final List<BenchResults.Result> ordered = new ArrayList<>(results.results());
        ordered.sort(BenchResults.BY_ORDER);
        for (final BenchResults.Result result : ordered)
        {
            byTransport.computeIfAbsent(result.transport(), t -> new LinkedHashMap<>())
                .computeIfAbsent(result.settings(), s -> new ArrayList<>()).add(result.size());
        }
        for (final Map.Entry<String, Map<Map<String, String>, List<Integer>>> transport : byTransport.entrySet())
        {
            for (final Map.Entry<Map<String, String>, List<Integer>> variant : transport.getValue().entrySet())
            {
                final StringBuilder sizes = new StringBuilder();
                for (final int size : variant.getValue())
                {
                    sizes.append(sizes.length() > 0 ? ", " : "").append(Formats.size(size));
                }
                final StringBuilder text = new StringBuilder();
                for (final Map.Entry<String, String> setting : variant.getKey().entrySet())
                {
                    text.append(text.length() > 0 ? "; " : "").append(setting.getKey()).append(" = ")
                        .append(setting.getValue());
                }
                html.append("<tr><td>").append(escape(transport.getKey())).append("</td><td>")
                    .append(escape(sizes.toString())).append("</td><td><code>").append(escape(text.toString()))
                    .append("</code></td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static void keyValues(final StringBuilder html, final Map<String, String> rows)
    {
        html.append("<table>\n");
        for (final Map.Entry<String, String> row : rows.entrySet())
        {
            if (null != row.getValue())
            {
                html.append("<tr><th>").append(escape(row.getKey())).append("</th><td>")
                    .append(escape(row.getValue())).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /**
     * The ECharts script from its webjar.
     *
     * @return the minified script.
     * @throws IllegalStateException if the webjar is not on the class path.
     */
    static String echarts()
    {
        final Properties pom = new Properties();
        try
        {
            pom.load(new StringReader(resource(ECHARTS_POM_PROPERTIES)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return resource("META-INF/resources/webjars/echarts/" + pom.getProperty("version") + "/dist/echarts.min.js");
    }

    /**
     * A text resource of the class path: the report's own styles and script, and ECharts (org.webjars.npm:echarts).
     */
    private static String resource(final String path)
    {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path))
        {
            if (null == in)
            {
                throw new IllegalStateException(path + " is not on the class path: the report needs it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path + ": " + ex.getMessage(), ex);
        }
    }

    private static String json(final JsonNode node)
    {
        try
        {
            return JSON.writer().withoutFeatures(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * JSON made safe inside a {@code <script>} element: {@code <} only occurs within JSON strings, where
     * {@code \u003c} means the same, so no {@code </script>} or {@code <!--} can end the element early.
     */
    private static String scriptSafe(final String json)
    {
        return json.replace("<", "\\u003c");
    }

    static String escape(final String text)
    {
        if (null == text)
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
