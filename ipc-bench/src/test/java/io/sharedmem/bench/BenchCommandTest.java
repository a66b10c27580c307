/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench;

import io.sharedmem.bench.harness.BenchPlan;
import io.sharedmem.bench.transport.Transports;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options of {@code ipc bench}: defaults, {@code --full}, the overrides, and clear refusals.
 */
final class BenchCommandTest
{
    @Test
    void theDefaultRunIsEveryTransportAt64BytesTwice()
    {
        final BenchPlan plan = parse();
        assertEquals(Transports.names(), plan.transports());
        assertEquals(List.of(64), plan.sizes());
        assertEquals(2, plan.repetitions());
        assertEquals(Duration.ofSeconds(2), plan.duration());
    }

    @Test
    void fullRunsEverySizeWithMoreRepetitions()
    {
        final BenchPlan plan = parse("--full");
        assertEquals(List.of(8, 64, 256, 1024, 4096), plan.sizes());
        assertEquals(3, plan.repetitions());
    }

    @Test
    void optionsOverrideThePlan()
    {
        final BenchPlan plan = parse("--full", "--transports", "tcp,raw-block", "--sizes", "8,1k,4KiB",
            "--duration", "1s", "--repetitions", "5", "--pin", "--capacity", "1m");
        assertEquals(List.of("tcp", "raw-block"), plan.transports());
        assertEquals(List.of(8, 1024, 4096), plan.sizes());
        assertEquals(Duration.ofSeconds(1), plan.duration());
        assertEquals(Duration.ofMillis(500), plan.warmUp());
        assertEquals(5, plan.repetitions());
        assertTrue(plan.pin());
        assertEquals(1 << 20, plan.capacity());
    }

    @Test
    void anUnknownTransportIsRefusedListingTheKnownOnes()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--transports", "carrier-pigeon"));
        assertTrue(err.toString().contains("no transport \"carrier-pigeon\"; there are: spsc-ring"), err.toString());
    }

    @Test
    void aMalformedDurationIsRefused()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--duration", "soon"));
        assertTrue(err.toString().contains("not a duration: \"soon\""), err.toString());
    }

    @Test
    void helpListsEveryOptionAndTransport()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("--help"));
        for (final String option : List.of("--full", "--transports", "--sizes", "--duration", "--repetitions",
            "--pin", "--out", "--help"))
        {
            assertTrue(out.toString().contains(option), option + " in\n" + out);
        }
        for (final String transport : Transports.names())
        {
            assertTrue(out.toString().contains(transport), transport + " in\n" + out);
        }
    }

    private static BenchPlan parse(final String... args)
    {
        final BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }
}
