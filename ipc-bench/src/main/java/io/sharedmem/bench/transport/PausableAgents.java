/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Background agents (Aeron's media driver and client conductor, built in invoker mode) each run on a thread of the
 * harness with its own idle strategy, exactly as an Agrona {@code AgentRunner} would run them, except that they can
 * be paused: when transports take turns in one pair of JVMs, a transport that is not being measured must not wake up
 * on the two shared cores and disturb the one that is.
 * <p>
 * {@link #pause()} returns once every agent thread is parked; {@link #resume()} wakes them. {@link #close()} stops the
 * threads (it does not close the invokers: their owners do). Pause, resume and close are called by one thread.
 */
final class PausableAgents implements AutoCloseable
{
    private static final long PAUSE_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

    private final List<Runner> runners = new ArrayList<>();

    /**
     * Starts a thread running an invoker.
     *
     * @param name         the thread's name.
     * @param invoker      the agent, already started.
     * @param idleStrategy how the thread idles between duty cycles that found no work.
     */
    void start(final String name, final AgentInvoker invoker, final IdleStrategy idleStrategy)
    {
        final Runner runner = new Runner(invoker, idleStrategy);
        final Thread thread = new Thread(runner, name);
        thread.setDaemon(true);
        runner.thread = thread;
        runners.add(runner);
        thread.start();
    }

    /**
     * Parks every agent thread after its current duty cycle and waits until they are parked.
     *
     * @throws IllegalStateException if an agent thread does not park within 5 s.
     */
    void pause()
    {
        for (final Runner runner : runners)
        {
            runner.paused = true;
        }
        final long deadline = System.nanoTime() + PAUSE_WAIT_NS;
        for (final Runner runner : runners)
        {
            while (!runner.parked && runner.thread.isAlive())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException(runner.thread.getName() + " did not pause within 5 s");
                }
                Thread.yield();
            }
        }
    }

    /**
     * Wakes every agent thread.
     */
    void resume()
    {
        for (final Runner runner : runners)
        {
            runner.paused = false;
            LockSupport.unpark(runner.thread);
        }
    }

    /**
     * Stops every agent thread and waits for it to end. Idempotent.
     */
    @Override
    public void close()
    {
        for (final Runner runner : runners)
        {
            runner.running = false;
            LockSupport.unpark(runner.thread);
        }
        for (final Runner runner : runners)
        {
            try
            {
                runner.thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
        runners.clear();
    }

    private static final class Runner implements Runnable
    {
        private final AgentInvoker invoker;
        private final IdleStrategy idleStrategy;
        private Thread thread;
        private volatile boolean running = true;
        private volatile boolean paused;
        private volatile boolean parked;

        Runner(final AgentInvoker invoker, final IdleStrategy idleStrategy)
        {
            this.invoker = invoker;
            this.idleStrategy = idleStrategy;
        }

        @Override
        public void run()
        {
            while (running && !invoker.isClosed())
            {
                if (paused)
                {
                    parked = true;
                    while (paused && running)
                    {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleStrategy.reset();
                    continue;
                }
                idleStrategy.idle(invoker.invoke());
            }
            parked = true;
        }
    }
}
