package dev.quanta.app.viewmodel;

import dev.quanta.app.port.ConstantInput;
import dev.quanta.app.port.LayerRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which constant operands are an op's weights, and the sparsity of each layer's weights: the one
 * rule the per-layer sparsity chart (and the Weights view's first layer) follow.
 *
 * <p>A weight is a constant float tensor, or a constant integer tensor with quantization scales
 * (int8/uint8/int16/int4 kernels). Plain integer constants are shapes, axes, indices, paddings or
 * int32 biases, never weights. For ops whose operand layout TFLite fixes, only the weight operands
 * count: the kernel of CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV and CONV_3D (not
 * their biases), both operands of BATCH_MATMUL, the table of EMBEDDING_LOOKUP and GATHER, the
 * feature and time weights of SVDF, the input and recurrent weights of RNN, and the input,
 * recurrent, peephole and projection weights of LSTM (not its biases or layer-norm coefficients).
 * For other ops every constant float or quantized operand counts (e.g. the float16 weights a
 * DEQUANTIZE expands, a PRELU's alpha).
 */
public final class WeightLayers {
    private static final Set<Integer> KERNEL = Set.of(1);
    private static final Set<Integer> LSTM = IntStream.concat(IntStream.rangeClosed(1, 11), IntStream.of(16))
            .boxed().collect(Collectors.toUnmodifiableSet());
    private static final Map<String, Set<Integer>> WEIGHT_OPERANDS = Map.ofEntries(
            Map.entry("CONV_2D", KERNEL),
            Map.entry("DEPTHWISE_CONV_2D", KERNEL),
            Map.entry("FULLY_CONNECTED", KERNEL),
            Map.entry("TRANSPOSE_CONV", KERNEL),
            Map.entry("CONV_3D", KERNEL),
            Map.entry("CONV_3D_TRANSPOSE", KERNEL),
            Map.entry("BATCH_MATMUL", Set.of(0, 1)),
            Map.entry("EMBEDDING_LOOKUP", KERNEL),
            Map.entry("GATHER", Set.of(0)),
            Map.entry("SVDF", Set.of(1, 2)),
            Map.entry("RNN", Set.of(1, 2)),
            Map.entry("UNIDIRECTIONAL_SEQUENCE_RNN", Set.of(1, 2)),
            Map.entry("LSTM", LSTM),
            Map.entry("UNIDIRECTIONAL_SEQUENCE_LSTM", LSTM));
    private static final Set<String> FLOAT_TYPES = Set.of("FLOAT16", "FLOAT32", "FLOAT64", "BFLOAT16");
    private static final Set<String> QUANTIZABLE_TYPES = Set.of("INT4", "INT8", "UINT8", "INT16");

    private WeightLayers() {
    }

    /**
     * The weight sparsity of one layer.
     *
     * @param index the layer's execution-order index
     * @param op its op name
     * @param weights elements of its weight tensors
     * @param sparsity fraction of those elements that are zero (0..1)
     */
    public record LayerSparsity(int index, String op, long weights, double sparsity) {
        /** The chart's category label, e.g. {@code 0 CONV_2D}. */
        public String label() {
            return index + " " + op;
        }
    }

    /** True when the constant operand {@code c} of an {@code op} is one of its weights. */
    public static boolean isWeight(String op, ConstantInput c) {
        boolean weightType = FLOAT_TYPES.contains(c.dtype()) || QUANTIZABLE_TYPES.contains(c.dtype()) && c.quantized();
        if (!weightType || c.elements() == 0) {
            return false;
        }
        Set<Integer> operands = WEIGHT_OPERANDS.get(op);
        return operands == null || operands.contains(c.operand());
    }

    /** The layer's weight tensors, in operand order. */
    public static List<ConstantInput> weights(LayerRow row) {
        return row.constants().stream().filter(c -> isWeight(row.op(), c)).toList();
    }

    /** True when the layer has at least one weight tensor. */
    public static boolean hasWeights(LayerRow row) {
        return row.constants().stream().anyMatch(c -> isWeight(row.op(), c));
    }

    /** The weight sparsity of every layer that has weights, in the given order. */
    public static List<LayerSparsity> sparsity(List<LayerRow> rows) {
        List<LayerSparsity> out = new ArrayList<>();
        for (LayerRow r : rows) {
            long n = 0;
            double zeros = 0;
            for (ConstantInput c : weights(r)) {
                n += c.elements();
                zeros += c.sparsity() * c.elements();
            }
            if (n > 0) {
                out.add(new LayerSparsity(r.index(), r.op(), n, zeros / n));
            }
        }
        return out;
    }
}
