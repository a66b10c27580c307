/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.header;

import io.sharedmem.RoleFencedException;
import io.sharedmem.RoleTakenException;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.sharedmem.header.HeaderDescriptor.*;

/**
 * One role slot of a mapped header (producer or consumer): taking the role by compare-and-set on the owner word,
 * heartbeats, release, and judging the holder.
 * <p>
 * <b>Taking.</b> The owner word is {@code epoch << 32 | pid}. A free role (pid 0) is taken by a compare-and-set to
 * {@code (epoch + 1) << 32 | ourPid}; then the holder writes its details (pid, start ticks, boot, namespace,
 * heartbeat) and last, with release, the info epoch. Others trust those details only once the info epoch equals the
 * owner word's epoch. A held role is taken over, with the same compare-and-set, only when its holder is provably
 * dead ({@link RoleStatus#DEAD}), or with {@code force} when its heartbeat is older than the liveness time-out
 * ({@link RoleStatus#STALE}). A holder that cannot be proven dead and still heartbeats is never taken over.
 * <p>
 * <b>Fencing.</b> Every holder keeps the owner word it installed and compares it with the slot's
 * ({@link #isHeldBy(long)}, one read of a line that changes only on takeover) before each commit; after a forced
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
     * @param force             also take it from a holder whose heartbeat is older than {@code livenessTimeoutNs}
     *                          but that cannot be proven dead.
     * @param livenessTimeoutNs how old a live holder's heartbeat may be.
     * @return the result: the owner word now installed, and whether it was taken from a holder that had not
     * released it.
     * @throws RoleTakenException if a live holder (or one that cannot be proven dead, without force) has the role.
     */
    public Acquired acquire(final boolean force, final long livenessTimeoutNs)
    {
        long takingSince = 0;
        while (true)
        {
            final long word = buffer.getLongVolatile(offset + SLOT_OWNER_WORD_OFFSET);
            final boolean free = 0 == ownerPid(word);
            boolean takeover = false;
            if (!free)
            {
                final long now = System.nanoTime();
                final RoleSnapshot holder = snapshot();
                if (holder.ownerWord() != word)
                {
                    continue;
                }
                if (!holder.isInfoCurrent())
                {
                    // A process is between its compare-and-set and writing its details: give it a moment.
                    if (0 == takingSince)
                    {
                        takingSince = now;
                    }
                    if (now - takingSince < TAKING_WAIT_NS)
                    {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        continue;
                    }
                    if (!force)
                    {
                        throw taken(holder, "is taking it but never finished (it may have died at that moment); " +
                            "take it over with force");
                    }
                }
                else
                {
                    final RoleStatus status = holder.status(now, livenessTimeoutNs);
                    if (RoleStatus.STALE == status && !force)
                    {
                        throw taken(holder, "cannot be proven dead but its heartbeat is " +
                            TimeUnit.NANOSECONDS.toMillis(holder.heartbeatAgeNs(now)) + " ms old (stopped or hung?); " +
                            "take it over with force");
                    }
                    if (RoleStatus.ALIVE == status)
                    {
                        throw taken(holder, ProcessIdentity.PID == holder.holderPid() ?
                            "is this process: one " + role + " per ring, close the other one first" :
                            "is alive (heartbeat " +
                            TimeUnit.NANOSECONDS.toMillis(Math.max(0, holder.heartbeatAgeNs(now))) + " ms ago)");
                    }
                }
                takeover = true;
            }

            final long mine = nextOwnerWord(word, ProcessIdentity.PID);
            if (buffer.compareAndSetLong(offset + SLOT_OWNER_WORD_OFFSET, word, mine))
            {
                writeDetails(mine, takeover);
                return new Acquired(mine, takeover, free ? 0 : ownerPid(word));
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
        buffer.putLong(offset + SLOT_HEARTBEAT_OFFSET, System.nanoTime());
        if (takeover)
        {
            buffer.putLong(offset + SLOT_TAKEOVERS_OFFSET, buffer.getLong(offset + SLOT_TAKEOVERS_OFFSET) + 1);
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
     * Records a heartbeat if the role is still held with the given word.
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
     * @param ownerWord   the owner word installed: keep it for fencing checks, heartbeats and release.
     * @param takeover    {@code true} if the role was taken from a holder that had not released it.
     * @param previousPid that holder's pid, 0 if the role was free.
     */
    public record Acquired(long ownerWord, boolean takeover, long previousPid)
    {
    }
}
