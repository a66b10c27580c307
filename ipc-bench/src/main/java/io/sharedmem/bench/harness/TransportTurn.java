/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import io.sharedmem.bench.transport.Link;
import io.sharedmem.bench.transport.Side;
import io.sharedmem.bench.transport.Transport;
import io.sharedmem.bench.transport.Transports;
import io.sharedmem.bench.transport.TrialSpec;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The {@link Turn} of one transport: its link and its own {@link PeerLoop}, loaded by an {@link IsolatedClassLoader}
 * so that the harness loop, the transport's classes and the libraries under them are compiled for this transport
 * alone, as in a JVM of its own. Created reflectively by {@link RotationMain}; public for that reason only.
 * <p>
 * Not thread-safe: the rotation's main thread makes every call.
 */
public final class TransportTurn implements Turn
{
    private final Side side;
    private final Link link;
    private final PeerLoop loop;
    private final Histogram all = new Histogram(PeerLoop.HIGHEST_TRACKABLE_NS, 3);

    /**
     * Opens this side of the transport, waiting for the other side (as a trial does).
     *
     * @param side the side's label, {@code initiator} or {@code responder}.
     * @param args the transport's {@link TrialSpec} as {@code key=value} arguments.
     * @throws Exception if the transport cannot be opened.
     */
    public TransportTurn(final String side, final String[] args) throws Exception
    {
        this.side = Side.fromLabel(side);
        final TrialSpec spec = TrialSpec.fromArgs(args);
        final Transport transport = Transports.byName(spec.transport());
        this.link = transport.open(this.side, spec);
        try
        {
            this.loop = new PeerLoop(transport, spec, link);
        }
        catch (final RuntimeException ex)
        {
            link.close();
            throw ex;
        }
    }

    @Override
    public boolean measuresThroughput()
    {
        return loop.measuresThroughput();
    }

    @Override
    public void pause()
    {
        link.pause();
    }

    @Override
    public void resume()
    {
        link.resume();
    }

    @Override
    public long[] ping(final long warmUpNs, final long measureNs)
    {
        if (Side.INITIATOR == side)
        {
            loop.ping(warmUpNs, measureNs);
            final Histogram histogram = loop.histogram();
            all.add(histogram);
            return new long[]{loop.phaseMessages(), loop.phaseNs(), loop.phaseAllocated(),
                histogram.getValueAtPercentile(50.0), histogram.getValueAtPercentile(99.0),
                histogram.getValueAtPercentile(99.9)};
        }
        loop.echo();
        return new long[]{loop.phaseMessages(), loop.phaseNs(), loop.phaseAllocated()};
    }

    @Override
    public long[] stream(final long warmUpNs, final long measureNs)
    {
        if (Side.INITIATOR == side)
        {
            loop.stream(warmUpNs, measureNs);
        }
        else
        {
            loop.receive();
        }
        return new long[]{loop.phaseMessages(), loop.phaseNs(), loop.phaseAllocated()};
    }

    @Override
    public void discardRecorded()
    {
        all.reset();
    }

    @Override
    public long[] counts()
    {
        return new long[]{loop.sent(), loop.verified()};
    }

    @Override
    public String histogram()
    {
        return Side.INITIATOR == side ? PeerLoop.encode(all) : null;
    }

    @Override
    public Map<String, String> observedSettings()
    {
        return Map.copyOf(link.observedSettings());
    }

    @Override
    public void close() throws Exception
    {
        link.close();
    }
}
