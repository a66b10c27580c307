/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How reports write numbers: durations with a unit chosen for three significant digits, rates with k/M/G, ratios
 * with a multiplication sign. The text uses µ, ×, ≥ and ≤; the console report turns them into ASCII
 * ({@link ConsoleTable}).
 * <p>
 * Stateless and thread-safe; always formats with {@link Locale#ROOT}, whatever the default locale.
 */
public final class Formats
{
    private Formats()
    {
    }

    /**
     * A duration with a unit: {@code 480 ns}, {@code 28.1 µs}, {@code 1.20 ms}, {@code 2.50 s}.
     *
     * @param nanos nanoseconds.
     * @return the text.
     */
    public static String nanos(final double nanos)
    {
        if (nanos < 1e3)
        {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6)
        {
            return sig3(nanos / 1e3) + " µs";
        }
        return nanos < 1e9 ? sig3(nanos / 1e6) + " ms" : sig3(nanos / 1e9) + " s";
    }

    /**
     * A rate with a k, M or G suffix and three significant digits: {@code 42.0 M}, {@code 130 k}, {@code 950}.
     *
     * @param perSecond the rate.
     * @return the text.
     */
    public static String rate(final double perSecond)
    {
        if (perSecond < 1e3)
        {
            return sig3(perSecond);
        }
        if (perSecond < 1e6)
        {
            return sig3(perSecond / 1e3) + " k";
        }
        return perSecond < 1e9 ? sig3(perSecond / 1e6) + " M" : sig3(perSecond / 1e9) + " G";
    }

    /**
     * Megabytes per second: three significant digits, or whole numbers with thousands separators from 1000 up.
     *
     * @param mbPerS megabytes per second.
     * @return the text.
     */
    public static String megabytes(final double mbPerS)
    {
        return mbPerS < 1e3 ? sig3(mbPerS) : String.format(Locale.ROOT, "%,.0f", mbPerS);
    }

    /**
     * Bytes allocated per message: {@code 0} when none, else up to two decimals.
     *
     * @param bytes bytes per message, or {@code null} if not measured.
     * @return the text, {@code -} if not measured.
     */
    public static String bytesPerMessage(final Double bytes)
    {
        if (null == bytes)
        {
            return "-";
        }
        if (0.0 == bytes)
        {
            return "0";
        }
        return bytes >= 100 ? String.format(Locale.ROOT, "%.0f", bytes) : String.format(Locale.ROOT, "%.2f", bytes);
    }

    /**
     * A ratio with the multiplication sign: {@code 55×}, {@code 1.35×}.
     *
     * @param ratio the ratio.
     * @return the text.
     */
    public static String ratio(final double ratio)
    {
        return sig3(ratio) + "×";
    }

    /**
     * A bound as written in a target, without trailing zeros: {@code 50×}, {@code 1.5×}, {@code 1.1×}.
     *
     * @param bound the bound.
     * @return the text.
     */
    public static String bound(final double bound)
    {
        return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString() + "×";
    }

    /**
     * How much slower something is than the baseline, in words: {@code 55× slower}, {@code 1.30× faster},
     * {@code same} within half a percent.
     *
     * @param slowdown how many times slower: its time divided by the baseline's, or the baseline's rate divided by
     *                 its rate.
     * @return the text.
     */
    public static String slowdown(final double slowdown)
    {
        if (Double.isNaN(slowdown) || Double.isInfinite(slowdown) || slowdown <= 0)
        {
            return "-";
        }
        if (slowdown >= 1.005)
        {
            return ratio(slowdown) + " slower";
        }
        return slowdown <= 1 / 1.005 ? ratio(1 / slowdown) + " faster" : "same";
    }

    /**
     * A byte count as a message size: {@code 64 B}, {@code 1 KiB}, {@code 4 KiB}.
     *
     * @param bytes the size.
     * @return the text.
     */
    public static String size(final int bytes)
    {
        return bytes >= 1024 && 0 == bytes % 1024 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private static String sig3(final double value)
    {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
