/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest
{
    @TempDir
    Path dir;

    @Test
    void writeAllWritesEveryOutputAndPrintsTheTable() throws Exception
    {
        final BenchResults results = SampleResults.results();
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final Path out = dir.resolve("run");
        final ReportWriter.ReportFiles files = ReportWriter.writeAll(
            results, SampleResults.histograms(results), out, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(List.of(), files.problems());
        assertEquals(out.resolve("results.json"), files.files().get(0));
        assertEquals(Targets.evaluate(results), BenchResults.read(files.files().get(0)).targets());
        // 13 transports at 2 sizes, one failed: 25 .hgrm files, then the report, the table and the chart.
        assertEquals(1 + 25 + 3, files.files().size());
        assertTrue(Files.isRegularFile(out.resolve("rtt-aeron-ipc-1024.hgrm")));
        assertTrue(Files.size(out.resolve("report.html")) > 1_000_000);
        assertTrue(Files.readString(out.resolve("results.md")).contains("| tcp | 28.0 µs |"));
        assertEquals(out.resolve("rtt-throughput-64.png"), files.files().get(files.files().size() - 1));
        final String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("64 B messages (ratios against spsc-ring)") && text.contains("Targets: "), text);
    }

    @Test
    void pngChartIsAnImageOfTheSize() throws Exception
    {
        final Path png = dir.resolve(PngChart.fileName(64));
        PngChart.write(SampleResults.results(), 64, png);
        final byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] { (byte)0x89, 'P', 'N', 'G' }, java.util.Arrays.copyOf(bytes, 4));
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(PngChart.WIDTH, image.getWidth());
        assertTrue(image.getHeight() > 300);
        assertThrows(IllegalArgumentException.class, () -> PngChart.write(SampleResults.results(), 8, png));
    }

    @Test
    void regenerateRedrawsFromResultsJsonAndTheHgrmFilesBesideIt() throws Exception
    {
        final BenchResults results = SampleResults.results();
        final Path run = dir.resolve("run");
        ReportWriter.writeAll(results, SampleResults.histograms(results), run, null);
        final String written = Files.readString(run.resolve("report.html"));
        Files.delete(run.resolve("report.html"));

        final Path again = dir.resolve("again");
        final ReportWriter.ReportFiles files = ReportWriter.regenerate(
            run.resolve("results.json"), again, EnumSet.of(ReportWriter.Output.HTML), null);
        assertEquals(List.of(again.resolve("report.html")), files.files());
        final String regenerated = Files.readString(files.files().get(0));
        // The curves come from the .hgrm files: as many points as the histograms gave, to their printed precision.
        assertEquals(count(written, "],["), count(regenerated, "],["));
        assertTrue(Files.exists(again.resolve("report.html")));
    }

    @Test
    void reportMainRegeneratesWhatItIsAskedFor() throws Exception
    {
        final Path json = dir.resolve("results.json");
        SampleResults.results().write(json);
        final int status = ReportMain.commandLine().execute(
            "--from", json.toString(), "--markdown", "--png");
        assertEquals(0, status);
        assertTrue(Files.exists(dir.resolve("results.md")));
        assertTrue(Files.exists(dir.resolve("rtt-throughput-64.png")));
        assertTrue(Files.notExists(dir.resolve("report.html")));

        final CommandLine withoutFrom = ReportMain.commandLine();
        withoutFrom.setErr(new PrintWriter(Writer.nullWriter()));
        assertEquals(2, withoutFrom.execute("--html"));

        final StringWriter err = new StringWriter();
        final CommandLine missing = ReportMain.commandLine();
        missing.setErr(new PrintWriter(err));
        assertEquals(1, missing.execute("--from", dir.resolve("none.json").toString()));
        assertEquals("report: benchmark results " + dir.resolve("none.json") + " do not exist",
            err.toString().trim());
    }

    @Test
    void markdownTableHasDateMachineAndRatios()
    {
        final String markdown = MarkdownTable.render(SampleResults.results(), List.of(64));
        assertTrue(markdown.startsWith("Measured 2026-11-25 on 2 cores of Test CPU @ 2.0GHz, " +
            "OpenJDK 64-Bit Server VM 17.0.15, Linux 6.1.0 amd64; median of 2 interleaved repetitions.\n"), markdown);
        assertTrue(markdown.contains("\n**64 B messages** (ratios against spsc-ring)\n\n" +
            "| transport | RTT p50 | RTT p99.9 | msgs/s | p50 vs spsc-ring | msgs/s vs spsc-ring |\n" +
            "|:--|--:|--:|--:|--:|--:|\n" +
            "| spsc-ring | 480 ns | 1.92 µs | 75.0 M | baseline | baseline |\n"), markdown);
        assertTrue(markdown.contains("| tcp | 28.0 µs | 112 µs | 130 k | 58.3× slower | 577× slower |\n"), markdown);
        assertTrue(!markdown.contains("1 KiB"));
        final String all = MarkdownTable.render(SampleResults.results(), List.of());
        assertTrue(all.contains("| aeron-ipc-claim | failed: media driver <timed out> & gave up | | | | |\n"), all);
    }

    @Test
    void runDirectoriesAreStampedAndLatestPointsAtTheNewest() throws Exception
    {
        final Path base = dir.resolve("bench-results");
        final Clock clock = Clock.fixed(Instant.parse("2026-11-25T14:03:12.345Z"), ZoneOffset.UTC);
        final Path first = ResultsDirectory.newRun(base, clock);
        final Path second = ResultsDirectory.newRun(base, clock);
        assertEquals("2026-11-25T14-03-12Z", first.getFileName().toString());
        assertEquals("2026-11-25T14-03-12Z-2", second.getFileName().toString());

        assertTrue(ResultsDirectory.linkLatest(first));
        assertTrue(ResultsDirectory.linkLatest(second));
        final Path latest = base.resolve("latest");
        assertEquals(Path.of("2026-11-25T14-03-12Z-2"), Files.readSymbolicLink(latest));
        assertEquals(second.toRealPath(), latest.toRealPath());
        try (var stream = Files.list(base))
        {
            assertEquals(3, stream.count());   // two runs and the link, no temporary left behind
        }

        Files.delete(latest);
        Files.createDirectory(latest);
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> ResultsDirectory.linkLatest(first));
        assertTrue(ex.getMessage().contains("not a symbolic link"), ex.getMessage());
    }

    @Test
    void chartSizePrefers64BytesThenTheSmallestMeasured()
    {
        assertEquals(64, ReportWriter.chartSize(SampleResults.results()));
        final BenchResults onlyLarge = BenchResults.of(SampleResults.machine(), Instant.EPOCH, null, Map.of(),
            List.of(SampleResults.result("tcp", 4096, 1000, 1e5), SampleResults.result("tcp", 1024, 1000, 1e5),
                BenchResults.Result.failed("uds", 8, "no", null)));
        assertEquals(1024, ReportWriter.chartSize(onlyLarge));
    }

    private static int count(final String text, final String part)
    {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
