/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * What one peer of a rotation measured, sent to the orchestrator as one line on its standard output:
 * {@value #LINE_PREFIX} then JSON; per transport, its totals, and every measured turn in the order they ran. This
 * and {@link RotationSpec} are the whole peer protocol, so a peer in another language needs only these two.
 *
 * @param side               {@code initiator} or {@code responder}.
 * @param transports         per transport, in the rotation's order.
 * @param turns              every measured turn, in the order they ran.
 * @param compileMsMeasuring milliseconds the JIT compilers spent while the measured rounds ran, or -1 if unknown.
 */
public record RotationReport(String side, List<Totals> transports, List<TurnRecord> turns, long compileMsMeasuring)
{
    /**
     * Marks the line carrying the report among whatever else the peer prints.
     */
    public static final String LINE_PREFIX = "@@ROTATION ";

    /**
     * Marks the line a failed peer prints instead, followed by what went wrong.
     */
    public static final String ERROR_PREFIX = "@@ERROR ";

    /**
     * What the orchestrator writes on a peer's standard input once both have reported: the peer may close its end.
     */
    public static final String CLOSE_COMMAND = "close";

    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * One transport as one side saw it over the whole rotation.
     *
     * @param sent      messages this side sent, warm-up included.
     * @param verified  messages this side received and verified, warm-up included.
     * @param histogram the measured round trips in nanoseconds, HdrHistogram's compressed encoding in Base64
     *                  (initiator only, else {@code null}).
     * @param settings  settings the side observed once connected, such as socket buffer sizes.
     */
    public record Totals(long sent, long verified, String histogram, Map<String, String> settings)
    {
    }

    /**
     * One measured turn as one side saw it.
     *
     * @param transport     the transport's name.
     * @param round         the round, from 0.
     * @param phase         {@code ping} or {@code stream}.
     * @param probeBeforeNs the placement probe just before the turn (initiator; 0 on the responder).
     * @param probeAfterNs  the placement probe just after it.
     * @param values        what {@link Turn#ping} or {@link Turn#stream} returned.
     */
    public record TurnRecord(
        String transport, int round, String phase, long probeBeforeNs, long probeAfterNs, long[] values)
    {
    }

    /**
     * The line to print.
     *
     * @return {@link #LINE_PREFIX} and the JSON, on one line.
     */
    public String toLine()
    {
        try
        {
            return LINE_PREFIX + JSON.writeValueAsString(this);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot encode the rotation report", ex);
        }
    }

    /**
     * Reads a line {@link #toLine()} wrote.
     *
     * @param line the line, with its prefix.
     * @return the report.
     * @throws IllegalArgumentException if the line is not a rotation report.
     */
    public static RotationReport fromLine(final String line)
    {
        try
        {
            return JSON.readValue(line.substring(LINE_PREFIX.length()), RotationReport.class);
        }
        catch (final JsonProcessingException | StringIndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("malformed rotation report line: " + line, ex);
        }
    }

    /**
     * A histogram in the form reports carry it in.
     *
     * @param histogram the histogram.
     * @return HdrHistogram's compressed encoding, in Base64.
     */
    static String encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @param text the encoding, or {@code null}.
     * @return the histogram, or {@code null}.
     * @throws IllegalArgumentException if the encoding is corrupt.
     */
    static Histogram decode(final String text)
    {
        try
        {
            return null == text ? null : Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(text)), PeerLoop.HIGHEST_TRACKABLE_NS);
        }
        catch (final DataFormatException ex)
        {
            throw new IllegalArgumentException("corrupt histogram in a rotation report", ex);
        }
    }
}
