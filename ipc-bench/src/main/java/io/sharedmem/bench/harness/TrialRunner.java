/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.TrialSpec;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one trial: prepares the transport, starts the initiator and responder JVMs together, sleeps until both
 * have reported (or one fails, or time runs out), closes them responder first (an Aeron client must go before the
 * driver it uses), and removes every file the trial made, whatever happened. Children still running at the end
 * are killed.
 * <p>
 * One trial at a time; {@link #abort()} may be called from another thread (a shutdown hook).
 */
final class TrialRunner
{
    private static final long POLL_MS = 20;
    private static final long FAILURE_GRACE_MS = 1_000;
    private static final long EXIT_WAIT_MS = 15_000;

    private final PeerCommand command;
    private volatile PeerProcess initiator;
    private volatile PeerProcess responder;
    private volatile TrialSpec current;

    TrialRunner(final PeerCommand command)
    {
        this.command = command;
    }

    /**
     * Runs a trial.
     *
     * @param transport  the transport.
     * @param spec       the trial.
     * @param repetition which repetition this is, from 1.
     * @param timeoutNs  how long the children may take, from start to both reports.
     * @return the figures or the error.
     * @throws InterruptedException if interrupted; the children are killed.
     */
    TrialResult run(final Transport transport, final TrialSpec spec, final int repetition, final long timeoutNs)
        throws InterruptedException
    {
        final String unavailable = transport.unavailableReason();
        if (null != unavailable)
        {
            return TrialResult.failed(transport.name(), spec.size(), repetition, unavailable);
        }
        current = spec;
        try
        {
            Files.createDirectories(spec.directory());
            transport.prepare(spec);
            try (PeerProcess a = PeerProcess.start("initiator", command.build(Side.INITIATOR, spec));
                PeerProcess b = PeerProcess.start("responder", command.build(Side.RESPONDER, spec)))
            {
                initiator = a;
                responder = b;
                final String failure = awaitReports(a, b, timeoutNs);
                if (null != failure)
                {
                    return TrialResult.failed(transport.name(), spec.size(), repetition, failure);
                }
                b.requestClose();
                b.awaitExit(EXIT_WAIT_MS);
                a.requestClose();
                a.awaitExit(EXIT_WAIT_MS);
                return TrialResult.of(transport.name(), spec.size(), repetition, a.report(), b.report(),
                    transport.measuresThroughput());
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
            return TrialResult.failed(transport.name(), spec.size(), repetition,
                ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        finally
        {
            current = null;
            final List<String> leftovers = TrialFiles.removeAll(spec);
            if (!leftovers.isEmpty())
            {
                System.err.println("could not remove: " + String.join(", ", leftovers));
            }
        }
    }

    /**
     * Kills the children of the trial under way, if any, and removes its files: for a shutdown hook, since the
     * thread running the trial may never get to its own clean-up.
     */
    void abort()
    {
        final TrialSpec spec = current;
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
            TrialFiles.removeAll(spec);
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
