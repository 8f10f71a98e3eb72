package dev.quanta.app.backend;

import dev.quanta.app.port.WeightTensor;
import dev.quanta.engine.eval.WeightStatistics;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.graph.Tensor;

/** A constant tensor as the Weights view shows it, with values read by the engine. */
final class Values {
    private Values() {
    }

    /**
     * The tensor, read as operator input {@code operand} (-1 when not an operator's input), or
     * {@code null} for sparse tensors and types without a numeric reading.
     */
    static WeightTensor weightTensor(Tensor t, int operand) {
        double[] real = t.sparsity() != null ? null : WeightStatistics.realValues(t);
        if (real == null) {
            return null;
        }
        float[] v = new float[real.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) real[i];
        }
        int[] shape = t.shape();
        if (shape == null || t.elementCount() != v.length) {
            shape = new int[] {v.length};
        }
        QuantParams q = t.isQuantized() ? t.quant() : null;
        return new WeightTensor(t.name(), WeightStatistics.dtypeName(t), shape, v,
                q == null ? null : q.scale().clone(), q == null || q.zeroPoint() == null ? null : q.zeroPoint().clone(),
                q == null ? 0 : q.quantizedDimension(), operand);
    }
}
