/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sizes and seeds of randomised trials.
 * <p>
 * <b>Sizes.</b> A quick slice runs in every {@code mvn verify}; the full size with {@code -Preliability} (which sets
 * {@value #SCALE_PROP_NAME}{@code =reliability}).
 * <p>
 * <b>Seeds.</b> Every randomised test takes its seed from the system property {@value #SEED_PROP_NAME} if set, else
 * draws one, and prints it with the line that replays it
 * ({@code mvn ... -Dtest=TheTest -Dsharedmem.test.seed=N}). The seed fixes every choice the test makes (ring sizes,
 * message sizes, paths, kill delays, bytes written); it cannot fix how the operating system interleaves the
 * processes, so a replay repeats the trial, not necessarily its exact timing.
 * <p>
 * Stateless and thread-safe.
 */
public final class Trials
{
    /**
     * System property: {@code quick} (the default) or {@code reliability}.
     */
    public static final String SCALE_PROP_NAME = "sharedmem.test.scale";

    /**
     * System property: the seed of every randomised test run in this JVM.
     */
    public static final String SEED_PROP_NAME = "sharedmem.test.seed";

    private Trials()
    {
    }

    /**
     * Whether the long trials run ({@code -Preliability}).
     *
     * @return {@code true} at reliability scale.
     */
    public static boolean isReliability()
    {
        return "reliability".equals(System.getProperty(SCALE_PROP_NAME));
    }

    /**
     * The scale's name, for reports.
     *
     * @return {@code quick}, {@code reliability} or what the property says.
     */
    public static String scale()
    {
        return System.getProperty(SCALE_PROP_NAME, "quick");
    }

    /**
     * A count for the current scale.
     *
     * @param quick       in {@code mvn verify}.
     * @param reliability with {@code -Preliability}.
     * @return the one that applies.
     */
    public static int scaled(final int quick, final int reliability)
    {
        return isReliability() ? reliability : quick;
    }

    /**
     * A duration in milliseconds for the current scale.
     *
     * @param quickMs       in {@code mvn verify}.
     * @param reliabilityMs with {@code -Preliability}.
     * @return the one that applies.
     */
    public static long scaledMs(final long quickMs, final long reliabilityMs)
    {
        return isReliability() ? reliabilityMs : quickMs;
    }

    /**
     * The seed for a test, printed with how to replay it.
     *
     * @param test the test's name, as {@code -Dtest=} takes it (such as {@code CrashMatrixTest#producerKills}).
     * @return the seed.
     */
    public static long seed(final String test)
    {
        final String given = System.getProperty(SEED_PROP_NAME);
        final long seed = null != given ? Long.parseLong(given.trim()) : ThreadLocalRandom.current().nextLong();
        System.out.println("[" + test + "] seed " + seed + " (replay: -Dtest='" + test + "' -D" + SEED_PROP_NAME +
            "=" + seed + (isReliability() ? " -Preliability" : "") + ")");
        return seed;
    }

    /**
     * A random source for a test, seeded by {@link #seed(String)}.
     *
     * @param test the test's name.
     * @return the random source; not thread-safe.
     */
    public static SplittableRandom random(final String test)
    {
        return new SplittableRandom(seed(test));
    }
}
