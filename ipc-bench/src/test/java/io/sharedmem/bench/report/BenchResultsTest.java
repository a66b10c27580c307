/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchResultsTest
{
    @TempDir
    Path dir;

    @Test
    void resultsSurviveAWriteAndReadUnchanged()
    {
        final BenchResults results = SampleResults.withNote(SampleResults.results(), "rtt-p50-vs-raw-block-64",
            "vCPUs were far apart").withTargets(Targets.evaluate(SampleResults.results()));
        final Path file = dir.resolve("results.json");
        results.write(file);
        assertEquals(results, BenchResults.read(file));
    }

    @Test
    void jsonHasTheShapeTheIssueSpecifies() throws Exception
    {
        final JsonNode json = new ObjectMapper().readTree(SampleResults.results().toJson());
        for (final String field : List.of("cores", "cpu", "jvm", "os", "kernel", "host_note"))
        {
            assertTrue(json.get("machine").has(field), field);
        }
        assertTrue(json.get("started").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(json.has("finished"));
        assertEquals("2", json.get("settings").get("repetitions").asText());

        final JsonNode first = json.get("results").get(0);
        assertEquals("spsc-ring", first.get("transport").asText());
        assertEquals(64, first.get("size").asInt());
        for (final String field : List.of("p50", "p90", "p99", "p999", "p9999", "max", "samples"))
        {
            assertTrue(first.get("rtt_ns").get(field).isIntegralNumber(), field);
        }
        assertEquals(75e6, first.get("throughput").get("msgs_per_s").asDouble());
        assertEquals(75e6 * 64 / 1e6, first.get("throughput").get("mb_per_s").asDouble(), 1e-9);
        assertEquals(0.0, first.get("alloc_bytes_per_msg").asDouble());
        assertEquals(2, first.get("repetitions").asInt());
        assertEquals(456.0, first.get("spread").get("rtt_p50_ns").get("min").asDouble());
        assertEquals("65536", first.get("settings").get("capacity").asText());
        assertFalse(first.has("error"));
    }

    @Test
    void failedTransportCarriesAnErrorInsteadOfFigures() throws Exception
    {
        final JsonNode json = new ObjectMapper().readTree(SampleResults.results().toJson());
        JsonNode failed = null;
        for (final JsonNode result : json.get("results"))
        {
            if (result.has("error"))
            {
                failed = result;
            }
        }
        assertEquals("aeron-ipc-claim", failed.get("transport").asText());
        assertEquals("media driver <timed out> & gave up", failed.get("error").asText());
        for (final String figure : List.of("rtt_ns", "throughput", "alloc_bytes_per_msg", "repetitions", "spread"))
        {
            assertFalse(failed.has(figure), figure);
        }
        assertEquals("SHARED", failed.get("settings").get("threading").asText());
    }

    @Test
    void readingIgnoresFieldsItDoesNotKnow()
    {
        final BenchResults results = BenchResults.fromJson("{\"machine\": {\"cores\": 2, \"cpu\": \"x\", " +
            "\"jvm\": \"j\", \"os\": \"o\", \"gpu\": \"none\"}, \"started\": \"2026-11-25T14:03:12Z\", " +
            "\"results\": [{\"transport\": \"tcp\", \"size\": 64, \"error\": \"refused\", \"colour\": \"red\"}], " +
            "\"future\": [1, 2]}");
        assertEquals(2, results.machine().cores());
        assertNull(results.finished());
        assertEquals("refused", results.find("tcp", 64).error());
        assertTrue(results.settings().isEmpty());
    }

    @Test
    void readingSomethingElseNamesTheFile() throws Exception
    {
        final Path file = dir.resolve("not-results.json");
        Files.writeString(file, "[1, 2, 3]");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BenchResults.read(file));
        assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
    }

    @Test
    void sizesAreAscendingAndResultsAtASizeFollowTheReportOrder()
    {
        final BenchResults results = BenchResults.of(SampleResults.machine(), java.time.Instant.EPOCH, null, null,
            List.of(SampleResults.result("tcp", 1024, 1, 1), SampleResults.result("zz-new", 64, 1, 1),
                SampleResults.result("tcp", 64, 1, 1), SampleResults.result("spsc-ring", 64, 1, 1)));
        assertEquals(List.of(64, 1024), results.sizes());
        assertEquals(List.of("spsc-ring", "tcp", "zz-new"),
            results.atSize(64).stream().map(BenchResults.Result::transport).toList());
    }

    @Test
    void repetitionsSummariseAsMediansWithTheirSpread()
    {
        final Histogram fast = new Histogram(3);
        final Histogram slow = new Histogram(3);
        for (int i = 0; i < 1000; i++)
        {
            fast.recordValue(400);
            slow.recordValue(600);
        }
        final BenchResults.Result result = Repetitions.summarise("spsc-ring", 64, List.of(
            new Repetitions.Figures(fast, 80e6, 0.0),
            new Repetitions.Figures(slow, 40e6, 2.0),
            new Repetitions.Figures(fast, 70e6, null)), Map.of());

        assertEquals(400, result.rttNs().p50());
        assertEquals(3000, result.rttNs().samples());
        assertEquals(70e6, result.throughput().msgsPerS());
        assertEquals(70e6 * 64 / 1e6, result.throughput().mbPerS(), 1e-9);
        assertEquals(1.0, result.allocBytesPerMsg());
        assertEquals(3, result.repetitions());
        assertEquals(new BenchResults.Range(400, 600), result.spread().rttP50Ns());
        assertEquals(new BenchResults.Range(40e6, 80e6), result.spread().msgsPerS());
        assertThrows(IllegalArgumentException.class, () -> Repetitions.summarise("tcp", 64, List.of(), Map.of()));
    }

    @Test
    void machineFactsComeFromThisMachine()
    {
        final BenchResults.Machine machine = MachineInfo.gather();
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.cores());
        assertTrue(machine.jvm().contains(System.getProperty("java.vm.version")));
        assertTrue(machine.os().contains(System.getProperty("os.arch")));
        assertFalse(machine.cpu().isEmpty());
    }

    @Test
    void cpuModelIsReadFromCpuinfoOfEitherArchitecture()
    {
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", MachineInfo.cpuModel(List.of(
            "processor\t: 0", "vendor_id\t: GenuineIntel", "model\t\t: 85",
            "model name\t: Intel(R) Xeon(R)   CPU @ 2.20GHz")));
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", MachineInfo.cpuModel(List.of(
            "processor\t: 0", "BogoMIPS\t: 108.00", "Model\t\t: Raspberry Pi 4 Model B Rev 1.4")));
        assertEquals("unknown", MachineInfo.cpuModel(List.of()));
    }
}
