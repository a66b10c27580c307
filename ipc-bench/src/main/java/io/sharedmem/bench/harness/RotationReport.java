/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * What one child JVM of a rotation measured, sent to the orchestrator as one line of JSON on its standard output
 * ({@link #LINE_PREFIX} then the JSON): per transport, the totals of its measured turns in the shape of a trial's
 * {@link PeerReport}; and every turn on its own, in the order they ran.
 *
 * @param side                the side's label.
 * @param transports          one report per transport, in the rotation's transport order.
 * @param turns               every measured turn, in the order they ran.
 * @param compileMsMeasuring  milliseconds the JIT compilers spent while the measured rounds ran, or -1 if unknown.
 */
public record RotationReport(String side, List<PeerReport> transports, List<TurnRecord> turns, long compileMsMeasuring)
{
    /**
     * Marks the line carrying the report.
     */
    public static final String LINE_PREFIX = "@@ROTATION ";

    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
        if (!line.startsWith(LINE_PREFIX))
        {
            throw new IllegalArgumentException("not a rotation report line: " + line);
        }
        try
        {
            return JSON.readValue(line.substring(LINE_PREFIX.length()), RotationReport.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("malformed rotation report line", ex);
        }
    }
}
