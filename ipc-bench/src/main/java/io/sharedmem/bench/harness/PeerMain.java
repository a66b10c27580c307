/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.bench.transport.TrialSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of each child JVM of a trial: {@code PeerMain initiator|responder key=value...} (the
 * {@link TrialSpec} arguments). It opens its side of the transport, probes the vCPU placement
 * ({@link PlacementProbe}), runs the {@link PeerLoop}, probes again, prints one {@link PeerReport} line, then keeps
 * the link open until the orchestrator writes {@value #CLOSE_COMMAND} on its standard input, so that neither side
 * tears the link down under the other. On failure it prints one {@value #ERROR_PREFIX} line and exits with status 1.
 * <p>
 * If its standard input ends, the orchestrator has gone: the child removes the trial's files and halts at once
 * rather than spin forever.
 */
public final class PeerMain
{
    /**
     * Marks the line describing a failure.
     */
    public static final String ERROR_PREFIX = "@@ERROR ";

    /**
     * What the orchestrator writes on standard input when both sides have reported.
     */
    public static final String CLOSE_COMMAND = "close";

    static final long CLOSE_WAIT_SECONDS = 120;

    private PeerMain()
    {
    }

    /**
     * Runs one side of a trial.
     *
     * @param args the side, then the trial's {@code key=value} arguments.
     */
    public static void main(final String[] args)
    {
        if (args.length < 1)
        {
            System.err.println("usage: PeerMain initiator|responder key=value...");
            System.exit(2);
        }
        final Side side = Side.fromLabel(args[0]);
        final TrialSpec spec = TrialSpec.fromArgs(args);
        final CountDownLatch closeRequested = new CountDownLatch(1);
        watchOrchestrator(spec, closeRequested);

        int status = 0;
        Link link = null;
        try
        {
            final Transport transport = Transports.byName(spec.transport());
            link = transport.open(side, spec);
            final PeerLoop loop = new PeerLoop(transport, spec, link);
            // Collect start-up garbage now: a collection during a measured phase would stall it, and it also
            // disturbs the allocation counter of the hot thread.
            System.gc();
            final long probeBefore = PlacementProbe.run(side, spec, "before");
            final PeerReport report = Side.INITIATOR == side ? loop.runInitiator() : loop.runResponder();
            final long probeAfter = PlacementProbe.run(side, spec, "after");
            System.out.println(report.with(probeBefore, probeAfter, link.observedSettings()).toLine());
            System.out.flush();
            if (!closeRequested.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS))
            {
                System.err.println("no close command from the orchestrator within " + CLOSE_WAIT_SECONDS + " s");
            }
        }
        catch (final Throwable ex)
        {
            System.out.println(ERROR_PREFIX + describe(ex));
            System.out.flush();
            ex.printStackTrace();
            status = 1;
        }
        finally
        {
            if (null != link)
            {
                try
                {
                    link.close();
                }
                catch (final Exception ex)
                {
                    System.err.println("closing the " + spec.transport() + " link failed: " + ex);
                }
            }
        }
        System.exit(status);
    }

    static void watchOrchestrator(final TrialSpec spec, final CountDownLatch closeRequested)
    {
        final Thread watcher = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    if (CLOSE_COMMAND.equals(line.trim()))
                    {
                        closeRequested.countDown();
                    }
                }
            }
            catch (final Exception ignore)
            {
                // Treated as the end of input.
            }
            if (closeRequested.getCount() > 0)
            {
                System.err.println("the orchestrator has gone: removing the trial's files and halting");
                TrialFiles.removeAll(spec);
                Runtime.getRuntime().halt(3);
            }
        }, "orchestrator-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    static String describe(final Throwable ex)
    {
        final StringBuilder text = new StringBuilder();
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (text.length() > 0)
            {
                text.append(" <- ");
            }
            text.append(null == cause.getMessage() ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return text.toString().replace('\n', ' ');
    }
}
