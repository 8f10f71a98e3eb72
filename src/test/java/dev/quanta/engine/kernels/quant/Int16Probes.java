package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.testing.OpProbe;

/**
 * Single-op int16 (16x8) models of the ops the 16x8 pass could quantize, each at the operator version TF's
 * converter writes for int16 tensors ({@code op_version.cc}), with symmetric int16 activations (zero point 0) as
 * the 16x8 pass gives them. Used to find which of them TFLite 2.6.2 runs and to judge Quanta on those.
 */
final class Int16Probes {
    static final float S_IN = 0.0011f;
    static final float S_OUT = 0.0007f;

    private Int16Probes() {
    }

    static QuantParams q(float scale) {
        return QuantParams.perTensor(scale, 0);
    }

    private static OpProbe in(int... shape) {
        return new OpProbe().input(DType.INT16, shape, q(S_IN));
    }

    private static OpProbe ints(OpProbe p, int... v) {
        return p.constant(DType.INT32, new int[] {v.length}, null, OpProbe.ints(v));
    }

    /** Paddings {@code [[0, 0], [1, 2], [2, 1], [0, 0]]} for a 4-D input. */
    private static OpProbe paddings(OpProbe p) {
        return p.constant(DType.INT32, new int[] {4, 2}, null, OpProbe.ints(0, 0, 1, 2, 2, 1, 0, 0));
    }

    /** The single-op model of {@code op} at {@code version}. */
    static byte[] model(String op, int version) {
        int code = BuiltinOp.code(op);
        QuantParams same = q(S_IN);
        DType t = DType.INT16;
        return switch (op) {
            case "SUM_SAME_SCALE" -> ints(in(2, 6, 16), 0, 2).build(BuiltinOp.SUM, version,
                    OptionsSchema.create("ReducerOptions", "keep_dims", false), t, new int[] {6}, same);
            case "SUM", "REDUCE_MAX", "REDUCE_MIN" -> ints(in(2, 6, 16), 0, 2).build(code, version,
                    OptionsSchema.create("ReducerOptions", "keep_dims", false), t, new int[] {6},
                    op.equals("SUM") ? q(S_IN * 8) : same);
            case "LEAKY_RELU" -> in(8, 64).build(code, version, OptionsSchema.create("LeakyReluOptions", "alpha", 0.2f),
                    t, new int[] {8, 64}, q(S_OUT));
            case "HARD_SWISH" -> in(8, 64).build(code, version, null, t, new int[] {8, 64}, q(S_OUT));
            case "ARG_MAX", "ARG_MIN" -> ints(in(4, 64), 1).build(code, version, OptionsSchema.create(
                    op.equals("ARG_MAX") ? "ArgMaxOptions" : "ArgMinOptions", "output_type", 2), DType.INT32,
                    new int[] {4}, null);
            case "L2_NORMALIZATION" -> in(4, 64).build(code, version, OptionsSchema.create("L2NormOptions"), t,
                    new int[] {4, 64}, q(1f / 32768));
            case "LOG_SOFTMAX" -> in(4, 64).build(code, version, OptionsSchema.create("LogSoftmaxOptions"), t,
                    new int[] {4, 64}, q(16f / 32768));
            case "SPACE_TO_DEPTH" -> in(1, 4, 6, 3).build(code, version,
                    OptionsSchema.create("SpaceToDepthOptions", "block_size", 2), t, new int[] {1, 2, 3, 12}, same);
            case "RESIZE_BILINEAR" -> ints(in(2, 5, 6, 3), 7, 9).build(code, version,
                    OptionsSchema.create("ResizeBilinearOptions"), t, new int[] {2, 7, 9, 3}, same);
            case "RESIZE_NEAREST_NEIGHBOR" -> ints(in(2, 5, 6, 3), 7, 9).build(code, version,
                    OptionsSchema.create("ResizeNearestNeighborOptions"), t, new int[] {2, 7, 9, 3}, same);
            case "PADV2" -> paddings(in(2, 5, 6, 3))
                    .constant(t, new int[] {}, same, OpProbe.shorts(-1234))
                    .build(code, version, OptionsSchema.create("PadV2Options"), t, new int[] {2, 8, 9, 3}, same);
            case "MIRROR_PAD" -> paddings(in(2, 5, 6, 3)).build(code, version,
                    OptionsSchema.create("MirrorPadOptions", "mode", 0), t, new int[] {2, 8, 9, 3}, same);
            case "SLICE" -> ints(ints(in(3, 4, 5), 1, 0, 2), 2, 3, 3).build(code, version,
                    OptionsSchema.create("SliceOptions"), t, new int[] {2, 3, 3}, same);
            case "GATHER_ND" -> in(3, 4, 5).constant(DType.INT32, new int[] {2, 2}, null, OpProbe.ints(2, 3, 0, 1))
                    .build(code, version, OptionsSchema.create("GatherNdOptions"), t, new int[] {2, 5}, same);
            case "BATCH_TO_SPACE_ND" -> ints(in(4, 3, 2, 5), 2, 2).constant(DType.INT32, new int[] {2, 2}, null,
                    OpProbe.ints(0, 0, 0, 0)).build(code, version,
                    OptionsSchema.create("BatchToSpaceNDOptions"), t, new int[] {1, 6, 4, 5}, same);
            case "SPACE_TO_BATCH_ND" -> ints(in(1, 6, 4, 5), 2, 2).constant(DType.INT32, new int[] {2, 2}, null,
                    OpProbe.ints(0, 0, 0, 0)).build(code, version,
                    OptionsSchema.create("SpaceToBatchNDOptions"), t, new int[] {4, 3, 2, 5}, same);
            case "SPLIT_V" -> ints(in(2, 7), 2, 4, 1).constant(DType.INT32, new int[] {}, null, OpProbe.ints(1))
                    .build(code, version, OptionsSchema.create("SplitVOptions", "num_splits", 3), t,
                            new int[][] {{2, 2}, {2, 4}, {2, 1}}, same);
            case "UNPACK" -> in(3, 2, 4).build(code, version, OptionsSchema.create("UnpackOptions", "num", 2, "axis", 1),
                    t, new int[][] {{3, 4}, {3, 4}}, same);
            case "BROADCAST_TO" -> ints(in(3, 1), 2, 3, 4).build(code, version,
                    OptionsSchema.create("BroadcastToOptions"), t, new int[] {2, 3, 4}, same);
            case "PACK" -> in(2, 3).input(t, new int[] {2, 3}, same).input(t, new int[] {2, 3}, same).build(code,
                    version, OptionsSchema.create("PackOptions", "values_count", 3, "axis", 1), t,
                    new int[] {2, 3, 3}, same);
            case "MAXIMUM", "MINIMUM" -> in(4, 64).input(t, new int[] {1, 64}, same).build(code, version,
                    OptionsSchema.create("MaximumMinimumOptions"), t, new int[] {4, 64}, same);
            case "SELECT", "SELECT_V2" -> new OpProbe().input(DType.BOOL, new int[] {4, 16}, null)
                    .input(t, new int[] {4, 16}, same).input(t, new int[] {4, 16}, same).build(code, version,
                            OptionsSchema.create(op.equals("SELECT") ? "SelectOptions" : "SelectV2Options"), t,
                            new int[] {4, 16}, same);
            default -> throw new IllegalArgumentException(op);
        };
    }
}
