package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.testing.JudgeComparison;
import dev.quanta.testing.OpProbe;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One-operator models for the integer kernels the quantization passes emit beyond conv/matmul basics
 * (BATCH_MATMUL, RSQRT, comparisons, reductions, ...), judged bit-exact against TFLite 2.6.2 on random
 * inputs over the whole storage range.
 */
class QuantOpsMatchTfliteTest {

    private static void assertExact(byte[] model, String what) {
        var stats = JudgeComparison.compare(model, 3, InterpreterOptions.defaults().withThreads(1));
        assertEquals(0, stats.mismatches(), what + ": " + stats);
    }

    private static QuantParams q(float scale, int zp) {
        return QuantParams.perTensor(scale, zp);
    }

    /** BATCH_MATMUL int8 with adjoints, batch broadcasting and a constant rhs. */
    @ParameterizedTest
    @CsvSource({"false,false,false", "true,false,false", "false,true,false", "true,true,false", "false,false,true",
        "false,true,true"})
    void batchMatMulInt8(boolean adjX, boolean adjY, boolean constantRhs) {
        int m = 3;
        int k = 40;
        int n = 5;
        int[] ls = adjX ? new int[] {2, 1, k, m} : new int[] {2, 1, m, k};
        int[] rs = adjY ? new int[] {3, n, k} : new int[] {3, k, n};
        OpProbe p = new OpProbe().input(DType.INT8, ls, q(0.031f, 5));
        if (constantRhs) {
            byte[] w = new byte[3 * k * n];
            new Random(3).nextBytes(w);
            p.constant(DType.INT8, rs, q(0.0123f, -7), w);
        } else {
            p.input(DType.INT8, rs, q(0.0123f, -7));
        }
        byte[] model = p.build(BuiltinOp.BATCH_MATMUL, 2,
                OptionsSchema.create("BatchMatMulOptions", "adj_x", adjX, "adj_y", adjY), DType.INT8,
                new int[] {2, 3, m, n}, q(0.09f, 3));
        assertExact(model, "BATCH_MATMUL");
    }

    /**
     * 8-bit AVERAGE_POOL_2D and MAX_POOL_2D over the fast rows' cases: 2x2 stride 2 straight from the
     * input, 3x3 and 2x3 windows over combined rows, SAME padding (edge columns and rows), one and many
     * channels, fused activations, and a 12x12 global average (144 taps: the dividing path).
     */
    @ParameterizedTest
    @CsvSource({"AVERAGE_POOL_2D,INT8,28,28,8,2,2,2,1,0,-128", "MAX_POOL_2D,INT8,26,26,12,2,2,2,1,0,-128",
        "AVERAGE_POOL_2D,UINT8,7,9,5,3,3,2,0,3,100", "MAX_POOL_2D,UINT8,11,11,24,3,3,2,0,1,140",
        "AVERAGE_POOL_2D,INT8,12,12,3,12,12,1,1,0,7", "AVERAGE_POOL_2D,INT8,9,8,33,2,3,1,0,1,-5",
        "MAX_POOL_2D,INT8,5,7,1,3,2,3,0,3,20", "AVERAGE_POOL_2D,UINT8,13,13,16,2,2,2,0,0,0"})
    void pool8bit(String op, DType type, int h, int w, int c, int fh, int fw, int stride, int padding, int act,
                  int zp) {
        byte[] model = new OpProbe().input(type, new int[] {1, h, w, c}, q(0.05f, zp))
                .build(SingleOpsMatchTfliteTest.opCode(op), 2, OptionsSchema.create("Pool2DOptions", "padding",
                        padding, "stride_w", stride, "stride_h", stride, "filter_width", fw, "filter_height", fh,
                        "fused_activation_function", act), type, new int[] {1, 1, 1, c}, q(0.05f, zp));
        assertExact(model, op);
    }

    /** QUANTIZE float32 to int8 and uint8 (the fast 8-bit loop), at scales that clamp some inputs and at fine ones. */
    @ParameterizedTest
    @CsvSource({"INT8,0.004,-128", "INT8,0.05,3", "UINT8,0.003921569,0", "UINT8,0.2,128"})
    void quantizeFloatTo8bit(DType type, float scale, int zp) {
        byte[] model = new OpProbe().input(DType.FLOAT32, new int[] {4, 97}, null)
                .build(BuiltinOp.QUANTIZE, 2, null, type, new int[] {4, 97}, q(scale, zp));
        assertExact(model, "QUANTIZE");
    }

