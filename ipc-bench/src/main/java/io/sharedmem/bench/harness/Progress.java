/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The live progress line: which rotation is running (its transport, or how many take turns; size, repetition) and
 * how long the run has left, estimated from the plan and corrected by how long rotations have actually taken so far.
 * On a terminal the line is rewritten in place while a rotation runs; elsewhere only each finished one is printed,
 * with one line per transport when several took turns. Not thread-safe.
 */
final class Progress
{
    private static final int WIDTH = 100;

    private final PrintStream out;
    private final boolean terminal;
    private final int rotations;
    private long plannedLeftNs;
    private long plannedDoneNs;
    private long actualDoneNs;
    private int done;
    private String current = "";
    private long currentPlannedNs;
    private long currentStart;

    Progress(final PrintStream out, final boolean terminal, final int rotations, final long plannedNs)
    {
        this.out = out;
        this.terminal = terminal;
        this.rotations = rotations;
        this.plannedLeftNs = plannedNs;
    }

    /**
     * A rotation starts.
     *
     * @param what        the transport, or a description of the rotation.
     * @param size        message size.
     * @param repetition  which repetition.
     * @param repetitions how many there are.
     * @param plannedNs   how long it should take.
     */
    void starting(final String what, final int size, final int repetition, final int repetitions,
        final long plannedNs)
    {
        current = String.format(Locale.ROOT, "[%" + digits(rotations) + "d/%d] %-20s %5d B  rep %d/%d",
            done + 1, rotations, what, size, repetition, repetitions);
        currentPlannedNs = plannedNs;
        currentStart = System.nanoTime();
        if (terminal && plannedNs > 0)
        {
            out.print("\r" + pad(current + "  running, " + format(leftNs()) + " left"));
            out.flush();
        }
    }

    /**
     * The rotation finished: one line, and for a rotation of several transports one line per transport.
     *
     * @param results what it produced, one per transport.
     */
    void finished(final List<Rotation.Result> results)
    {
        final long took = System.nanoTime() - currentStart;
        done++;
        plannedLeftNs -= currentPlannedNs;
        if (currentPlannedNs > 0)
        {
            plannedDoneNs += currentPlannedNs;
            actualDoneNs += took;
        }
        // Nothing is under way until the next start: its planned time is no longer in the estimate.
        currentStart = 0;
        final String outcome = 1 == results.size() ? outcome(results.get(0)) : "done";
        out.println((terminal ? "\r" : "") + pad(current + "  " + outcome + "   (" + format(leftNs()) + " left)"));
        for (int i = 0; results.size() > 1 && i < results.size(); i++)
        {
            out.println(String.format(Locale.ROOT, "      %-20s %s", results.get(i).transport(),
                outcome(results.get(i))));
        }
        out.flush();
    }

    private static String outcome(final Rotation.Result result)
    {
        final String outcome;
        if (result.succeeded())
        {
            final String rate = Double.isNaN(result.msgsPerS()) ? "" :
                String.format(Locale.ROOT, ", %.2f M msgs/s", result.msgsPerS() / 1e6);
            outcome = String.format(Locale.ROOT, "p50 %,d ns%s  (floor %,d ns)",
                result.histogram().getValueAtPercentile(50.0), rate, result.probeNs());
        }
        else
        {
            final String error = result.error().lines().findFirst().orElse("");
            outcome = "error: " + (error.length() > 60 ? error.substring(0, 57) + "..." : error);
        }
        return outcome;
    }

    private long leftNs()
    {
        final double pace = plannedDoneNs > 0 ?
            Math.max(0.5, Math.min(3.0, (double)actualDoneNs / plannedDoneNs)) : 1.0;
        final long elapsedCurrent = 0 == currentStart ? 0 : System.nanoTime() - currentStart;
        return Math.max(0, (long)(plannedLeftNs * pace) - Math.min(elapsedCurrent, currentPlannedNs));
    }

    static String format(final long nanos)
    {
        final Duration left = Duration.ofNanos(nanos);
        return left.toMinutes() > 0 ?
            String.format(Locale.ROOT, "%dm%02ds", left.toMinutes(), left.toSecondsPart()) :
            String.format(Locale.ROOT, "%ds", left.toSeconds());
    }

    private static String pad(final String line)
    {
        return line.length() >= WIDTH ? line : line + " ".repeat(WIDTH - line.length());
    }

    private static int digits(final int n)
    {
        return Integer.toString(n).length();
    }
}
