package dev.quanta.engine.kernels.float32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.kernels.Padding;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests: on randomized shapes, options and values, every fast float kernel gives the same
 * result as its reference (run through the interpreter with 3 workers vs the reference kernels).
 * Paths that keep the reference's arithmetic (pools, element-wise ops, BATCH_MATMUL) are
 * {@link Tolerance#EXACT} (equal values; adding a zero for a padded tap can only change the sign of a
 * zero); CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED accumulate with fused multiply-adds (one
 * rounding per step instead of two) when {@link Fma#FAST}, and are held to {@link Tolerance#CLOSE}.
 */
class FastKernelsMatchReferenceTest {
    private static final int CASES = 40;

    private static void check(OneOp m, Tolerance tol, String what) {
        TensorValue ref = m.run(true, 1);
        TensorValue fast = m.run(false, 3);
        assertArrayEquals(ref.shape(), fast.shape(), what + " shape");
        assertNull(tol.mismatch(ref.floats(), fast.floats()), what);
    }

    private static int between(Random r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    @Test
    void conv2d() {
        for (int c = 0; c < CASES; c++) {
            OneOp m = new OneOp(c);
            Random r = m.random();
            int k = between(r, 1, 4);
            int kw = r.nextBoolean() ? k : between(r, 1, 4);
            int stride = between(r, 1, 3);
            int dil = r.nextInt(4) == 0 ? 2 : 1;
            int pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            int h = between(r, (k - 1) * dil + 1, 14);
            int w = between(r, (kw - 1) * dil + 1, 14);
            int inC = between(r, 1, 9);
            int outC = between(r, 1, 11);
            if (c % 5 == 0) { // exercise the direct 1x1 path
                k = 1;
                kw = 1;
                stride = 1;
            }
            m.input(between(r, 1, 2), h, w, inC).constant(outC, k, kw, inC);
            if (r.nextBoolean()) {
                m.constant(outC);
            } else {
                m.none();
            }
            m.op(BuiltinOp.CONV_2D, OptionsSchema.create("Conv2DOptions", "padding", pad, "stride_w", stride,
                    "stride_h", stride, "fused_activation_function", r.nextInt(4), "dilation_w_factor", dil,
                    "dilation_h_factor", dil));
            check(m, Tolerance.CLOSE, "CONV_2D case " + c);
        }
    }

    /**
     * Convolutions with randomized, independent strides, dilations and paddings per axis, over both
     * sides of the planar path's output-channel limit (planar below it; im2col or direct 1x1 GEMM
     * above it, the direct one split by columns when there are few pixels).
     */
    @Test
    void conv2dAcrossPaths() {
        for (int c = 0; c < CASES; c++) {
            OneOp m = new OneOp(600 + c);
            Random r = m.random();
            int kh = between(r, 1, 5);
            int kw = between(r, 1, 5);
            int sh = between(r, 1, 3);
            int sw = between(r, 1, 3);
            int dh = between(r, 1, 3);
            int dw = between(r, 1, 3);
            int outC = c % 2 == 0 ? between(r, 1, Conv2D.PLANAR_MAX_OUT_C) : between(r, Conv2D.PLANAR_MAX_OUT_C + 1, 150);
            int inC = between(r, 1, 40);
            int h = between(r, (kh - 1) * dh + 1, 20);
            int w = between(r, (kw - 1) * dw + 1, 20);
            if (c % 4 == 1) { // direct 1x1 with few pixels and wide output: column split
                kh = 1;
                kw = 1;
                sh = 1;
                sw = 1;
                h = between(r, 1, 4);
                w = between(r, 1, 4);
                inC = between(r, 100, 300);
                outC = between(r, 200, 500);
            }
            m.input(1, h, w, inC).constant(outC, kh, kw, inC);
            if (r.nextBoolean()) {
                m.constant(outC);
            } else {
                m.none();
            }
            m.op(BuiltinOp.CONV_2D, OptionsSchema.create("Conv2DOptions", "padding", r.nextInt(2), "stride_w", sw,
                    "stride_h", sh, "fused_activation_function", r.nextInt(4), "dilation_w_factor", dw,
                    "dilation_h_factor", dh));
            check(m, Tolerance.CLOSE, "CONV_2D paths case " + c);
        }
    }

    /**
     * One input channel, stride 1, SAME padding: the planar path copies whole shifted images per tap;
     * batches and sizes make tiles start and end inside images.
     */
    @Test
    void conv2dSingleChannelShiftedPlanes() {
        for (int c = 0; c < CASES / 2; c++) {
            OneOp m = new OneOp(800 + c);
            Random r = m.random();
            int kh = between(r, 1, 5);
            int kw = between(r, 1, 5);
            int dh = between(r, 1, 2);
            int dw = between(r, 1, 2);
            int h = between(r, 1, 45);
            int w = between(r, 1, 45);
            m.input(between(r, 1, 3), h, w, 1).constant(between(r, 1, Conv2D.PLANAR_MAX_OUT_C), kh, kw, 1);
            m.none();
            m.op(BuiltinOp.CONV_2D, OptionsSchema.create("Conv2DOptions", "padding", Padding.SAME, "stride_w", 1,
                    "stride_h", 1, "fused_activation_function", r.nextInt(4), "dilation_w_factor", dw,
                    "dilation_h_factor", dh));
            check(m, Tolerance.CLOSE, "CONV_2D shifted planes case " + c);
        }
    }

    @Test
    void depthwiseConv2d() {
        for (int c = 0; c < CASES; c++) {
            OneOp m = new OneOp(100 + c);
            Random r = m.random();
            int k = between(r, 1, 5);
            int stride = between(r, 1, 2);
            int dil = r.nextInt(4) == 0 ? 2 : 1;
            int mult = r.nextInt(3) == 0 ? 2 : 1;
            int inC = between(r, 1, 17);
            int h = between(r, (k - 1) * dil + 1, 12);
            m.input(1, h, h + 1, inC).constant(1, k, k, inC * mult).constant(inC * mult);
            m.op(BuiltinOp.DEPTHWISE_CONV_2D, OptionsSchema.create("DepthwiseConv2DOptions",
                    "padding", r.nextInt(2), "stride_w", stride, "stride_h", stride, "depth_multiplier", mult,
                    "fused_activation_function", r.nextInt(4), "dilation_w_factor", dil, "dilation_h_factor", dil));
            check(m, Tolerance.CLOSE, "DEPTHWISE_CONV_2D case " + c);
        }
    }

    @Test
    void fullyConnected() {
        for (int c = 0; c < CASES; c++) {
            OneOp m = new OneOp(200 + c);
            Random r = m.random();
            int depth = between(r, 1, 300);
            int units = between(r, 1, 300);
            int batch = between(r, 1, 9);
            m.input(batch, depth).constant(units, depth);
            if (r.nextBoolean()) {
                m.constant(units);
            }
            m.op(BuiltinOp.FULLY_CONNECTED, OptionsSchema.create("FullyConnectedOptions",
                    "fused_activation_function", r.nextInt(4)));
            check(m, Tolerance.CLOSE, "FULLY_CONNECTED case " + c);
        }
    }

    /** Few rows against many units: the fused product splits the columns over the workers. */
    @Test
    void fullyConnectedSplitByColumns() {
        for (int c = 0; c < CASES / 4; c++) {
            OneOp m = new OneOp(700 + c);
            Random r = m.random();
            int depth = between(r, 200, 700);
            int units = between(r, 300, 1100);
            int batch = between(r, 1, 3);
            m.input(batch, depth).constant(units, depth);
            if (r.nextBoolean()) {
                m.constant(units);
            }
            m.op(BuiltinOp.FULLY_CONNECTED, OptionsSchema.create("FullyConnectedOptions",
                    "fused_activation_function", r.nextInt(4)));
            check(m, Tolerance.CLOSE, "FULLY_CONNECTED by columns case " + c);
        }
    }

    @Test
    void batchMatMul() {
        for (int c = 0; c < CASES; c++) {
            OneOp m = new OneOp(300 + c);
            Random r = m.random();
            int mm = between(r, 1, 9);
            int kk = between(r, 1, 40);
            int nn = between(r, 1, 300);
            boolean adjX = r.nextBoolean();
            boolean adjY = r.nextBoolean();
            int b = between(r, 1, 3);
            int[] lhs = adjX ? new int[] {b, kk, mm} : new int[] {b, mm, kk};
            int[] rhs = adjY ? new int[] {nn, kk} : new int[] {kk, nn};
            if (r.nextBoolean()) {
                rhs = adjY ? new int[] {b, nn, kk} : new int[] {b, kk, nn};
            }
            m.input(lhs);
            if (r.nextBoolean()) {
                m.constant(rhs);
            } else {
                m.input(rhs);
            }
            m.op(BuiltinOp.BATCH_MATMUL, OptionsSchema.create("BatchMatMulOptions", "adj_x", adjX, "adj_y", adjY));
            check(m, Tolerance.EXACT, "BATCH_MATMUL case " + c);
        }
    }

    @Test
    void pools() {
        for (int c = 0; c < CASES; c++) {
            OneOp m = new OneOp(400 + c);
            Random r = m.random();
            int f = between(r, 1, 4);
            int h = between(r, f, 13);
            m.input(between(r, 1, 2), h, between(r, f, 13), c % 3 == 0 ? between(r, Pool2D.WIDE, 48) : between(r, 1, 12));
            Model model = m.op(c % 2 == 0 ? BuiltinOp.MAX_POOL_2D : BuiltinOp.AVERAGE_POOL_2D,
                    OptionsSchema.create("Pool2DOptions", "padding", r.nextInt(2), "stride_w", between(r, 1, 3),
                            "stride_h", between(r, 1, 3), "filter_width", f, "filter_height", between(r, 1, f),
                            "fused_activation_function", r.nextInt(4)));
            check(m, Tolerance.EXACT, model.main().operators().get(0).opName() + " case " + c);
        }
    }

    /**
     * The few-channel pool rows (interior columns without bounds, 2x2 windows unrolled, comparison
     * clamp) on shapes aimed at them and their edges: 2x2 and 3x3 windows at strides 1 to 3, SAME
     * padding, odd sizes, 1 to 40 channels (across {@link Pool2D#WIDE}), every fused activation, and
     * inputs with signed zeros, infinities and NaN. Held to identical bits (signed zeros and NaN
     * included), stricter than {@link Tolerance#EXACT}.
     */
    @Test
    void poolRowsKeepTheReferenceBits() {
        int[][] windows = {{2, 2, 2, 2}, {2, 2, 1, 1}, {3, 3, 2, 2}, {3, 3, 1, 1}, {2, 2, 3, 3}, {3, 2, 2, 1},
            {1, 1, 2, 2}, {4, 3, 2, 3}};
        for (int c = 0; c < 64; c++) {
            OneOp m = new OneOp(900 + c);
            Random r = m.random();
            int[] win = windows[c % windows.length];
            m.input(between(r, 1, 2), win[0] + r.nextInt(9), win[1] + r.nextInt(9), between(r, 1, 40));
            if (c % 4 != 0) {
                m.specialValues(8);
            }
            Model model = m.op((c / windows.length) % 2 == 0 ? BuiltinOp.MAX_POOL_2D : BuiltinOp.AVERAGE_POOL_2D,
                    OptionsSchema.create("Pool2DOptions", "padding", r.nextInt(2), "stride_h", win[2],
                            "stride_w", win[3], "filter_height", win[0], "filter_width", win[1],
                            "fused_activation_function", r.nextInt(4)));
            String what = model.main().operators().get(0).opName() + " case " + c;
            TensorValue ref = m.run(true, 1);
            TensorValue fast = m.run(false, 3);
            assertArrayEquals(ref.shape(), fast.shape(), what + " shape");
            float[] e = ref.floats();
            float[] a = fast.floats();
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                    org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " expected " + e[i] + " got " + a[i]);
                }
            }
        }
    }

    @Test
    void broadcastingArithmetic() {
        int[] ops = {BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.DIV, BuiltinOp.MAXIMUM,
            BuiltinOp.MINIMUM, BuiltinOp.SQUARED_DIFFERENCE};
        for (int c = 0; c < CASES * 2; c++) {
            OneOp m = new OneOp(500 + c);
            Random r = m.random();
            int rank = between(r, 0, 5);
            int[] a = new int[rank];
            int[] b = new int[between(r, 0, rank)];
            for (int i = 0; i < rank; i++) {
                a[i] = between(r, 1, 6);
            }
            for (int i = 0; i < b.length; i++) {
                int ai = a[rank - b.length + i];
                b[i] = r.nextInt(3) == 0 ? 1 : ai;
                if (r.nextInt(4) == 0) {
                    a[rank - b.length + i] = 1;
                    b[i] = ai;
                }
            }
            m.input(a);
            if (r.nextBoolean()) {
                m.constant(b);
            } else {
                m.input(b);
            }
            int op = ops[c % ops.length];
            String table = switch (op) {
                case BuiltinOp.ADD -> "AddOptions";
                case BuiltinOp.SUB -> "SubOptions";
                case BuiltinOp.MUL -> "MulOptions";
                case BuiltinOp.DIV -> "DivOptions";
                default -> null;
            };
            m.op(op, table == null ? null : OptionsSchema.create(table, "fused_activation_function", r.nextInt(4)));
            check(m, Tolerance.EXACT, dev.quanta.engine.graph.BuiltinOp.name(op) + " case " + c);
        }
    }

    /** Shapes big enough that every kernel really splits its work over the 3 workers. */
    @Test
    void largeShapesSplitAcrossWorkers() {
        OneOp conv = new OneOp(900);
        conv.input(1, 40, 40, 16).constant(32, 3, 3, 16).constant(32);
        conv.op(BuiltinOp.CONV_2D, OptionsSchema.create("Conv2DOptions", "padding", Padding.SAME, "stride_w", 1,
                "stride_h", 1, "fused_activation_function", 3));
        check(conv, Tolerance.CLOSE, "large CONV_2D");
        OneOp dw = new OneOp(901);
        dw.input(1, 40, 40, 64).constant(1, 3, 3, 64).constant(64);
        dw.op(BuiltinOp.DEPTHWISE_CONV_2D, OptionsSchema.create("DepthwiseConv2DOptions", "padding", Padding.SAME,
                "stride_w", 1, "stride_h", 1, "depth_multiplier", 1, "fused_activation_function", 3));
        check(dw, Tolerance.CLOSE, "large DEPTHWISE_CONV_2D");
        // 1x1 convolutions multiplied directly, rows split over the workers: one depth block, and
        // several depth blocks with 64-row blocks
        OneOp pw = new OneOp(905);
        pw.input(1, 30, 30, 96).constant(130, 1, 1, 96).constant(130);
        pw.op(BuiltinOp.CONV_2D, OptionsSchema.create("Conv2DOptions", "padding", Padding.VALID, "stride_w", 1,
                "stride_h", 1, "fused_activation_function", 0));
        check(pw, Tolerance.CLOSE, "large 1x1 CONV_2D");
        OneOp deep = new OneOp(906);
        deep.input(1, 15, 13, 700).constant(520, 1, 1, 700);
        deep.none();
        deep.op(BuiltinOp.CONV_2D, OptionsSchema.create("Conv2DOptions", "padding", Padding.SAME, "stride_w", 1,
                "stride_h", 1, "fused_activation_function", 1));
        check(deep, Tolerance.CLOSE, "large deep 1x1 CONV_2D");
        OneOp fcRows = new OneOp(907);
        fcRows.input(203, 333).constant(150, 333);
        fcRows.op(BuiltinOp.FULLY_CONNECTED, OptionsSchema.create("FullyConnectedOptions"));
        check(fcRows, Tolerance.CLOSE, "large-batch FULLY_CONNECTED");
        OneOp fc = new OneOp(902);
        fc.input(64, 300).constant(300, 300).constant(300);
        fc.op(BuiltinOp.FULLY_CONNECTED, OptionsSchema.create("FullyConnectedOptions"));
        check(fc, Tolerance.CLOSE, "large FULLY_CONNECTED");
        OneOp bmm = new OneOp(903);
        bmm.input(2, 64, 300).input(2, 300, 200);
        bmm.op(BuiltinOp.BATCH_MATMUL, OptionsSchema.create("BatchMatMulOptions"));
        check(bmm, Tolerance.EXACT, "large BATCH_MATMUL");
        OneOp pool = new OneOp(904);
        pool.input(1, 80, 80, 64);
        pool.op(BuiltinOp.MAX_POOL_2D, OptionsSchema.create("Pool2DOptions", "padding", Padding.SAME, "stride_w", 1,
                "stride_h", 1, "filter_width", 3, "filter_height", 3));
        check(pool, Tolerance.EXACT, "large MAX_POOL_2D");
        // 2x2 windows over few channels (the unrolled path), odd sizes so SAME pads the last row/column
        for (int op : new int[] {BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.MAX_POOL_2D}) {
            OneOp small = new OneOp(908 + op);
            small.input(2, 29, 27, 8);
            small.op(op, OptionsSchema.create("Pool2DOptions", "padding", Padding.SAME, "stride_w", 2,
                    "stride_h", 2, "filter_width", 2, "filter_height", 2, "fused_activation_function", 0));
            check(small, Tolerance.EXACT, "2x2 " + BuiltinOp.name(op));
        }
    }
}