    /** RSQRT int8: every input byte at or above the zero point (TFLite rejects the others). */
    @ParameterizedTest
    @CsvSource({"0.01,0.05,-128", "0.3,0.02,-50", "0.002,0.5,10"})
    void rsqrtInt8(float sIn, float sOut, int zpOut) {
        byte[] model = new OpProbe().input(DType.INT8, new int[] {8, 64}, q(sIn, -128))
                .build(BuiltinOp.RSQRT, 2, null, DType.INT8, new int[] {8, 64}, q(sOut, zpOut));
        assertExact(model, "RSQRT");
    }

    /** Comparisons rescale both int8/uint8 inputs, also when they share parameters. */
    @ParameterizedTest
    @CsvSource({"EQUAL,INT8,0.05,3,0.02,-9", "NOT_EQUAL,INT8,0.05,3,0.02,-9", "EQUAL,INT8,0.002,0,0.002,0",
        "LESS,INT8,0.1,-20,0.07,4", "GREATER_EQUAL,INT8,0.1,-20,0.07,4", "LESS_EQUAL,UINT8,0.03,128,0.05,100",
        "GREATER,UINT8,0.003,120,0.003,120"})
    void comparison(String op, DType type, float s1, int zp1, float s2, int zp2) {
        byte[] model = new OpProbe().input(type, new int[] {4, 64}, q(s1, zp1)).input(type, new int[] {1, 64},
                q(s2, zp2)).build(SingleOpsMatchTfliteTest.opCode(op), 2, null, DType.BOOL, new int[] {4, 64}, null);
        assertExact(model, op);
    }

    /** SUM (same and different quantization), REDUCE_MIN and REDUCE_MAX on int8. */
    @ParameterizedTest
    @CsvSource({"SUM,0.02,-3,0.02,-3,false", "SUM,0.02,-3,0.3,7,true", "SUM,0.05,10,0.9,-20,false",
        "SUM,0.05,10,0.02,0,false", "REDUCE_MIN,0.02,-3,0.02,-3,false", "REDUCE_MAX,0.02,-3,0.02,-3,true"})
    void reduceInt8(String op, float sIn, int zpIn, float sOut, int zpOut, boolean keep) {
        byte[] model = new OpProbe().input(DType.INT8, new int[] {2, 6, 16}, q(sIn, zpIn))
                .constant(DType.INT32, new int[] {2}, null, OpProbe.ints(0, 2))
                .build(SingleOpsMatchTfliteTest.opCode(op), 2, OptionsSchema.create("ReducerOptions", "keep_dims", keep),
                        DType.INT8, keep ? new int[] {1, 6, 1} : new int[] {6}, q(sOut, zpOut));
        assertExact(model, op);
    }

    /** SQUARED_DIFFERENCE int8 with different input scales and broadcasting. */
    @ParameterizedTest
    @CsvSource({"0.05,3,0.02,-9,0.04,-128", "0.01,0,0.01,0,0.0005,-100", "0.2,-30,0.3,12,2.5,-128"})
    void squaredDifferenceInt8(float s1, int zp1, float s2, int zp2, float sOut, int zpOut) {
        byte[] model = new OpProbe().input(DType.INT8, new int[] {4, 64}, q(s1, zp1))
                .input(DType.INT8, new int[] {1, 64}, q(s2, zp2))
                .build(BuiltinOp.SQUARED_DIFFERENCE, 2, null, DType.INT8, new int[] {4, 64}, q(sOut, zpOut));
        assertExact(model, "SQUARED_DIFFERENCE");
    }

    /** HARD_SWISH int8: left- and right-shifting reluish multipliers (small and large input scales). */
    @ParameterizedTest
    @CsvSource({"0.05,3,0.03,-100", "0.001,-10,0.0008,-128", "0.3,20,0.25,-90", "0.02,0,0.5,-128"})
    void hardSwishInt8(float sIn, int zpIn, float sOut, int zpOut) {
        byte[] model = new OpProbe().input(DType.INT8, new int[] {4, 64}, q(sIn, zpIn))
                .build(BuiltinOp.HARD_SWISH, 1, null, DType.INT8, new int[] {4, 64}, q(sOut, zpOut));
        assertExact(model, "HARD_SWISH");
    }

    /** RESIZE_BILINEAR int8: up and down, align_corners, half_pixel_centers. */
    @ParameterizedTest
    @CsvSource({"7,9,false,false", "7,9,true,false", "7,9,false,true", "3,5,false,true", "9,4,false,false",
        "9,4,true,false", "9,4,false,true"})
    void resizeBilinearInt8(int outH, int outW, boolean align, boolean half) {
        QuantParams p = q(0.04f, -6);
        byte[] model = new OpProbe().input(DType.INT8, new int[] {2, 5, 6, 3}, p)
                .constant(DType.INT32, new int[] {2}, null, OpProbe.ints(outH, outW))
                .build(BuiltinOp.RESIZE_BILINEAR, 2, OptionsSchema.create("ResizeBilinearOptions", "align_corners",
                        align, "half_pixel_centers", half), DType.INT8, new int[] {2, outH, outW, 3}, p);
        assertExact(model, "RESIZE_BILINEAR");
    }

