/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link BenchRun} as {@code results.json}, in the shape the issue fixes:
 * <pre>{@code
 * {"machine": {"cores", "cpu", "jvm", "os"}, "started": ISO-8601, "finished", "settings": {...},
 *  "results": [{"transport", "size", "zero_copy",
 *               "rtt_ns": {"p50", "p90", "p99", "p999", "p9999", "max", "samples"},
 *               "throughput": {"msgs_per_s", "mb_per_s"} | null,
 *               "alloc_bytes_per_msg", "alloc_bytes_per_msg_by_side": {"initiator", "responder"},
 *               "repetitions", "spread": {...},
 *               "messages_sent", "messages_verified", "failed_repetitions": [...], "hgrm", "settings": {...}}
 *              | {"transport", "size", "error", "repetitions": 0, "settings": {...}}]}
 * }</pre>
 * {@code throughput} is {@code null} for a transport that measures round trips only (raw-block). Stateless and
 * thread-safe.
 */
public final class ResultsJson
{
    /**
     * The file name in the results directory.
     */
    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson()
    {
    }

    /**
     * Writes the file.
     *
     * @param run  the run.
     * @param file where to write.
     * @throws IOException if it cannot be written.
     */
    public static void write(final BenchRun run, final Path file) throws IOException
    {
        JSON.writeValue(file.toFile(), toTree(run));
    }

    /**
     * The name of the {@code .hgrm} file of one result.
     *
     * @param result the result.
     * @return a file name such as {@code rtt-tcp-64.hgrm}.
     */
    public static String hgrmName(final TransportResult result)
    {
        return "rtt-" + result.transport() + "-" + result.size() + ".hgrm";
    }

    /**
     * The JSON tree of a run.
     *
     * @param run the run.
     * @return the tree.
     */
    public static ObjectNode toTree(final BenchRun run)
    {
        final ObjectNode root = JSON.createObjectNode();
        final ObjectNode machine = root.putObject("machine");
        machine.put("cores", run.machine().cores());
        machine.put("cpu", run.machine().cpu());
        machine.put("jvm", run.machine().jvm());
        machine.put("os", run.machine().os());
        root.put("started", run.started().toString());
        root.put("finished", run.finished().toString());
        putAll(root.putObject("settings"), run.settings());
        final ArrayNode results = root.putArray("results");
        for (final TransportResult result : run.results())
        {
            final ObjectNode node = results.addObject();
            node.put("transport", result.transport());
            node.put("size", result.size());
            node.put("zero_copy", result.zeroCopy());
            if (null != result.error())
            {
                node.put("error", result.error());
                node.put("repetitions", 0);
            }
            else
            {
                final TransportResult.Rtt rtt = result.rtt();
                final ObjectNode rttNode = node.putObject("rtt_ns");
                rttNode.put("p50", rtt.p50());
                rttNode.put("p90", rtt.p90());
                rttNode.put("p99", rtt.p99());
                rttNode.put("p999", rtt.p999());
                rttNode.put("p9999", rtt.p9999());
                rttNode.put("max", rtt.max());
                rttNode.put("samples", rtt.samples());
                if (null == result.throughput())
                {
                    node.putNull("throughput");
                }
                else
                {
                    final ObjectNode throughput = node.putObject("throughput");
                    throughput.put("msgs_per_s", result.throughput().msgsPerS());
                    throughput.put("mb_per_s", result.throughput().mbPerS());
                }
                node.put("alloc_bytes_per_msg", result.allocBytesPerMsg());
                final ObjectNode bySide = node.putObject("alloc_bytes_per_msg_by_side");
                bySide.put("initiator", result.allocBySide().initiator());
                bySide.put("responder", result.allocBySide().responder());
                node.put("repetitions", result.repetitions());
                final ObjectNode spread = node.putObject("spread");
                spread.put("rtt_p50_min_ns", result.spread().rttP50MinNs());
                spread.put("rtt_p50_max_ns", result.spread().rttP50MaxNs());
                if (!Double.isNaN(result.spread().msgsPerSMin()))
                {
                    spread.put("msgs_per_s_min", result.spread().msgsPerSMin());
                    spread.put("msgs_per_s_max", result.spread().msgsPerSMax());
                }
                node.put("messages_sent", result.messagesSent());
                node.put("messages_verified", result.messagesVerified());
                node.put("hgrm", hgrmName(result));
            }
            if (!result.failures().isEmpty() && null == result.error())
            {
                final ArrayNode failures = node.putArray("failed_repetitions");
                result.failures().forEach(failures::add);
            }
            putAll(node.putObject("settings"), result.settings());
        }
        return root;
    }

    private static void putAll(final ObjectNode node, final Map<String, String> values)
    {
        if (null != values)
        {
            values.forEach(node::put);
        }
    }
}
