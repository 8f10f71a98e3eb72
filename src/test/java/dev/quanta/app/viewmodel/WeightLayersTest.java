package dev.quanta.app.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.port.ConstantInput;
import dev.quanta.app.port.LayerRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which constants are weights: kernels and tables yes; shapes, axes, indices and biases no. */
class WeightLayersTest {
    private static ConstantInput c(int operand, String dtype, long n, double zeros, boolean quantized) {
        return new ConstantInput(operand, "t" + operand, dtype, new int[] {(int) n}, n, zeros, quantized);
    }

    private static LayerRow row(int index, String op, ConstantInput... constants) {
        long n = 0;
        for (ConstantInput k : constants) {
            n += k.elements();
        }
        return new LayerRow(index, op, 1, "", "", "", n, n * 4, 0, "float", List.of(), List.of(constants));
    }

    @Test
    void kernelsAreWeightsButBiasesShapesAxesAndIndicesAreNot() {
        assertTrue(WeightLayers.isWeight("CONV_2D", c(1, "FLOAT32", 108, 0, false)));
        assertFalse(WeightLayers.isWeight("CONV_2D", c(2, "FLOAT32", 12, 0, false)), "float bias");
        assertTrue(WeightLayers.isWeight("FULLY_CONNECTED", c(1, "INT8", 6000, 0, true)));
        assertFalse(WeightLayers.isWeight("FULLY_CONNECTED", c(2, "INT32", 10, 0, true)), "int32 bias");
        assertTrue(WeightLayers.isWeight("DEPTHWISE_CONV_2D", c(1, "UINT8", 72, 0, true)));
        assertFalse(WeightLayers.isWeight("TRANSPOSE_CONV", c(0, "INT32", 4, 0, false)), "output shape");
        assertTrue(WeightLayers.isWeight("TRANSPOSE_CONV", c(1, "FLOAT32", 72, 0, false)));
        assertFalse(WeightLayers.isWeight("RESHAPE", c(1, "INT32", 2, 0, false)), "shape");
        assertFalse(WeightLayers.isWeight("MEAN", c(1, "INT32", 2, 0, false)), "axis");
        assertFalse(WeightLayers.isWeight("PAD", c(1, "INT64", 8, 0, false)), "paddings");
        assertTrue(WeightLayers.isWeight("EMBEDDING_LOOKUP", c(1, "FLOAT32", 5000, 0, false)), "table");
        assertFalse(WeightLayers.isWeight("EMBEDDING_LOOKUP", c(0, "INT32", 4, 0, false)), "ids");
        assertTrue(WeightLayers.isWeight("GATHER", c(0, "INT8", 5000, 0, true)), "quantized table");
        assertFalse(WeightLayers.isWeight("GATHER", c(1, "INT32", 3, 0, false)), "indices");
        assertTrue(WeightLayers.isWeight("BATCH_MATMUL", c(1, "FLOAT32", 64, 0, false)));
        assertTrue(WeightLayers.isWeight("SVDF", c(2, "FLOAT32", 64, 0, false)), "time weights");
        assertFalse(WeightLayers.isWeight("SVDF", c(3, "FLOAT32", 8, 0, false)), "bias");
        assertTrue(WeightLayers.isWeight("UNIDIRECTIONAL_SEQUENCE_LSTM", c(5, "INT8", 256, 0, true)), "recurrent");
        assertTrue(WeightLayers.isWeight("LSTM", c(16, "FLOAT32", 256, 0, false)), "projection");
        assertFalse(WeightLayers.isWeight("LSTM", c(12, "FLOAT32", 16, 0, false)), "gate bias");
        assertFalse(WeightLayers.isWeight("LSTM", c(20, "FLOAT32", 16, 0, false)), "layer norm");
        // Other ops: any constant float or quantized operand.
        assertTrue(WeightLayers.isWeight("DEQUANTIZE", c(0, "FLOAT16", 108, 0, false)), "fp16 weights");
        assertTrue(WeightLayers.isWeight("PRELU", c(1, "FLOAT32", 12, 0, false)), "alpha");
        assertFalse(WeightLayers.isWeight("ADD", c(1, "INT8", 12, 0, false)), "int8 without scales");
        assertFalse(WeightLayers.isWeight("CONV_2D", c(1, "FLOAT32", 0, 0, false)), "empty");
    }

    @Test
    void sparsityListsOnlyLayersWithWeightsAndCountsOnlyTheirWeights() {
        List<LayerRow> rows = List.of(
                row(0, "CONV_2D", c(1, "FLOAT32", 100, 0.8, false), c(2, "FLOAT32", 10, 0, false)),
                row(1, "MAX_POOL_2D"),
                row(2, "RESHAPE", c(1, "INT32", 2, 0, false)),
                row(3, "FULLY_CONNECTED", c(1, "INT8", 40, 0.5, true), c(2, "INT32", 4, 0.25, true)));
        List<WeightLayers.LayerSparsity> s = WeightLayers.sparsity(rows);
        assertEquals(List.of("0 CONV_2D", "3 FULLY_CONNECTED"), s.stream().map(WeightLayers.LayerSparsity::label).toList());
        // 80 % of the kernel, not diluted by the bias (80 of 110 would be 72.7 %).
        assertEquals(0.8, s.get(0).sparsity(), 1e-12);
        assertEquals(100, s.get(0).weights());
        assertEquals(0.5, s.get(1).sparsity(), 1e-12);
        assertFalse(WeightLayers.hasWeights(rows.get(2)));
        assertTrue(rows.get(2).hasWeights(), "RESHAPE still has a constant");
        assertTrue(WeightLayers.hasWeights(rows.get(0)));
    }
}
