/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transports;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one rotation: prepares its transports, starts the initiator and responder peers together, sleeps until both
 * have reported (or one fails, or time runs out), closes them responder first (an Aeron client must go before the
 * driver it uses), and removes every file the rotation made and whatever its transports prepared (network
 * namespaces), whatever happened. Peers still running at the end are killed.
 * <p>
 * One rotation at a time; {@link #abort()} may be called from another thread (a shutdown hook).
 */
final class PeerPair
{
    private static final long POLL_MS = 20;
    private static final long FAILURE_GRACE_MS = 1_000;
    private static final long EXIT_WAIT_MS = 15_000;

    private final PeerCommand command;
    private volatile PeerProcess initiator;
    private volatile PeerProcess responder;
    private volatile RotationSpec current;

    PeerPair(final PeerCommand command)
    {
        this.command = command;
    }

    /**
     * Runs a rotation.
     *
     * @param spec       the rotation.
     * @param repetition which repetition this is, from 1.
     * @param timeoutNs  how long the peers may take, from start to both reports.
     * @return one result per transport (all failed with the same error if the rotation failed) and every turn.
     * @throws InterruptedException if interrupted; the peers are killed.
     */
    Rotation run(final RotationSpec spec, final int repetition, final long timeoutNs) throws InterruptedException
    {
        current = spec;
        try
        {
            Files.createDirectories(spec.directory());
            for (int i = 0; i < spec.transports().size(); i++)
            {
                Files.createDirectories(spec.link(i).directory());
                Transports.byName(spec.transports().get(i)).prepare(spec.link(i));
            }
            try (PeerProcess a = PeerProcess.start("initiator", command.build(Side.INITIATOR, spec));
                PeerProcess b = PeerProcess.start("responder", command.build(Side.RESPONDER, spec)))
            {
                initiator = a;
                responder = b;
                final String failure = awaitReports(a, b, timeoutNs);
                if (null != failure)
                {
                    return Rotation.failed(spec.transports(), spec.size(), repetition, failure);
                }
                b.requestClose();
                b.awaitExit(EXIT_WAIT_MS);
                a.requestClose();
                a.awaitExit(EXIT_WAIT_MS);
                return Rotation.of(spec, repetition, a.report(), b.report());
            }
            finally
            {
                initiator = null;
                responder = null;
            }
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            return Rotation.failed(spec.transports(), spec.size(), repetition,
                ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        finally
        {
            current = null;
            final List<String> leftovers = cleanUp(spec);
            if (!leftovers.isEmpty())
            {
                System.err.println("could not remove: " + String.join(", ", leftovers));
            }
        }
    }

    /**
     * Removes the rotation's files and what its transports prepared (network namespaces), whatever happened.
     *
     * @return what could not be removed, with the reason.
     */
    private static List<String> cleanUp(final RotationSpec spec)
    {
        final List<String> leftovers = new ArrayList<>(spec.removeFiles());
        for (int i = 0; i < spec.transports().size(); i++)
        {
            leftovers.addAll(Transports.byName(spec.transports().get(i)).release(spec.link(i)));
        }
        return leftovers;
    }

    /**
     * Kills the peers of the rotation under way, if any, and removes its files and what its transports prepared: for
     * a shutdown hook, since the thread running the rotation may never get to its own clean-up.
     */
    void abort()
    {
        final RotationSpec spec = current;
        final PeerProcess a = initiator;
        final PeerProcess b = responder;
        if (null != b)
        {
            b.close();
        }
        if (null != a)
        {
            a.close();
        }
        if (null != spec)
        {
            cleanUp(spec);
        }
    }

    private static String awaitReports(final PeerProcess a, final PeerProcess b, final long timeoutNs)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (null == a.report() || null == b.report())
        {
            if (null != a.failure() || null != b.failure())
            {
                // Let the other side print its own view before both are stopped.
                Thread.sleep(FAILURE_GRACE_MS);
                return describe(a, b, "failed");
            }
            if (System.nanoTime() - deadline > 0)
            {
                return describe(a, b, "timed out after " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s");
            }
            Thread.sleep(POLL_MS);
        }
        return null;
    }

    private static String describe(final PeerProcess a, final PeerProcess b, final String what)
    {
        final StringBuilder text = new StringBuilder(what);
        final String fa = a.failure();
        final String fb = b.failure();
        if (null != fa)
        {
            text.append("; initiator: ").append(fa);
        }
        if (null != fb)
        {
            text.append("; responder: ").append(fb);
        }
        if (null == fa && null == fb || fa != null && fa.startsWith("exited") || fb != null && fb.startsWith("exited"))
        {
            text.append(a.tail()).append(b.tail());
        }
        return text.toString();
    }
}
