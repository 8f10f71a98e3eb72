package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Kernel;

/** The integer kernels of this package, as registrations for {@code KernelRegistry}, one line per (op, type). */
public final class QuantKernels {
    /** Receives one registration. */
    @FunctionalInterface
    public interface Registrar {
        void reg(int builtin, DType type, Kernel kernel);
    }

    private QuantKernels() {
    }

    /** Registers every integer kernel. */
    public static void register(Registrar r) {
        for (DType q8 : new DType[] {DType.INT8, DType.UINT8}) {
            r.reg(BuiltinOp.CONV_2D, q8, new Conv2DInt8());
            r.reg(BuiltinOp.DEPTHWISE_CONV_2D, q8, new DepthwiseConv2DInt8());
            r.reg(BuiltinOp.FULLY_CONNECTED, q8, new FullyConnectedInt8());
            r.reg(BuiltinOp.ADD, q8, new BinaryInt8(BuiltinOp.ADD));
            r.reg(BuiltinOp.SUB, q8, new BinaryInt8(BuiltinOp.SUB));
            r.reg(BuiltinOp.MUL, q8, new BinaryInt8(BuiltinOp.MUL));
            r.reg(BuiltinOp.SOFTMAX, q8, new SoftmaxInt8());
            r.reg(BuiltinOp.LOGISTIC, q8, new LutActivationInt8(true));
            r.reg(BuiltinOp.TANH, q8, new LutActivationInt8(false));
            r.reg(BuiltinOp.MEAN, q8, new MeanInt8());
            r.reg(BuiltinOp.RELU, q8, new ReluInt8(BuiltinOp.RELU));
            r.reg(BuiltinOp.RELU6, q8, new ReluInt8(BuiltinOp.RELU6));
            r.reg(BuiltinOp.LEAKY_RELU, q8, new ReluInt8(BuiltinOp.LEAKY_RELU));
            for (int cmp : new int[] {BuiltinOp.EQUAL, BuiltinOp.NOT_EQUAL, BuiltinOp.LESS, BuiltinOp.LESS_EQUAL,
                BuiltinOp.GREATER, BuiltinOp.GREATER_EQUAL}) {
                r.reg(cmp, q8, new ComparisonInt8(cmp));
            }
            r.reg(BuiltinOp.SUM, q8, new ReduceInt8(BuiltinOp.SUM));
            r.reg(BuiltinOp.REDUCE_MIN, q8, new ReduceInt8(BuiltinOp.REDUCE_MIN));
            r.reg(BuiltinOp.REDUCE_MAX, q8, new ReduceInt8(BuiltinOp.REDUCE_MAX));
        }
        r.reg(BuiltinOp.BATCH_MATMUL, DType.INT8, new BatchMatMulInt8());
        r.reg(BuiltinOp.RSQRT, DType.INT8, new RsqrtInt8());
        r.reg(BuiltinOp.SQUARED_DIFFERENCE, DType.INT8, new SquaredDifferenceInt8());
        r.reg(BuiltinOp.HARD_SWISH, DType.INT8, new HardSwishInt8());
        r.reg(BuiltinOp.RESIZE_BILINEAR, DType.INT8, new ResizeBilinearInt8());
        for (DType q : new DType[] {DType.INT8, DType.UINT8, DType.INT16}) {
            r.reg(BuiltinOp.AVERAGE_POOL_2D, q, new PoolInt8(true));
            r.reg(BuiltinOp.MAX_POOL_2D, q, new PoolInt8(false));
            r.reg(BuiltinOp.QUANTIZE, q, new Quantize());
            r.reg(BuiltinOp.PAD, q, new PadQuant());
            r.reg(BuiltinOp.PADV2, q, new PadQuant());
            r.reg(BuiltinOp.MAXIMUM, q, new MinMaxInt8(true));
            r.reg(BuiltinOp.MINIMUM, q, new MinMaxInt8(false));
        }
        r.reg(BuiltinOp.QUANTIZE, DType.FLOAT32, new Quantize());
        // ---- 16x8: int16 activations, int8 weights ----------------------------------------------
        r.reg(BuiltinOp.CONV_2D, DType.INT16, new ConvInt16(false));
        r.reg(BuiltinOp.DEPTHWISE_CONV_2D, DType.INT16, new ConvInt16(true));
        r.reg(BuiltinOp.FULLY_CONNECTED, DType.INT16, new FullyConnectedInt16());
        r.reg(BuiltinOp.ADD, DType.INT16, new BinaryInt16(BuiltinOp.ADD));
        r.reg(BuiltinOp.SUB, DType.INT16, new BinaryInt16(BuiltinOp.SUB));
        r.reg(BuiltinOp.MUL, DType.INT16, new BinaryInt16(BuiltinOp.MUL));
        r.reg(BuiltinOp.SOFTMAX, DType.INT16, new SoftmaxInt16());
        r.reg(BuiltinOp.LOGISTIC, DType.INT16, new LogisticTanhInt16(true));
        r.reg(BuiltinOp.TANH, DType.INT16, new LogisticTanhInt16(false));
        r.reg(BuiltinOp.RELU, DType.INT16, new ReluInt8(BuiltinOp.RELU));
        r.reg(BuiltinOp.RELU6, DType.INT16, new ReluInt8(BuiltinOp.RELU6));
        r.reg(BuiltinOp.MEAN, DType.INT16, new MeanInt16());
        r.reg(BuiltinOp.BATCH_MATMUL, DType.INT16, new BatchMatMulInt16());
        r.reg(BuiltinOp.LEAKY_RELU, DType.INT16, new ReluInt8(BuiltinOp.LEAKY_RELU));
        r.reg(BuiltinOp.RESIZE_BILINEAR, DType.INT16, new ResizeBilinearInt8());
        r.reg(BuiltinOp.REDUCE_MIN, DType.INT16, new ReduceInt8(BuiltinOp.REDUCE_MIN));
        r.reg(BuiltinOp.REDUCE_MAX, DType.INT16, new ReduceInt8(BuiltinOp.REDUCE_MAX));
    }
}
