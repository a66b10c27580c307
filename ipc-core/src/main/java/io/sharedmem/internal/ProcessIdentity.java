/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a process is, in terms that survive pid reuse: pid, start time, boot and pid namespace; and whether a process
 * recorded that way is provably dead.
 * <p>
 * The start time is the kernel's own: field 22 of {@code /proc/<pid>/stat}, in clock ticks since boot. It is exact
 * and never moves with the wall clock, unlike {@link ProcessHandle.Info#startInstant()}, which adds a boot time that
 * NTP can shift by a second between two JVMs. Where {@code /proc} is missing (not Linux) the start time is
 * {@link #UNKNOWN}, and a holder whose pid exists is then never called dead.
 * <p>
 * A process is <em>provably dead</em> when it ran in another boot of this machine (no process survives a restart),
 * or when it ran in this boot and this pid namespace and its pid no longer exists, exists with another start time
 * (the pid was reused) or is a zombie. A process in another pid namespace cannot be looked up: its pid means nothing
 * here, and it is never called dead by this class (callers judge it by its heartbeat).
 * <p>
 * Thread-safe: static methods and immutable constants only.
 */
public final class ProcessIdentity
{
    /**
     * Value of a start time, boot id hash or namespace id that could not be read.
     */
    public static final long UNKNOWN = 0;

    /**
     * This process's pid.
     */
    public static final long PID = ProcessHandle.current().pid();

    /**
     * This process's start time in clock ticks since boot, or {@link #UNKNOWN}.
     */
    public static final long START_TICKS = startTicks(PID);

    /**
     * A 64-bit hash of this boot's id ({@code /proc/sys/kernel/random/boot_id}), or {@link #UNKNOWN}.
     */
    public static final long BOOT_ID_HASH = bootIdHash();

    /**
     * The inode number of this process's pid namespace ({@code readlink /proc/self/ns/pid}), or {@link #UNKNOWN}.
     */
    public static final long PID_NAMESPACE = pidNamespace();

    private ProcessIdentity()
    {
    }

    /**
     * What is known about whether a recorded process still exists.
     */
    public enum Status
    {
        /**
         * The process exists with the recorded start time (or the start time cannot be compared).
         */
        ALIVE,
        /**
         * The pid is gone, belongs to a process started at another time, is a zombie, or ran in another boot.
         */
        DEAD,
        /**
         * The process ran in another pid namespace, or nothing was recorded: it cannot be checked from here.
         */
        UNKNOWN
    }

    /**
     * Judges whether a recorded process still exists. Reads {@code /proc}: a system call or two, so not for hot paths.
     *
     * @param pid          the recorded pid; 0 or less gives {@link Status#UNKNOWN}.
     * @param startTicks   its recorded start time in clock ticks since boot, or {@link #UNKNOWN}.
     * @param bootIdHash   the boot it ran in, or {@link #UNKNOWN}.
     * @param pidNamespace the pid namespace it ran in, or {@link #UNKNOWN}.
     * @return {@link Status#DEAD} only when provable.
     */
    public static Status status(final long pid, final long startTicks, final long bootIdHash, final long pidNamespace)
    {
        if (pid <= 0)
        {
            return Status.UNKNOWN;
        }
        if (UNKNOWN != bootIdHash && UNKNOWN != BOOT_ID_HASH && bootIdHash != BOOT_ID_HASH)
        {
            // Recorded before the machine restarted.
            return Status.DEAD;
        }
        if (bootIdHash != BOOT_ID_HASH || pidNamespace != PID_NAMESPACE)
        {
            // Another namespace, or one side could not tell: its pid cannot be looked up here.
            return Status.UNKNOWN;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return Status.DEAD;
        }
        if (UNKNOWN == startTicks)
        {
            return Status.ALIVE;
        }
        final String[] fields = statFields(pid);
        if (null == fields || fields.length <= 19)
        {
            // Exited between the two looks, or /proc unreadable: check existence once more.
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Status.ALIVE : Status.DEAD;
        }
        // A zombie (killed, not yet reaped by its parent) still has its pid and start time, but will never run again.
        final String state = fields[0];
        if ("Z".equals(state) || "X".equals(state) || "x".equals(state))
        {
            return Status.DEAD;
        }
        return parseOrUnknown(fields[19]) == startTicks ? Status.ALIVE : Status.DEAD;
    }

    /**
     * Whether this process can look up the pids of a process recorded with that boot and namespace.
     *
     * @param bootIdHash   the recorded boot.
     * @param pidNamespace the recorded pid namespace.
     * @return {@code true} if both are known and equal to this process's.
     */
    public static boolean isSameHost(final long bootIdHash, final long pidNamespace)
    {
        return UNKNOWN != bootIdHash && bootIdHash == BOOT_ID_HASH && pidNamespace == PID_NAMESPACE;
    }

    /**
     * Reads a process's start time: field 22 of {@code /proc/<pid>/stat}.
     *
     * @param pid the process.
     * @return clock ticks since boot, or {@link #UNKNOWN} if the process or {@code /proc} is not there.
     */
    public static long startTicks(final long pid)
    {
        final String[] fields = statFields(pid);
        return null != fields && fields.length > 19 ? parseOrUnknown(fields[19]) : UNKNOWN;
    }

    /**
     * The fields of {@code /proc/<pid>/stat} from field 3 (the state) on.
     *
     * @return the fields, or {@code null} if the process or {@code /proc} is not there.
     */
    private static String[] statFields(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces and ')': fields are counted from the
            // last ')'. After it come field 3 (state) onwards, so field 22 is the 20th.
            final int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 > stat.length() ? null : stat.substring(close + 2).split(" ");
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private static long parseOrUnknown(final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return UNKNOWN;
        }
    }

    private static long bootIdHash()
    {
        try
        {
            final String id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                .trim().replace("-", "");
            if (id.length() < 16)
            {
                return UNKNOWN;
            }
            final long hash = Long.parseUnsignedLong(id.substring(0, 16), 16) ^
                (id.length() >= 32 ? Long.parseUnsignedLong(id.substring(16, 32), 16) : 0);
            return UNKNOWN == hash ? 1 : hash;
        }
        catch (final IOException | RuntimeException ex)
        {
            return UNKNOWN;
        }
    }

    private static long pidNamespace()
    {
        try
        {
            final String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            final int open = link.indexOf('[');
            final int close = link.indexOf(']');
            return open >= 0 && close > open ? Long.parseLong(link.substring(open + 1, close)) : UNKNOWN;
        }
        catch (final IOException | RuntimeException ex)
        {
            return UNKNOWN;
        }
    }
}
