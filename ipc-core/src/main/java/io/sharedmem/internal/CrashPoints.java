/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import java.io.IOException;

/**
 * Test hooks that halt or stop the process at a chosen step of creating a block, taking a role, producing or
 * consuming, to prove that a process killed (or stopped) there leaves the ring consistent. Not part of the API.
 * <p>
 * Off unless the system property {@code sharedmem.test.crashPoints} is {@code true}: {@link #ENABLED} is then a
 * {@code false} constant and the JIT removes every guarded call. When on, {@code sharedmem.test.crashPoint} names the
 * point and {@code sharedmem.test.crashAfter} how many times the point is passed first (default 0: the first time).
 * {@code sharedmem.test.crashAction} says what happens there: {@code halt} (default) is {@link Runtime#halt(int)} with
 * status {@value #HALT_STATUS}, no shutdown hooks, no flushing, like a kill; {@code stop} prints
 * {@code stopped at N} and sends the process {@code SIGSTOP}, so that a test can take its role over and then let it
 * run on with {@code SIGCONT} from exactly that instruction.
 * <p>
 * Thread-safe enough for its purpose: one thread passes a given point.
 */
public final class CrashPoints
{
    /**
     * Whether crash points are on in this process.
     */
    public static final boolean ENABLED = Boolean.getBoolean("sharedmem.test.crashPoints");

    /**
     * Exit status of a halt at a crash point.
     */
    public static final int HALT_STATUS = 99;

    /** Producer: the owner word checked, nothing of the record written. */
    public static final int PRODUCER_AFTER_OWNER_CHECK = 1;
    /** Producer: half of the payload written. */
    public static final int PRODUCER_MID_PAYLOAD = 2;
    /** Producer: the whole payload written, the zero word after the record not yet stored. */
    public static final int PRODUCER_AFTER_PAYLOAD = 3;
    /** Producer: the zero word stored, the header word (the commit) not yet. */
    public static final int PRODUCER_AFTER_ZERO_WORD = 4;
    /** Producer: the header word stored (committed); tail and counters not yet updated. */
    public static final int PRODUCER_AFTER_COMMIT = 5;
    /** Producer: a padding record at the end of the region committed; the record not yet begun. */
    public static final int PRODUCER_AFTER_PADDING = 6;
    /** Producer taking over from a holder that may still run: the zone made (pending), not yet active. */
    public static final int PRODUCER_ZONE_PENDING = 7;
    /** Consumer: the batch handled, the head word not yet moved. */
    public static final int CONSUMER_AFTER_HANDLER = 11;
    /** Consumer: the head word moved. */
    public static final int CONSUMER_AFTER_COMMIT = 12;
    /** Consumer taking over: the role taken, the head word's epoch not yet changed. */
    public static final int CONSUMER_BEFORE_EPOCH = 13;
    /** Taking a role: the heartbeat written, the owner word not yet won. */
    public static final int ROLE_BEFORE_CAS = 21;
    /** Taking a role: the owner word won by compare-and-set, the details not yet written. */
    public static final int ROLE_AFTER_CAS = 22;
    /** Taking a role: the details written, the info epoch not yet. */
    public static final int ROLE_BEFORE_INFO_EPOCH = 23;
    /** Creating a block: the file made and its pages reserved under a temporary name, nothing written. */
    public static final int CREATE_AFTER_RESERVE = 31;
    /** Creating a ring: the header written under the temporary name, the block not yet named. */
    public static final int CREATE_BEFORE_LINK = 32;

    private static final int POINT = Integer.getInteger("sharedmem.test.crashPoint", 0);
    private static final boolean STOP = "stop".equals(System.getProperty("sharedmem.test.crashAction"));
    private static long remaining = Long.getLong("sharedmem.test.crashAfter", 0);

    private CrashPoints()
    {
    }

    /**
     * Called at a point: halts or stops the process if it is the chosen one and its count has run out.
     *
     * @param point the point reached.
     */
    public static void reached(final int point)
    {
        if (point == POINT && remaining-- <= 0)
        {
            if (STOP)
            {
                stop(point);
            }
            else
            {
                Runtime.getRuntime().halt(HALT_STATUS);
            }
        }
    }

    private static void stop(final int point)
    {
        System.out.println("stopped at " + point);
        System.out.flush();
        try
        {
            // The JVM stops while waiting for kill(1); SIGCONT lets both go on from here.
            new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        }
        catch (final IOException ex)
        {
            Runtime.getRuntime().halt(HALT_STATUS + 1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
