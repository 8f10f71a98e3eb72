package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.testing.FastVsReference;
import dev.quanta.testing.OpProbe;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast int8/uint8 CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and pool paths (im2col tiles, folded
 * offsets, channel-vectorized loops, several threads) are bit-identical to the reference loops on
 * random data over strides, paddings, dilations, depth multipliers, activations and odd sizes, and on
 * randomized shapes that cross the blocked GEMM's tile, tap-group and column-block edges.
 */
class FastKernelsMatchReferenceTest {

    static float[] scales(Random r, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0.001f + r.nextFloat() * 0.02f;
        }
        return s;
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static byte[] bias(Random r, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(20001) - 10000;
        }
        return OpProbe.ints(v);
    }

    static void assertFastEqualsReference(byte[] file, DType inType, int[] inShape, long seed) {
        byte[] x = randomBytes(new Random(seed), dev.quanta.engine.graph.Shapes.size(inShape));
        TensorValue[] out = FastVsReference.firstOutputs(file, List.of(TensorValue.ofBytes(inType, inShape, x)), 3);
        assertArrayEquals(out[0].bytes(), out[1].bytes());
    }

    @ParameterizedTest
    @CsvSource({"INT8,1,9,7,5,6,3,3,1,1,0,1,0", "INT8,2,8,8,3,4,3,3,2,2,0,1,1", "INT8,1,7,9,16,8,1,1,1,1,1,1,3",
        "INT8,1,10,10,4,5,3,3,1,1,0,2,0", "UINT8,1,6,5,3,7,2,3,2,1,1,1,3", "INT8,1,5,5,33,17,5,5,2,2,0,1,1"})
    void conv2d(DType type, int n, int h, int w, int ic, int oc, int kh, int kw, int sh, int sw, int padding,
                int dil, int act) {
        Random r = new Random(h * 31L + ic);
        boolean u = type == DType.UINT8;
        QuantParams wq = u ? QuantParams.perTensor(0.01f, 131) : QuantParams.perAxis(scales(r, oc), new long[oc], 0);
        byte[] file = new OpProbe().input(type, new int[] {n, h, w, ic}, QuantParams.perTensor(0.05f, u ? 120 : -7))
                .constant(type, new int[] {oc, kh, kw, ic}, wq, randomBytes(r, oc * kh * kw * ic))
                .constant(DType.INT32, new int[] {oc}, null, bias(r, oc))
                .build(BuiltinOp.CONV_2D, 3, OptionsSchema.create("Conv2DOptions", "padding", padding, "stride_h", sh,
                        "stride_w", sw, "dilation_h_factor", dil, "dilation_w_factor", dil,
                        "fused_activation_function", act), type, new int[] {n, 1, 1, oc},
                        QuantParams.perTensor(0.07f, u ? 100 : 3));
        assertFastEqualsReference(file, type, new int[] {n, h, w, ic}, 5);
    }

    @ParameterizedTest
    @CsvSource({"INT8,1,9,7,8,1,3,1,0,1,0", "INT8,2,8,8,3,2,3,2,0,1,1", "INT8,1,7,9,5,1,3,1,1,2,3", "UINT8,1,6,6,4,3,3,2,1,1,0"})
    void depthwise(DType type, int n, int h, int w, int ic, int dm, int k, int stride, int padding, int dil, int act) {
        Random r = new Random(h * 17L + ic);
        boolean u = type == DType.UINT8;
        int oc = ic * dm;
        QuantParams wq = u ? QuantParams.perTensor(0.02f, 120) : QuantParams.perAxis(scales(r, oc), new long[oc], 3);
        byte[] file = new OpProbe().input(type, new int[] {n, h, w, ic}, QuantParams.perTensor(0.05f, u ? 128 : 5))
                .constant(type, new int[] {1, k, k, oc}, wq, randomBytes(r, k * k * oc))
                .constant(DType.INT32, new int[] {oc}, null, bias(r, oc))
                .build(BuiltinOp.DEPTHWISE_CONV_2D, 3, OptionsSchema.create("DepthwiseConv2DOptions", "padding", padding,
                        "stride_h", stride, "stride_w", stride, "depth_multiplier", dm, "dilation_h_factor", dil,
                        "dilation_w_factor", dil, "fused_activation_function", act), type, new int[] {n, 1, 1, oc},
                        QuantParams.perTensor(0.03f, u ? 90 : -2));
        assertFastEqualsReference(file, type, new int[] {n, h, w, ic}, 9);
    }

    @ParameterizedTest
    @CsvSource({"INT8,1,37,5,false", "INT8,3,64,40,true", "UINT8,2,17,9,false"})
    void fullyConnected(DType type, int batch, int depth, int units, boolean perChannel) {
        Random r = new Random(depth * 7L + units);
        boolean u = type == DType.UINT8;
        QuantParams wq = u ? QuantParams.perTensor(0.01f, 140)
                : perChannel ? QuantParams.perAxis(scales(r, units), new long[units], 0) : QuantParams.perTensor(0.01f, 0);
        byte[] file = new OpProbe().input(type, new int[] {batch, depth}, QuantParams.perTensor(0.04f, u ? 130 : -3))
                .constant(type, new int[] {units, depth}, wq, randomBytes(r, units * depth))
                .constant(DType.INT32, new int[] {units}, null, bias(r, units))
                .build(BuiltinOp.FULLY_CONNECTED, 4, OptionsSchema.create("FullyConnectedOptions",
                        "fused_activation_function", 1), type, new int[] {batch, units},
                        QuantParams.perTensor(0.09f, u ? 10 : -100));
        assertFastEqualsReference(file, type, new int[] {batch, depth}, 3);
    }

    /**
     * Randomized CONV_2D shapes: output channels across {@link PairGemm#NBP} pairs (column blocks) and
     * odd counts, both sides of {@link ConvInt8Fast#NARROW}, depths
     * not a multiple of 4 (tap remainder), pixel counts not a multiple of {@link ConvInt8Fast#TILE},
     * 1x1 and larger filters, strides, dilations, padding, int8 per-channel / per-tensor and uint8,
     * extreme zero points.
     */
    @Test
    void conv2dRandomizedShapes() {
        Random r = new Random(20261206L);
        for (int trial = 0; trial < 24; trial++) {
            boolean u = r.nextInt(4) == 0;
            DType type = u ? DType.UINT8 : DType.INT8;
            int n = 1 + r.nextInt(2);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            int dil = 1 + r.nextInt(2);
            int h = (kh - 1) * dil + 1 + r.nextInt(6);
            int w = (kw - 1) * dil + 1 + r.nextInt(6);
            int ic = 1 + r.nextInt(trial % 3 == 0 ? 70 : 9);
            int oc = 1 + r.nextInt(trial % 4 == 0 ? 4 * PairGemm.NBP + 40 : 40);
            int sh = 1 + r.nextInt(2);
            int sw = 1 + r.nextInt(2);
            int padding = r.nextInt(2);
            int act = new int[] {0, 1, 3}[r.nextInt(3)];
            int zpIn = u ? r.nextInt(256) : r.nextInt(256) - 128;
            QuantParams wq = u ? QuantParams.perTensor(0.01f, r.nextInt(256))
                    : r.nextBoolean() ? QuantParams.perAxis(scales(r, oc), new long[oc], 0)
                    : QuantParams.perTensor(0.005f + r.nextFloat() * 0.01f, 0);
            byte[] file = new OpProbe().input(type, new int[] {n, h, w, ic}, QuantParams.perTensor(0.05f, zpIn))
                    .constant(type, new int[] {oc, kh, kw, ic}, wq, randomBytes(r, oc * kh * kw * ic))
                    .constant(DType.INT32, new int[] {oc}, null, bias(r, oc))
                    .build(BuiltinOp.CONV_2D, 3, OptionsSchema.create("Conv2DOptions", "padding", padding, "stride_h",
                            sh, "stride_w", sw, "dilation_h_factor", dil, "dilation_w_factor", dil,
                            "fused_activation_function", act), type, new int[] {n, 1, 1, oc},
                            QuantParams.perTensor(0.02f + r.nextFloat() * 0.1f, u ? r.nextInt(256) : r.nextInt(256) - 128));
            assertFastEqualsReference(file, type, new int[] {n, h, w, ic}, trial);
        }
    }

    /**
     * The few-output-channel CONV_2D ({@link ConvInt8Fast#NARROW}) requantizes one channel row at a
     * time; with accumulators provably below {@link Rescale#SPLIT_BOUND} (small depth) int8 takes the
     * 32-bit split form. Randomized shallow convolutions (1 to 3 input channels, 1x1 to 3x3, 1 to 16
     * output channels, strides, SAME padding, odd sizes, fused activations, per-channel and per-tensor
     * int8, uint8), part of them beyond the bound (per-value path); the outputs must not all clamp.
     */
    @Test
    void narrowConvRequantizationRandomized() {
        Random r = new Random(612L);
        int split = 0;
        int trials = 40;
        for (int trial = 0; trial < trials; trial++) {
            boolean u = trial % 5 == 4;
            DType type = u ? DType.UINT8 : DType.INT8;
            int n = 1 + r.nextInt(2);
            int k = 1 + r.nextInt(3);
            int h = k + r.nextInt(12);
            int w = k + r.nextInt(12);
            int ic = 1 + r.nextInt(3);
            int oc = 1 + r.nextInt(ConvInt8Fast.NARROW);
            int zpIn = u ? r.nextInt(256) : r.nextInt(256) - 128;
            int zpW = u ? r.nextInt(256) : 0;
            byte[] weights = randomBytes(r, oc * k * k * ic);
            int[] b = new int[oc];
            for (int c = 0; c < oc; c++) {
                b[c] = r.nextInt(4001) - 2000;
            }
            long in = u ? Math.max(zpIn, 255 - zpIn) : Math.max(zpIn + 128, 127 - zpIn);
            long bound = 0;
            for (int c = 0; c < oc; c++) {
                long sum = 0;
                for (int i = 0; i < k * k * ic; i++) {
                    sum += Math.abs((u ? weights[c * k * k * ic + i] & 0xff : weights[c * k * k * ic + i]) - zpW);
                }
                bound = Math.max(bound, Math.abs(b[c]) + sum * in);
            }
            if (!u && bound < Rescale.SPLIT_BOUND) {
                split++;
            }
            QuantParams wq = u ? QuantParams.perTensor(0.01f, zpW)
                    : r.nextBoolean() ? QuantParams.perAxis(scales(r, oc), new long[oc], 0) : QuantParams.perTensor(0.01f, 0);
            byte[] file = new OpProbe().input(type, new int[] {n, h, w, ic}, QuantParams.perTensor(0.05f, zpIn))
                    .constant(type, new int[] {oc, k, k, ic}, wq, weights)
                    .constant(DType.INT32, new int[] {oc}, null, OpProbe.ints(b))
                    .build(BuiltinOp.CONV_2D, 3, OptionsSchema.create("Conv2DOptions", "padding", r.nextInt(2),
                            "stride_h", 1 + r.nextInt(2), "stride_w", 1 + r.nextInt(2), "dilation_h_factor", 1,
                            "dilation_w_factor", 1, "fused_activation_function", new int[] {0, 0, 1, 3}[r.nextInt(4)]),
                            type, new int[] {n, 1, 1, oc},
                            QuantParams.perTensor(0.07f * k * (float) Math.sqrt(ic), u ? 128 : 0));
            byte[] x = randomBytes(r, n * h * w * ic);
            assertFastEqualsReferenceUnclamped(file, type, new int[] {n, h, w, ic}, x);
        }
        org.junit.jupiter.api.Assertions.assertTrue(split >= trials / 4, "only " + split + " trials on the split path");
    }

    /**
     * The one-input-channel, stride-1 narrow CONV_2D ({@link ConvInt8Fast#convNarrowPlane}: padded int
     * plane, {@code Wp}-wide output rows, discarded columns): randomized images up to 40x40 (several
     * {@link ConvInt8Fast#PIXELS}-pixel tiles, tile edges inside rows), batches of 2, 1x1 to 5x5 filters,
     * dilation 2, SAME and VALID padding, int8 and uint8, fused activations; the outputs must not all clamp.
     */
    @Test
    void narrowConvSingleChannelPlaneRandomized() {
        Random r = new Random(2812L);
        int multiTile = 0;
        for (int trial = 0; trial < 30; trial++) {
            boolean u = trial % 4 == 3;
            DType type = u ? DType.UINT8 : DType.INT8;
            int n = 1 + r.nextInt(2);
            int kh = 1 + r.nextInt(5);
            int kw = 1 + r.nextInt(5);
            int dil = 1 + r.nextInt(2);
            int h = (kh - 1) * dil + 1 + r.nextInt(36);
            int w = (kw - 1) * dil + 1 + r.nextInt(36);
            int oc = 1 + r.nextInt(ConvInt8Fast.NARROW);
            int padding = r.nextInt(2);
            int zpIn = u ? r.nextInt(256) : r.nextInt(256) - 128;
            int zpW = u ? r.nextInt(256) : 0;
            if (h * (w + kw * dil) > 2 * ConvInt8Fast.PIXELS) {
                multiTile++;
            }
            QuantParams wq = u ? QuantParams.perTensor(0.01f, zpW)
                    : r.nextBoolean() ? QuantParams.perAxis(scales(r, oc), new long[oc], 0) : QuantParams.perTensor(0.01f, 0);
            byte[] file = new OpProbe().input(type, new int[] {n, h, w, 1}, QuantParams.perTensor(0.05f, zpIn))
                    .constant(type, new int[] {oc, kh, kw, 1}, wq, randomBytes(r, oc * kh * kw))
                    .constant(DType.INT32, new int[] {oc}, null, bias(r, oc))
                    .build(BuiltinOp.CONV_2D, 3, OptionsSchema.create("Conv2DOptions", "padding", padding,
                            "stride_h", 1, "stride_w", 1, "dilation_h_factor", dil, "dilation_w_factor", dil,
                            "fused_activation_function", new int[] {0, 0, 1, 3}[r.nextInt(4)]),
                            type, new int[] {n, 1, 1, oc},
                            QuantParams.perTensor(0.07f * (float) Math.sqrt(kh * kw), u ? 128 : 0));
            assertFastEqualsReferenceUnclamped(file, type, new int[] {n, h, w, 1}, randomBytes(r, n * h * w));
        }
        org.junit.jupiter.api.Assertions.assertTrue(multiTile >= 10, "only " + multiTile + " multi-tile trials");
    }

    /**
     * Randomized DEPTHWISE_CONV_2D shapes: the contiguous path (multiplier 1, horizontal stride 1) and
     * the gathering path, windows partly or wholly in the padding, dilation, uint8 and int8.
     */
    @Test
    void depthwiseRandomizedShapes() {
        Random r = new Random(61206L);
        for (int trial = 0; trial < 24; trial++) {
            boolean u = r.nextInt(4) == 0;
            DType type = u ? DType.UINT8 : DType.INT8;
            int n = 1 + r.nextInt(2);
            int k = 1 + r.nextInt(4);
            int dil = 1 + r.nextInt(2);
            int h = 1 + r.nextInt(9);
            int w = 1 + r.nextInt(9);
            int padding = (k - 1) * dil + 1 > Math.min(h, w) ? 0 : r.nextInt(2);
            int ic = 1 + r.nextInt(trial % 3 == 0 ? 80 : 12);
            int dm = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int oc = ic * dm;
            int sh = 1 + r.nextInt(2);
            int sw = r.nextInt(3) == 0 ? 2 : 1;
            int act = new int[] {0, 1, 3}[r.nextInt(3)];
            QuantParams wq = u ? QuantParams.perTensor(0.02f, r.nextInt(256))
                    : QuantParams.perAxis(scales(r, oc), new long[oc], 3);
            byte[] file = new OpProbe().input(type, new int[] {n, h, w, ic},
                            QuantParams.perTensor(0.05f, u ? r.nextInt(256) : r.nextInt(256) - 128))
                    .constant(type, new int[] {1, k, k, oc}, wq, randomBytes(r, k * k * oc))
                    .constant(DType.INT32, new int[] {oc}, null, bias(r, oc))
                    .build(BuiltinOp.DEPTHWISE_CONV_2D, 3, OptionsSchema.create("DepthwiseConv2DOptions", "padding",
                            padding, "stride_h", sh, "stride_w", sw, "depth_multiplier", dm, "dilation_h_factor", dil,
                            "dilation_w_factor", dil, "fused_activation_function", act), type, new int[] {n, 1, 1, oc},
                            QuantParams.perTensor(0.01f + r.nextFloat() * 0.05f, u ? r.nextInt(256) : r.nextInt(256) - 128));
            assertFastEqualsReference(file, type, new int[] {n, h, w, ic}, trial);
        }
    }

    /** Randomized FULLY_CONNECTED shapes (batch, depth, units). */
    @Test
    void fullyConnectedRandomizedShapes() {
        Random r = new Random(1206L);
        for (int trial = 0; trial < 16; trial++) {
            boolean u = r.nextInt(4) == 0;
            DType type = u ? DType.UINT8 : DType.INT8;
            int batch = 1 + r.nextInt(5);
            int depth = 1 + r.nextInt(trial % 2 == 0 ? 300 : 20);
            int units = 1 + r.nextInt(trial % 3 == 0 ? 30 : 30);
            QuantParams wq = u ? QuantParams.perTensor(0.01f, r.nextInt(256))
                    : r.nextBoolean() ? QuantParams.perAxis(scales(r, units), new long[units], 0)
                    : QuantParams.perTensor(0.01f, 0);
            byte[] file = new OpProbe().input(type, new int[] {batch, depth},
                            QuantParams.perTensor(0.04f, u ? r.nextInt(256) : r.nextInt(256) - 128))
                    .constant(type, new int[] {units, depth}, wq, randomBytes(r, units * depth))
                    .constant(DType.INT32, new int[] {units}, null, bias(r, units))
                    .build(BuiltinOp.FULLY_CONNECTED, 4, OptionsSchema.create("FullyConnectedOptions",
                            "fused_activation_function", new int[] {0, 1, 3}[r.nextInt(3)]), type,
                            new int[] {batch, units}, QuantParams.perTensor(0.05f + r.nextFloat() * 0.2f,
                                    u ? r.nextInt(256) : r.nextInt(256) - 128));
            assertFastEqualsReference(file, type, new int[] {batch, depth}, trial);
        }
    }

    /** Randomized 8-bit AVERAGE_POOL_2D and MAX_POOL_2D shapes (the channel-inner fast rows). */
    @Test
    void poolRandomizedShapes() {
        Random r = new Random(2026L);
        for (int trial = 0; trial < 24; trial++) {
            boolean u = r.nextInt(3) == 0;
            DType type = u ? DType.UINT8 : DType.INT8;
            int n = 1 + r.nextInt(2);
            int fh = 1 + r.nextInt(3);
            int fw = 1 + r.nextInt(3);
            int h = fh + r.nextInt(7);
            int w = fw + r.nextInt(7);
            int c = 1 + r.nextInt(trial % 2 == 0 ? 40 : 5);
            QuantParams q = QuantParams.perTensor(0.05f, u ? r.nextInt(256) : r.nextInt(256) - 128);
            byte[] file = new OpProbe().input(type, new int[] {n, h, w, c}, q)
                    .build(trial % 2 == 0 ? BuiltinOp.AVERAGE_POOL_2D : BuiltinOp.MAX_POOL_2D, 2,
                            OptionsSchema.create("Pool2DOptions", "padding", r.nextInt(2), "stride_w", 1 + r.nextInt(2),
                                    "stride_h", 1 + r.nextInt(2), "filter_width", fw, "filter_height", fh,
                                    "fused_activation_function", new int[] {0, 1, 3}[r.nextInt(3)]),
                            type, new int[] {n, 1, 1, c}, q);
            assertFastEqualsReference(file, type, new int[] {n, h, w, c}, trial);
        }
    }

    /**
     * Randomized 8-bit pools aimed at {@link PoolInt8Fast}'s special cases and their edges: 2x2 windows
     * read straight from the input (stride 2 or 3), 3-wide and wider windows over a combined row,
     * SAME padding (edge columns and rows with fewer taps), odd sizes, 1 to 40 channels, uint8 and
     * int8, every fused activation, and windows beyond {@link PoolInt8Fast#MAGIC_COUNT} taps (divided).
     */
    @Test
    void poolSpecialCasesRandomized() {
        Random r = new Random(20261206L);
        int[][] windows = {{2, 2, 2, 2}, {2, 2, 3, 3}, {3, 3, 2, 2}, {3, 3, 1, 1}, {3, 3, 3, 3}, {2, 2, 1, 1},
            {2, 3, 2, 1}, {3, 2, 1, 2}, {4, 5, 2, 3}, {1, 1, 2, 2}, {12, 12, 1, 1}};
        for (int trial = 0; trial < 66; trial++) {
            int[] win = windows[trial % windows.length];
            boolean average = (trial / windows.length) % 2 == 0;
            boolean u = r.nextBoolean();
            DType type = u ? DType.UINT8 : DType.INT8;
            int n = 1 + r.nextInt(2);
            int h = win[0] + r.nextInt(8);
            int w = win[1] + r.nextInt(8);
            int c = 1 + r.nextInt(40);
            QuantParams q = QuantParams.perTensor(0.05f, u ? r.nextInt(256) : r.nextInt(256) - 128);
            byte[] file = new OpProbe().input(type, new int[] {n, h, w, c}, q)
                    .build(average ? BuiltinOp.AVERAGE_POOL_2D : BuiltinOp.MAX_POOL_2D, 2,
                            OptionsSchema.create("Pool2DOptions", "padding", r.nextInt(2), "stride_h", win[2],
                                    "stride_w", win[3], "filter_height", win[0], "filter_width", win[1],
                                    "fused_activation_function", r.nextInt(4)),
                            type, new int[] {n, 1, 1, c}, q);
            assertFastEqualsReference(file, type, new int[] {n, h, w, c}, 1000 + trial);
        }
    }

    /**
     * uint8 CONV_2D whose accumulators exceed what one {@link PairGemm} chunk can decode: input all 255,
     * weights mostly 255 with zero point 0, depth 64 * 3 * 3 = 576, so a channel's sum is about 3.5e7
     * (over 2^25) and the depth is split into chunks of at most 516 taps. The output scale keeps the
     * results inside the uint8 range, so a decoding error would show.
     */
    @Test
    void conv2dDepthBeyondOneExactChunk() {
        Random r = new Random(99);
        int ic = 64;
        int oc = 37;
        byte[] w = new byte[oc * 9 * ic];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(10) == 0 ? r.nextInt(256) : 255);
        }
        byte[] x = new byte[6 * 7 * ic];
        java.util.Arrays.fill(x, (byte) 255);
        byte[] file = new OpProbe().input(DType.UINT8, new int[] {1, 6, 7, ic}, QuantParams.perTensor(0.05f, 0))
                .constant(DType.UINT8, new int[] {oc, 3, 3, ic}, QuantParams.perTensor(0.001f, 0), w)
                .constant(DType.INT32, new int[] {oc}, null, bias(r, oc))
                .build(BuiltinOp.CONV_2D, 3, OptionsSchema.create("Conv2DOptions", "padding", 0, "stride_h", 1,
                        "stride_w", 1, "dilation_h_factor", 1, "dilation_w_factor", 1,
                        "fused_activation_function", 0), DType.UINT8, new int[] {1, 1, 1, oc},
                        QuantParams.perTensor(8f, 0));
        TensorValue[] out = FastVsReference.firstOutputs(file,
                List.of(TensorValue.ofBytes(DType.UINT8, new int[] {1, 6, 7, ic}, x)), 2);
        byte[] expected = out[0].bytes();
        int distinct = (int) java.util.stream.IntStream.range(0, expected.length).map(i -> expected[i] & 0xff)
                .filter(v -> v > 0 && v < 255).count();
        org.junit.jupiter.api.Assertions.assertTrue(distinct > expected.length / 2, "outputs must not clamp");
        assertArrayEquals(expected, out[1].bytes());
    }

    /** Input of {@code n} values, each randomly the type's minimum or maximum. */
    static byte[] extremes(Random r, boolean unsigned, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (r.nextBoolean() ? (unsigned ? 0 : -128) : (unsigned ? 255 : 127));
        }
        return b;
    }

    /**
     * Fast (3 threads) against reference (1 thread) on the given input; the outputs must not all clamp
     * (at least a quarter strictly inside the type's range), so a wrong sum would show.
     */
    static void assertFastEqualsReferenceUnclamped(byte[] file, DType type, int[] shape, byte[] x) {
        TensorValue[] out = FastVsReference.firstOutputs(file, List.of(TensorValue.ofBytes(type, shape, x)), 3);
        byte[] expected = out[0].bytes();
        int lo = type == DType.UINT8 ? 0 : -128;
        int hi = type == DType.UINT8 ? 255 : 127;
        boolean u = type == DType.UINT8;
        long inside = java.util.stream.IntStream.range(0, expected.length)
                .map(i -> u ? expected[i] & 0xff : expected[i]).filter(v -> v > lo && v < hi).count();
        org.junit.jupiter.api.Assertions.assertTrue(inside * 4 >= expected.length,
                "only " + inside + " of " + expected.length + " outputs inside the range");
        assertArrayEquals(expected, out[1].bytes());
    }

    /**
     * CONV_2D at the operand extremes: inputs and weights only the type's minimum and maximum, zero
     * points at the ends of the range (so {@code |x - zp_in|} and {@code |w - zp_w|} reach 255), and
     * 90% of each channel's products of one sign, so the sums run up to about {@code 0.8 * depth * 255 * 128}
     * (int8) or {@code 0.8 * depth * 255 * 255} (uint8): beyond 2^24 and 2^25, with depths crossing 512,
     * 1032 (int8) and 258 / 516 (uint8) taps, the exact-chunk bounds of an integer GEMM in float32
     * (2^24 / max product) and of {@link PairGemm} (2^25 / max product). A bias cancelling each
     * channel's mean sum keeps the outputs off the clamps, so a wrong sum would show.
     */
    @ParameterizedTest
    @CsvSource({"INT8,600,1,40,127,0", "INT8,130,3,24,-128,0", "INT8,520,1,17,-128,0", "UINT8,70,3,20,0,255",
        "UINT8,600,1,33,255,0", "UINT8,30,3,21,255,255"})
    void conv2dAtOperandExtremes(DType type, int ic, int k, int oc, int zpIn, int zpW) {
        Random r = new Random(ic * 131L + k * 7 + oc);
        boolean u = type == DType.UINT8;
        int lo = u ? 0 : -128;
        int hi = u ? 255 : 127;
        int depth = ic * k * k;
        int h = 6;
        int w = 5;
        // the input mostly at the end far from its zero point
        int farX = zpIn - lo > hi - zpIn ? lo : hi;
        byte[] x = new byte[h * w * ic];
        long sumX = 0;
        for (int i = 0; i < x.length; i++) {
            int v = r.nextInt(10) == 0 ? (r.nextBoolean() ? lo : hi) : farX;
            x[i] = (byte) v;
            sumX += v - zpIn;
        }
        double meanX = (double) sumX / x.length;
        // each channel's weights mostly at one end (int8: +-; uint8: the end far from zp_w, or zp_w itself)
        byte[] weights = new byte[oc * depth];
        int[] centre = new int[oc];
        for (int c = 0; c < oc; c++) {
            int main = r.nextBoolean() ? lo : hi;
            if (u && main == zpW) {
                main = zpW == lo ? hi : lo;
            }
            long sw = 0;
            for (int i = 0; i < depth; i++) {
                int v = r.nextInt(10) == 0 ? (r.nextBoolean() ? lo : hi) : main;
                weights[c * depth + i] = (byte) v;
                sw += v - zpW;
            }
            centre[c] = (int) -Math.round(meanX * sw);
        }
        float sIn = 0.05f;
        float sW = 0.002f;
        // what remains varies with the 10% of other inputs: about sqrt(depth / 10) * 2 * 255 * 255; ~ +-60 steps
        float sOut = (float) (sIn * sW * Math.sqrt(depth / 10.0) * 2 * 255 * 255 / 60);
        QuantParams wq = u ? QuantParams.perTensor(sW, zpW) : QuantParams.perAxis(filled(oc, sW), new long[oc], 0);
        byte[] file = new OpProbe().input(type, new int[] {1, h, w, ic}, QuantParams.perTensor(sIn, zpIn))
                .constant(type, new int[] {oc, k, k, ic}, wq, weights)
                .constant(DType.INT32, new int[] {oc}, null, OpProbe.ints(centre))
                .build(BuiltinOp.CONV_2D, 3, OptionsSchema.create("Conv2DOptions", "padding", 1, "stride_h", 1,
                        "stride_w", 1, "dilation_h_factor", 1, "dilation_w_factor", 1,
                        "fused_activation_function", 0), type, new int[] {1, 1, 1, oc},
                        QuantParams.perTensor(sOut, u ? 128 : 0));
        assertFastEqualsReferenceUnclamped(file, type, new int[] {1, h, w, ic}, x);
    }

    /** DEPTHWISE_CONV_2D at the operand extremes (as above), 3x3 and 5x5 windows, padding on. */
    @ParameterizedTest
    @CsvSource({"INT8,3,127", "INT8,5,-128", "UINT8,3,0", "UINT8,5,255"})
    void depthwiseAtOperandExtremes(DType type, int k, int zpIn) {
        Random r = new Random(k * 17L + zpIn);
        boolean u = type == DType.UINT8;
        int c = 40;
        float sIn = 0.05f;
        float sW = 0.002f;
        float sOut = (float) (sIn * sW * k * 255 * 128 / 60);
        QuantParams wq = u ? QuantParams.perTensor(sW, 255 - zpIn) : QuantParams.perAxis(filled(c, sW), new long[c], 3);
        byte[] file = new OpProbe().input(type, new int[] {1, 9, 8, c}, QuantParams.perTensor(sIn, zpIn))
                .constant(type, new int[] {1, k, k, c}, wq, extremes(r, u, k * k * c))
                .constant(DType.INT32, new int[] {c}, null, bias(r, c))
                .build(BuiltinOp.DEPTHWISE_CONV_2D, 3, OptionsSchema.create("DepthwiseConv2DOptions", "padding", 0,
                        "stride_h", 1, "stride_w", 1, "depth_multiplier", 1, "dilation_h_factor", 1,
                        "dilation_w_factor", 1, "fused_activation_function", 0), type, new int[] {1, 1, 1, c},
                        QuantParams.perTensor(sOut, u ? 128 : 0));
        assertFastEqualsReferenceUnclamped(file, type, new int[] {1, 9, 8, c}, extremes(r, u, 9 * 8 * c));
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
