package dev.quanta.engine.kernels;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.array.BatchSpace;
import dev.quanta.engine.kernels.array.BroadcastTo;
import dev.quanta.engine.kernels.array.Cast;
import dev.quanta.engine.kernels.array.Comparison;
import dev.quanta.engine.kernels.array.Concatenation;
import dev.quanta.engine.kernels.array.DepthSpace;
import dev.quanta.engine.kernels.array.DynamicUpdateSlice;
import dev.quanta.engine.kernels.array.ExpandDims;
import dev.quanta.engine.kernels.array.Gather;
import dev.quanta.engine.kernels.array.Pad;
import dev.quanta.engine.kernels.array.Reduce;
import dev.quanta.engine.kernels.array.ResizeNearestNeighbor;
import dev.quanta.engine.kernels.array.Select;
import dev.quanta.engine.kernels.array.Slice;
import dev.quanta.engine.kernels.array.Split;
import dev.quanta.engine.kernels.array.Squeeze;
import dev.quanta.engine.kernels.array.StridedSlice;
import dev.quanta.engine.kernels.array.Transpose;
import dev.quanta.engine.kernels.float32.Arithmetic;
import dev.quanta.engine.kernels.float32.BatchMatMul;
import dev.quanta.engine.kernels.float32.Conv2D;
import dev.quanta.engine.kernels.float32.DepthwiseConv2D;
import dev.quanta.engine.kernels.float32.Dequantize;
import dev.quanta.engine.kernels.float32.FullyConnected;
import dev.quanta.engine.kernels.float32.Pool2D;
import dev.quanta.engine.kernels.float32.Reshape;
import dev.quanta.engine.kernels.float32.ResizeBilinear;
import dev.quanta.engine.kernels.float32.Softmax;
import dev.quanta.engine.kernels.float32.Svdf;
import dev.quanta.engine.kernels.float32.TransposeConv;
import dev.quanta.engine.kernels.float32.Unary;
import dev.quanta.engine.kernels.quant.BatchMatMulHybrid;
import dev.quanta.engine.kernels.quant.ConvHybrid;
import dev.quanta.engine.kernels.quant.FullyConnectedHybrid;
import dev.quanta.engine.kernels.quant.HybridDispatch;
import dev.quanta.engine.kernels.quant.QuantKernels;
import dev.quanta.engine.kernels.quant.SvdfHybrid;
import dev.quanta.engine.kernels.quant.UnidirectionalSequenceLstmHybrid;
import dev.quanta.engine.kernels.float32.UnidirectionalSequenceLstm;
import dev.quanta.engine.kernels.integer.IntegerArithmetic;
import java.util.HashMap;
import java.util.Map;

/**
 * Which kernel runs which builtin op, one line per (op, type). The type is the element type of the
 * operator's data input, which is input 0 except for the ops in {@link #typeInput} ({@code ANY} when
 * the kernel accepts every type, like RESHAPE); a lookup tries the exact type first, then {@code ANY}.
 */
public final class KernelRegistry {
    /** Registration for kernels that handle every input type themselves. */
    public static final DType ANY = null;

    private static final Map<Long, Kernel> KERNELS = new HashMap<>();

