/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

/**
 * What is known about the holder of a ring role.
 */
public enum RoleStatus
{
    /**
     * Nobody holds the role: never taken, or released by a clean close.
     */
    FREE,
    /**
     * A process is taking the role right now (its details are not yet written).
     */
    TAKING,
    /**
     * The holder exists and its heartbeat is fresh.
     */
    ALIVE,
    /**
     * The holder may exist (or cannot be checked from here, being in another pid namespace) but its heartbeat is
     * older than the liveness time-out: stopped, hung, or in a long pause. Taken over only with force.
     */
    STALE,
    /**
     * The holder is provably dead: its pid is gone, or belongs to a process started later. Taken over automatically.
     */
    DEAD;

    /**
     * Whether a process holds the role and is known to be working.
     *
     * @return {@code true} for {@link #ALIVE} and {@link #TAKING}.
     */
    public boolean isAlive()
    {
        return ALIVE == this || TAKING == this;
    }
}
