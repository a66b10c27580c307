/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.internal;

import io.sharedmem.RoleFencedException;
import io.sharedmem.RoleTakenException;
import io.sharedmem.header.RoleSnapshot;
import io.sharedmem.header.RoleStatus;
import io.sharedmem.internal.CrashPoints;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.sharedmem.header.HeaderDescriptor.*;

/**
 * One role slot of a mapped header (producer or consumer): taking the role by compare-and-set on the owner word,
 * heartbeats, release, and judging the holder.
 * <p>
 * <b>Taking.</b> The owner word is {@code epoch << 32 | pid}. A free role (pid 0) is taken by a compare-and-set to
 * {@code (epoch + 1) << 32 | ourPid}, preceded by a store of the taker's heartbeat (so that a taker that dies right
 * after its compare-and-set ages like any holder, and is never judged abandoned before it could write anything);
 * then the holder writes its other details, and last, with release, the info epoch; then it
 * checks the owner word is still its own (a taker stopped half-way may have been taken over meanwhile: it then loses,
 * having written nothing but details). Others trust the details only once the info epoch equals the owner word's
 * epoch. A held role is taken over, with the same compare-and-set, when its holder is {@link RoleStatus#DEAD}
 * (provably, or judged by its heartbeat where its pid cannot be checked, or abandoned half-way through taking the
 * role), or with {@code force} when it is {@link RoleStatus#STALE} or {@link RoleStatus#TAKING}. A holder with a fresh
 * heartbeat is never taken over. The rules are tabled in {@code docs/LAYOUT.md} §2.
 * <p>
 * <b>Fencing.</b> Every holder keeps the owner word it installed and compares it with the slot's
 * ({@link #isHeldBy(long)}, one read of a line that changes only on takeover) before it writes; after a forced
 * takeover the old holder's word no longer matches and it stops with {@link RoleFencedException}.
 * <p>
 * Thread-safe: all state is in the shared buffer, changed only by atomic operations or by the holder.
 */
public final class RoleSlot
{
    private static final long TAKING_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final AtomicBuffer buffer;
    private final int offset;
    private final String blockName;
    private final String role;

