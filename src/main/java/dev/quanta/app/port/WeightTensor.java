package dev.quanta.app.port;

/**
 * A constant tensor read by a layer, with its values as real numbers (dequantized when stored as
 * integers) and its quantization, if any.
 *
 * @param name tensor name
 * @param dtype stored TFLite type
 * @param shape shape, e.g. (out_ch, kh, kw, in_ch) for a CONV_2D kernel
 * @param values real values, row-major over {@code shape}
 * @param scales quantization scales (one per tensor, or one per channel), or {@code null} when float
 * @param zeroPoints zero points matching {@code scales}, or {@code null}
 * @param quantizedDimension the channel axis of per-channel scales
 * @param operand the operator input this tensor is (1 for a CONV_2D kernel, 2 for its bias), or -1 when unknown
 */
public record WeightTensor(String name, String dtype, int[] shape, float[] values, float[] scales, long[] zeroPoints,
                           int quantizedDimension, int operand) {

    /** A tensor whose operand position is not known. */
    public WeightTensor(String name, String dtype, int[] shape, float[] values, float[] scales, long[] zeroPoints,
                        int quantizedDimension) {
        this(name, dtype, shape, values, scales, zeroPoints, quantizedDimension, -1);
    }

    public boolean isQuantized() {
        return scales != null && scales.length > 0;
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }
}
