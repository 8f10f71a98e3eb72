package dev.quanta.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.viewmodel.Pareto;
import dev.quanta.app.viewmodel.SizeAxis;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

/** The accuracy-vs-size scatter: legible labels, the Pareto front on the chosen size, every point inside the plot. */
class CompareChartsTest {
    /**
     * The wizard's variants of fashion_cnn by file size (docs/screenshots/04-compare.png): four of
     * the same 12.4 KiB, three of them within 0.3 points.
     */
    private static final List<Pareto.Point> FASHION = List.of(
            new Pareto.Point("baseline", 36_944, 0.892),
            new Pareto.Point("int8", 12_672, 0.890),
            new Pareto.Point("pruned 80% + int8", 12_672, 0.830),
            new Pareto.Point("QAT int8", 12_672, 0.888),
            new Pareto.Point("clustered 16 + int8", 12_672, 0.891));

    /** The same variants by gzipped size (32.8, 9.3, 4.6, 9.3 and 7.3 KiB): pruning and clustering compress. */
    private static final List<Pareto.Point> FASHION_GZIPPED = List.of(
            new Pareto.Point("baseline", 33_587, 0.892),
            new Pareto.Point("int8", 9_523, 0.890),
            new Pareto.Point("pruned 80% + int8", 4_710, 0.830),
            new Pareto.Point("QAT int8", 9_523, 0.888),
            new Pareto.Point("clustered 16 + int8", 7_475, 0.891));

    /** Label boxes the way the chart lays them out on a plot of the given pixel size. */
    private static Rectangle2D[] layout(List<Pareto.Point> points, double[] yRange, double xMax, Rectangle2D area,
                                        double[] px, double[] py) {
        double[] w = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            Pareto.Point p = points.get(i);
            px[i] = area.getX() + p.size() / 1024.0 / xMax * area.getWidth();
            py[i] = area.getMaxY() - (p.quality() * 100 - yRange[0]) / (yRange[1] - yRange[0]) * area.getHeight();
            w[i] = 6.5 * p.name().length();
        }
        return PointLabels.layout(px, py, w, 14, area);
    }

    private static void assertLegible(Rectangle2D[] boxes, Rectangle2D area, double[] px, double[] py) {
        for (int i = 0; i < boxes.length; i++) {
            assertTrue(area.contains(boxes[i]), "label " + i + " inside the plot: " + boxes[i]);
            for (int j = 0; j < boxes.length; j++) {
                if (j != i) {
                    assertFalse(boxes[i].intersects(boxes[j]), "labels " + i + " and " + j + " overlap");
                }
                assertFalse(boxes[i].intersects(px[j] - PointLabels.MARKER, py[j] - PointLabels.MARKER,
                        2 * PointLabels.MARKER, 2 * PointLabels.MARKER), "label " + i + " covers point " + j);
            }
        }
    }

    @Test
    void labelsOfVariantsWithTheSameSizeAndNearlyTheSameAccuracyDoNotOverlap() {
        Rectangle2D area = new Rectangle2D.Double(60, 40, 440, 240);
        double[] px = new double[5];
        double[] py = new double[5];
        Rectangle2D[] boxes = layout(FASHION, CompareCharts.qualityRange(FASHION), 45, area, px, py);
        assertLegible(boxes, area, px, py);
        // Alone at its height: right of its point, on its line.
        assertEquals(py[2], boxes[2].getCenterY(), 1e-9);
        assertEquals(px[2] + PointLabels.GAP, boxes[2].getX(), 1e-9);
        // The highest of the crowded column keeps its place.
        assertEquals(py[4], boxes[4].getCenterY(), 1e-9);
    }

    @Test
    void identicalPointsGetDistinctLabels() {
        List<Pareto.Point> same = List.of(new Pareto.Point("a", 1000, 0.5), new Pareto.Point("b", 1000, 0.5),
                new Pareto.Point("c", 1000, 0.5), new Pareto.Point("d", 1000, 0.5));
        Rectangle2D area = new Rectangle2D.Double(0, 0, 300, 200);
        double[] px = new double[4];
        double[] py = new double[4];
        assertLegible(layout(same, CompareCharts.qualityRange(same), 10, area, px, py), area, px, py);
    }

    @Test
    void everyPointIsInsideTheQualityAxisWithAMargin() {
        JFreeChart chart = CompareCharts.paretoScatter(FASHION, "accuracy", SizeAxis.FILE);
        XYPlot plot = chart.getXYPlot();
        Range y = plot.getRangeAxis().getRange();
        for (Pareto.Point p : FASHION) {
            double q = p.quality() * 100;
            assertTrue(q - y.getLowerBound() >= 0.5 && y.getUpperBound() - q >= 0.5, p + " in " + y);
        }
        // The front: pruned (smallest, 83 %), clustered (same size, 89.1 %), baseline (89.2 %)... by size.
        assertEquals(List.of("clustered 16 + int8", "baseline"),
                Pareto.front(FASHION).stream().map(Pareto.Point::name).toList());
        assertEquals(2, plot.getDataset().getItemCount(0));
        assertEquals("Pareto front", plot.getDataset().getSeriesKey(0));
        assertEquals(5, plot.getDataset().getItemCount(1));
        // Drawing lays the labels out with the real font (and does not fail on a crowded column).
        BufferedImage img = chart.createBufferedImage(560, 380);
        assertEquals(560, img.getWidth());
        assertEquals(1, plot.getAnnotations().size());
    }

    private static List<String> frontNames(JFreeChart chart, List<Pareto.Point> points) {
        XYPlot plot = chart.getXYPlot();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < plot.getDataset().getItemCount(0); i++) {
            double x = plot.getDataset().getXValue(0, i);
            double y = plot.getDataset().getYValue(0, i);
            points.stream().filter(p -> p.size() / 1024.0 == x && p.quality() * 100 == y)
                    .forEach(p -> names.add(p.name()));
        }
        return names;
    }

    @Test
    void onGzippedSizeThePrunedVariantIsOnTheFrontAndOnFileSizeItIsDominated() {
        JFreeChart gz = CompareCharts.paretoScatter(FASHION_GZIPPED, "accuracy", SizeAxis.GZIPPED);
        assertEquals("gzipped size (KiB)", gz.getXYPlot().getDomainAxis().getLabel());
        // Smallest download (4.6 KiB, 83 %), clustered (7.3 KiB, 89.1 %) beats int8 and QAT (9.3 KiB), baseline.
        assertEquals(List.of("pruned 80% + int8", "clustered 16 + int8", "baseline"), frontNames(gz, FASHION_GZIPPED));
        assertEquals(4_710 / 1024.0, gz.getXYPlot().getDataset().getXValue(0, 0), 1e-12);

        JFreeChart file = CompareCharts.paretoScatter(FASHION, "accuracy", SizeAxis.FILE);
        assertEquals("file size (KiB)", file.getXYPlot().getDomainAxis().getLabel());
        // Same 12.4 KiB file as clustered, lower accuracy: dominated.
        assertEquals(List.of("clustered 16 + int8", "baseline"), frontNames(file, FASHION));
        // Both draw.
        assertEquals(560, gz.createBufferedImage(560, 380).getWidth());
    }
}
