package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.testing.FastVsReference;
import dev.quanta.testing.OpProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast hybrid (dynamic-range) CONV_2D and DEPTHWISE_CONV_2D ({@link ConvHybridFast}) give the same
 * floats, bit for bit, as {@link ConvHybrid}'s reference loops: per-channel (asymmetric input) and per-tensor (symmetric)
 * weights, depth multipliers 1 and 2, batches of 1-3 (tiles never straddle a batch), padding, strides, dilation, activations,
 * with and without bias, inputs of different ranges per batch including an all-zero batch.
 */
class HybridConvFastMatchesReferenceTest {

    static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static void assertSame(byte[] file, int[] shape, float[] x, String what) {
        TensorValue[] out = FastVsReference.firstOutputs(file, List.of(TensorValue.ofFloats(shape, x)), 3);
        assertArrayEquals(out[0].floats(), out[1].floats(), 0f, what);
    }

    /** Per batch a different range and offset; with {@code zeroBatch} batch 1 is all zero. */
    static float[] input(Random r, int n, int per, boolean zeroBatch, boolean shifted) {
        float[] x = new float[n * per];
        for (int b = 0; b < n; b++) {
            float range = b == 1 && zeroBatch ? 0 : (float) Math.pow(10, r.nextInt(5) - 2);
            float shift = shifted ? range * r.nextFloat() : 0;
            for (int i = 0; i < per; i++) {
                x[b * per + i] = (float) (r.nextGaussian() * range + shift);
            }
        }
        return x;
    }

    @Test
    void depthwiseRandomizedShapesAreBitIdentical() {
        Random r = new Random(61206L);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(3);
            int k = 1 + r.nextInt(3);
            int dil = 1 + r.nextInt(2);
            int h = (k - 1) * dil + 1 + r.nextInt(7);
            int w = (k - 1) * dil + 1 + r.nextInt(7);
            int ic = 1 + r.nextInt(trial % 3 == 0 ? 70 : 12);
            int dm = trial % 4 == 2 ? 2 : 1;
            int c = ic * dm;
            float[] ws = FastKernelsMatchReferenceTest.scales(r, c);
            QuantParams wq = QuantParams.perAxis(ws, new long[c], 3);
            byte[] weights = FastKernelsMatchReferenceTest.randomBytes(r, k * k * c);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weights[i] == -128 ? -127 : weights[i];
            }
            float[] bias = new float[c];
            for (int i = 0; i < c; i++) {
                bias[i] = (float) r.nextGaussian();
            }
            byte[] file = new OpProbe().input(DType.FLOAT32, new int[] {n, h, w, ic}, null)
                    .constant(DType.INT8, new int[] {1, k, k, c}, wq, weights)
                    .constant(DType.FLOAT32, new int[] {c}, null, floats(bias))
                    .build(BuiltinOp.DEPTHWISE_CONV_2D, 6, OptionsSchema.create("DepthwiseConv2DOptions", "padding",
                            r.nextInt(2), "stride_h", 1 + r.nextInt(2), "stride_w", 1 + r.nextInt(2),
                            "depth_multiplier", dm, "dilation_h_factor", dil, "dilation_w_factor", dil,
                            "fused_activation_function", new int[] {0, 1, 3}[r.nextInt(3)]),
                            DType.FLOAT32, new int[] {n, 1, 1, c}, null);
            assertSame(file, new int[] {n, h, w, ic}, input(r, n, h * w * ic, trial % 3 == 1, trial % 2 == 0),
                    "depthwise trial " + trial);
        }
    }

    @Test
    void randomizedShapesAreBitIdentical() {
        Random r = new Random(20261206L);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(3);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            int dil = 1 + r.nextInt(2);
            int h = (kh - 1) * dil + 1 + r.nextInt(7);
            int w = (kw - 1) * dil + 1 + r.nextInt(7);
            int ic = 1 + r.nextInt(trial % 3 == 0 ? 40 : 9);
            int oc = 1 + r.nextInt(trial % 5 == 0 ? 2 * PairGemm.NBP + 30 : 40);
            boolean perChannel = trial % 2 == 0;
            boolean withBias = trial % 4 != 3;
            float[] ws = FastKernelsMatchReferenceTest.scales(r, oc);
            QuantParams wq = perChannel ? QuantParams.perAxis(ws, new long[oc], 0) : QuantParams.perTensor(ws[0], 0);
            byte[] weights = FastKernelsMatchReferenceTest.randomBytes(r, oc * kh * kw * ic);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weights[i] == -128 ? -127 : weights[i]; // symmetric int8 weights
            }
            OpProbe probe = new OpProbe().input(DType.FLOAT32, new int[] {n, h, w, ic}, null)
                    .constant(DType.INT8, new int[] {oc, kh, kw, ic}, wq, weights);
            if (withBias) {
                float[] bias = new float[oc];
                for (int c = 0; c < oc; c++) {
                    bias[c] = (float) r.nextGaussian();
                }
                probe.constant(DType.FLOAT32, new int[] {oc}, null, floats(bias));
            } else {
                probe.none();
            }
            byte[] file = probe.build(BuiltinOp.CONV_2D, 5, OptionsSchema.create("Conv2DOptions", "padding",
                    r.nextInt(2), "stride_h", 1 + r.nextInt(2), "stride_w", 1 + r.nextInt(2), "dilation_h_factor",
                    dil, "dilation_w_factor", dil, "fused_activation_function", new int[] {0, 1, 3}[r.nextInt(3)]),
                    DType.FLOAT32, new int[] {n, 1, 1, oc}, null);
            assertSame(file, new int[] {n, h, w, ic}, input(r, n, h * w * ic, trial % 3 == 1, trial % 2 == 0),
                    "trial " + trial);
        }
    }
}
