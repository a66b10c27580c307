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
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one trial (or one rotation, {@link #rotate}): prepares the transport(s), starts the initiator and responder
 * JVMs together, sleeps until both have reported (or one fails, or time runs out), closes them responder first (an
 * Aeron client must go before the driver it uses), and removes every file the trial made, whatever happened.
 * Children still running at the end are killed.
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
        final String unavailable = null != transport.unavailableReason() ? transport.unavailableReason() :
            transport.refusal(spec);
        if (null != unavailable)
        {
            return TrialResult.failed(transport.name(), spec.size(), repetition, unavailable);
        }
        return runPair(spec, () -> transport.prepare(spec), command.build(Side.INITIATOR, spec),
            command.build(Side.RESPONDER, spec), timeoutNs,
            (a, b) -> TrialResult.of(transport.name(), spec.size(), repetition, a.report(), b.report(),
                transport.measuresThroughput()),
            (failure) -> TrialResult.failed(transport.name(), spec.size(), repetition, failure));
    }

    /**
     * Runs a rotation: one pair of children in which the transports take turns ({@link RotationMain}).
     *
     * @param transports the transports, in the spec's order.
     * @param spec       the rotation.
     * @param repetition which repetition this is, from 1.
     * @param timeoutNs  how long the children may take, from start to both reports.
     * @return one result per transport (all failed with the same error if the rotation failed) and every turn.
     * @throws InterruptedException if interrupted; the children are killed.
     */
    Rotation rotate(final List<Transport> transports, final RotationSpec spec, final int repetition,
        final long timeoutNs) throws InterruptedException
    {
        final TrialSpec base = spec.base();
        return runPair(base,
            () ->
            {
                for (int i = 0; i < transports.size(); i++)
                {
                    transports.get(i).prepare(spec.transportSpec(i));
                }
            },
            command.build(Side.INITIATOR, spec), command.build(Side.RESPONDER, spec), timeoutNs,
            (a, b) -> Rotation.of(transports, base.size(), repetition, a.rotationReport(), b.rotationReport()),
            (failure) -> Rotation.failed(transports, base.size(), repetition, failure));
    }

    /**
     * Runs one pair of children: creates the private directory, prepares, starts both, waits for both reports,
     * closes them responder first, and removes every file named in {@code files}, whatever happened.
     */
    private <R> R runPair(
        final TrialSpec files,
        final Preparation preparation,
        final List<String> initiatorCommand,
        final List<String> responderCommand,
        final long timeoutNs,
        final BiFunction<PeerProcess, PeerProcess, R> outcome,
        final Function<String, R> failed) throws InterruptedException
    {
        current = files;
        try
        {
            Files.createDirectories(files.directory());
            preparation.run();
            try (PeerProcess a = PeerProcess.start("initiator", initiatorCommand);
                PeerProcess b = PeerProcess.start("responder", responderCommand))
            {
                initiator = a;
                responder = b;
                final String failure = awaitReports(a, b, timeoutNs);
                if (null != failure)
                {
                    return failed.apply(failure);
                }
                b.requestClose();
                b.awaitExit(EXIT_WAIT_MS);
                a.requestClose();
                a.awaitExit(EXIT_WAIT_MS);
                return outcome.apply(a, b);
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
            return failed.apply(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        finally
        {
            current = null;
            final List<String> leftovers = TrialFiles.removeAll(files);
            if (!leftovers.isEmpty())
            {
                System.err.println("could not remove: " + String.join(", ", leftovers));
            }
        }
    }

    /**
     * What is prepared before the children start.
     */
    @FunctionalInterface
    private interface Preparation
    {
        void run() throws Exception;
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

    static String awaitReports(final PeerProcess a, final PeerProcess b, final long timeoutNs)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (!a.hasReported() || !b.hasReported())
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
