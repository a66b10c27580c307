/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Judging recorded processes alive or dead, with real processes.
 */
class ProcessIdentityTest
{
    @Test
    void thisProcessIsAliveAndKnowsItsStartBootAndNamespace()
    {
        assertNotEquals(ProcessIdentity.UNKNOWN, ProcessIdentity.START_TICKS);
        assertNotEquals(ProcessIdentity.UNKNOWN, ProcessIdentity.BOOT_ID_HASH);
        assertNotEquals(ProcessIdentity.UNKNOWN, ProcessIdentity.PID_NAMESPACE);
        assertEquals(ProcessIdentity.Status.ALIVE, ProcessIdentity.status(ProcessIdentity.PID,
            ProcessIdentity.START_TICKS, ProcessIdentity.BOOT_ID_HASH, ProcessIdentity.PID_NAMESPACE));
    }

    @Test
    void reusedPidAndOtherBootAreDeadAndOtherNamespaceCannotBeJudged()
    {
        final long pid = ProcessIdentity.PID;
        assertEquals(ProcessIdentity.Status.DEAD, ProcessIdentity.status(pid, ProcessIdentity.START_TICKS - 1,
            ProcessIdentity.BOOT_ID_HASH, ProcessIdentity.PID_NAMESPACE), "same pid, other start: reused");
        assertEquals(ProcessIdentity.Status.UNKNOWN, ProcessIdentity.status(pid, ProcessIdentity.START_TICKS - 1,
            ProcessIdentity.BOOT_ID_HASH, ProcessIdentity.PID_NAMESPACE + 1), "another pid namespace");
        assertEquals(ProcessIdentity.Status.DEAD, ProcessIdentity.status(pid, ProcessIdentity.START_TICKS,
            ProcessIdentity.BOOT_ID_HASH + 1, ProcessIdentity.PID_NAMESPACE), "another boot: no process survives it");
        assertEquals(ProcessIdentity.Status.UNKNOWN, ProcessIdentity.status(pid, ProcessIdentity.START_TICKS,
            ProcessIdentity.UNKNOWN, ProcessIdentity.PID_NAMESPACE), "boot not recorded");
    }

    @Test
    void exitedAndUnreapedProcessesAreDead() throws Exception
    {
        final Process child = new ProcessBuilder("sleep", "60").start();
        final long pid = child.pid();
        final long ticks = ProcessIdentity.startTicks(pid);
        assertEquals(ProcessIdentity.Status.ALIVE, ProcessIdentity.status(pid, ticks, ProcessIdentity.BOOT_ID_HASH,
            ProcessIdentity.PID_NAMESPACE));
        // Killed with a signal sent outside Java, so the JDK does not reap it at once: a zombie for a moment.
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessIdentity.status(pid, ticks, ProcessIdentity.BOOT_ID_HASH, ProcessIdentity.PID_NAMESPACE) !=
            ProcessIdentity.Status.DEAD)
        {
            assertTrue(System.nanoTime() < deadline, "a killed process never counted as dead");
            Thread.sleep(5);
        }
        child.waitFor(10, TimeUnit.SECONDS);
        assertEquals(ProcessIdentity.Status.DEAD, ProcessIdentity.status(pid, ticks, ProcessIdentity.BOOT_ID_HASH,
            ProcessIdentity.PID_NAMESPACE));
    }
}
