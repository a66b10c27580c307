/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpcTest
{
    @Test
    void helpListsEveryCommandAndExits0()
    {
        final CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run.report());
        for (final String command : new String[] {"ls", "info", "dump", "create", "rm", "gc", "example", "demo", "bench",
            "report"})
        {
            assertTrue(run.out().contains("\n  " + command + " "), command + " missing from\n" + run.out());
        }
        assertTrue(run.out().contains("SHAREDMEM_DIR"), run.out());
        assertEquals("", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "info", "dump", "create", "rm", "gc", "example", "demo"})
    void everyCommandHasHelp(final String command)
    {
        final CliRun run = CliRun.of(command, "--help");
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.out().startsWith("Usage: ipc " + command), run.out());
        assertTrue(run.out().contains("--dir"), "--dir is not offered by " + command);
    }

    @Test
    void versionNamesTheProjectVersion()
    {
        final CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.out().matches("(?s)ipc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(SharedMem IPC\\)\nJava .*"),
            run.out());
    }

    @Test
    void noCommandIsAUsageError()
    {
        final CliRun run = CliRun.of();
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("Missing a command: try 'ipc ls'.\nUsage: ipc"), run.err());
    }

    @Test
    void unknownCommandIsAUsageError()
    {
        final CliRun run = CliRun.of("frobnicate");
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().contains("frobnicate"), run.err());
    }

    @Test
    void unknownOptionIsAUsageError()
    {
        final CliRun run = CliRun.of("ls", "--colour");
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("Unknown option: '--colour'"), run.err());
    }

    @Test
    void failureIsOneLineOnStandardErrorWithoutAStackTrace()
    {
        final CliRun run = CliRun.of("info", "smtest-no-such-block-anywhere");
        assertEquals(1, run.exitCode(), run.report());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("ipc info: no block named \"smtest-no-such-block-anywhere\""), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void verboseAddsTheStackTraceWhereverItIsGiven()
    {
        for (final String[] args : new String[][] {
            {"--verbose", "info", "smtest-no-such-block"}, {"info", "smtest-no-such-block", "--verbose"}})
        {
            final CliRun run = CliRun.of(args);
            assertEquals(1, run.exitCode(), run.report());
            assertTrue(run.err().contains("io.sharedmem.NoSuchBlockException: no block named"), run.err());
            assertTrue(run.err().contains("\tat io.sharedmem."), run.err());
        }
    }

    @Test
    void invalidBlockNameIsAUsageErrorNamingTheValue()
    {
        final CliRun run = CliRun.of("info", "a/b");
        assertEquals(2, run.exitCode(), run.report());
        assertTrue(run.err().startsWith("ipc info: block name \"a/b\" contains '/'"), run.err());
    }
}
