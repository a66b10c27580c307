/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * What one child JVM measured in a trial, sent to the orchestrator as one line of JSON on its standard output
 * ({@link #LINE_PREFIX} then the JSON).
 *
 * @param side                     {@code initiator} or {@code responder}.
 * @param sent                     messages this side sent, all phases.
 * @param verified                 messages this side received and verified, all phases.
 * @param pingSamples              measured round trips (initiator) or measured pings echoed (responder).
 * @param pingNs                   length of the measured ping-pong phase as this side saw it.
 * @param pingAllocatedBytes       bytes the hot thread allocated during the measured ping-pong phase.
 * @param histogram                the round trips in nanoseconds, HdrHistogram's compressed encoding in Base64
 *                                 (initiator only, else {@code null}).
 * @param throughputMessages       measured messages sent (initiator) or received (responder); 0 if not measured.
 * @param throughputNs             length of the measured throughput phase as this side saw it: the responder's is
 *                                 the one throughput is computed from.
 * @param throughputAllocatedBytes bytes the hot thread allocated during the measured throughput phase.
 * @param probeBeforeNs            median round trip of the placement probe just before the phases (initiator
 *                                 only, else 0); see {@link PlacementProbe}.
 * @param probeAfterNs             the same just after the phases.
 * @param settings                 settings the side observed once connected, or {@code null}.
 * @param error                    why the side failed, or {@code null}.
 */
public record PeerReport(
    String side,
    long sent,
    long verified,
    long pingSamples,
    long pingNs,
    long pingAllocatedBytes,
    String histogram,
    long throughputMessages,
    long throughputNs,
    long throughputAllocatedBytes,
    long probeBeforeNs,
    long probeAfterNs,
    Map<String, String> settings,
    String error)
{
    /**
     * Marks the line carrying the report among whatever else the child prints.
     */
    public static final String LINE_PREFIX = "@@RESULT ";

    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * The same report with the placement probes and the settings the side observed.
     *
     * @param before   the probe before the phases, nanoseconds.
     * @param after    the probe after them.
     * @param observed the settings.
     * @return a copy.
     */
    public PeerReport with(final long before, final long after, final Map<String, String> observed)
    {
        return new PeerReport(side, sent, verified, pingSamples, pingNs, pingAllocatedBytes, histogram,
            throughputMessages, throughputNs, throughputAllocatedBytes, before, after, observed, error);
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
            throw new IllegalStateException("cannot encode the report", ex);
        }
    }

    /**
     * Reads a line {@link #toLine()} wrote.
     *
     * @param line the line, with its prefix.
     * @return the report.
     * @throws IllegalArgumentException if the line is not a report.
     */
    public static PeerReport fromLine(final String line)
    {
        if (!line.startsWith(LINE_PREFIX))
        {
            throw new IllegalArgumentException("not a report line: " + line);
        }
        try
        {
            return JSON.readValue(line.substring(LINE_PREFIX.length()), PeerReport.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("malformed report line: " + line, ex);
        }
    }

    /**
     * Decodes the round-trip histogram.
     *
     * @return the histogram, or {@code null} if this report has none.
     * @throws IllegalStateException if the encoding is corrupt.
     */
    public Histogram decodeHistogram()
    {
        if (null == histogram)
        {
            return null;
        }
        try
        {
            return Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), PeerLoop.HIGHEST_TRACKABLE_NS);
        }
        catch (final DataFormatException ex)
        {
            throw new IllegalStateException("corrupt histogram in the " + side + "'s report", ex);
        }
    }
}
