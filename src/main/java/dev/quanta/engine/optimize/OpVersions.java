package dev.quanta.engine.optimize;

import static dev.quanta.engine.graph.BuiltinOp.*;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import java.util.Set;

/**
 * Operator versions as TF's converter sets them ({@code op_version.cc}, order of checks kept) for
 * the tensor types the passes produce. Like the converter's {@code UpdateOpVersion} a version is
 * only ever raised, so ops the passes leave alone keep the version they came with.
 */
public final class OpVersions {
    /** Ops whose version 2 is the int8 kernel (added with TFLite 1.14/1.15's int8 spec). */
    private static final Set<Integer> INT8_IS_V2 = Set.of(AVERAGE_POOL_2D, MAX_POOL_2D, CONCATENATION, ADD, SUB,
            PAD, PADV2, SOFTMAX, SPACE_TO_DEPTH, TRANSPOSE, MEAN, REDUCE_MAX, REDUCE_MIN, RELU6, RESIZE_BILINEAR,
            RESIZE_NEAREST_NEIGHBOR, STRIDED_SLICE, TOPK_V2, ARG_MAX, ARG_MIN, PACK, UNPACK, SLICE, TANH, LOGISTIC,
            LOG_SOFTMAX, MAXIMUM, MINIMUM, GATHER, GATHER_ND, EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS,
            LESS_EQUAL, SELECT, SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND, L2_NORMALIZATION, SUM, RELU, MIRROR_PAD,
            SQUARED_DIFFERENCE, RSQRT, BATCH_MATMUL);
    /** Ops whose version 3 is the int16-activation kernel. */
    private static final Set<Integer> INT16_IS_V3 = Set.of(AVERAGE_POOL_2D, MAX_POOL_2D, SOFTMAX, MEAN, MIRROR_PAD,
            REDUCE_MAX, REDUCE_MIN, RELU, RELU6, RSQRT, LOGISTIC, TANH, CONCATENATION, PAD, PADV2, ADD, BATCH_MATMUL);

    private OpVersions() {
    }

