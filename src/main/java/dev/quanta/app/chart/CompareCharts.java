package dev.quanta.app.chart;

import dev.quanta.app.port.LayerError;
import dev.quanta.app.port.Latency;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.viewmodel.Pareto;
import dev.quanta.app.viewmodel.SizeAxis;
import dev.quanta.app.viewmodel.VariantEntry;
import java.awt.BasicStroke;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Charts of the Compare view. Only measured entries appear; nothing is plotted for a missing value. */
public final class CompareCharts {
    private CompareCharts() {
    }

    /** Raw and gzipped file size per variant, in KiB. */
    public static JFreeChart size(List<VariantEntry> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (VariantEntry v : rows) {
            Measurement m = v.measurement();
            data.addValue(m.bytes() / 1024.0, "file", v.shortName());
            data.addValue(m.gzippedBytes() / 1024.0, "gzipped", v.shortName());
        }
        JFreeChart chart = ChartFactory.createBarChart("Model size", "variant", "size (KiB)", data,
                PlotOrientation.VERTICAL, true, true, false);
        style(chart.getCategoryPlot(), rows.size());
        return chart;
    }

    /** Median latency with whiskers from the 10th to the 90th percentile, in milliseconds. */
    public static JFreeChart latency(List<VariantEntry> rows) {
        YIntervalSeries s = new YIntervalSeries("median (p10-p90)");
        String[] names = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            names[i] = rows.get(i).shortName();
            Latency l = rows.get(i).measurement().latency();
            if (l != null) {
                s.add(i, l.medianMs(), l.p10Ms(), l.p90Ms());
            }
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        SymbolAxis x = new SymbolAxis("variant", names);
        x.setGridBandsVisible(false);
        if (names.length > 3) {
            x.setVerticalTickLabels(true);
        }
        NumberAxis y = new NumberAxis("latency per inference (ms)");
        y.setAutoRangeIncludesZero(true);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setDrawXError(false);
        r.setErrorStroke(new BasicStroke(2f));
        r.setCapLength(10);
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        XYPlot plot = new XYPlot(data, x, y, r);
        x.setRange(-0.5, Math.max(0.5, names.length - 0.5));
        JFreeChart chart = new JFreeChart("Latency (this machine, Quanta interpreter)", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        return chart;
    }

    /** Accuracy (or fidelity) per variant, in percent. */
    public static JFreeChart quality(List<VariantEntry> rows, String qualityName) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double lo = 100;
        for (VariantEntry v : rows) {
            Double q = v.measurement().quality();
            if (q != null) {
                data.addValue(q * 100, qualityName, v.shortName());
                lo = Math.min(lo, q * 100);
            }
        }
        String title = qualityName.equals("accuracy") ? "Top-1 accuracy" : "Fidelity (top-1 agreement with baseline)";
        JFreeChart chart = ChartFactory.createBarChart(title, "variant", qualityName + " (%)", data,
                PlotOrientation.VERTICAL, false, true, false);
        style(chart.getCategoryPlot(), rows.size());
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setRange(Math.max(0, Math.floor(lo - 5)), 100);
        return chart;
    }

    /**
     * Accuracy vs size, each point named (labels laid out at draw time so they never overlap, with
     * leader lines where a label had to move), the Pareto front drawn as a dashed line through its
     * points, each marked with a ring, and a quality axis that includes every point with a margin.
     *
     * @param points sizes in bytes on {@code axis} (the front is computed on them)
     * @param axis which size the points carry; it names the x axis
     */
    public static JFreeChart paretoScatter(List<Pareto.Point> points, String qualityName, SizeAxis axis) {
        XYSeries all = new XYSeries("variants", false);
        for (Pareto.Point p : points) {
            all.add(p.size() / 1024.0, p.quality() * 100);
        }
        XYSeries front = new XYSeries("Pareto front", false);
        for (Pareto.Point p : Pareto.front(points)) {
            front.add(p.size() / 1024.0, p.quality() * 100);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        data.addSeries(all);
        JFreeChart chart = ChartFactory.createScatterPlot(capitalize(qualityName) + " vs size", axis.axisLabel(),
                qualityName + " (%)", data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShapesFilled(0, false);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-8, -8, 16, 16));
        r.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        r.setSeriesOutlineStroke(0, new BasicStroke(2f));
        r.setUseOutlinePaint(false);
        r.setSeriesPaint(0, ChartStyle.ORANGE);
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesPaint(1, ChartStyle.BLUE);
        r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        plot.setRenderer(r);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeMinimumSize(10.0);
        plot.getDomainAxis().setUpperMargin(0.2);
        double[] range = qualityRange(points);
        plot.getRangeAxis().setRange(range[0], range[1]);
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i).size() / 1024.0;
            ys[i] = points.get(i).quality() * 100;
        }
        plot.addAnnotation(new PointLabels(points.stream().map(Pareto.Point::name).toList(), xs, ys,
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return chart;
    }

    /**
     * The quality axis (in %): every point inside with a margin of a tenth of the span (at least
     * half a point) on each side, so no point sits on the plot's edge.
     */
    static double[] qualityRange(List<Pareto.Point> points) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Pareto.Point p : points) {
            lo = Math.min(lo, p.quality() * 100);
            hi = Math.max(hi, p.quality() * 100);
        }
        if (points.isEmpty()) {
            return new double[] {0, 100};
        }
        double pad = Math.max(0.5, (hi - lo) * 0.1);
        return new double[] {Math.max(0, lo - pad), Math.min(100, hi + pad)};
    }

    /** Per-layer error of one variant against the baseline. */
    public static JFreeChart layerError(String variantName, Measurement m) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LayerError e : m.layerErrors()) {
            data.addValue(e.error(), m.errorMetric(), e.label());
        }
        JFreeChart chart = ChartFactory.createBarChart("Per-layer error vs baseline: " + variantName
                + (m.errorMetric().startsWith("SQNR") ? " (SQNR: higher is closer)" : ""), "layer",
                m.errorMetric(), data, PlotOrientation.VERTICAL, false, true, false);
        style(chart.getCategoryPlot(), m.layerErrors().size());
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, ChartStyle.RED);
        return chart;
    }

    private static void style(CategoryPlot plot, int categories) {
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setSeriesPaint(1, ChartStyle.GREEN);
        r.setMaximumBarWidth(0.12);
        if (categories > 3) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
