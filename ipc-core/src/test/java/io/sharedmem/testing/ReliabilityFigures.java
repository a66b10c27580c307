/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures of one reliability test, printed and appended as one row to {@code summary.csv} in the directory named
 * by {@value #DIR_PROP_NAME} (the build sets it to {@code target/reliability} of the project's root; without it,
 * {@code target/reliability} of the working directory). The README's reliability table is filled from that file
 * ({@code .ci/reliability-table} sums it).
 * <p>
 * Each figure is a count over the whole test: trials of one kind, kills by role, messages checked against the
 * delivery contract of {@code docs/RINGS.md}, and the violations, which must all be zero: messages lost, torn or
 * phantom, delivered again beyond the batch in flight; successors that failed to take a dead holder's role in time;
 * hangs past a time-out; JVM crashes. Bad inputs are counted by kind.
 * <p>
 * Write the row in a {@code finally} block, before asserting the violations are zero, so a failing run still reports
 * what it found. Not thread-safe: counted by the test's thread.
 */
public final class ReliabilityFigures
{
    /**
     * System property: the directory of {@code summary.csv}.
     */
    public static final String DIR_PROP_NAME = "sharedmem.reliability.dir";

    /**
     * System property: an id shared by every test of one build, so rows of one run can be told from older ones.
     */
    public static final String RUN_PROP_NAME = "sharedmem.reliability.run";

    private static final String HEADER = "run,finished,test,scale,seed,trial_kind,trials,kills_producer," +
        "kills_consumer,kills_both,kills_inside_a_record,messages_checked,lost,torn_or_phantom," +
        "duplicated_beyond_contract,redelivered_within_contract,failed_takeovers,hangs,jvm_crashes,bad_inputs," +
        "bad_inputs_by_kind,unclear_answers,seconds";

    private final String test;
    private final long seed;
    private final long startNs = System.nanoTime();

    /** What a trial is in this test, such as {@code producer kill}. */
    public String trialKind = "";
    /** Trials run. */
    public long trials;
    /** Producers killed with {@code kill -9}. */
    public long producerKills;
    /** Consumers killed with {@code kill -9}. */
    public long consumerKills;
    /** Producer and consumer killed together. */
    public long bothKills;
    /** Kills that landed while the victim had a record claimed or an offer under way. */
    public long killsInsideARecord;
    /** Messages whose sequence number, length, type and checksum were checked. */
    public long messagesChecked;
    /** Committed messages never delivered. */
    public long lost;
    /** Messages delivered with wrong bytes, or delivered though never committed. */
    public long tornOrPhantom;
    /** Messages delivered again although a completed poll had already consumed them. */
    public long duplicatedBeyondContract;
    /** Messages delivered again because they were in the batch in flight when a consumer died (allowed). */
    public long redeliveredWithinContract;
    /** Successors that did not take a dead holder's role within their time-out. */
    public long failedTakeovers;
    /** Waits that ran past their time-out. */
    public long hangs;
    /** Child JVMs that crashed (an hs_err file, or death by a signal the test did not send). */
    public long jvmCrashes;
    /** Bad inputs answered by anything but a clear exception or the documented behaviour. */
    public long unclearAnswers;

    private final Map<String, Long> badInputs = new TreeMap<>();

    /**
     * Starts the figures of a test.
     *
     * @param test the test's name.
     * @param seed its seed, or 0 if it has none.
     */
    public ReliabilityFigures(final String test, final long seed)
    {
        this.test = test;
        this.seed = seed;
    }

    /**
     * Counts bad inputs of a kind.
     *
     * @param kind  such as {@code header bytes}.
     * @param count how many were tried.
     */
    public void badInputs(final String kind, final long count)
    {
        badInputs.merge(kind, count, Long::sum);
    }

    /**
     * Bad inputs tried, all kinds.
     *
     * @return the count.
     */
    public long badInputs()
    {
        return badInputs.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The sum of every violation: must be zero.
     *
     * @return lost + torn or phantom + duplicated beyond the contract + failed takeovers + hangs + JVM crashes +
     * unclear answers.
     */
    public long violations()
    {
        return lost + tornOrPhantom + duplicatedBeyondContract + failedTakeovers + hangs + jvmCrashes + unclearAnswers;
    }

    /**
     * Prints the figures and appends them to {@code summary.csv}.
     */
    public void write()
    {
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
        final StringJoiner kinds = new StringJoiner(";");
        badInputs.forEach((kind, count) -> kinds.add(kind + "=" + count));
        System.out.println("[" + test + "] figures: " + trials + " trials (" + trialKind + "), kills: producer " +
            producerKills + ", consumer " + consumerKills + ", both " + bothKills + " (inside a record " +
            killsInsideARecord + "); messages checked " + messagesChecked + ", lost " + lost + ", torn or phantom " +
            tornOrPhantom + ", duplicated beyond the contract " + duplicatedBeyondContract + " (redelivered within " +
            "it " + redeliveredWithinContract + "), failed takeovers " + failedTakeovers + ", hangs " + hangs +
            ", JVM crashes " + jvmCrashes + ", bad inputs " + badInputs() + " [" + kinds + "], unclear answers " +
            unclearAnswers + "; " + seconds + " s");

        final String row = String.join(",", csv(System.getProperty(RUN_PROP_NAME, "")),
            Instant.now().toString(), csv(test), Trials.scale(), Long.toString(seed), csv(trialKind),
            Long.toString(trials), Long.toString(producerKills), Long.toString(consumerKills),
            Long.toString(bothKills), Long.toString(killsInsideARecord), Long.toString(messagesChecked),
            Long.toString(lost), Long.toString(tornOrPhantom), Long.toString(duplicatedBeyondContract),
            Long.toString(redeliveredWithinContract), Long.toString(failedTakeovers), Long.toString(hangs),
            Long.toString(jvmCrashes), Long.toString(badInputs()), csv(kinds.toString()), Long.toString(unclearAnswers),
            Long.toString(seconds));
        final Path file = directory().resolve("summary.csv");
        try
        {
            Files.createDirectories(file.getParent());
            synchronized (ReliabilityFigures.class)
            {
                if (!Files.exists(file))
                {
                    Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                }
                Files.writeString(file, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append the figures to " + file, ex);
        }
    }

    /**
     * The directory reliability output goes to: {@code summary.csv} and the per-test directories child JVMs write
     * their {@code hs_err} files to.
     *
     * @return the directory (not necessarily created yet).
     */
    public static Path directory()
    {
        final String dir = System.getProperty(DIR_PROP_NAME);
        return null != dir && !dir.isBlank() ? Paths.get(dir) : Paths.get("target", "reliability");
    }

    private static String csv(final String value)
    {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
