/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.ring;

/**
 * Test hooks that halt the process at a chosen step of the producer's or consumer's path, to prove that a process
 * killed there leaves the ring consistent.
 * <p>
 * Off unless the system property {@code sharedmem.test.crashPoints} is {@code true}: {@link #ENABLED} is then a
 * {@code false} constant and the JIT removes every guarded call. When on, {@code sharedmem.test.crashPoint} names the
 * point and {@code sharedmem.test.crashAfter} how many times the point is passed before the halt (default 0: the
 * first time). The halt is {@link Runtime#halt(int)} with status {@value #HALT_STATUS}: no shutdown hooks, no
 * flushing, like a kill.
 */
final class CrashPoints
{
    static final boolean ENABLED = Boolean.getBoolean("sharedmem.test.crashPoints");
    static final int POINT = Integer.getInteger("sharedmem.test.crashPoint", 0);
    static final int HALT_STATUS = 99;

    /** Producer: a padding record is committed at the end of the region; the record has not been written. */
    static final int PRODUCER_AFTER_PADDING = 1;
    /** Producer: half of the payload written, nothing committed. */
    static final int PRODUCER_MID_PAYLOAD = 2;
    /** Producer: the whole payload written, the header word not yet stored. */
    static final int PRODUCER_AFTER_PAYLOAD = 3;
    /** Producer: the header word stored (committed); tail and counters not yet updated. */
    static final int PRODUCER_AFTER_COMMIT = 4;
    /** Producer taking over: half of the free region zeroed. */
    static final int PRODUCER_MID_ZEROING = 5;
    /** Consumer: the batch handled, the intent not yet stored. */
    static final int CONSUMER_AFTER_HANDLER = 11;
    /** Consumer: the intent stored, nothing zeroed. */
    static final int CONSUMER_AFTER_INTENT = 12;
    /** Consumer: half of the consumed bytes zeroed. */
    static final int CONSUMER_MID_ZEROING = 13;
    /** Consumer: the consumed bytes zeroed, the head not yet stored. */
    static final int CONSUMER_AFTER_ZEROING = 14;

    private static long remaining = Long.getLong("sharedmem.test.crashAfter", 0);

    private CrashPoints()
    {
    }

    static void reached(final int point)
    {
        if (point == POINT && remaining-- <= 0)
        {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
