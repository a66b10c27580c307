/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

import io.sharedmem.internal.ProcessIdentity;

/**
 * A copy of one role slot of a header, as read at one moment (see {@link HeaderDescriptor} for the fields).
 * <p>
 * Immutable and thread-safe.
 *
 * @param ownerWord    {@code epoch << 32 | pid}; pid 0 means the role is free.
 * @param infoEpoch    the epoch the other fields belong to; differs from the owner word's while a holder is taking
 *                     the role.
 * @param pid          the holder's pid as written in the slot.
 * @param startTicks   the holder's start time in clock ticks since boot, or 0 if unknown.
 * @param heartbeatNs  the holder's last heartbeat on {@code CLOCK_MONOTONIC}, in nanoseconds.
 * @param bootIdHash   hash of the holder's boot id, or 0 if unknown.
 * @param pidNamespace the holder's pid namespace, or 0 if unknown.
 * @param takeovers    how many times this role was taken from a holder that had not released it.
 * @param acquiredTime when the holder took the role, in milliseconds since the epoch.
 */
public record RoleSnapshot(
    long ownerWord, int infoEpoch, long pid, long startTicks, long heartbeatNs, long bootIdHash, long pidNamespace,
    long takeovers, long acquiredTime)
{
    /**
     * Whether some process holds the role.
     *
     * @return {@code true} if the owner word names a pid.
     */
    public boolean isHeld()
    {
        return 0 != HeaderDescriptor.ownerPid(ownerWord);
    }

    /**
     * The holder's pid, from the owner word.
     *
     * @return the pid, 0 if free.
     */
    public long holderPid()
    {
        return HeaderDescriptor.ownerPid(ownerWord);
    }

    /**
     * The owner word's epoch.
     *
     * @return how many times the role has been taken.
     */
    public int epoch()
    {
        return HeaderDescriptor.ownerEpoch(ownerWord);
    }

    /**
     * Whether the fields describe the current holder (its taking of the role is complete).
     *
     * @return {@code true} if the info epoch matches the owner word.
     */
    public boolean isInfoCurrent()
    {
        return infoEpoch == epoch();
    }

    /**
     * Age of the heartbeat, meaningful on the same machine (the clock is {@code CLOCK_MONOTONIC}).
     *
     * @param nowNs {@link System#nanoTime()} now.
     * @return nanoseconds since the last heartbeat.
     */
    public long heartbeatAgeNs(final long nowNs)
    {
        return nowNs - heartbeatNs;
    }

    /**
     * Judges the holder: see {@link RoleStatus} and {@code docs/LAYOUT.md} §2.
     *
     * @param nowNs             {@link System#nanoTime()} now.
     * @param livenessTimeoutNs how old a heartbeat may be for a live holder.
     * @return the status; reads {@code /proc} for held roles.
     */
    public RoleStatus status(final long nowNs, final long livenessTimeoutNs)
    {
        return judge(nowNs, livenessTimeoutNs).status();
    }

    /**
     * Judges the holder, also saying whether it may still run (a role taken from such a holder needs care: a producer
     * leaves a zone for the record it may still finish).
     *
     * @param nowNs             {@link System#nanoTime()} now.
     * @param livenessTimeoutNs how old a heartbeat may be for a live holder.
     * @return the judgement; reads {@code /proc} for held roles.
     */
    public Judgement judge(final long nowNs, final long livenessTimeoutNs)
    {
        if (!isHeld())
        {
            return new Judgement(RoleStatus.FREE, false, "is free");
        }
        final long age = heartbeatAgeNs(nowNs);
        if (!isInfoCurrent())
        {
            // The taker writes its heartbeat just before its compare-and-set: an old heartbeat here means it died (or
            // stopped) between the two and its details. A taker that resumes later finds itself fenced before it
            // writes anything but its details, so no harm can follow from taking over.
            return age >= livenessTimeoutNs ?
                new Judgement(RoleStatus.DEAD, false, "was abandoned half-way through taking it (" + ms(age) +
                    " ms ago)") :
                new Judgement(RoleStatus.TAKING, true, "is taking it right now (or died at that moment: then it " +
                    "counts as dead " + ms(livenessTimeoutNs - age) + " ms from now)");
        }
        final ProcessIdentity.Status process =
            ProcessIdentity.status(holderPid(), startTicks, bootIdHash, pidNamespace);
        if (ProcessIdentity.Status.DEAD == process)
        {
            return new Judgement(RoleStatus.DEAD, false, "is dead");
        }
        if (ProcessIdentity.Status.UNKNOWN == process)
        {
            // Another pid namespace (another container): its pid means nothing here, only its heartbeat does.
            return age > livenessTimeoutNs ?
                new Judgement(RoleStatus.DEAD, true, "runs in another pid namespace and has not heartbeat for " +
                    ms(age) + " ms") :
                new Judgement(RoleStatus.ALIVE, true, "runs in another pid namespace and is alive (heartbeat " +
                    ms(Math.max(0, age)) + " ms ago)");
        }
        return age > livenessTimeoutNs ?
            new Judgement(RoleStatus.STALE, true, "cannot be proven dead but its heartbeat is " + ms(age) +
                " ms old (stopped or hung?)") :
            new Judgement(RoleStatus.ALIVE, true, "is alive (heartbeat " + ms(Math.max(0, age)) + " ms ago)");
    }

    private static long ms(final long ns)
    {
        return ns / 1_000_000;
    }

    /**
     * A holder judged. Immutable and thread-safe.
     *
     * @param status      what it is.
     * @param mayStillRun {@code true} unless it is provably dead (or never got far enough to write anything).
     * @param why         why, for messages: "is alive (heartbeat 12 ms ago)".
     */
    public record Judgement(RoleStatus status, boolean mayStillRun, String why)
    {
    }
}
