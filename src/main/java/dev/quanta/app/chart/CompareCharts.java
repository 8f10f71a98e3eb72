package dev.quanta.app.chart;

import dev.quanta.app.port.LayerError;
import dev.quanta.app.port.Latency;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.viewmodel.Pareto;
import dev.quanta.app.viewmodel.VariantEntry;
import java.awt.BasicStroke;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
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

    /** Accuracy vs size, each point labeled, with the Pareto front drawn as a line. */
    public static JFreeChart paretoScatter(List<Pareto.Point> points, String qualityName) {
        XYSeries all = new XYSeries("variants");
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
        JFreeChart chart = ChartFactory.createScatterPlot(capitalize(qualityName) + " vs size", "file size (KiB)",
                qualityName + " (%)", data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        r.setSeriesPaint(0, ChartStyle.ORANGE);
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesPaint(1, ChartStyle.BLUE);
        r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        plot.setRenderer(r);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        // A single point (or equal qualities) would give a degenerate axis: keep at least 2 points of range.
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeMinimumSize(2.0);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeMinimumSize(10.0);
        plot.getDomainAxis().setUpperMargin(0.2);
        double[] labelY = labelPositions(points);
        for (int i = 0; i < points.size(); i++) {
            Pareto.Point p = points.get(i);
            XYTextAnnotation a = new XYTextAnnotation("  " + p.name(), p.size() / 1024.0, labelY[i]);
            a.setTextAnchor(TextAnchor.CENTER_LEFT);
            a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            plot.addAnnotation(a);
        }
        return chart;
    }

    /**
     * The y (in %) of each point's label: at the point, but moved down (or up) where variants of
     * nearly the same size and quality would print their names over each other.
     */
    static double[] labelPositions(List<Pareto.Point> points) {
        int n = points.size();
        double[] y = new double[n];
        if (n == 0) {
            return y;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double maxX = 0;
        for (Pareto.Point p : points) {
            lo = Math.min(lo, p.quality() * 100);
            hi = Math.max(hi, p.quality() * 100);
            maxX = Math.max(maxX, p.size() / 1024.0);
        }
        // One label line is about 7 % of the axis (the axis spans the qualities, at least 2 points).
        double line = Math.max(hi - lo, 2.0) * 0.07;
        double near = Math.max(maxX, 10.0) * 0.15;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            y[i] = points.get(i).quality() * 100;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(y[b], y[a]));
        for (int k = 0; k < n; k++) {
            int i = order[k];
            // Each pass moves the label strictly down below one placed label, so k passes suffice.
            for (int pass = 0; pass <= k; pass++) {
                double lowest = Double.NaN;
                for (int j = 0; j < k; j++) {
                    int o = order[j];
                    boolean sameColumn = Math.abs(points.get(i).size() - points.get(o).size()) / 1024.0 < near;
                    if (sameColumn && Math.abs(y[i] - y[o]) < line * 0.999) {
                        lowest = Double.isNaN(lowest) ? y[o] : Math.min(lowest, y[o]);
                    }
                }
                if (Double.isNaN(lowest)) {
                    break;
                }
                y[i] = lowest - line;
            }
        }
        return y;
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
