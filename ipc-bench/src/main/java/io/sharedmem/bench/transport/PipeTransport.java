/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.transport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two named pipes (FIFOs, made with {@code mkfifo} in the private directory), one per direction, framed by
 * {@link StreamFraming}. Java cannot open a FIFO non-blocking, so the {@code -spin} variant busy-polls
 * {@code FIONREAD} ({@link FileInputStream#available()}) and reads only when bytes are there; writes block in both
 * variants (a pipe holds 64 KiB, so they only wait when the reader falls that far behind).
 */
final class PipeTransport extends Transport
{
    private static final String INITIATOR_TO_RESPONDER = "a-to-b.fifo";
    private static final String RESPONDER_TO_INITIATOR = "b-to-a.fifo";

    private final boolean spin;

    /**
     * @param spin {@code true} to busy-poll for readable bytes, {@code false} to block in {@code read(2)}.
     */
    PipeTransport(final boolean spin)
    {
        super(spin ? "pipe-spin" : "pipe", Transports.Group.KERNEL,
            "named pipes (mkfifo), one per direction, " + (spin ? "busy-polled with FIONREAD" : "blocking"));
        this.spin = spin;
    }

    @Override
    public String unavailableReason()
    {
        return null == Transports.onPath("mkfifo") ? "mkfifo is not on the PATH" : null;
    }

    @Override
    public Map<String, String> settings(final LinkSpec spec)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pipe", "two FIFOs made with mkfifo, opened with FileInputStream / FileOutputStream");
        settings.put("mode", spin ? "reads busy-poll FIONREAD (available()) then read(2); writes blocking" :
            "blocking read(2) and write(2)");
        StreamFraming.describe(settings);
        settings.put("buffers", "kernel default pipe size");
        return settings;
    }

    @Override
    public void prepare(final LinkSpec spec) throws IOException, InterruptedException
    {
        mkfifo(spec.directory().resolve(INITIATOR_TO_RESPONDER));
        mkfifo(spec.directory().resolve(RESPONDER_TO_INITIATOR));
    }

    @Override
    public Link open(final Side side, final LinkSpec spec) throws IOException
    {
        final Path dir = spec.directory();
        final boolean initiator = Side.INITIATOR == side;
        // Both sides open the initiator's pipe first: opening a FIFO waits for the other end, so the same order on
        // both sides cannot deadlock.
        FileOutputStream out = null;
        FileInputStream in = null;
        try
        {
            if (initiator)
            {
                out = new FileOutputStream(dir.resolve(INITIATOR_TO_RESPONDER).toFile());
                in = new FileInputStream(dir.resolve(RESPONDER_TO_INITIATOR).toFile());
            }
            else
            {
                in = new FileInputStream(dir.resolve(INITIATOR_TO_RESPONDER).toFile());
                out = new FileOutputStream(dir.resolve(RESPONDER_TO_INITIATOR).toFile());
            }
            final FileChannel inChannel = in.getChannel();
            return new SimpleLink(
                new StreamFraming.Sender(name(), out.getChannel(), spec.size()),
                new StreamFraming.Receiver(name(), inChannel, spin ? in : null, spec.size()),
                Map.of(), in, out);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (null != in)
            {
                in.close();
            }
            if (null != out)
            {
                out.close();
            }
            throw ex;
        }
    }

    private static void mkfifo(final Path path) throws IOException, InterruptedException
    {
        Transports.run("mkfifo", "-m", "600", path.toString());
    }
}
