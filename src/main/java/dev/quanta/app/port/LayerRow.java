package dev.quanta.app.port;

import java.util.List;

/**
 * One operator of the main subgraph as a row of the layer table.
 *
 * @param index execution-order index
 * @param op TFLite op name, e.g. {@code CONV_2D}
 * @param version op version
 * @param inputShapes input shapes in words, e.g. {@code [1,28,28,1] [8,3,3,1] [8]}
 * @param outputShapes output shapes in words
 * @param dtypes input and output types in words, e.g. {@code FLOAT32 -> FLOAT32}
 * @param parameters constant elements read by the op
 * @param bytes bytes of those constants
 * @param sparsity fraction of zero constant elements (0..1)
 * @param quantization quantization of the weights in words, or {@code "float"}
 * @param details further lines for the details pane (tensor names, options, per-tensor quantization)
 * @param constants the constant operands (weights, biases, shape and axis operands...), in operand order
 */
public record LayerRow(int index, String op, int version, String inputShapes, String outputShapes, String dtypes,
                       long parameters, long bytes, double sparsity, String quantization, List<String> details,
                       List<ConstantInput> constants) {
    public LayerRow {
        details = List.copyOf(details);
        constants = List.copyOf(constants);
    }

    /**
     * True when the op reads any constant operand (a RESHAPE's shape counts; which constants are
     * weights is {@code viewmodel.WeightLayers}' rule).
     */
    public boolean hasWeights() {
        return parameters > 0;
    }
}
