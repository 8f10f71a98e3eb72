package dev.quanta.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quanta.app.viewmodel.WeightLayers;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;

/** The per-layer sparsity chart is in percent on its axis, its bars and its labels. */
class WeightChartsTest {
    @Test
    void sparsityAxisSpansZeroToHundredPercentWithPercentTicks() {
        JFreeChart chart = WeightCharts.sparsityByLayer("m.tflite", List.of(
                new WeightLayers.LayerSparsity(0, "CONV_2D", 108, 0.0),
                new WeightLayers.LayerSparsity(5, "FULLY_CONNECTED", 6000, 0.8)));
        NumberAxis y = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
        assertEquals(0, y.getLowerBound());
        assertEquals(100, y.getUpperBound());
        assertEquals("zero weights (%)", y.getLabel());
        assertEquals("60 %", y.getTickUnit().valueToString(60));
        var data = chart.getCategoryPlot().getDataset();
        assertEquals(80.0, data.getValue(0, 1).doubleValue(), 1e-9);
        assertEquals("5 FULLY_CONNECTED", data.getColumnKey(1));
        assertEquals("80.0 %", chart.getCategoryPlot().getRenderer().getDefaultItemLabelGenerator()
                .generateLabel(data, 0, 1));
    }
}