    static {
        // ---- float32 -------------------------------------------------------------------------
        reg(BuiltinOp.CONV_2D, DType.FLOAT32, new HybridDispatch(1, new Conv2D(), new ConvHybrid(false)));
        reg(BuiltinOp.DEPTHWISE_CONV_2D, DType.FLOAT32,
                new HybridDispatch(1, new DepthwiseConv2D(), new ConvHybrid(true)));
        reg(BuiltinOp.TRANSPOSE_CONV, DType.FLOAT32, new TransposeConv());
        reg(BuiltinOp.FULLY_CONNECTED, DType.FLOAT32,
                new HybridDispatch(1, new FullyConnected(), new FullyConnectedHybrid()));
        reg(BuiltinOp.BATCH_MATMUL, DType.FLOAT32,
                new HybridDispatch(1, new BatchMatMul(), new BatchMatMulHybrid()));
        reg(BuiltinOp.MAX_POOL_2D, DType.FLOAT32, Pool2D.MAX);
        reg(BuiltinOp.AVERAGE_POOL_2D, DType.FLOAT32, Pool2D.AVERAGE);
        reg(BuiltinOp.ADD, DType.FLOAT32, Arithmetic.ADD);
        reg(BuiltinOp.SUB, DType.FLOAT32, Arithmetic.SUB);
        reg(BuiltinOp.MUL, DType.FLOAT32, Arithmetic.MUL);
        reg(BuiltinOp.DIV, DType.FLOAT32, Arithmetic.DIV);
        reg(BuiltinOp.MAXIMUM, DType.FLOAT32, Arithmetic.MAXIMUM);
        reg(BuiltinOp.MINIMUM, DType.FLOAT32, Arithmetic.MINIMUM);
        reg(BuiltinOp.SQUARED_DIFFERENCE, DType.FLOAT32, Arithmetic.SQUARED_DIFFERENCE);
        reg(BuiltinOp.SOFTMAX, DType.FLOAT32, new Softmax());
        reg(BuiltinOp.LOGISTIC, DType.FLOAT32, Unary.LOGISTIC);
        reg(BuiltinOp.TANH, DType.FLOAT32, Unary.TANH);
        reg(BuiltinOp.RELU, DType.FLOAT32, Unary.RELU);
        reg(BuiltinOp.RELU6, DType.FLOAT32, Unary.RELU6);
        reg(BuiltinOp.LEAKY_RELU, DType.FLOAT32, Unary.LEAKY_RELU);
        reg(BuiltinOp.HARD_SWISH, DType.FLOAT32, Unary.HARD_SWISH);
        reg(BuiltinOp.GELU, DType.FLOAT32, Unary.GELU);
        reg(BuiltinOp.SQRT, DType.FLOAT32, Unary.SQRT);
        reg(BuiltinOp.RSQRT, DType.FLOAT32, Unary.RSQRT);
        reg(BuiltinOp.SIN, DType.FLOAT32, Unary.SIN);
        reg(BuiltinOp.COS, DType.FLOAT32, Unary.COS);
        reg(BuiltinOp.DEQUANTIZE, DType.INT8, new Dequantize());
        reg(BuiltinOp.DEQUANTIZE, DType.UINT8, new Dequantize());
        reg(BuiltinOp.DEQUANTIZE, DType.INT16, new Dequantize());
        reg(BuiltinOp.DEQUANTIZE, DType.FLOAT16, new Dequantize());
        reg(BuiltinOp.RESIZE_BILINEAR, DType.FLOAT32, new ResizeBilinear());
        reg(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, DType.FLOAT32,
                new HybridDispatch(2, new UnidirectionalSequenceLstm(), new UnidirectionalSequenceLstmHybrid()));
        reg(BuiltinOp.SVDF, DType.FLOAT32, new HybridDispatch(1, new Svdf(), new SvdfHybrid()));
        // ---- int32 / int64 (engine.kernels.integer) ----------------------------------------------
        for (DType t : new DType[] {DType.INT32, DType.INT64}) {
            reg(BuiltinOp.ADD, t, IntegerArithmetic.ADD);
            reg(BuiltinOp.SUB, t, IntegerArithmetic.SUB);
            reg(BuiltinOp.MUL, t, IntegerArithmetic.MUL);
            reg(BuiltinOp.MAXIMUM, t, IntegerArithmetic.MAXIMUM);
            reg(BuiltinOp.MINIMUM, t, IntegerArithmetic.MINIMUM);
        }
        // ---- any type --------------------------------------------------------------------------
        reg(BuiltinOp.RESHAPE, ANY, new Reshape());
        // layout, indexing, selection, comparison, reduction (engine.kernels.array)
        reg(BuiltinOp.SQUEEZE, ANY, new Squeeze());
        reg(BuiltinOp.EXPAND_DIMS, ANY, new ExpandDims());
        reg(BuiltinOp.TRANSPOSE, ANY, new Transpose());
        reg(BuiltinOp.CONCATENATION, ANY, new Concatenation());
        reg(BuiltinOp.PACK, ANY, new Concatenation());
        reg(BuiltinOp.UNPACK, ANY, new Split());
        reg(BuiltinOp.SPLIT, ANY, new Split());
        reg(BuiltinOp.SPLIT_V, ANY, new Split());
        reg(BuiltinOp.SLICE, ANY, new Slice());
        reg(BuiltinOp.STRIDED_SLICE, ANY, new StridedSlice());
        reg(BuiltinOp.GATHER, ANY, new Gather());
        reg(BuiltinOp.GATHER_ND, ANY, new Gather());
        reg(BuiltinOp.EMBEDDING_LOOKUP, ANY, new Gather());
        reg(BuiltinOp.PAD, ANY, new Pad());
        reg(BuiltinOp.PADV2, ANY, new Pad());
        reg(BuiltinOp.MIRROR_PAD, ANY, new Pad());
        reg(BuiltinOp.BROADCAST_TO, ANY, new BroadcastTo());
        reg(BuiltinOp.SPACE_TO_DEPTH, ANY, new DepthSpace());
        reg(BuiltinOp.DEPTH_TO_SPACE, ANY, new DepthSpace());
        reg(BuiltinOp.SPACE_TO_BATCH_ND, ANY, new BatchSpace());
        reg(BuiltinOp.BATCH_TO_SPACE_ND, ANY, new BatchSpace());
        reg(BuiltinOp.DYNAMIC_UPDATE_SLICE, ANY, new DynamicUpdateSlice());
        reg(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, ANY, new ResizeNearestNeighbor());
        reg(BuiltinOp.SELECT, ANY, new Select());
        reg(BuiltinOp.SELECT_V2, ANY, new Select());
        reg(BuiltinOp.CAST, ANY, new Cast());
        reg(BuiltinOp.EQUAL, ANY, Comparison.EQUAL);
        reg(BuiltinOp.NOT_EQUAL, ANY, Comparison.NOT_EQUAL);
        reg(BuiltinOp.LESS, ANY, Comparison.LESS);
        reg(BuiltinOp.LESS_EQUAL, ANY, Comparison.LESS_EQUAL);
        reg(BuiltinOp.GREATER, ANY, Comparison.GREATER);
        reg(BuiltinOp.GREATER_EQUAL, ANY, Comparison.GREATER_EQUAL);
        reg(BuiltinOp.MEAN, ANY, Reduce.MEAN);
        reg(BuiltinOp.SUM, ANY, Reduce.SUM);
        reg(BuiltinOp.REDUCE_PROD, ANY, Reduce.PROD);
        reg(BuiltinOp.REDUCE_MIN, ANY, Reduce.MIN);
        reg(BuiltinOp.REDUCE_MAX, ANY, Reduce.MAX);
        // ---- int8 / uint8 / int16 (TFLite 2.6.2 integer arithmetic) ----------------------------
        QuantKernels.register(KernelRegistry::reg);
    }

