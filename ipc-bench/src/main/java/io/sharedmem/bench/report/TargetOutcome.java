/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * How one performance target fared in a run: met, missed (and by how much), or not measured (and why not).
 * <p>
 * A target is a ratio between {@code spsc-ring} and another transport at one message size, such as "p50 round trip
 * at least 50× lower than tcp". {@link #actual()} is that ratio as measured, {@link #required()} the bound, and
 * {@link #shortfall()} how far short of it the ratio fell, as a fraction of the bound. {@link #bestCase()} is the
 * ratio the most favourable repetitions would give (from the spreads): when it meets the bound, the miss is within
 * the run's noise.
 * <p>
 * Round-trip targets between two shared-memory transports are judged on their {@link BenchResults.Placement
 * probe-normalised} figures when both have them ({@link #basis()} {@value #PROBE_NORMALISED}): the host moves the two
 * vCPUs between placements whose round trips differ 2 to 4 times, and the normalised ratio is what stays put from run
 * to run. {@link #measured()} then gives the ratio of the measured figures themselves, for comparison.
 * <p>
 * Immutable and thread-safe.
 *
 * @param id          a stable name, such as {@code rtt-p50-vs-tcp-64}; the key of notes in
 *                    {@link BenchResults#targetNotes()}.
 * @param description the target in words.
 * @param source      the issue that set it, such as {@code "issue 4"}.
 * @param size        the message size it is judged at, bytes.
 * @param status      {@code met}, {@code missed} or {@code not measured}.
 * @param comparison  {@code at_least} or {@code at_most}: how {@link #actual()} must compare to {@link #required()}.
 * @param required    the bound on the ratio.
 * @param actual      the ratio measured, or {@code null} if not measured.
 * @param shortfall   when missed, how far the ratio is from the bound as a fraction of it; else {@code null}.
 * @param bestCase    the ratio of the most favourable repetitions, or {@code null} without spreads.
 * @param detail      why it was not measured, or {@code null}.
 * @param why         a note on why it was missed, from whoever ran the suite, or {@code null}.
 * @param basis       {@value #PROBE_NORMALISED} when {@link #actual()} is a ratio of probe-normalised figures, or
 *                    {@code null} when it is a ratio of the measured figures.
 * @param measured    the ratio of the measured figures when {@link #actual()} is probe-normalised, else {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetOutcome(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("source") String source,
    @JsonProperty("size") int size,
    @JsonProperty("status") String status,
    @JsonProperty("comparison") String comparison,
    @JsonProperty("required") double required,
    @JsonProperty("actual") Double actual,
    @JsonProperty("shortfall") Double shortfall,
    @JsonProperty("best_case") Double bestCase,
    @JsonProperty("detail") String detail,
    @JsonProperty("why") String why,
    @JsonProperty("basis") String basis,
    @JsonProperty("measured") Double measured)
{
    /** The target was met. */
    public static final String MET = "met";
    /** The target was missed. */
    public static final String MISSED = "missed";
    /** The figures the target needs are missing or failed. */
    public static final String NOT_MEASURED = "not measured";
    /** {@link #actual()} must be at least {@link #required()}. */
    public static final String AT_LEAST = "at_least";
    /** {@link #actual()} must be at most {@link #required()}. */
    public static final String AT_MOST = "at_most";
    /** {@link #basis()} of a ratio of probe-normalised figures. */
    public static final String PROBE_NORMALISED = "probe-normalised";

    /**
     * Whether the target was met.
     *
     * @return {@code true} if met.
     */
    @JsonIgnore
    public boolean isMet()
    {
        return MET.equals(status);
    }

    /**
     * Whether the target was missed.
     *
     * @return {@code true} if missed.
     */
    @JsonIgnore
    public boolean isMissed()
    {
        return MISSED.equals(status);
    }

    /**
     * The outcome in words: {@code 62.3×}, {@code 42.1× (needs ≥ 50×): 16% short; best repetitions 51.2×}, or why it
     * was not measured.
     *
     * @return the text, without the status.
     */
    public String verdict()
    {
        if (null == actual)
        {
            return null == detail ? "" : detail;
        }
        final StringBuilder text = new StringBuilder(Formats.ratio(actual));
        if (null != basis)
        {
            text.append(' ').append(basis);
            if (null != measured)
            {
                text.append(" (measured figures: ").append(Formats.ratio(measured)).append(')');
            }
        }
        if (isMissed())
        {
            text.append(" (needs ")
                .append(AT_LEAST.equals(comparison) ? "≥" : "≤")
                .append(' ')
                .append(Formats.bound(required))
                .append("): ")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * shortfall))
                .append(AT_LEAST.equals(comparison) ? " short" : " over");
            if (null != bestCase)
            {
                text.append("; best repetitions ").append(Formats.ratio(bestCase))
                    .append(meets(bestCase) ? ", within the spread" : "");
            }
        }
        return text.toString();
    }

    boolean meets(final double ratio)
    {
        return AT_LEAST.equals(comparison) ? ratio >= required : ratio <= required;
    }
}