    /**
     * Views one slot of a header.
     *
     * @param buffer    the mapped header.
     * @param offset    the slot's offset, such as {@link HeaderDescriptor#PRODUCER_SLOT_OFFSET}.
     * @param blockName the block's name, for messages.
     * @param role      the role's name, for messages: {@code "producer"} or {@code "consumer"}.
     */
    public RoleSlot(final AtomicBuffer buffer, final int offset, final String blockName, final String role)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.blockName = blockName;
        this.role = role;
    }

    /**
     * The role's name.
     *
     * @return {@code "producer"} or {@code "consumer"}.
     */
    public String role()
    {
        return role;
    }

    /**
     * Takes the role for this process.
     *
     * @param force             also take it from a holder that is {@link RoleStatus#STALE} (heartbeat older than
     *                          {@code livenessTimeoutNs}, not provably dead) or still {@link RoleStatus#TAKING} it.
     * @param livenessTimeoutNs how old a live holder's heartbeat may be.
     * @return the result: the owner word now installed, and what was known of the holder it was taken from.
     * @throws RoleTakenException if a live holder (or one that cannot be taken over without force) has the role, or
     *                            another process took it over while this one was taking it.
     */
    public Acquired acquire(final boolean force, final long livenessTimeoutNs)
    {
        long takingWord = 0;
        long takingSince = 0;
        while (true)
        {
            final long word = buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET);
            RoleSnapshot previous = null;
            boolean previousMayStillRun = false;
            if (0 != ownerPid(word))
            {
                final long now = System.nanoTime();
                final RoleSnapshot holder = snapshot();
                if (holder.ownerWord() != word)
                {
                    continue;
                }
                final RoleSnapshot.Judgement judgement = holder.judge(now, livenessTimeoutNs);
                switch (judgement.status())
                {
                    case TAKING:
                        if (!force)
                        {
                            // Give a live taker a moment to finish.
                            if (word != takingWord)
                            {
                                takingWord = word;
                                takingSince = now;
                            }
                            if (now - takingSince < TAKING_WAIT_NS)
                            {
                                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                                continue;
                            }
                            throw taken(holder, judgement.why() + "; take it over with force if it is stuck");
                        }
                        // A taker writes nothing but its details before it checks it still holds the role.
                        previousMayStillRun = false;
                        break;
                    case ALIVE:
                        throw taken(holder, ProcessIdentity.PID == holder.holderPid() &&
                            ProcessIdentity.PID_NAMESPACE == holder.pidNamespace() ?
                            "is this process: one " + role + " per ring, close the other one first" :
                            judgement.why());
                    case STALE:
                        if (!force)
                        {
                            throw taken(holder, judgement.why() + "; take it over with force");
                        }
                        previousMayStillRun = true;
                        break;
                    default:
                        previousMayStillRun = judgement.mayStillRun();
                        break;
                }
                previous = holder;
            }

            final long mine = nextOwnerWord(word, ProcessIdentity.PID);
            // The heartbeat first, before the compare-and-set: whoever sees this process's owner word then also sees
            // a fresh heartbeat, so a taker between its compare-and-set and its details reads as TAKING, never as
            // abandoned. (Written to a slot that is free or whose holder is gone, it misleads nobody.)
            buffer.putLongRelease(offset + SLOT_HEARTBEAT_OFFSET, System.nanoTime());
            if (CrashPoints.ENABLED)
            {
                CrashPoints.reached(CrashPoints.ROLE_BEFORE_CAS);
            }
            if (buffer.compareAndSetLong(offset + SLOT_OWNER_WORD_OFFSET, word, mine))
            {
                if (CrashPoints.ENABLED)
                {
                    CrashPoints.reached(CrashPoints.ROLE_AFTER_CAS);
                }
                writeDetails(mine, null != previous);
                if (!isHeldBy(mine))
                {
                    final long now = buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET);
                    throw new RoleTakenException(blockName, "the " + role + " role of ring \"" + blockName + "\" was " +
                        "taken over by pid " + ownerPid(now) + " while this process (pid " + ProcessIdentity.PID +
                        ") was taking it");
                }
                return new Acquired(mine, null != previous, null == previous ? 0 : ownerPid(word), previous,
                    previousMayStillRun);
            }
        }
    }

    private void writeDetails(final long mine, final boolean takeover)
    {
        buffer.putLong(offset + SLOT_PID_OFFSET, ProcessIdentity.PID);
        buffer.putLong(offset + SLOT_START_TICKS_OFFSET, ProcessIdentity.START_TICKS);
        buffer.putLong(offset + SLOT_BOOT_ID_HASH_OFFSET, ProcessIdentity.BOOT_ID_HASH);
        buffer.putLong(offset + SLOT_PID_NAMESPACE_OFFSET, ProcessIdentity.PID_NAMESPACE);
        buffer.putLong(offset + SLOT_ACQUIRED_TIME_OFFSET, System.currentTimeMillis());
        if (takeover)
        {
            buffer.putLong(offset + SLOT_TAKEOVERS_OFFSET, buffer.getLong(offset + SLOT_TAKEOVERS_OFFSET) + 1);
        }
        if (CrashPoints.ENABLED)
        {
            CrashPoints.reached(CrashPoints.ROLE_BEFORE_INFO_EPOCH);
        }
        buffer.putIntRelease(offset + SLOT_INFO_EPOCH_OFFSET, ownerEpoch(mine));
    }

    private RoleTakenException taken(final RoleSnapshot holder, final String why)
    {
        return new RoleTakenException(blockName, "the " + role + " role of ring \"" + blockName + "\" is held by pid " +
            holder.holderPid() + ", which " + why);
    }

    /**
     * Whether the role is still held with the given owner word: one volatile read.
     *
     * @param ownerWord the word installed by {@link #acquire(boolean, long)}.
     * @return {@code false} once another process has taken the role over.
     */
    public boolean isHeldBy(final long ownerWord)
    {
        return buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET) == ownerWord;
    }

    /**
     * Throws if the role is no longer held with the given owner word.
     *
     * @param ownerWord the word installed by {@link #acquire(boolean, long)}.
     * @throws RoleFencedException if another process took the role over.
     */
    public void checkHeldBy(final long ownerWord)
    {
        if (!isHeldBy(ownerWord))
        {
            throw fenced(ownerWord);
        }
    }

    /**
     * The exception for a holder that lost the role.
     *
     * @param ownerWord the word it had installed.
     * @return the exception, naming the new holder.
     */
    public RoleFencedException fenced(final long ownerWord)
    {
        final long now = buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET);
        return new RoleFencedException(blockName, "the " + role + " role of ring \"" + blockName + "\" was taken " +
            "over" + (0 != ownerPid(now) ? " by pid " + ownerPid(now) : "") + " (epoch " + ownerEpoch(now) +
            ", this process had epoch " + ownerEpoch(ownerWord) + "): this " + role + " (pid " + ProcessIdentity.PID +
            ") must stop");
    }

    /**
     * Records a heartbeat if the role is still held with the given word, writing the holder's details again if a
     * fenced taker overwrote them.
     *
     * @param ownerWord the word installed by {@link #acquire(boolean, long)}.
     * @param nowNs     {@link System#nanoTime()}.
     * @return {@code false} if the role was taken over (nothing written).
     */
    public boolean heartbeat(final long ownerWord, final long nowNs)
    {
        if (!isHeldBy(ownerWord))
        {
            return false;
        }
        if (buffer.getIntVolatile(offset + SLOT_INFO_EPOCH_OFFSET) != ownerEpoch(ownerWord) ||
            buffer.getLong(offset + SLOT_PID_OFFSET) != ProcessIdentity.PID)
        {
            // A taker that was stopped half-way and fenced may have written its details late: write ours again.
            writeDetails(ownerWord, false);
        }
        buffer.putLongRelease(offset + SLOT_HEARTBEAT_OFFSET, nowNs);
        return true;
    }

    /**
     * Releases the role if it is still held with the given word; the epoch is kept so the next holder's differs.
     *
     * @param ownerWord the word installed by {@link #acquire(boolean, long)}.
     * @return {@code true} if released, {@code false} if it had been taken over.
     */
    public boolean release(final long ownerWord)
    {
        return buffer.compareAndSetLong(offset + SLOT_OWNER_WORD_OFFSET, ownerWord, ownerWord & 0xFFFF_FFFF_0000_0000L);
    }

    /**
     * Copies the slot as it is now.
     *
     * @return the snapshot; its fields are consistent with its owner word only if {@link RoleSnapshot#isInfoCurrent()}.
     */
    public RoleSnapshot snapshot()
    {
        final long word = buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET);
        final int infoEpoch = buffer.getIntVolatile(offset + SLOT_INFO_EPOCH_OFFSET);
        return new RoleSnapshot(
            word,
            infoEpoch,
            buffer.getLong(offset + SLOT_PID_OFFSET),
            buffer.getLong(offset + SLOT_START_TICKS_OFFSET),
            buffer.getLongVolatile(offset + SLOT_HEARTBEAT_OFFSET),
            buffer.getLong(offset + SLOT_BOOT_ID_HASH_OFFSET),
            buffer.getLong(offset + SLOT_PID_NAMESPACE_OFFSET),
            buffer.getLong(offset + SLOT_TAKEOVERS_OFFSET),
            buffer.getLong(offset + SLOT_ACQUIRED_TIME_OFFSET));
    }

    /**
     * Judges the current holder cheaply when it is evidently alive: if some process holds the role and its heartbeat
     * is younger than {@code suspectAfterNs}, answers {@link RoleStatus#ALIVE} from two memory reads; otherwise as
     * {@link #status(long)}, which reads {@code /proc}. For loops that wait on the other side and check it often.
     *
     * @param suspectAfterNs    heartbeat age from which to look closer; less than the liveness time-out.
     * @param livenessTimeoutNs how old a live holder's heartbeat may be.
     * @return the status.
     */
    public RoleStatus quickStatus(final long suspectAfterNs, final long livenessTimeoutNs)
    {
        final long word = buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET);
        if (0 == ownerPid(word))
        {
            return RoleStatus.FREE;
        }
        final long age = System.nanoTime() - buffer.getLongVolatile(offset + SLOT_HEARTBEAT_OFFSET);
        if (age < suspectAfterNs && buffer.getIntVolatile(offset + SLOT_INFO_EPOCH_OFFSET) == ownerEpoch(word))
        {
            return RoleStatus.ALIVE;
        }
        return status(livenessTimeoutNs);
    }

    /**
     * Judges the current holder.
     *
     * @param livenessTimeoutNs how old a live holder's heartbeat may be.
     * @return the status; reads {@code /proc} when the role is held, so not for hot paths.
     */
    public RoleStatus status(final long livenessTimeoutNs)
    {
        return snapshot().status(System.nanoTime(), livenessTimeoutNs);
    }

    /**
     * The outcome of taking a role.
     *
     * @param ownerWord           the owner word installed: keep it for fencing checks, heartbeats and release.
     * @param takeover            {@code true} if the role was taken from a holder that had not released it.
     * @param previousPid         that holder's pid, 0 if the role was free.
     * @param previous            that holder's slot as it was, {@code null} if the role was free.
     * @param previousMayStillRun {@code true} if that holder may still run and write (it was stale, or in another pid
     *                            namespace): a producer then leaves a zone for the record it may finish.
     */
    public record Acquired(
        long ownerWord, boolean takeover, long previousPid, RoleSnapshot previous, boolean previousMayStillRun)
    {
    }
}
