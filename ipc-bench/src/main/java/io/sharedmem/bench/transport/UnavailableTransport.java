/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transport that is part of the suite but cannot run in this build; it keeps its place in the list and in the
 * results, with an {@code error} saying why, instead of silently disappearing from the comparison.
 */
public final class UnavailableTransport implements Transport
{
    private final String name;
    private final String description;
    private final String reason;

    /**
     * Creates the placeholder.
     *
     * @param name        the transport's name.
     * @param description what it would be.
     * @param reason      why it cannot run, reported as its error.
     */
    public UnavailableTransport(final String name, final String description, final String reason)
    {
        this.name = name;
        this.description = description;
        this.reason = reason;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String description()
    {
        return description;
    }

    @Override
    public Map<String, String> settings(final TrialSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("capacity_bytes", Integer.toString(spec.capacity()));
        return settings;
    }

    @Override
    public String unavailableReason()
    {
        return reason;
    }

    @Override
    public Link open(final Side side, final TrialSpec spec)
    {
        throw new IllegalStateException(name + ": " + reason);
    }
}
