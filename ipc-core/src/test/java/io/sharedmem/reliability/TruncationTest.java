/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.reliability;

import io.sharedmem.BlockTruncatedException;
import io.sharedmem.CorruptHeaderException;
import io.sharedmem.SharedBlock;
import io.sharedmem.block.BlockDirectory;
import io.sharedmem.ring.MpscRing;
import io.sharedmem.ring.SpscRing;
import io.sharedmem.testing.ChildJvm;
import io.sharedmem.testing.CrashWatch;
import io.sharedmem.testing.Processes;
import io.sharedmem.testing.ReliabilityFigures;
import io.sharedmem.testing.TestBlocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block file truncated by another process ({@code truncate -s}) while a child JVM has it mapped and in use. What
 * must hold, and what is documented in {@link io.sharedmem.block.BlockFaults}:
 * <ul>
 *     <li>never a JVM crash ({@code SIGBUS}), never an access outside the mapping, never a hang: the child's
 *     operation fails within seconds of the truncation;</li>
 *     <li>the failure is a {@link BlockTruncatedException} naming the block and both sizes when the fault is reported
 *     inside a call that translates it (taking a role, the status calls, the blocking {@code read} and
 *     {@code write}, an MPSC consumer's {@code read}), and otherwise HotSpot's {@link InternalError} for a fault in an
 *     unsafe memory access, which {@code BlockFaults.isMappingFault} recognises (the hot paths {@code offer},
 *     {@code tryClaim}, {@code commit}, {@code poll} do not translate: HotSpot may report the fault after they
 *     returned, in the caller's code); an attach after the truncation gets {@code CorruptHeaderException}
 *     ("truncated").</li>
 * </ul>
 */
class TruncationTest
{
    private static final int CAPACITY = 64 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long PROMPT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures("TruncationTest", 0);
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static int translated;
    private static int reportedByHotSpot;

    @RegisterExtension
    final TestBlocks blocks = new TestBlocks();

    @AfterAll
    static void writeFigures()
    {
        FIGURES.trialKind = "block truncated under a mapping";
        FIGURES.write();
        System.out.println("truncations: " + translated + " reported as BlockTruncatedException, " +
            reportedByHotSpot + " as HotSpot's InternalError");
        assertEquals(0, FIGURES.violations(), PROBLEMS.toString());
    }

    @ParameterizedTest(name = "{0}, truncated to {1}")
    @CsvSource({
        "offer, data", "offer, 0",
        "claim, data",
        "poll, data", "poll, 4096",
        "readwrite, data", "readwrite, partial", "readwrite, 0",
        "idle, 0",
    })
    void spscRingTruncatedUnderItsMappingFailsPromptlyAndClearly(final String mode, final String to)
        throws Exception
    {
        final String name = blocks.newName("trunc");
        SpscRing.create(name, CAPACITY).close();
        runAndTruncate(mode, name, size(to));
    }

    @Test
    void producerTakingOverATruncatedRingGetsBlockTruncatedException() throws Exception
    {
        final String name = blocks.newName("trunct");
        SpscRing.create(name, CAPACITY).close();
        final String result = runAndTruncate("takeover", name, size("partial"));
        assertTrue(result.startsWith("RESULT " + BlockTruncatedException.class.getName()), result);
        assertTrue(result.contains("\"" + name + "\"") && result.contains((1024 + CAPACITY) + " bytes are mapped") &&
            result.contains("the file now has " + size("partial") + " bytes"), result);
    }

    @Test
    void mpscRingTruncatedUnderItsMappingFailsPromptlyAndClearly() throws Exception
    {
        final String name = blocks.newName("truncm");
        MpscRing.create(name, CAPACITY).close();
        runAndTruncate("mpsc", name, size("data"));
    }

    @Test
    void rawBlockTruncatedUnderItsMappingReportsHotSpotsInternalError() throws Exception
    {
        final String name = blocks.newName("truncr");
        SharedBlock.create(name, 1 << 20).close();
        final String result = runAndTruncate("raw", name, 4096);
        assertTrue(result.startsWith("RESULT java.lang.InternalError") && result.contains("unsafe memory access"),
            result);
    }

    private static long size(final String to)
    {
        switch (to)
        {
            case "data":
                // Page-aligned: every lost byte faults.
                return 9 * 4096;
            case "partial":
                // Inside a page: the rest of that page stays mapped but is zeroed, without a fault.
                return 1024 + CAPACITY / 2;
            default:
                return Long.parseLong(to);
        }
    }

    /**
     * A clear answer to a truncation: the named exception, HotSpot's fault error, or (for a child that attached
     * after it) the header check's "truncated".
     */
    private static boolean clear(final String line, final String prefix)
    {
        return line.startsWith(prefix + BlockTruncatedException.class.getName()) ||
            (line.startsWith(prefix + InternalError.class.getName()) && line.contains("unsafe memory access")) ||
            (line.startsWith(prefix + CorruptHeaderException.class.getName()) && line.contains("truncated"));
    }

    /**
     * Starts the child, truncates the file from another process once the child is busy, and returns the child's
     * RESULT line; counts the trial, and anything but a prompt, clear answer.
     */
    private static String runAndTruncate(final String mode, final String name, final long size) throws Exception
    {
        FIGURES.trials++;
        FIGURES.badInputs("file truncated while mapped", 1);
        try (CrashWatch watch = new CrashWatch("TruncationTest-" + mode))
        {
            try (ChildJvm child = watch.start(TruncationChild.class, mode, "ring=" + name))
            {
                child.awaitLineStartingWith("ready", WAIT);
                Thread.sleep(300);
                final long truncatedAt = System.nanoTime();
                final Processes.Result truncate = Processes.run(WAIT, "truncate", "-s", Long.toString(size),
                    BlockDirectory.resolve().resolve(name).toString());
                assertEquals(0, truncate.exitCode(), truncate.report());
                final String result;
                final int status;
                try
                {
                    result = child.awaitLineStartingWith("RESULT", WAIT);
                    final long afterNs = System.nanoTime() - truncatedAt;
                    if (afterNs > PROMPT_NS && !"takeover".equals(mode))
                    {
                        FIGURES.hangs++;
                        PROBLEMS.add(mode + ": the fault surfaced only " + afterNs / 1_000_000 + " ms after the " +
                            "truncation");
                    }
                    status = child.awaitExit(WAIT);
                }
                catch (final AssertionError ex)
                {
                    FIGURES.jvmCrashes += watch.crashes();
                    if (child.isAlive())
                    {
                        FIGURES.hangs++;
                    }
                    PROBLEMS.add(mode + ": " + ex.getMessage());
                    throw ex;
                }
                final long crashes = watch.crashes();
                FIGURES.jvmCrashes += crashes;
                final String closed = child.stdoutLines().stream().filter((l) -> l.startsWith("CLOSED"))
                    .findFirst().orElse("CLOSED missing");
                final boolean closedClear = "CLOSED ok".equals(closed) || clear(closed, "CLOSED ");
                if (!clear(result, "RESULT ") || !closedClear)
                {
                    FIGURES.unclearAnswers++;
                    PROBLEMS.add(mode + " truncated to " + size + ": " + result + " / " + closed);
                }
                if (result.startsWith("RESULT " + BlockTruncatedException.class.getName()))
                {
                    translated++;
                }
                else if (result.startsWith("RESULT " + InternalError.class.getName()))
                {
                    reportedByHotSpot++;
                }
                System.out.println(mode + " truncated to " + size + ": " + result + " / " + closed);
                assertEquals(0, crashes, watch.describe());
                assertEquals(0, status, child.fullReport());
                assertTrue(clear(result, "RESULT "), result);
                assertTrue(closedClear, closed + child.report());
                return result;
            }
        }
    }
}
