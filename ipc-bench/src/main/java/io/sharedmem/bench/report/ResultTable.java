/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import io.sharedmem.bench.transport.Transports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of one message size, as text cells, before it is laid out for the console, Markdown or HTML: one row
 * per transport with its round-trip percentiles, throughput, allocation, and how many times slower it is than the
 * baseline; the network transports (Aeron UDP, TCP between namespaces) also how many times slower than
 * {@code tcp}.
 * <p>
 * The baseline is {@code spsc-ring}; where that is missing or failed at this size, {@code raw-block}; where both
 * are, there are no ratios. {@link #baselineNote()} says which, so every layout can say it too. The columns against
 * {@value #NETWORK_BASELINE} are there only when a transport other than it has such a ratio ({@link #columns()}).
 * Immutable and thread-safe.
 *
 * @param size         the message size in bytes.
 * @param baseline     the transport ratios are taken against, or {@code null} when there are no ratios.
 * @param baselineNote which baseline the ratios use, and why when it is not {@code spsc-ring}.
 * @param rows         the rows, in {@link io.sharedmem.bench.transport.Transports#ORDER registry order}.
 */
public record ResultTable(int size, String baseline, String baselineNote, List<Row> rows)
{
    /**
     * The transport ratios are taken against.
     */
    public static final String BASELINE = "spsc-ring";

    /**
     * The baseline where {@link #BASELINE} is missing: the raw cache-line ping-pong, the floor for round-trip time.
     */
    public static final String FLOOR = "raw-block";

    /**
     * The second baseline, for the network transports
     * ({@link io.sharedmem.bench.transport.Transports#comparedWithTcp(String)}): TCP over loopback.
     */
    public static final String NETWORK_BASELINE = "tcp";

    /**
     * The columns, in layout order, with their headings; the ratio columns name the baseline after theirs.
     */
    public enum Column
    {
        TRANSPORT("transport"), RTT_P50("RTT p50"), RTT_P99("RTT p99"), RTT_P999("RTT p99.9"), MSGS_PER_S("msgs/s"),
        MB_PER_S("MB/s"), ALLOC("alloc B/msg"), RTT_P50_VS_BASELINE("p50 vs "), MSGS_PER_S_VS_BASELINE("msgs/s vs "),
        RTT_P50_VS_TCP("p50 vs " + NETWORK_BASELINE), MSGS_PER_S_VS_TCP("msgs/s vs " + NETWORK_BASELINE);

        private final String heading;

        Column(final String heading)
        {
            this.heading = heading;
        }
    }

    /**
     * One transport's row: its cells, or the error that kept it from running.
     *
     * @param transport the transport's name.
     * @param cells     the text of each column; empty when the transport failed.
     * @param error     why it could not run, or {@code null}.
     */
    public record Row(String transport, Map<Column, String> cells, String error)
    {
        /**
         * One cell's text.
         *
         * @param column the column.
         * @return the text; the transport's name for {@link Column#TRANSPORT}, empty if there is none.
         */
        public String cell(final Column column)
        {
            return Column.TRANSPORT == column ? transport : cells.getOrDefault(column, "");
        }
    }

    /**
     * Builds the table of one size.
     *
     * @param results the run's results.
     * @param size    the message size in bytes.
     * @return the table; no rows if nothing ran at that size.
     */
    public static ResultTable of(final BenchResults results, final int size)
    {
        final BenchResults.Result base = baseline(results, size);
        final BenchResults.Result tcp = results.find(NETWORK_BASELINE, size);
        final List<Row> rows = new ArrayList<>();
        for (final BenchResults.Result result : results.atSize(size))
        {
            rows.add(row(result, base, null != tcp && tcp.hasFigures() ? tcp : null));
        }
        return new ResultTable(size, null == base ? null : base.transport(), note(results, size), List.copyOf(rows));
    }

    /**
     * How many times slower a result is than each baseline it is compared with, for {@code results.json}.
     *
     * @param results the run's results.
     * @param result  one of them.
     * @return by baseline name ({@code spsc-ring} or {@code raw-block}, and {@code tcp} for the network
     *         transports), or {@code null} when there is none.
     */
    static Map<String, BenchResults.Ratio> ratios(final BenchResults results, final BenchResults.Result result)
    {
        if (!result.hasFigures())
        {
            return null;
        }
        final Map<String, BenchResults.Ratio> ratios = new LinkedHashMap<>();
        final BenchResults.Result base = baseline(results, result.size());
        if (null != base)
        {
            ratios.put(base.transport(), BenchResults.Ratio.of(result, base));
        }
        final BenchResults.Result tcp = results.find(NETWORK_BASELINE, result.size());
        if (null != tcp && tcp.hasFigures() && Transports.comparedWithTcp(result.transport()))
        {
            ratios.put(NETWORK_BASELINE, BenchResults.Ratio.of(result, tcp));
        }
        return ratios.isEmpty() ? null : ratios;
    }

    /**
     * The columns this table shows, in layout order: every column, except those against {@value #NETWORK_BASELINE}
     * when no transport but it has such a ratio.
     *
     * @return the columns.
     */
    public List<Column> columns()
    {
        final boolean againstTcp = rows.stream().anyMatch((row) -> !NETWORK_BASELINE.equals(row.transport()) &&
            row.cells().containsKey(Column.RTT_P50_VS_TCP));
        final List<Column> columns = new ArrayList<>(List.of(Column.values()));
        if (!againstTcp)
        {
            columns.removeAll(List.of(Column.RTT_P50_VS_TCP, Column.MSGS_PER_S_VS_TCP));
        }
        return columns;
    }

    private static BenchResults.Result baseline(final BenchResults results, final int size)
    {
        final BenchResults.Result spsc = results.find(BASELINE, size);
        if (null != spsc && spsc.hasFigures())
        {
            return spsc;
        }
        final BenchResults.Result raw = results.find(FLOOR, size);
        return null != raw && raw.hasFigures() ? raw : null;
    }

    private static String note(final BenchResults results, final int size)
    {
        final BenchResults.Result spsc = results.find(BASELINE, size);
        final BenchResults.Result raw = results.find(FLOOR, size);
        if (null != spsc && spsc.hasFigures())
        {
            return "ratios against spsc-ring";
        }
        if (null != raw && raw.hasFigures())
        {
            return "spsc-ring " + absence(spsc) + " at " + Formats.size(size) + ": ratios against raw-block instead";
        }
        return "spsc-ring " + absence(spsc) + " and raw-block " + absence(raw) + " at " + Formats.size(size) +
            ": no ratios";
    }

    /**
     * A column's heading, naming the baseline in the ratio columns.
     *
     * @param column the column.
     * @return the heading.
     */
    public String header(final Column column)
    {
        return column.heading.endsWith(" vs ") ? column.heading + (null == baseline ? "baseline" : baseline) :
            column.heading;
    }

    /**
     * The title of the table: the size and the baseline.
     *
     * @return such as {@code "64 B messages (ratios against spsc-ring)"}.
     */
    public String title()
    {
        return Formats.size(size) + " messages (" + baselineNote + ")";
    }

    private static Row row(final BenchResults.Result result, final BenchResults.Result base,
        final BenchResults.Result tcp)
    {
        final Map<Column, String> cells = new EnumMap<>(Column.class);
        if (!result.hasFigures())
        {
            return new Row(result.transport(), cells, null == result.error() ? "no figures" : result.error());
        }
        final BenchResults.Rtt rtt = result.rttNs();
        cells.put(Column.RTT_P50, Formats.nanos(rtt.p50()));
        cells.put(Column.RTT_P99, Formats.nanos(rtt.p99()));
        cells.put(Column.RTT_P999, Formats.nanos(rtt.p999()));
        final double msgsPerS = result.throughput().msgsPerS();
        final boolean hasThroughput = msgsPerS > 0;
        cells.put(Column.MSGS_PER_S, hasThroughput ? Formats.rate(msgsPerS) : "-");
        cells.put(Column.MB_PER_S, hasThroughput ? Formats.megabytes(result.throughput().mbPerS()) : "-");
        cells.put(Column.ALLOC, Formats.bytesPerMessage(result.allocBytesPerMsg()));
        ratioCells(cells, result, base, Column.RTT_P50_VS_BASELINE, Column.MSGS_PER_S_VS_BASELINE);
        if (Transports.comparedWithTcp(result.transport()))
        {
            ratioCells(cells, result, tcp, Column.RTT_P50_VS_TCP, Column.MSGS_PER_S_VS_TCP);
        }
        return new Row(result.transport(), cells, null);
    }

    private static void ratioCells(final Map<Column, String> cells, final BenchResults.Result result,
        final BenchResults.Result base, final Column rttColumn, final Column msgsColumn)
    {
        if (null == base)
        {
            return;
        }
        final boolean self = base == result;
        final BenchResults.Ratio ratio = BenchResults.Ratio.of(result, base);
        cells.put(rttColumn, self ? "baseline" : Formats.slowdown(orNaN(ratio.rttP50())));
        cells.put(msgsColumn, self ? (result.throughput().msgsPerS() > 0 ? "baseline" : "-") :
            Formats.slowdown(orNaN(ratio.msgsPerS())));
    }

    private static double orNaN(final Double value)
    {
        return null == value ? Double.NaN : value;
    }

    private static String absence(final BenchResults.Result result)
    {
        return null == result ? "missing" : "failed";
    }
}