    /** Raises the version of each operator in {@code ops} to what its tensor types need. */
    public static void update(Model model, java.util.Set<Operator> ops) {
        for (Subgraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                if (op.opCode().isCustom() || !ops.contains(op)) {
                    continue;
                }
                int v = version(op);
                if (v > op.opCode().version()) {
                    op.setOpCode(op.opCode().withVersion(v));
                }
            }
        }
        GraphEdit.normalizeOpCodes(model);
    }

    private static DType type(Operator op, int input) {
        Tensor t = op.input(input);
        return t == null ? null : t.type();
    }

    private static DType outType(Operator op) {
        return op.outputs().isEmpty() || op.output(0) == null ? null : op.output(0).type();
    }

    private static boolean perChannel(Tensor w, int axis) {
        return w != null && w.quant() != null && w.quant().isPerAxis() && w.rank() > axis
                && w.quant().scale().length == w.dim(axis);
    }

    /** The version TF's converter gives {@code op} for its current tensor types. */
    static int version(Operator op) {
        DType in = type(op, 0);
        DType w = type(op, 1);
        int code = op.builtin();
        boolean hybrid = in == DType.FLOAT32 && w == DType.INT8;
        switch (code) {
            case CONV_2D:
                if (in == DType.INT16) {
                    return 4;
                }
                if (in == DType.INT8) {
                    return 3;
                }
                if (hybrid) {
                    return perChannel(op.input(1), 0) ? 5 : 2;
                }
                return 1;
            case DEPTHWISE_CONV_2D:
                if (in == DType.INT16) {
                    return 5;
                }
                if (hybrid) {
                    return perChannel(op.input(1), 3) ? 6 : 4;
                }
                if (in == DType.INT8) {
                    return 3;
                }
                return op.options() != null && (op.options().getInt("dilation_w_factor") != 1
                        || op.options().getInt("dilation_h_factor") != 1) ? 2 : 1;
            case FULLY_CONNECTED:
                return fullyConnected(op, in, w);
            case MUL:
                if (in == DType.INT16) {
                    return 4;
                }
                if (in == DType.INT8) {
                    Tensor a = op.input(0);
                    Tensor b = op.input(1);
                    Tensor o = op.output(0);
                    double m = (double) a.quant().scale(0) * b.quant().scale(0) / o.quant().scale(0);
                    return m >= 1 ? 3 : 2;
                }
                return 1;
            case SUB:
                return in == DType.INT16 ? 5 : in == DType.INT8 ? 2 : 1;
            case QUANTIZE: {
                DType out = outType(op);
                if (op.output(0).quant() != null && op.output(0).quant().isPerAxis()) {
                    return 3;
                }
                return out == DType.INT16 ? 2 : 1;
            }
            case DEQUANTIZE:
                if (in == DType.INT16 || in == DType.FLOAT16) {
                    return 3;
                }
                if (op.input(0).quant() != null && op.input(0).quant().isPerAxis()) {
                    return 5;
                }
                return in == DType.INT8 || in == DType.UINT8 ? 2 : 1;
            case TRANSPOSE:
                return in == DType.INT16 ? 5 : in == DType.INT8 ? 2 : 1;
            case RESIZE_BILINEAR:
            case RESIZE_NEAREST_NEIGHBOR:
                return resize(op, in);
            case GATHER:
                return in == DType.INT16 ? 4 : in == DType.INT8 ? 2 : 1;
            case BATCH_MATMUL:
                if (hybrid) {
                    return op.options() != null && op.options().getBool("asymmetric_quantize_inputs") ? 4 : 1;
                }
                return in == DType.INT16 ? 3 : in == DType.INT8 ? 2 : 1;
            case UNIDIRECTIONAL_SEQUENCE_LSTM:
                if (in == DType.FLOAT32 && type(op, 2) == DType.INT8 && outType(op) == DType.FLOAT32) {
                    return op.options() != null && op.options().getBool("asymmetric_quantize_inputs") ? 3 : 2;
                }
                return 1;
            case SVDF:
                if (in == DType.INT8) {
                    return 3;
                }
                if (hybrid && outType(op) == DType.FLOAT32) {
                    return op.options() != null && op.options().getBool("asymmetric_quantize_inputs") ? 4 : 2;
                }
                return 1;
            case EMBEDDING_LOOKUP:
                return w == DType.INT8 || w == DType.UINT8 ? 3 : 1;
            case TRANSPOSE_CONV:
                if (op.inputs().size() == 4 && op.input(3) != null) {
                    return 3;
                }
                return w == DType.INT8 ? 2 : 1;
            case SPLIT:
                return w == DType.INT16 ? 4 : w == DType.INT8 ? 2 : 1;
            case SLICE:
            case UNPACK:
            case MAXIMUM:
            case MINIMUM:
                return in == DType.INT16 ? 4 : in == DType.INT8 ? 2 : 1;
            case PACK:
                return in == DType.INT16 ? 3 : in == DType.INT8 ? 2 : 1;
            case GATHER_ND:
                return in == DType.INT16 ? 3 : 1;
            case LEAKY_RELU:
                return in == DType.INT16 ? 2 : 1;
            case BROADCAST_TO:
                return in == DType.INT8 || in == DType.INT16 ? 3 : 2;
            default:
                if (in == DType.INT16 && INT16_IS_V3.contains(code)) {
                    return 3;
                }
                if (in == DType.INT8 && INT8_IS_V2.contains(code)) {
                    return 2;
                }
                return 1;
        }
    }

    /** RESIZE_BILINEAR (half_pixel_centers: 3) and RESIZE_NEAREST_NEIGHBOR (either flag: 3); int16 is 4. */
    private static int resize(Operator op, DType in) {
        if (in == DType.INT16) {
            return 4;
        }
        boolean flags = op.options() != null && (op.options().getBool("half_pixel_centers")
                || op.builtin() == RESIZE_NEAREST_NEIGHBOR && op.options().getBool("align_corners"));
        return flags ? 3 : in == DType.INT8 ? 2 : 1;
    }

    private static int fullyConnected(Operator op, DType in, DType w) {
        boolean hybrid = in == DType.FLOAT32 && w == DType.INT8;
        if (hybrid && perChannel(op.input(1), 0)) {
            return 12;
        }
        if (in == DType.INT16 && w == DType.INT16) {
            return 7;
        }
        if (op.inputs().size() == 2) {
            return 6;
        }
        if (op.options() != null && op.options().getBool("keep_num_dims")) {
            return 5;
        }
        if (in == DType.INT8) {
            return 4;
        }
        if (hybrid) {
            return op.options() != null && op.options().getBool("asymmetric_quantize_inputs") ? 9 : 3;
        }
        if (op.options() != null && op.options().getInt("weights_format") != 0) {
            return 2;
        }
        return 1;
    }
}
