/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The README's results tables, generated from {@code results.json} so that they are never typed by hand: the date and
 * machine, then per transport the p50 and p99.9 round trip, messages per second and the ratios to
 * {@code spsc-ring}, and for the network transports ({@link ResultTable#NETWORK_BASELINE}) to {@code tcp} (those two
 * columns only when such a transport ran beside {@code tcp}).
 * <pre>
 * Measured 2026-11-25 on 2 cores of Intel(R) Xeon(R) ..., OpenJDK 64-Bit Server VM 17.0.15, Linux 6.1.0 amd64;
 * median of 2 interleaved repetitions.
 *
 * **64 B messages** (ratios against spsc-ring)
 *
 * | transport | RTT p50 | RTT p99.9 | msgs/s | p50 vs spsc-ring | msgs/s vs spsc-ring |
 * |:--|--:|--:|--:|--:|--:|
 * | spsc-ring | 480 ns | 1.90 µs | 75.0 M | baseline | baseline |
 * </pre>
 * Stateless and thread-safe.
 */
public final class MarkdownTable
{
    private static final List<ResultTable.Column> COLUMNS = List.of(
        ResultTable.Column.TRANSPORT,
        ResultTable.Column.RTT_P50,
        ResultTable.Column.RTT_P999,
        ResultTable.Column.MSGS_PER_S,
        ResultTable.Column.RTT_P50_VS_BASELINE,
        ResultTable.Column.MSGS_PER_S_VS_BASELINE,
        ResultTable.Column.RTT_P50_VS_TCP,
        ResultTable.Column.MSGS_PER_S_VS_TCP);

    private MarkdownTable()
    {
    }

    /**
     * The Markdown for the given sizes: a line on the date and machine, then a table per size.
     *
     * @param results the run's results.
     * @param sizes   the message sizes to include; empty for every size in the results.
     * @return the Markdown text.
     */
    public static String render(final BenchResults results, final List<Integer> sizes)
    {
        final BenchResults.Machine machine = results.machine();
        final String date = results.started().length() >= 10 ? results.started().substring(0, 10) : results.started();
        final String repetitions = results.settings().get("repetitions");
        final StringBuilder out = new StringBuilder()
            .append("Measured ").append(date).append(" on ").append(machine.cores()).append(" cores of ")
            .append(escape(machine.cpu())).append(", ").append(escape(machine.jvm())).append(", ")
            .append(escape(machine.os()))
            .append(null == repetitions ? "" : "; median of " + repetitions + " interleaved repetitions")
            .append(".\n");
        if (null != machine.hostNote())
        {
            out.append("Host: ").append(escape(machine.hostNote())).append('\n');
        }

        for (final int size : sizes.isEmpty() ? results.sizes() : sizes)
        {
            final ResultTable table = ResultTable.of(results, size);
            final List<ResultTable.Column> columns = new ArrayList<>(COLUMNS);
            columns.retainAll(table.columns());
            out.append("\n**").append(Formats.size(size)).append(" messages** (").append(table.baselineNote())
                .append(")\n\n|");
            for (final ResultTable.Column column : columns)
            {
                out.append(' ').append(table.header(column)).append(" |");
            }
            out.append("\n|:--|").append("--:|".repeat(columns.size() - 1)).append('\n');
            for (final ResultTable.Row row : table.rows())
            {
                out.append("| ").append(escape(row.transport())).append(" |");
                if (null != row.error())
                {
                    out.append(" failed: ").append(escape(row.error())).append(" |")
                        .append(" |".repeat(columns.size() - 2));
                }
                else
                {
                    for (int c = 1; c < columns.size(); c++)
                    {
                        out.append(' ').append(escape(row.cell(columns.get(c)))).append(" |");
                    }
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String escape(final String text)
    {
        return text.replace("|", "\\|").replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
