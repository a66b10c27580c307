/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

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
     * Judges the holder: see {@link RoleStatus}.
     *
     * @param nowNs             {@link System#nanoTime()} now.
     * @param livenessTimeoutNs how old a heartbeat may be for a live holder.
     * @return the status; reads {@code /proc} for held roles.
     */
    public RoleStatus status(final long nowNs, final long livenessTimeoutNs)
    {
        if (!isHeld())
        {
            return RoleStatus.FREE;
        }
        if (!isInfoCurrent())
        {
            return RoleStatus.TAKING;
        }
        final ProcessIdentity.Status process =
            ProcessIdentity.status(holderPid(), startTicks, bootIdHash, pidNamespace);
        if (ProcessIdentity.Status.DEAD == process)
        {
            return RoleStatus.DEAD;
        }
        return heartbeatAgeNs(nowNs) > livenessTimeoutNs ? RoleStatus.STALE : RoleStatus.ALIVE;
    }
}
