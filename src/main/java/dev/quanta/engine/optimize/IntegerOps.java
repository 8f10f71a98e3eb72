package dev.quanta.engine.optimize;

import static dev.quanta.engine.graph.BuiltinOp.*;

import java.util.HashMap;
import java.util.Map;

/**
 * Which operators the full-integer passes quantize and how, one line per op, limited to what
 * TensorFlow Lite 2.6.2 has integer kernels for. Ops not listed stay float with QUANTIZE/DEQUANTIZE
 * around them (or make int8-only fail).
 *
 * <p>Kinds: {@code WEIGHTED} ops have a constant weight input (quantized symmetric per channel on
 * {@code axis}, or per tensor when {@code axis < 0}) and an optional bias; {@code SAME_SCALE} ops
 * pass values through, so their output takes their input's parameters; {@code SAME_SCALE_N} ops
 * combine several inputs that must share the output's parameters (others are requantized);
 * {@code FIXED} ops have a fixed output range; {@code RESCALE} ops rescale freely.
 *
 * <p>{@code int16 = false} marks ops TFLite 2.6.2 refuses with int16 activations at the version TF's converter
 * writes for them (probed one op at a time, see docs/decisions/integer-kernels-follow-tflite-2.6.2.md): SUM
 * (int16 only with equal input/output quantization, summing in 16 bits), HARD_SWISH, ARG_MAX/ARG_MIN,
 * L2_NORMALIZATION, LOG_SOFTMAX, SPACE_TO_DEPTH, RSQRT, SQUARED_DIFFERENCE and the comparisons (no int16
 * kernel), MIRROR_PAD (version 3 not registered), BATCH_TO_SPACE_ND/SPACE_TO_BATCH_ND (version 4 not
 * registered, and no int16 kernel at lower versions).
 */
final class IntegerOps {
    enum Kind { WEIGHTED, SAME_SCALE, SAME_SCALE_N, FIXED, RESCALE }

    /**
     * @param kind how the op is quantized
     * @param data for SAME_SCALE the data input index; for SAME_SCALE_N the first shared input
     * @param axis the weight axis for WEIGHTED ops (-1 per tensor)
     * @param int16 true when TFLite 2.6.2 also has a 16x8 kernel
     */
    record Spec(Kind kind, int data, int axis, boolean int16) {
    }

    private static final Map<Integer, Spec> SPECS = new HashMap<>();

    private static void op(int code, Kind kind, int data, int axis, boolean int16) {
        SPECS.put(code, new Spec(kind, data, axis, int16));
    }