    /** LOGISTIC/TANH int16 with general input scales, the power-of-two ones (2^-12, TANH 2^-11) and 2^-13. */
    @ParameterizedTest
    @CsvSource({"LOGISTIC,0.00031", "LOGISTIC,0.0000123", "LOGISTIC,0.002", "TANH,0.00031", "TANH,0.0000123",
        "TANH,0.002", "LOGISTIC,0.000244140625", "TANH,0.000244140625", "TANH,0.00048828125", "TANH,0.0001220703125"})
    void logisticTanhInt16(String op, float sIn) {
        byte[] model = new OpProbe().input(DType.INT16, new int[] {8, 64}, q(sIn, 0))
                .build(SingleOpsMatchTfliteTest.opCode(op), 3, null, DType.INT16, new int[] {8, 64}, q(1f / 32768, 0));
        assertExact(model, op);
    }

    /** RELU/RELU6 int16 rescale symmetric int16 values and clamp. */
    @ParameterizedTest
    @CsvSource({"RELU,0.0003,0.0002", "RELU,0.0001,0.0004", "RELU6,0.0004,0.0002"})
    void reluInt16(String op, float sIn, float sOut) {
        byte[] model = new OpProbe().input(DType.INT16, new int[] {8, 64}, q(sIn, 0))
                .build(SingleOpsMatchTfliteTest.opCode(op), 3, null, DType.INT16, new int[] {8, 64}, q(sOut, 0));
        assertExact(model, op);
    }

    /** MEAN int16: spatial 4-D keep_dims, and other axes with equal and different scales. */
    @ParameterizedTest
    @CsvSource({"true,0.0003,0.0003", "true,0.0003,0.0001", "false,0.0003,0.0003", "false,0.0003,0.00011"})
    void meanInt16(boolean spatial, float sIn, float sOut) {
        OpProbe p = new OpProbe().input(DType.INT16, new int[] {2, 5, 7, 3}, q(sIn, 0));
        byte[] model = spatial
                ? p.constant(DType.INT32, new int[] {2}, null, OpProbe.ints(1, 2)).build(BuiltinOp.MEAN, 3,
                        OptionsSchema.create("ReducerOptions", "keep_dims", true), DType.INT16, new int[] {2, 1, 1, 3},
                        q(sOut, 0))
                : p.constant(DType.INT32, new int[] {1}, null, OpProbe.ints(3)).build(BuiltinOp.MEAN, 3,
                        OptionsSchema.create("ReducerOptions", "keep_dims", false), DType.INT16, new int[] {2, 5, 7},
                        q(sOut, 0));
        assertExact(model, "MEAN");
    }

    /**
     * BATCH_MATMUL int16 (16x8): int64 accumulation and the int64 requantization, with adjoints, batch
     * broadcasting, a constant int16 rhs, and multipliers from 2e-6 (mostly in range) to 5e-5 (often saturating).
     */
    @ParameterizedTest
    @CsvSource({"false,false,false,0.001,0.002,0.2", "true,false,false,0.001,0.002,0.2",
        "false,true,false,0.0003,0.0001,0.001", "true,true,false,0.0003,0.0001,0.0006",
        "false,false,true,0.01,0.02,100", "false,true,true,0.001,0.002,0.2"})
    void batchMatMulInt16(boolean adjX, boolean adjY, boolean constantRhs, float sL, float sR, float sOut) {
        int m = 3;
        int k = 40;
        int n = 5;
        int[] ls = adjX ? new int[] {2, 1, k, m} : new int[] {2, 1, m, k};
        int[] rs = adjY ? new int[] {3, n, k} : new int[] {3, k, n};
        OpProbe p = new OpProbe().input(DType.INT16, ls, q(sL, 0));
        if (constantRhs) {
            byte[] w = new byte[3 * k * n * 2];
            new Random(4).nextBytes(w);
            p.constant(DType.INT16, rs, q(sR, 0), w);
        } else {
            p.input(DType.INT16, rs, q(sR, 0));
        }
        byte[] model = p.build(BuiltinOp.BATCH_MATMUL, 3,
                OptionsSchema.create("BatchMatMulOptions", "adj_x", adjX, "adj_y", adjY), DType.INT16,
                new int[] {2, 3, m, n}, q(sOut, 0));
        assertExact(model, "BATCH_MATMUL int16");
    }