    private KernelRegistry() {
    }

    private static long key(int builtin, DType type) {
        return ((long) builtin << 32) | (type == null ? 0xffffL : type.code());
    }

    private static void reg(int builtin, DType type, Kernel kernel) {
        if (KERNELS.put(key(builtin, type), kernel) != null) {
            throw new IllegalStateException("two kernels for " + BuiltinOp.name(builtin) + " " + type);
        }
    }

    /**
     * Which input's type selects the kernel: the data input, which is input 2 for TRANSPOSE_CONV, input 1
     * for SPLIT (after the axis), EMBEDDING_LOOKUP (after the ids) and SELECT/SELECT_V2 (after the
     * condition), and input 0 otherwise.
     */
    public static int typeInput(int builtin) {
        return switch (builtin) {
            case BuiltinOp.TRANSPOSE_CONV -> 2;
            case BuiltinOp.SPLIT, BuiltinOp.EMBEDDING_LOOKUP, BuiltinOp.SELECT, BuiltinOp.SELECT_V2 -> 1;
            default -> 0;
        };
    }

    /** The kernel for {@code builtin} with first input of {@code inputType}, or {@code null} if none. */
    public static Kernel find(int builtin, DType inputType) {
        Kernel k = inputType == null ? null : KERNELS.get(key(builtin, inputType));
        return k != null ? k : KERNELS.get(key(builtin, ANY));
    }

    /** True when some kernel is registered for {@code builtin} (for any type). */
    public static boolean knows(int builtin) {
        for (long k : KERNELS.keySet()) {
            if ((int) (k >>> 32) == builtin) {
                return true;
            }
        }
        return false;
    }
}
