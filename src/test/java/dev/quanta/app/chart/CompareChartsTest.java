package dev.quanta.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.viewmodel.Pareto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels of the accuracy-vs-size scatter do not print over each other. */
class CompareChartsTest {
    @Test
    void labelsOfVariantsWithTheSameSizeAndNearlyTheSameAccuracyAreSpreadApart() {
        // The wizard's int8, QAT int8 and clustered + int8 of fashion_cnn: same file size, 88.8-89.1 %.
        List<Pareto.Point> points = List.of(
                new Pareto.Point("baseline", 36_944, 0.892),
                new Pareto.Point("int8", 12_672, 0.890),
                new Pareto.Point("pruned 80% + int8", 12_672, 0.830),
                new Pareto.Point("QAT int8", 12_672, 0.888),
                new Pareto.Point("clustered 16 + int8", 12_672, 0.891));
        double[] y = CompareCharts.labelPositions(points);
        // Axis span 89.2 - 83.0 = 6.2 points; one label line is 7 % of it.
        double line = 6.2 * 0.07;
        assertEquals(89.2, y[0], 1e-9, "alone in its column: at its point");
        assertEquals(83.0, y[2], 1e-9, "far below the others: at its point");
        assertEquals(89.1, y[4], 1e-9, "the highest of the column stays at its point");
        assertTrue(y[4] - y[1] >= line * 0.999, y[4] + " " + y[1]);
        assertTrue(y[1] - y[3] >= line * 0.999, y[1] + " " + y[3]);
    }

    @Test
    void identicalPointsTerminateAndStack() {
        List<Pareto.Point> points = List.of(new Pareto.Point("a", 1000, 0.5), new Pareto.Point("b", 1000, 0.5),
                new Pareto.Point("c", 1000, 0.5));
        double[] y = CompareCharts.labelPositions(points);
        assertEquals(50.0, y[0], 1e-9);
        assertEquals(50.0 - 0.14, y[1], 1e-9);
        assertEquals(50.0 - 0.28, y[2], 1e-9);
    }
}
