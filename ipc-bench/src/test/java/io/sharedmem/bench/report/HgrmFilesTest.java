/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HgrmFilesTest
{
    @TempDir
    Path dir;

    @Test
    void fileIsHdrHistogramsPercentileFormatInMicroseconds() throws Exception
    {
        final Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 10_000; i++)
        {
            histogram.recordValue(i * 100L);   // 100 ns to 1 ms
        }
        final Path file = dir.resolve(new ResultKey("spsc-ring", 64).hgrmFileName());
        HgrmFiles.write(histogram, file);

        assertEquals("rtt-spsc-ring-64.hgrm", file.getFileName().toString());
        final List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).trim().matches("Value\\s+Percentile\\s+TotalCount\\s+1/\\(1-Percentile\\)"),
            lines.get(0));
        assertEquals("", lines.get(1));
        // First line: the smallest value, 0.100 us, at percentile 0, count 1, 1/(1-p) = 1.
        assertTrue(lines.get(2).trim().matches("0\\.100\\s+0\\.000000000000\\s+1\\s+1\\.00"), lines.get(2));
        final String median = lines.stream().filter(l -> l.contains(" 0.500000000000 ")).findFirst().orElseThrow();
        assertEquals(500.0, Double.parseDouble(median.trim().split("\\s+")[0]), 0.5);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[Max     =") && l.contains("Total count    =        10000")),
            String.join("\n", lines));
    }

    @Test
    void fileReadsBackAsTheHistogramsPercentilesInNanoseconds()
    {
        final Histogram histogram = SampleResults.histograms(SampleResults.results())
            .get(new ResultKey("tcp", 64));
        final Path file = dir.resolve("rtt-tcp-64.hgrm");
        HgrmFiles.write(histogram, file);

        final PercentileCurve read = HgrmFiles.read(file);
        final PercentileCurve direct = PercentileCurve.of(histogram);
        assertEquals(direct.points().size(), read.points().size());
        for (int i = 0; i < read.points().size(); i++)
        {
            final PercentileCurve.Point expected = direct.points().get(i);
            final PercentileCurve.Point actual = read.points().get(i);
            assertEquals(expected.percentile(), actual.percentile(), 1e-12);
            assertEquals(expected.valueNs(), actual.valueNs(), 1.0);   // printed to 3 decimals of a microsecond
            assertEquals(expected.totalCount(), actual.totalCount());
        }
        final PercentileCurve.Point last = read.points().get(read.points().size() - 1);
        assertEquals(1.0, last.percentile());
        assertEquals(histogram.getTotalCount(), last.totalCount());
    }

    @Test
    void chartPointsPutTheMaximumAtTheSampleCount()
    {
        final List<double[]> xy = PercentileCurve.of(new BenchResults.Rtt(500, 550, 1000, 2000, 5000, 40_000, 123_456))
            .chartPoints();
        assertEquals(2.0, xy.get(0)[0], 1e-9);
        assertEquals(10.0, xy.get(1)[0], 1e-9);
        assertEquals(10_000.0, xy.get(4)[0], 1e-6);
        assertEquals(123_456.0, xy.get(5)[0]);
        assertEquals(40_000.0, xy.get(5)[1]);
    }

    @Test
    void malformedLineIsNamedWithItsFileAndNumber() throws Exception
    {
        final Path file = dir.resolve("bad.hgrm");
        Files.writeString(file, "       Value     Percentile TotalCount 1/(1-Percentile)\n\n   0.5 0.5 x 2.00\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> HgrmFiles.read(file));
        assertTrue(ex.getMessage().contains(file + " line 3"), ex.getMessage());

        final Path other = dir.resolve("other.hgrm");
        Files.writeString(other, "hello\n");
        assertThrows(IllegalArgumentException.class, () -> HgrmFiles.read(other));
    }
}
