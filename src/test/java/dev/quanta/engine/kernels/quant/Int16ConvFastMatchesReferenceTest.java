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
 * The fast 16x8 CONV_2D and DEPTHWISE_CONV_2D ({@link ConvInt16Fast}) and int16 pools
 * ({@link PoolInt8#row16}) are bit-identical to their reference loops on randomized shapes: strides,
 * padding, dilation, depth multipliers, activations, odd pixel counts and depths, windows partly in
 * the padding, inputs at the int16 extremes.
 */
class Int16ConvFastMatchesReferenceTest {

    static byte[] longs(Random r, int n) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putLong(r.nextInt(2_000_001) - 1_000_000L);
        }
        return b.array();
    }

    static void assertSame(byte[] file, int[] shape, Random r, boolean extremes, String what) {
        short[] x = new short[dev.quanta.engine.graph.Shapes.size(shape)];
        for (int i = 0; i < x.length; i++) {
            x[i] = extremes ? (r.nextBoolean() ? Short.MAX_VALUE : Short.MIN_VALUE) : (short) r.nextInt(65536);
        }
        ByteBuffer b = ByteBuffer.allocate(2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : x) {
            b.putShort(v);
        }
        TensorValue[] out = FastVsReference.firstOutputs(file,
                List.of(TensorValue.fromLittleEndian(DType.INT16, shape, b.flip())), 3);
        assertArrayEquals(out[0].shorts(), out[1].shorts(), what);
    }

    @Test
    void convolutionsAreBitIdentical() {
        Random r = new Random(16_8L);
        for (int trial = 0; trial < 40; trial++) {
            boolean depthwise = trial % 2 == 1;
            int n = 1 + r.nextInt(2);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            int dil = 1 + r.nextInt(2);
            int h = (kh - 1) * dil + 1 + r.nextInt(6);
            int w = (kw - 1) * dil + 1 + r.nextInt(6);
            int ic = 1 + r.nextInt(trial % 3 == 0 ? 50 : 9);
            int dm = depthwise && trial % 4 == 3 ? 2 : 1;
            int oc = depthwise ? ic * dm : 1 + r.nextInt(40);
            float[] ws = FastKernelsMatchReferenceTest.scales(r, oc);
            int[] wShape = depthwise ? new int[] {1, kh, kw, oc} : new int[] {oc, kh, kw, ic};
            int wn = dev.quanta.engine.graph.Shapes.size(wShape);
            OpProbe probe = new OpProbe().input(DType.INT16, new int[] {n, h, w, ic}, QuantParams.perTensor(0.001f, 0))
                    .constant(DType.INT8, wShape, QuantParams.perAxis(ws, new long[oc], depthwise ? 3 : 0),
                            FastKernelsMatchReferenceTest.randomBytes(r, wn))
                    .constant(DType.INT64, new int[] {oc}, null, longs(r, oc));
            int act = new int[] {0, 1, 3}[r.nextInt(3)];
            var options = depthwise
                    ? OptionsSchema.create("DepthwiseConv2DOptions", "padding", r.nextInt(2), "stride_h", 1 + r.nextInt(2),
                            "stride_w", 1 + r.nextInt(2), "depth_multiplier", dm, "dilation_h_factor", dil,
                            "dilation_w_factor", dil, "fused_activation_function", act)
                    : OptionsSchema.create("Conv2DOptions", "padding", r.nextInt(2), "stride_h", 1 + r.nextInt(2),
                            "stride_w", 1 + r.nextInt(2), "dilation_h_factor", dil, "dilation_w_factor", dil,
                            "fused_activation_function", act);
            byte[] file = probe.build(depthwise ? BuiltinOp.DEPTHWISE_CONV_2D : BuiltinOp.CONV_2D, 4, options,
                    DType.INT16, new int[] {n, 1, 1, oc}, QuantParams.perTensor(0.002f + r.nextFloat() * 0.05f, 0));
            assertSame(file, new int[] {n, h, w, ic}, r, trial % 5 == 4, (depthwise ? "depthwise" : "conv")
                    + " trial " + trial);
        }
    }

    @Test
    void poolsAreBitIdentical() {
        Random r = new Random(16_16L);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(2);
            int fh = 1 + r.nextInt(3);
            int fw = 1 + r.nextInt(3);
            int h = fh + r.nextInt(7);
            int w = fw + r.nextInt(7);
            int c = 1 + r.nextInt(trial % 2 == 0 ? 40 : 5);
            QuantParams q = QuantParams.perTensor(0.001f, 0);
            byte[] file = new OpProbe().input(DType.INT16, new int[] {n, h, w, c}, q)
                    .build(trial % 2 == 0 ? BuiltinOp.AVERAGE_POOL_2D : BuiltinOp.MAX_POOL_2D, 3,
                            OptionsSchema.create("Pool2DOptions", "padding", r.nextInt(2), "stride_w", 1 + r.nextInt(2),
                                    "stride_h", 1 + r.nextInt(2), "filter_width", fw, "filter_height", fh,
                                    "fused_activation_function", new int[] {0, 1, 3}[r.nextInt(3)]),
                            DType.INT16, new int[] {n, 1, 1, c}, q);
            assertSame(file, new int[] {n, h, w, c}, r, trial % 5 == 4, "pool trial " + trial);
        }
    }
}
