/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The console report of a run, in plain ASCII: one table per message size with a row per transport (round-trip
 * percentiles, throughput, allocation, and how many times slower than {@code spsc-ring}; for the network transports,
 * Aeron UDP and TCP between namespaces, also than {@code tcp}), then the targets, met or missed and by how much.
 * <pre>
 * 64 B messages (ratios against spsc-ring)
 * transport  RTT p50  RTT p99  RTT p99.9  msgs/s  MB/s  alloc B/msg  p50 vs spsc-ring  msgs/s vs spsc-ring
 * spsc-ring   480 ns   700 ns    1.90 us  75.0 M  4,800          0          baseline            baseline
 * tcp        28.1 us  41.0 us    90.2 us   130 k  8.32          48       58.5x slower         577x slower
 * aeron-ipc  error: media driver did not start: ...
 * </pre>
 * When a network transport ran beside {@code tcp}, two more columns follow,
 * {@code p50 vs tcp} and {@code msgs/s vs tcp}, filled in for those transports (and {@code baseline} for tcp).
 * Stateless and thread-safe.
 */
public final class ConsoleTable
{
    private ConsoleTable()
    {
    }

    /**
     * The whole console report.
     *
     * @param results the run's results.
     * @return the text, lines ending in {@code \n}.
     */
    public static String render(final BenchResults results)
    {
        final StringBuilder out = new StringBuilder();
        final BenchResults.Machine machine = results.machine();
        out.append("SharedMem IPC benchmark, ").append(results.started())
            .append(null == results.finished() ? "" : " to " + results.finished()).append('\n')
            .append("Machine: ").append(machine.cores()).append(" cores, ").append(machine.cpu()).append(", ")
            .append(machine.jvm()).append(", ").append(machine.os()).append('\n');
        if (null != machine.hostNote())
        {
            out.append("Note: ").append(machine.hostNote()).append('\n');
        }

        for (final int size : results.sizes())
        {
            out.append('\n').append(table(ResultTable.of(results, size)));
        }

        out.append('\n').append(targets(Targets.evaluate(results)));
        return ascii(out.toString());
    }

    /**
     * One size's table, aligned in columns; failed transports show their error after the name.
     *
     * @param table the table.
     * @return the text.
     */
    public static String table(final ResultTable table)
    {
        final ResultTable.Column[] columns = table.columns().toArray(new ResultTable.Column[0]);
        final List<String[]> lines = new ArrayList<>();
        final String[] header = new String[columns.length];
        for (int c = 0; c < columns.length; c++)
        {
            header[c] = table.header(columns[c]);
        }
        lines.add(header);
        for (final ResultTable.Row row : table.rows())
        {
            final String[] cells = new String[columns.length];
            for (int c = 0; c < columns.length; c++)
            {
                cells[c] = row.cell(columns[c]);
            }
            lines.add(cells);
        }

        final int[] widths = new int[columns.length];
        for (int i = 0; i < lines.size(); i++)
        {
            final boolean failed = i > 0 && null != table.rows().get(i - 1).error();
            for (int c = 0; c < columns.length; c++)
            {
                if (!failed || 0 == c)
                {
                    widths[c] = Math.max(widths[c], lines.get(i).length > c ? lines.get(i)[c].length() : 0);
                }
            }
        }

        final StringBuilder out = new StringBuilder(table.title()).append('\n');
        for (int i = 0; i < lines.size(); i++)
        {
            final String[] cells = lines.get(i);
            final ResultTable.Row row = 0 == i ? null : table.rows().get(i - 1);
            pad(out, cells[0], widths[0], true);
            if (null != row && null != row.error())
            {
                out.append("  error: ").append(oneLine(row.error()));
            }
            else
            {
                for (int c = 1; c < columns.length; c++)
                {
                    out.append("  ");
                    pad(out, cells[c], widths[c], false);
                }
                // Rows without ratios end in empty cells: no trailing blanks.
                while (' ' == out.charAt(out.length() - 1))
                {
                    out.setLength(out.length() - 1);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The targets section: one line per target, its status, ratio and, when missed, by how much and why.
     *
     * @param outcomes the evaluated targets.
     * @return the text.
     */
    public static String targets(final List<TargetOutcome> outcomes)
    {
        int met = 0;
        int missed = 0;
        for (final TargetOutcome outcome : outcomes)
        {
            met += outcome.isMet() ? 1 : 0;
            missed += outcome.isMissed() ? 1 : 0;
        }
        final StringBuilder out = new StringBuilder("Targets: ")
            .append(met).append(" met, ").append(missed).append(" missed, ")
            .append(outcomes.size() - met - missed).append(" not measured\n");
        for (final TargetOutcome outcome : outcomes)
        {
            final String status = outcome.isMet() ? "met" : outcome.isMissed() ? "MISSED" : "n/a";
            out.append("  ");
            pad(out, "[" + status + "]", 9, true);
            out.append(' ').append(outcome.description()).append(": ")
                .append(oneLine(outcome.verdict())).append('\n');
            if (null != outcome.why())
            {
                out.append("            why: ").append(oneLine(outcome.why())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Replaces the few non-ASCII characters reports use (× ≥ ≤ µ) so a console in any encoding shows them.
     *
     * @param text the text.
     * @return the ASCII text.
     */
    static String ascii(final String text)
    {
        return text.replace("×", "x").replace("≥", ">=").replace("≤", "<=").replace("µ", "u");
    }

    private static String oneLine(final String text)
    {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static void pad(final StringBuilder out, final String text, final int width, final boolean left)
    {
        if (!left)
        {
            out.append(" ".repeat(Math.max(0, width - text.length())));
        }
        out.append(text);
        if (left)
        {
            out.append(" ".repeat(Math.max(0, width - text.length())));
        }
    }
}
