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
     * A process is taking the role right now: it won the owner word, its details are not written yet. A slot left
     * so for longer than the liveness time-out (its taker died at that moment) counts as {@link #DEAD}.
     */
    TAKING,
    /**
     * The holder exists and its heartbeat is fresh.
     */
    ALIVE,
    /**
     * The holder, in this pid namespace, exists but its heartbeat is older than the liveness time-out: stopped,
     * hung, or in a long pause. Taken over only with force.
     */
    STALE,
    /**
     * The holder is gone: provably (its pid is gone, reused or a zombie, or it ran before the machine restarted), or
     * it runs in another pid namespace (container) and its heartbeat is older than the liveness time-out, or it was
     * abandoned half-way through taking the role. Taken over automatically.
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
