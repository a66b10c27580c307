/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every shared-memory ring transport records, so that ours and Agrona's are described alike: which
 * ring, its capacity and largest message, where its memory is, how it sends and receives, how the sides wait.
 * Stateless and thread-safe.
 */
final class RingSettings
{
    private RingSettings()
    {
    }

    /**
     * The settings of a ring transport, one ring per direction.
     *
     * @param ring    the ring's class, as users know it.
     * @param spec    the trial.
     * @param send    how messages are sent.
     * @param receive how they are received.
     * @return the settings, in a stable order; the caller may add more.
     */
    /**
     * Why a ring of the spec's capacity refuses its messages: rings here take messages up to an eighth of their
     * capacity.
     *
     * @param name the transport's name.
     * @param spec the trial.
     * @return the reason, or {@code null} if the messages fit.
     */
    static String refusal(final String name, final TrialSpec spec)
    {
        return spec.size() > spec.capacity() / 8 ? name + " takes messages up to capacity / 8 = " +
            spec.capacity() / 8 + " bytes, not " + spec.size() + "; raise --capacity" : null;
    }

    static Map<String, String> of(final String ring, final TrialSpec spec, final String send, final String receive)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ring", ring);
        settings.put("capacity_bytes", Integer.toString(spec.capacity()));
        settings.put("max_message_bytes", Integer.toString(spec.capacity() / 8));
        settings.put("memory", "one per direction, blocks " + spec.blockPrefix() +
            "{ab,ba} in the block directory, pre-touched");
        settings.put("send", send);
        settings.put("receive", receive);
        settings.put("wait", "busy spin (Thread.onSpinWait)");
        return settings;
    }
}
