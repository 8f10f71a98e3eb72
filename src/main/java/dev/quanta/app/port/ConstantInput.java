package dev.quanta.app.port;

/**
 * A constant operand of a layer, as the engine's weight statistics see it.
 *
 * @param operand position among the op's inputs (TFLite's operand index, counting omitted optional inputs)
 * @param name tensor name
 * @param dtype stored TFLite type, e.g. {@code FLOAT32}, {@code INT8}, {@code INT32}
 * @param shape static shape
 * @param elements number of elements
 * @param sparsity fraction of elements that are exactly zero (0..1)
 * @param quantized true when the tensor has quantization scales
 */
public record ConstantInput(int operand, String name, String dtype, int[] shape, long elements, double sparsity,
                            boolean quantized) {
}
