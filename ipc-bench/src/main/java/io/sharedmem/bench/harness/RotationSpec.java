/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Transports;
import io.sharedmem.bench.transport.TrialSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two JVMs of a rotation agree on: the transports taking turns, the trial settings they share
 * ({@code base}: size, capacity, where to meet, the warm-up and measured time per transport and phase), and how the
 * measured time is cut into turns. Passed to both children on their command lines.
 * <p>
 * A rotation measures each transport for {@link #rounds()} turns of {@link #sliceNs()} per phase, so that its
 * measured time is at least {@code base.pingNs()} per phase; each turn starts with {@link #leadInNs()} that is not
 * measured, and a placement probe of {@link #probeNs()} runs between every two turns.
 *
 * @param base       the shared settings; its transport name is ignored, its block prefix, directory and Aeron
 *                   directory are the rotation's own, from which each transport's are derived.
 * @param transports the transports, in the order of the first round.
 * @param sliceNs    the measured part of one turn.
 * @param leadInNs   the unmeasured start of each turn, while the transport's cache lines come back.
 * @param probeNs    the length of each placement probe.
 */
public record RotationSpec(TrialSpec base, List<String> transports, long sliceNs, long leadInNs, long probeNs)
{
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if there is no transport, an unknown one, or a length is not positive.
     */
    public RotationSpec
    {
        transports = List.copyOf(transports);
        if (transports.isEmpty())
        {
            throw new IllegalArgumentException("a rotation needs at least one transport");
        }
        transports.forEach(Transports::byName);
        if (sliceNs <= 0 || leadInNs < 0 || probeNs <= 0)
        {
            throw new IllegalArgumentException("turn, lead-in and probe lengths must be positive");
        }
    }

    /**
     * How many measured rounds: enough turns for each phase to be measured at least {@code base.pingNs()}.
     *
     * @return at least 1.
     */
    public int rounds()
    {
        return (int)Math.max(1, (base.pingNs() + sliceNs - 1) / sliceNs);
    }

    /**
     * The settings of one transport within the rotation: its own block prefix, directory and Aeron directory, and
     * its warm-up scaled by its warm-up factor.
     *
     * @param index the transport's index in {@link #transports()}.
     * @return the transport's spec.
     */
    public TrialSpec transportSpec(final int index)
    {
        final String name = transports.get(index);
        final double factor = Transports.byName(name).warmUpFactor();
        return new TrialSpec(name, base.size(), base.capacity(), base.directory().resolve("t" + index),
            base.blockPrefix() + "t" + index + "-",
            base.aeronDirectory().resolve("t" + index),
            base.connectTimeoutNs(), (long)(base.pingWarmUpNs() * factor), sliceNs,
            (long)(base.throughputWarmUpNs() * factor), sliceNs);
    }

    /**
     * The command-line form, {@code key=value} per argument.
     *
     * @return the arguments that {@link #fromArgs(String[])} reads back.
     */
    public List<String> toArgs()
    {
        final List<String> args = new ArrayList<>(base.toArgs());
        args.add("transports=" + String.join(",", transports));
        args.add("sliceNs=" + sliceNs);
        args.add("leadInNs=" + leadInNs);
        args.add("probeNs=" + probeNs);
        return args;
    }

    /**
     * Reads the form {@link #toArgs()} writes.
     *
     * @param args the arguments.
     * @return the spec.
     * @throws IllegalArgumentException if a key is missing or a value is malformed.
     */
    public static RotationSpec fromArgs(final String[] args)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String arg : args)
        {
            final int eq = arg.indexOf('=');
            if (eq > 0)
            {
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        final String transports = values.get("transports");
        if (null == transports)
        {
            throw new IllegalArgumentException("missing argument transports=...");
        }
        return new RotationSpec(TrialSpec.fromArgs(args), List.of(transports.split(",")),
            Long.parseLong(values.getOrDefault("sliceNs", "0")), Long.parseLong(values.getOrDefault("leadInNs", "0")),
            Long.parseLong(values.getOrDefault("probeNs", "0")));
    }
}
