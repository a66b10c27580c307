/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

/**
 * One measured turn of a rotation, both sides' views combined: which transport, which phase, when (round), the
 * placement probes on either side of it, and what it measured. Written to {@code turns.csv} and used to set each
 * transport's figures against the placement they were measured in.
 *
 * @param transport     the transport's name.
 * @param size          message size in bytes.
 * @param repetition    the repetition (one rotation per repetition), from 1.
 * @param round         the round within the rotation, from 0.
 * @param phase         {@code ping} or {@code stream}.
 * @param probeBeforeNs the placement probe's median round trip just before the turn.
 * @param probeAfterNs  the same just after it.
 * @param messages      round trips measured (ping) or messages streamed and measured (stream).
 * @param nanos         the measured part's length: the initiator's for a ping turn, the responder's for a stream.
 * @param p50Ns         the turn's median round trip (ping), else 0.
 * @param p99Ns         its 99th percentile (ping), else 0.
 * @param p999Ns        its 99.9th percentile (ping), else 0.
 */
public record TurnResult(
    String transport,
    int size,
    int repetition,
    int round,
    String phase,
    long probeBeforeNs,
    long probeAfterNs,
    long messages,
    long nanos,
    long p50Ns,
    long p99Ns,
    long p999Ns)
{
    /**
     * The header line of {@code turns.csv}.
     */
    public static final String CSV_HEADER =
        "transport,size,repetition,round,phase,probe_before_ns,probe_after_ns,messages,nanos,msgs_per_s,p50_ns,p99_ns," +
            "p999_ns";

    /**
     * Whether this is a ping-pong turn.
     *
     * @return {@code true} for ping, {@code false} for stream.
     */
    public boolean isPing()
    {
        return RotationMain.PING.equals(phase);
    }

    /**
     * The placement around the turn: the geometric mean of the probes before and after it.
     *
     * @return nanoseconds, or 0 if a probe is missing.
     */
    public double probeNs()
    {
        return probeBeforeNs > 0 && probeAfterNs > 0 ? Math.sqrt((double)probeBeforeNs * probeAfterNs) : 0;
    }

    /**
     * One-way throughput of a stream turn.
     *
     * @return messages per second, 0 for a ping turn.
     */
    public double msgsPerS()
    {
        return isPing() || nanos <= 0 ? 0 : messages * 1e9 / nanos;
    }

    /**
     * The turn as a line of {@code turns.csv}.
     *
     * @return the line, without a line end.
     */
    public String toCsv()
    {
        return String.join(",", transport, Integer.toString(size), Integer.toString(repetition),
            Integer.toString(round), phase, Long.toString(probeBeforeNs), Long.toString(probeAfterNs),
            Long.toString(messages), Long.toString(nanos), String.format(java.util.Locale.ROOT, "%.0f", msgsPerS()),
            Long.toString(p50Ns), Long.toString(p99Ns), Long.toString(p999Ns));
    }
}
