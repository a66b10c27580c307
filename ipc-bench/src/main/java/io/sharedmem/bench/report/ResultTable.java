/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The table of one message size, as text cells, before it is laid out for the console, Markdown or HTML: one row
 * per transport with its round-trip percentiles, throughput, allocation, and how many times slower it is than the
 * baseline.
 * <p>
 * The baseline is {@code spsc-ring}; where that is missing or failed at this size, {@code raw-block}; where both
 * are, there are no ratios. {@link #baselineNote()} says which, so every layout can say it too.
 * <p>
 * Immutable and thread-safe once built.
 */
public final class ResultTable
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
     * The columns, in layout order.
     */
    public enum Column
    {
        /** The transport's name. */
        TRANSPORT,
        /** Median round trip. */
        RTT_P50,
        /** 99th percentile round trip. */
        RTT_P99,
        /** 99.9th percentile round trip. */
        RTT_P999,
        /** One-way messages per second. */
        MSGS_PER_S,
        /** One-way payload megabytes per second. */
        MB_PER_S,
        /** Bytes allocated per message. */
        ALLOC,
        /** Median round trip against the baseline's. */
        RTT_P50_VS_BASELINE,
        /** Throughput against the baseline's. */
        MSGS_PER_S_VS_BASELINE
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
            if (Column.TRANSPORT == column)
            {
                return transport;
            }
            final String text = cells.get(column);
            return null == text ? "" : text;
        }
    }

    private final int size;
    private final String baseline;
    private final String baselineNote;
    private final List<Row> rows;
    private final Formats formats;

    private ResultTable(
        final int size, final String baseline, final String baselineNote, final List<Row> rows, final Formats formats)
    {
        this.size = size;
        this.baseline = baseline;
        this.baselineNote = baselineNote;
        this.rows = rows;
        this.formats = formats;
    }

    /**
     * Builds the table of one size.
     *
     * @param results the run's results.
     * @param size    the message size in bytes.
     * @param formats how to write the numbers.
     * @return the table; no rows if nothing ran at that size.
     */
    public static ResultTable of(final BenchResults results, final int size, final Formats formats)
    {
        final BenchResults.Result spsc = results.find(BASELINE, size);
        final BenchResults.Result raw = results.find(FLOOR, size);
        final BenchResults.Result base;
        final String note;
        if (null != spsc && spsc.hasFigures())
        {
            base = spsc;
            note = "ratios against spsc-ring";
        }
        else if (null != raw && raw.hasFigures())
        {
            base = raw;
            note = "spsc-ring " + absence(spsc) + " at " + Formats.size(size) + ": ratios against raw-block instead";
        }
        else
        {
            base = null;
            note = "spsc-ring " + absence(spsc) + " and raw-block " + absence(raw) + " at " + Formats.size(size) +
                ": no ratios";
        }

        final List<Row> rows = new ArrayList<>();
        for (final BenchResults.Result result : results.atSize(size))
        {
            rows.add(row(result, base, formats));
        }
        return new ResultTable(size, null == base ? null : base.transport(), note, List.copyOf(rows), formats);
    }

    /**
     * The message size of this table.
     *
     * @return bytes.
     */
    public int size()
    {
        return size;
    }

    /**
     * The transport ratios are taken against.
     *
     * @return {@code spsc-ring}, {@code raw-block}, or {@code null} when there are no ratios.
     */
    public String baseline()
    {
        return baseline;
    }

    /**
     * Which baseline the ratios use, and why when it is not {@code spsc-ring}.
     *
     * @return the note, such as {@code "ratios against spsc-ring"}.
     */
    public String baselineNote()
    {
        return baselineNote;
    }

    /**
     * The rows, in {@link io.sharedmem.bench.transport.Transports#ORDER registry order}.
     *
     * @return the rows.
     */
    public List<Row> rows()
    {
        return rows;
    }

    /**
     * A column's heading, naming the baseline in the ratio columns.
     *
     * @param column the column.
     * @return the heading.
     */
    public String header(final Column column)
    {
        final String base = null == baseline ? "baseline" : baseline;
        switch (column)
        {
            case TRANSPORT:
                return "transport";
            case RTT_P50:
                return "RTT p50";
            case RTT_P99:
                return "RTT p99";
            case RTT_P999:
                return "RTT p99.9";
            case MSGS_PER_S:
                return "msgs/s";
            case MB_PER_S:
                return "MB/s";
            case ALLOC:
                return "alloc B/msg";
            case RTT_P50_VS_BASELINE:
                return "p50 vs " + base;
            case MSGS_PER_S_VS_BASELINE:
                return "msgs/s vs " + base;
            default:
                throw new IllegalArgumentException(column.name());
        }
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

    /**
     * The formats the cells were written with.
     *
     * @return the formats.
     */
    public Formats formats()
    {
        return formats;
    }

    private static Row row(final BenchResults.Result result, final BenchResults.Result base, final Formats formats)
    {
        final Map<Column, String> cells = new EnumMap<>(Column.class);
        if (!result.hasFigures())
        {
            final String error = null == result.error() ? "no figures" : result.error();
            return new Row(result.transport(), cells, error);
        }
        final BenchResults.Rtt rtt = result.rttNs();
        cells.put(Column.RTT_P50, formats.nanos(rtt.p50()));
        cells.put(Column.RTT_P99, formats.nanos(rtt.p99()));
        cells.put(Column.RTT_P999, formats.nanos(rtt.p999()));
        final double msgsPerS = result.throughput().msgsPerS();
        final boolean hasThroughput = msgsPerS > 0;
        cells.put(Column.MSGS_PER_S, hasThroughput ? formats.rate(msgsPerS) : "-");
        cells.put(Column.MB_PER_S, hasThroughput ? formats.megabytes(result.throughput().mbPerS()) : "-");
        cells.put(Column.ALLOC, formats.bytesPerMessage(result.allocBytesPerMsg()));
        if (null != base)
        {
            if (base == result)
            {
                cells.put(Column.RTT_P50_VS_BASELINE, "baseline");
                cells.put(Column.MSGS_PER_S_VS_BASELINE, hasThroughput ? "baseline" : "-");
            }
            else
            {
                cells.put(Column.RTT_P50_VS_BASELINE,
                    formats.slowdown((double)rtt.p50() / base.rttNs().p50()));
                cells.put(Column.MSGS_PER_S_VS_BASELINE,
                    formats.slowdown(base.throughput().msgsPerS() / msgsPerS));
            }
        }
        return new Row(result.transport(), cells, null);
    }

    private static String absence(final BenchResults.Result result)
    {
        return null == result ? "missing" : "failed";
    }
}
