/*
 * Copyright 2026 SharedMem IPC contributors. Licensed under the Apache License, Version 2.0.
 */
package io.sharedmem.bench.report;

import io.sharedmem.bench.transport.Transports;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.DoubleFunction;

/**
 * The README's chart: p50 round trip and throughput per transport at one message size, side by side on log axes,
 * drawn with JFreeChart into a PNG (such as {@code rtt-throughput-64.png}). Works headless: sets
 * {@code java.awt.headless=true} unless the JVM was told otherwise.
 * <p>
 * Stateless and thread-safe.
 */
public final class PngChart
{
    /** Width of the image in pixels. */
    public static final int WIDTH = 1200;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static
    {
        if (null == System.getProperty("java.awt.headless"))
        {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PngChart()
    {
    }

    /**
     * The file name of the chart for a size.
     *
     * @param size message size in bytes.
     * @return {@code rtt-throughput-<size>.png}.
     */
    public static String fileName(final int size)
    {
        return "rtt-throughput-" + size + ".png";
    }

    /**
     * Draws the chart of one message size.
     *
     * @param results the run's results.
     * @param size    the message size in bytes.
     * @param file    where to write the PNG, replacing it.
     * @throws IllegalArgumentException if no transport has figures at that size.
     * @throws UncheckedIOException     if the file cannot be written.
     */
    public static void write(final BenchResults results, final int size, final Path file)
    {
        final DefaultCategoryDataset rtt = new DefaultCategoryDataset();
        final DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        for (final BenchResults.Result result : results.atSize(size))
        {
            if (result.hasFigures())
            {
                rtt.addValue(result.rttNs().p50(), "p50", result.transport());
                final double msgsPerS = result.throughput().msgsPerS();
                throughput.addValue(msgsPerS > 0 ? Double.valueOf(msgsPerS) : null, "msgs/s", result.transport());
            }
        }
        if (0 == rtt.getColumnCount())
        {
            throw new IllegalArgumentException("no transport has figures at " + Formats.size(size) + " to chart");
        }

        final CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis());
        plot.getDomainAxis().setTickLabelFont(TEXT);
        plot.getDomainAxis().setCategoryMargin(0.25);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(16);
        plot.add(subplot(rtt, "p50 round trip (log scale, lower is better)", Formats::nanos), 1);
        plot.add(subplot(throughput, "one-way messages/s (log scale, higher is better)", Formats::rate), 1);

        final JFreeChart chart = new JFreeChart(
            "SharedMem IPC between two JVMs, " + Formats.size(size) + " messages", TITLE, plot, false);
        final BenchResults.Machine machine = results.machine();
        final String date = results.started().length() >= 10 ? results.started().substring(0, 10) : results.started();
        final TextTitle subtitle = new TextTitle(
            date + ", " + machine.cores() + " cores, " + machine.cpu() + ", " + machine.jvm(), TEXT);
        chart.addSubtitle(subtitle);
        chart.setBackgroundPaint(Color.WHITE);

        final int height = 140 + 34 * rtt.getColumnCount();
        try
        {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write chart " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static CategoryPlot subplot(
        final DefaultCategoryDataset data, final String label, final DoubleFunction<String> format)
    {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int c = 0; c < data.getColumnCount(); c++)
        {
            final Number value = data.getValue(0, c);
            if (null != value)
            {
                min = Math.min(min, value.doubleValue());
                max = Math.max(max, value.doubleValue());
            }
        }

        if (max <= 0)
        {
            min = 1;
            max = 1;
        }

        final LogAxis axis = new LogAxis(label);
        axis.setLabelFont(TEXT);
        axis.setTickLabelFont(LABEL);
        // Whole decades, with room on the right for the value labels.
        final double lower = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-9))));
        axis.setRange(lower, Math.pow(10, Math.ceil(Math.log10(max)) + 1));
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new NumberTickUnit(1.0));
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new UnitFormat(format, true));

        final BarRenderer renderer = new TransportColours();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setBase(lower);
        renderer.setIncludeBaseInRange(false);
        renderer.setMaximumBarWidth(0.08);
        renderer.setDefaultItemLabelGenerator(
            new StandardCategoryItemLabelGenerator("{2}", new UnitFormat(format, false)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(LABEL);
        renderer.setDefaultPositiveItemLabelPosition(
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));

        final CategoryPlot plot = new CategoryPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(new Color(0xf8, 0xf8, 0xf8));
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /**
     * Colours each bar by its transport, as the HTML report does.
     */
    private static final class TransportColours extends BarRenderer
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Paint getItemPaint(final int row, final int column)
        {
            final String transport = getPlot().getDataset().getColumnKey(column).toString();
            return Color.decode(Transports.color(transport));
        }
    }

    /**
     * Numbers in the data's unit ({@code 1.20 µs}, {@code 10.0 M}): bar labels, and axis ticks instead of powers of
     * ten, which fall on whole decades, so "10 µs" reads better there than "10.0 µs".
     */
    private static final class UnitFormat extends NumberFormat
    {
        private static final long serialVersionUID = 1L;

        private final transient DoubleFunction<String> format;
        private final boolean ticks;

        UnitFormat(final DoubleFunction<String> format, final boolean ticks)
        {
            this.format = format;
            this.ticks = ticks;
        }

        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            final String text = format.apply(number);
            return toAppendTo.append(ticks ? text.replaceAll("\\.0+(?= |$)", "") : text);
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            return format((double)number, toAppendTo, pos);
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition)
        {
            throw new UnsupportedOperationException("axis labels are not parsed");
        }
    }
}
