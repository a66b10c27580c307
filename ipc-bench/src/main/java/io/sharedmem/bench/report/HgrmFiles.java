/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import org.HdrHistogram.AbstractHistogram;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Round-trip histograms as {@code .hgrm} files: HdrHistogram's percentile-distribution text, values in
 * microseconds, which its standard plotter
 * (<a href="https://hdrhistogram.github.io/HdrHistogram/plotFiles.html">plotFiles.html</a>) draws side by side.
 * <pre>
 *        Value     Percentile TotalCount 1/(1-Percentile)
 *
 *        0.463 0.000000000000          1           1.00
 *        0.479 0.500000000000     102311           2.00
 *        ...
 *       41.215 1.000000000000     200000
 * #[Mean    =        0.501, StdDeviation   =        0.304]
 * #[Max     =       41.215, Total count    =       200000]
 * #[Buckets =           23, SubBuckets     =         2048]
 * </pre>
 * Stateless and thread-safe; a histogram being written must not be used by another thread meanwhile.
 */
public final class HgrmFiles
{
    /**
     * Nanoseconds per microsecond: histograms are recorded in nanoseconds, {@code .hgrm} files hold microseconds.
     */
    public static final double NANOS_PER_MICRO = 1000.0;

    private HgrmFiles()
    {
    }

    /**
     * Writes a histogram of nanoseconds as a percentile distribution in microseconds, replacing the file.
     *
     * @param histogram the histogram, recorded in nanoseconds.
     * @param file      where to write.
     * @throws UncheckedIOException if the file cannot be written.
     */
    public static void write(final AbstractHistogram histogram, final Path file)
    {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
            PrintStream printer = new PrintStream(stream, false, StandardCharsets.US_ASCII))
        {
            histogram.outputPercentileDistribution(printer, NANOS_PER_MICRO);
            printer.flush();
            if (printer.checkError())
            {
                throw new IOException("write failed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write percentile distribution " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a percentile distribution written by {@link #write} (or by HdrHistogram) back as a curve in nanoseconds.
     *
     * @param file the {@code .hgrm} file.
     * @return the curve.
     * @throws UncheckedIOException     if the file cannot be read.
     * @throws IllegalArgumentException if a line is not of the format, naming the file and line number.
     */
    public static PercentileCurve read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read percentile distribution " + file + ": " + ex.getMessage(), ex);
        }

        final List<PercentileCurve.Point> points = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (line.startsWith("Value"))
            {
                header = true;
                continue;
            }
            final String[] fields = line.split("\\s+");
            try
            {
                if (!header || fields.length < 3)
                {
                    throw new NumberFormatException("expected the header line, then value, percentile, total count");
                }
                points.add(new PercentileCurve.Point(
                    Double.parseDouble(fields[1]), Double.parseDouble(fields[0]) * NANOS_PER_MICRO,
                    Long.parseLong(fields[2])));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(
                    file + " line " + (i + 1) + " is not a percentile distribution line: \"" + line + "\" (" +
                    ex.getMessage() + ")", ex);
            }
        }
        if (!header)
        {
            throw new IllegalArgumentException(file + " has no \"Value Percentile TotalCount\" header line");
        }
        return new PercentileCurve(points);
    }
}
