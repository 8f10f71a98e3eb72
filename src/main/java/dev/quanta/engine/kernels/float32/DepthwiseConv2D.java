package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.Parallel;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Float DEPTHWISE_CONV_2D: NHWC input, filter {@code (1, fh, fw, inC * multiplier)}, output channel
 * {@code ic * multiplier + m} reads input channel {@code ic}. The fast path accumulates a whole output
 * row at a time, tap by tap in the reference's order (padded taps add zeros the reference skips),
 * with weights pre-expanded along the row so the inner loop vectorizes; rows are spread over the
 * workers. Non-constant filters run the reference.
 */
public final class DepthwiseConv2D implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot filter = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        KernelException.require(in != null && filter != null, "DEPTHWISE_CONV_2D needs an input and a filter");
        KernelException.require(in.type() == DType.FLOAT32 && filter.type() == DType.FLOAT32,
                "float DEPTHWISE_CONV_2D needs FLOAT32 input and filter, got " + in.type() + " and " + filter.type());
        KernelException.require(filter.rank() == 4 && filter.dim(0) == 1,
                "filter must be 4-D (1, h, w, channels), got rank " + filter.rank());
        KernelException.require(in.rank() == 4, "input must be 4-D NHWC, got rank " + in.rank());
        int outC = filter.dim(3);
        int inC = in.dim(3);
        KernelException.require(inC > 0 && outC % inC == 0, "filter channels " + outC
                + " are not a multiple of input channels " + inC);
        int mult = outC / inC;
        KernelException.require(bias == null || (bias.type() == DType.FLOAT32 && bias.size() == outC),
                "bias must be FLOAT32 with " + outC + " elements");
        ConvGeometry g = ConvGeometry.of(node, in.shape(), filter.dim(1), filter.dim(2), true);
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), outC});
        Activation act = Activation.of(node);
        float min = act.clampMin();
        float max = act.clampMax();
        if (node.reference()) {
            return p -> reference(g, mult, in.floats(), in.offset(), filter.floats(), filter.offset(),
                    bias == null ? null : bias.floats(), bias == null ? 0 : bias.offset(),
                    out.floats(), out.offset(), min, max);
        }
        if (!filter.isConstant() || (bias != null && !bias.isConstant())) {
            return p -> reference(g, mult, in.floats(), in.offset(), filter.floats(), filter.offset(),
                    bias == null ? null : bias.floats(), bias == null ? 0 : bias.offset(),
                    out.floats(), out.offset(), min, max);
        }
        if (Fma.FAST) {
            Blocks blocks = new Blocks(g, mult, filter.floats(), filter.offset(), bias == null ? null : bias.floats(),
                    bias == null ? 0 : bias.offset(), node.threads());
            return p -> fused(g, mult, in, blocks, out, min, max, p);
        }
        Rows rows = new Rows(g, mult, filter.floats(), filter.offset(), bias == null ? null : bias.floats(),
                bias == null ? 0 : bias.offset(), node.threads());
        return p -> fast(g, mult, in, rows, bias != null, out, min, max, p);
    }

    /** The definition, as TFLite's reference kernel. */
    public static void reference(ConvGeometry g, int mult, float[] in, int io, float[] filter, int fo,
                                 float[] bias, int bo, float[] out, int oo, float min, float max) {
        int inC = g.inC();
        int outC = inC * mult;
        for (int b = 0; b < g.batch(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ic = 0; ic < inC; ic++) {
                        for (int m = 0; m < mult; m++) {
                            int oc = m + ic * mult;
                            int y0 = oy * g.strideH() - g.padTop();
                            int x0 = ox * g.strideW() - g.padLeft();
                            float total = 0f;
                            for (int fy = 0; fy < g.filterH(); fy++) {
                                for (int fx = 0; fx < g.filterW(); fx++) {
                                    int y = y0 + g.dilationH() * fy;
                                    int x = x0 + g.dilationW() * fx;
                                    if (y >= 0 && y < g.inH() && x >= 0 && x < g.inW()) {
                                        total += in[io + ((b * g.inH() + y) * g.inW() + x) * inC + ic]
                                                * filter[fo + (fy * g.filterW() + fx) * outC + oc];
                                    }
                                }
                            }
                            float bv = bias == null ? 0f : bias[bo + oc];
                            out[oo + ((b * g.outH() + oy) * g.outW() + ox) * outC + oc] =
                                    Activation.clamp(total + bv, min, max);
                        }
                    }
                }
            }
        }
    }

    /**
     * Per-node state of the fast path: weights and bias expanded along an output row (so every inner
     * loop runs over arrays indexed by the loop variable alone, which C2 vectorizes) and per-worker
     * accumulator and input-gather rows.
     */
    static final class Rows {
        final float[][] weights; // [tap][ox * outC + c] = filter[tap][c]
        final float[] bias;      // [ox * outC + c] = bias[c], or zeros
        final float[][] acc;     // [worker][outW * outC]
        final float[][] gather;  // [worker][outW * outC]

        Rows(ConvGeometry g, int mult, float[] w, int wo, float[] b, int bo, int threads) {
            int outC = g.inC() * mult;
            int width = g.outW() * outC;
            int taps = g.filterH() * g.filterW();
            weights = new float[taps][width];
            bias = new float[width];
            for (int ox = 0; ox < g.outW(); ox++) {
                for (int t = 0; t < taps; t++) {
                    System.arraycopy(w, wo + t * outC, weights[t], ox * outC, outC);
                }
                if (b != null) {
                    System.arraycopy(b, bo, bias, ox * outC, outC);
                }
            }
            acc = new float[threads][width];
            gather = new float[threads][width];
        }
    }

    /**
     * Per-node state of the fused path: an output row is done in blocks of {@link Blocks#pixels}
     * pixels ({@code len = pixels * outC} floats, about {@link #BLOCK}); weights and bias are expanded
     * along one block, and each worker has one gather row per filter tap, an accumulator row and a
     * zero row (for taps above or below the input).
     */
    static final class Blocks {
        final int pixels;
        final int len;
        final float[][] weights; // [tap][p * outC + c] = filter[tap][c]
        final float[] bias;      // [p * outC + c] = bias[c], or zeros
        final float[] zeros;
        final float[][][] taps;  // [worker][tap][len]
        final float[][] acc;     // [worker][len]

        Blocks(ConvGeometry g, int mult, float[] w, int wo, float[] b, int bo, int threads) {
            int outC = g.inC() * mult;
            int taps = g.filterH() * g.filterW();
            pixels = Math.max(1, Math.min(g.outW(), BLOCK / outC));
            len = pixels * outC;
            weights = new float[taps][len];
            bias = new float[len];
            for (int q = 0; q < pixels; q++) {
                for (int t = 0; t < taps; t++) {
                    System.arraycopy(w, wo + t * outC, weights[t], q * outC, outC);
                }
                if (b != null) {
                    System.arraycopy(b, bo, bias, q * outC, outC);
                }
            }
            zeros = new float[len];
            this.taps = new float[threads][taps][len];
            acc = new float[threads][len];
        }
    }

    /** Floats per block of the fused path (measured on MobileNet: 512 to 2048 are alike, 256 slower). */
    static final int BLOCK = 512;

    /**
     * The fused path: for each block of an output row, gather the input each filter tap reads (plain
     * copies, zeros where the window leaves the input), then accumulate the taps in the reference's
     * order with fused multiply-adds, three taps per pass over the block, add the bias and clamp.
     * A tap outside the input adds {@code fma(0, w, acc) = acc}, like the reference's skip.
     */
    static void fused(ConvGeometry g, int mult, TensorSlot in, Blocks st, TensorSlot out, float min, float max,
                      Parallel p) {
        float[] x = in.floats();
        float[] y = out.floats();
        int xo = in.offset();
        int yo = out.offset();
        int outC = g.inC() * mult;
        int outW = g.outW();
        int fw = g.filterW();
        int ntaps = g.filterH() * fw;
        int nrows = g.batch() * g.outH();
        p.forRange(nrows, Parallel.minChunk((long) outW * outC * ntaps), (from, to, worker) -> {
            float[][] taps = st.taps[worker];
            float[] acc = st.acc[worker];
            float[][] src = new float[ntaps][];
            for (int row = from; row < to; row++) {
                int b = row / g.outH();
                int oy = row % g.outH();
                int y0 = oy * g.strideH() - g.padTop();
                for (int ox0 = 0; ox0 < outW; ox0 += st.pixels) {
                    int ox1 = Math.min(outW, ox0 + st.pixels);
                    int len = (ox1 - ox0) * outC;
                    for (int fy = 0; fy < g.filterH(); fy++) {
                        int yy = y0 + g.dilationH() * fy;
                        for (int fx = 0; fx < fw; fx++) {
                            int t = fy * fw + fx;
                            if (yy < 0 || yy >= g.inH()) {
                                src[t] = st.zeros;
                            } else {
                                int inRow = xo + (b * g.inH() + yy) * g.inW() * g.inC();
                                src[t] = gatherBlock(g, mult, x, inRow, fx, ox0, ox1, taps[t]) ? taps[t] : st.zeros;
                            }
                        }
                    }
                    accumulate(src, st.weights, ntaps, len, acc);
                    float[] bias = st.bias;
                    for (int j = 0; j < len; j++) {
                        acc[j] = Math.min(Math.max(acc[j] + bias[j], min), max);
                    }
                    System.arraycopy(acc, 0, y, yo + (row * outW + ox0) * outC, len);
                }
            }
        });
    }

    /** acc = the fused chain over all taps in order, starting from 0. */
    private static void accumulate(float[][] t, float[][] w, int ntaps, int len, float[] acc) {
        int k = 0;
        if (ntaps >= 3) {
            float[] t0 = t[0];
            float[] t1 = t[1];
            float[] t2 = t[2];
            float[] w0 = w[0];
            float[] w1 = w[1];
            float[] w2 = w[2];
            for (int j = 0; j < len; j++) {
                acc[j] = Math.fma(t2[j], w2[j], Math.fma(t1[j], w1[j], Math.fma(t0[j], w0[j], 0f)));
            }
            k = 3;
        } else {
            java.util.Arrays.fill(acc, 0, len, 0f);
        }
        for (; k + 3 <= ntaps; k += 3) {
            float[] t0 = t[k];
            float[] t1 = t[k + 1];
            float[] t2 = t[k + 2];
            float[] w0 = w[k];
            float[] w1 = w[k + 1];
            float[] w2 = w[k + 2];
            for (int j = 0; j < len; j++) {
                acc[j] = Math.fma(t2[j], w2[j], Math.fma(t1[j], w1[j], Math.fma(t0[j], w0[j], acc[j])));
            }
        }
        for (; k < ntaps; k++) {
            float[] t0 = t[k];
            float[] w0 = w[k];
            for (int j = 0; j < len; j++) {
                acc[j] = Math.fma(t0[j], w0[j], acc[j]);
            }
        }
    }

    /**
     * {@code tmp[(ox - ox0) * outC + c]} = the input element tap column {@code fx} reads for output
     * column ox in {@code [ox0, ox1)}, 0 outside the input. False (tmp untouched) when every one is outside.
     */
    private static boolean gatherBlock(ConvGeometry g, int mult, float[] x, int inRow, int fx, int ox0, int ox1,
                                       float[] tmp) {
        int inC = g.inC();
        int outC = inC * mult;
        int sw = g.strideW();
        int xs = fx * g.dilationW() - g.padLeft();
        int lo = Math.max(ox0, -Math.floorDiv(xs, sw));
        int hi = Math.min(ox1, -Math.floorDiv(xs - g.inW(), sw));
        if (lo >= hi) {
            return false;
        }
        java.util.Arrays.fill(tmp, 0, (lo - ox0) * outC, 0f);
        if (mult == 1 && sw == 1) {
            System.arraycopy(x, inRow + (lo + xs) * inC, tmp, (lo - ox0) * inC, (hi - lo) * inC);
        } else {
            for (int ox = lo; ox < hi; ox++) {
                int s = inRow + (ox * sw + xs) * inC;
                int d = (ox - ox0) * outC;
                if (mult == 1) {
                    System.arraycopy(x, s, tmp, d, inC);
                } else {
                    for (int c = 0; c < outC; c++) {
                        tmp[d + c] = x[s + c / mult];
                    }
                }
            }
        }
        java.util.Arrays.fill(tmp, (hi - ox0) * outC, (ox1 - ox0) * outC, 0f);
        return true;
    }

    static void fast(ConvGeometry g, int mult, TensorSlot in, Rows rows, boolean hasBias, TensorSlot out,
                     float min, float max, Parallel p) {
        float[] x = in.floats();
        float[] y = out.floats();
        int xo = in.offset();
        int yo = out.offset();
        int inC = g.inC();
        int outC = inC * mult;
        int outW = g.outW();
        int width = outW * outC;
        int nrows = g.batch() * g.outH();
        p.forRange(nrows, Parallel.minChunk((long) width * g.filterH() * g.filterW()), (from, to, worker) -> {
            float[] acc = rows.acc[worker];
            float[] tmp = rows.gather[worker];
            float[] bias = rows.bias;
            for (int row = from; row < to; row++) {
                int b = row / g.outH();
                int oy = row % g.outH();
                int y0 = oy * g.strideH() - g.padTop();
                java.util.Arrays.fill(acc, 0, width, 0f);
                for (int fy = 0; fy < g.filterH(); fy++) {
                    int yy = y0 + g.dilationH() * fy;
                    if (yy < 0 || yy >= g.inH()) {
                        continue;
                    }
                    int inRow = xo + (b * g.inH() + yy) * g.inW() * inC;
                    for (int fx = 0; fx < g.filterW(); fx++) {
                        gatherRow(g, mult, x, inRow, fx, tmp);
                        float[] w = rows.weights[fy * g.filterW() + fx];
                        for (int j = 0; j < width; j++) {
                            acc[j] += tmp[j] * w[j];
                        }
                    }
                }
                int dst = yo + row * width;
                if (hasBias) {
                    for (int j = 0; j < width; j++) {
                        y[dst + j] = Math.min(Math.max(acc[j] + bias[j], min), max);
                    }
                } else {
                    for (int j = 0; j < width; j++) {
                        y[dst + j] = Math.min(Math.max(acc[j] + 0f, min), max);
                    }
                }
            }
        });
    }

    /** tmp[ox * outC + c] = the input element tap {@code fx} reads for output column ox (0 outside the input). */
    private static void gatherRow(ConvGeometry g, int mult, float[] x, int inRow, int fx, float[] tmp) {
        int inC = g.inC();
        int outC = inC * mult;
        int x0 = fx * g.dilationW() - g.padLeft();
        if (mult == 1 && g.strideW() == 1) {
            // one contiguous run of input pixels, zeros where the window leaves the input
            int lo = Math.max(0, -x0);
            int hi = Math.min(g.outW(), g.inW() - x0);
            if (lo >= hi) {
                java.util.Arrays.fill(tmp, 0, g.outW() * outC, 0f);
                return;
            }
            java.util.Arrays.fill(tmp, 0, lo * outC, 0f);
            System.arraycopy(x, inRow + (x0 + lo) * inC, tmp, lo * outC, (hi - lo) * outC);
            java.util.Arrays.fill(tmp, hi * outC, g.outW() * outC, 0f);
            return;
        }
        for (int ox = 0; ox < g.outW(); ox++) {
            int xx = x0 + ox * g.strideW();
            int d = ox * outC;
            if (xx < 0 || xx >= g.inW()) {
                java.util.Arrays.fill(tmp, d, d + outC, 0f);
            } else if (mult == 1) {
                System.arraycopy(x, inRow + xx * inC, tmp, d, inC);
            } else {
                int s = inRow + xx * inC;
                for (int c = 0; c < outC; c++) {
                    tmp[d + c] = x[s + c / mult];
                }
            }
        }
    }
}
