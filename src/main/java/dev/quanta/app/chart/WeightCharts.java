package dev.quanta.app.chart;

import dev.quanta.app.viewmodel.WeightLayers;
import dev.quanta.app.viewmodel.WeightMath;
import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Charts of the Weights view: histogram with the int8 grid, channel ranges, heatmap, sparsity. */
public final class WeightCharts {
    private WeightCharts() {
    }

    /** Most grid lines drawn; denser grids show every k-th level (the subtitle says which). */
    static final int MAX_GRID_LINES = 96;

    /** Histogram of the tensor's real values with the quantization grid's levels as vertical lines. */
    public static JFreeChart histogram(String tensorName, WeightMath.Histogram h, WeightMath.Grid grid) {
        XYSeries series = new XYSeries("weights");
        double w = h.binWidth();
        for (int i = 0; i < h.counts().length; i++) {
            series.add(h.min() + (i + 0.5) * w, h.counts()[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection(series);
        data.setIntervalWidth(w);
        JFreeChart chart = ChartFactory.createXYBarChart("Weight histogram: " + tensorName, "weight value (real)",
                false, "count (elements)", data, PlotOrientation.VERTICAL, false, true, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setMargin(0.1);
        double lo = h.min() - w;
        double hi = h.max() + w;
        plot.getDomainAxis().setRange(lo, hi);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (grid != null && grid.levels().length == 0) {
            chart.addSubtitle(new TextTitle(grid.description()));
        } else if (grid != null) {
            int visible = 0;
            for (double level : grid.levels()) {
                if (level >= lo && level <= hi) {
                    visible++;
                }
            }
            int step = Math.max(1, (visible + MAX_GRID_LINES - 1) / MAX_GRID_LINES);
            Color line = grid.actual() ? new Color(200, 60, 40, 150) : new Color(230, 120, 20, 150);
            int k = 0;
            for (double level : grid.levels()) {
                if (level >= lo && level <= hi && k++ % step == 0) {
                    plot.addDomainMarker(new ValueMarker(level, line, new BasicStroke(0.6f)),
                            org.jfree.chart.ui.Layer.BACKGROUND);
                }
            }
            String shown = step == 1 ? "every level drawn" : "1 of every " + step + " of the " + visible + " levels drawn";
            chart.addSubtitle(new TextTitle(grid.description() + (grid.actual() ? "" : " (not applied)")
                    + "; " + shown));
        } else {
            chart.addSubtitle(new TextTitle("no 8-bit grid to overlay"));
        }
        return chart;
    }

    /** Min and max of each channel along the channel axis. */
    public static JFreeChart channelRange(String tensorName, double[][] ranges, int axis) {
        XYSeries min = new XYSeries("min");
        XYSeries max = new XYSeries("max");
        for (int c = 0; c < ranges.length; c++) {
            min.add(c, ranges[c][0]);
            max.add(c, ranges[c][1]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(max);
        data.addSeries(min);
        JFreeChart chart = ChartFactory.createXYLineChart("Per-channel range: " + tensorName,
                "channel (axis " + axis + ")", "weight value (real)", data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, ChartStyle.RED);
        plot.getRenderer().setSeriesPaint(1, ChartStyle.BLUE);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (ranges.length <= 64) {
            org.jfree.chart.renderer.xy.XYLineAndShapeRenderer lr =
                    (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer();
            lr.setDefaultShapesVisible(true);
        }
        return chart;
    }

    /** A 2-D slice of the kernel as colored cells (blue negative, white zero, red positive). */
    public static JFreeChart heatmap(String title, float[][] slice, String rowLabel, String colLabel) {
        int rows = slice.length;
        int cols = rows == 0 ? 0 : slice[0].length;
        double[] xs = new double[rows * cols];
        double[] ys = new double[rows * cols];
        double[] zs = new double[rows * cols];
        double maxAbs = 1e-12;
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                xs[k] = c;
                ys[k] = r;
                zs[k] = slice[r][c];
                maxAbs = Math.max(maxAbs, Math.abs(slice[r][c]));
                k++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("weights", new double[][] {xs, ys, zs});
        NumberAxis x = new NumberAxis(colLabel);
        NumberAxis y = new NumberAxis(rowLabel);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(-0.5, cols - 0.5);
        y.setRange(-0.5, rows - 0.5);
        y.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        PaintScale scale = new DivergingPaintScale(maxAbs);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("weight value (real)");
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        return chart;
    }

    /**
     * Percentage of zero weights per layer, for the layers with weight tensors (which those are is
     * {@link WeightLayers}' rule); the axis always spans 0–100 %.
     */
    public static JFreeChart sparsityByLayer(String modelName, List<WeightLayers.LayerSparsity> layers) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (WeightLayers.LayerSparsity l : layers) {
            data.addValue(l.sparsity() * 100, "zeros", l.label());
        }
        JFreeChart chart = ChartFactory.createBarChart("Weight sparsity per layer: " + modelName, "layer",
                "zero weights (%)", data, PlotOrientation.VERTICAL, false, true, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer br = (BarRenderer) plot.getRenderer();
        br.setSeriesPaint(0, ChartStyle.BLUE);
        br.setBarPainter(new StandardBarPainter());
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 100);
        y.setTickUnit(new NumberTickUnit(20, new DecimalFormat("0' %'")));
        br.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} %", new DecimalFormat("0.0")));
        br.setDefaultItemLabelsVisible(true);
        br.setMaximumBarWidth(0.15);
        // "5 FULLY_CONNECTED" wraps onto two lines instead of shrinking to "...".
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(1.6f);
        if (data.getColumnCount() > 8) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return chart;
    }
}