    /**
     * MEAN on uint8 (int8-only with uint8 I/O, older uint8 models) and, for the 4-D spatial case, int8: the spatial
     * case in both axis orders, and other axes, each with equal and with different input/output quantization. Four
     * elements per mean make the uint8 spatial kernel's double rounding visible (a mean of k + 1/4 becomes k + 1).
     */
    @ParameterizedTest
    @CsvSource({"UINT8,1;2,true,0.02,128,0.02,128", "UINT8,1;2,true,0.02,128,0.011,90",
        "UINT8,2;1,true,0.02,128,0.011,90", "UINT8,2;1,true,0.02,128,0.02,128", "UINT8,1;2,true,0.05,3,0.09,200",
        "UINT8,1;2,false,0.02,128,0.02,128", "UINT8,3,false,0.02,128,0.02,128", "UINT8,3,false,0.02,128,0.007,60",
        "UINT8,0;3,true,0.1,250,0.03,10", "UINT8,1;2;3,false,0.004,0,0.003,255",
        "INT8,1;2,true,0.02,0,0.02,0", "INT8,1;2,true,0.02,-5,0.011,20", "INT8,2;1,true,0.05,3,0.09,-100"})
    void meanQuant8(DType type, String axes, boolean keep, float sIn, int zpIn, float sOut, int zpOut) {
        int[] shape = {2, 2, 2, 16};
        int[] ax = java.util.Arrays.stream(axes.split(";")).mapToInt(Integer::parseInt).toArray();
        byte[] model = new OpProbe().input(type, shape, q(sIn, zpIn))
                .constant(DType.INT32, new int[] {ax.length}, null, OpProbe.ints(ax))
                .build(BuiltinOp.MEAN, type == DType.INT8 ? 2 : 1,
                        OptionsSchema.create("ReducerOptions", "keep_dims", keep), type,
                        reducedShape(shape, ax, keep), q(sOut, zpOut));
        assertExact(model, "MEAN " + type + " axes " + axes);
    }

    /** SUM (same and different quantization, wrapping and rescaled), REDUCE_MIN and REDUCE_MAX on uint8. */
    @ParameterizedTest
    @CsvSource({"SUM,0.02,128,0.02,128,false", "SUM,0.02,128,0.3,7,true", "SUM,0.05,10,0.9,200,false",
        "SUM,0.05,0,0.02,0,false", "REDUCE_MIN,0.02,128,0.02,128,false", "REDUCE_MAX,0.02,128,0.02,128,true",
        "REDUCE_MIN,0.01,30,0.01,30,true", "REDUCE_MAX,0.01,30,0.01,30,false"})
    void reduceUint8(String op, float sIn, int zpIn, float sOut, int zpOut, boolean keep) {
        byte[] model = new OpProbe().input(DType.UINT8, new int[] {2, 6, 16}, q(sIn, zpIn))
                .constant(DType.INT32, new int[] {2}, null, OpProbe.ints(0, 2))
                .build(SingleOpsMatchTfliteTest.opCode(op), 1, OptionsSchema.create("ReducerOptions", "keep_dims", keep),
                        DType.UINT8, keep ? new int[] {1, 6, 1} : new int[] {6}, q(sOut, zpOut));
        assertExact(model, op + " uint8");
    }

    private static int[] reducedShape(int[] shape, int[] axes, boolean keep) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            final int dim = d;
            boolean reduced = java.util.Arrays.stream(axes).anyMatch(a -> a == dim);
            if (!reduced) {
                out.add(shape[d]);
            } else if (keep) {
                out.add(1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Hybrid BATCH_MATMUL: float lhs quantized per row, constant int8 rhs; judged within float tolerance. */
    @ParameterizedTest
    @CsvSource({"false,false,false", "false,false,true", "true,false,true", "false,true,true", "true,true,false"})
    void batchMatMulHybrid(boolean adjX, boolean adjY, boolean asymmetric) {
        int m = 4;
        int k = 24;
        int n = 6;
        int[] ls = adjX ? new int[] {2, k, m} : new int[] {2, m, k};
        int[] rs = adjY ? new int[] {n, k} : new int[] {k, n};
        byte[] w = new byte[k * n];
        new Random(5).nextBytes(w);
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) Math.max(w[i], -127);
        }
        byte[] model = new OpProbe().input(DType.FLOAT32, ls, null).constant(DType.INT8, rs, q(0.013f, 0), w)
                .build(BuiltinOp.BATCH_MATMUL, asymmetric ? 4 : 1, OptionsSchema.create("BatchMatMulOptions", "adj_x",
                        adjX, "adj_y", adjY, "asymmetric_quantize_inputs", asymmetric), DType.FLOAT32,
                        new int[] {2, m, n}, null);
        var stats = JudgeComparison.compare(model, 3, InterpreterOptions.defaults().withThreads(1));
        org.junit.jupiter.api.Assertions.assertTrue(stats.maxAbs() <= 1e-4, "hybrid BATCH_MATMUL: " + stats);
    }
}