    static {
        op(CONV_2D, Kind.WEIGHTED, 0, 0, true);
        op(DEPTHWISE_CONV_2D, Kind.WEIGHTED, 0, 3, true);
        op(FULLY_CONNECTED, Kind.WEIGHTED, 0, -1, true);
        op(ADD, Kind.RESCALE, 0, -1, true);
        op(SUB, Kind.RESCALE, 0, -1, true);
        op(MUL, Kind.RESCALE, 0, -1, true);
        op(MEAN, Kind.RESCALE, 0, -1, true);
        op(SUM, Kind.RESCALE, 0, -1, false);
        op(RELU, Kind.RESCALE, 0, -1, true);
        op(RELU6, Kind.RESCALE, 0, -1, true);
        op(LEAKY_RELU, Kind.RESCALE, 0, -1, true);
        op(HARD_SWISH, Kind.RESCALE, 0, -1, false);
        op(SQUARED_DIFFERENCE, Kind.RESCALE, 0, -1, false);
        op(RSQRT, Kind.RESCALE, 0, -1, false);
        op(BATCH_MATMUL, Kind.RESCALE, 0, -1, true);
        op(EQUAL, Kind.RESCALE, 0, -1, false);
        op(NOT_EQUAL, Kind.RESCALE, 0, -1, false);
        op(LESS, Kind.RESCALE, 0, -1, false);
        op(LESS_EQUAL, Kind.RESCALE, 0, -1, false);
        op(GREATER, Kind.RESCALE, 0, -1, false);
        op(GREATER_EQUAL, Kind.RESCALE, 0, -1, false);
        op(ARG_MAX, Kind.RESCALE, 0, -1, false);
        op(ARG_MIN, Kind.RESCALE, 0, -1, false);
        op(SOFTMAX, Kind.FIXED, 0, -1, true);
        op(LOGISTIC, Kind.FIXED, 0, -1, true);
        op(TANH, Kind.FIXED, 0, -1, true);
        op(L2_NORMALIZATION, Kind.FIXED, 0, -1, false);
        op(LOG_SOFTMAX, Kind.FIXED, 0, -1, false);
        op(AVERAGE_POOL_2D, Kind.SAME_SCALE, 0, -1, true);
        op(MAX_POOL_2D, Kind.SAME_SCALE, 0, -1, true);
        op(RESHAPE, Kind.SAME_SCALE, 0, -1, true);
        op(SQUEEZE, Kind.SAME_SCALE, 0, -1, true);
        op(EXPAND_DIMS, Kind.SAME_SCALE, 0, -1, true);
        op(TRANSPOSE, Kind.SAME_SCALE, 0, -1, true);
        op(SPACE_TO_DEPTH, Kind.SAME_SCALE, 0, -1, false);
        op(RESIZE_BILINEAR, Kind.SAME_SCALE, 0, -1, true);
        op(RESIZE_NEAREST_NEIGHBOR, Kind.SAME_SCALE, 0, -1, true);
        op(PAD, Kind.SAME_SCALE, 0, -1, true);
        op(PADV2, Kind.SAME_SCALE, 0, -1, true);
        op(MIRROR_PAD, Kind.SAME_SCALE, 0, -1, false);
        op(STRIDED_SLICE, Kind.SAME_SCALE, 0, -1, true);
        op(SLICE, Kind.SAME_SCALE, 0, -1, true);
        op(GATHER, Kind.SAME_SCALE, 0, -1, true);
        op(GATHER_ND, Kind.SAME_SCALE, 0, -1, true);
        op(BATCH_TO_SPACE_ND, Kind.SAME_SCALE, 0, -1, false);
        op(SPACE_TO_BATCH_ND, Kind.SAME_SCALE, 0, -1, false);
        op(SPLIT, Kind.SAME_SCALE, 1, -1, true);
        op(SPLIT_V, Kind.SAME_SCALE, 0, -1, true);
        op(UNPACK, Kind.SAME_SCALE, 0, -1, true);
        op(BROADCAST_TO, Kind.SAME_SCALE, 0, -1, true);
        op(REDUCE_MAX, Kind.SAME_SCALE, 0, -1, true);
        op(REDUCE_MIN, Kind.SAME_SCALE, 0, -1, true);
        op(CONCATENATION, Kind.SAME_SCALE_N, 0, -1, true);
        op(PACK, Kind.SAME_SCALE_N, 0, -1, true);
        op(MAXIMUM, Kind.SAME_SCALE_N, 0, -1, true);
        op(MINIMUM, Kind.SAME_SCALE_N, 0, -1, true);
        op(SELECT, Kind.SAME_SCALE_N, 1, -1, true);
        op(SELECT_V2, Kind.SAME_SCALE_N, 1, -1, true);
    }

    private IntegerOps() {
    }

    /** The spec of a builtin, or {@code null} when it has no integer kernel the passes use. */
    static Spec spec(int builtin) {
        return SPECS.get(builtin);
    }

    /** Fixed output parameters {scale, zeroPoint} of a FIXED op for int8 or int16 activations. */
    static double[] fixedOutput(int builtin, boolean int16) {
        if (int16) {
            return new double[] {1.0 / 32768, 0};
        }
        return switch (builtin) {
            case SOFTMAX, LOGISTIC -> new double[] {1.0 / 256, -128};
            case TANH, L2_NORMALIZATION -> new double[] {1.0 / 128, 0};
            case LOG_SOFTMAX -> new double[] {16.0 / 256, 127};
            default -> throw new IllegalArgumentException("no fixed range for " + name(builtin));
        };
    }
}
