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
 * Float CONV_2D: NHWC input, OHWI filter, optional bias, SAME/VALID padding, stride, dilation and a
 * fused activation. Fast paths (constant filter):
 * <ul>
 *   <li>planar (few output channels, {@link Fma#FAST}): transposed patches per tile of output pixels,
 *       the vector loop running over pixels ({@link #planar});</li>
 *   <li>a 1x1 stride-1 unpadded convolution multiplies the input directly with
 *       {@link Gemm#multiplyFused(dev.quanta.engine.kernels.Parallel, int, float[], int, int, Gemm.Panels,
 *       float[], int, float, float, float[], int, int, float[][][])}, split over the workers by rows or columns;</li>
 *   <li>otherwise im2col + {@link Gemm} on tiles of output pixels spread over the workers.</li>
 * </ul>
 * With {@link Fma#FAST} every path accumulates each output as a fused multiply-add chain over
 * (fy, fx, ic) in order, then adds the bias and clamps; without it the unfused {@link Gemm#multiply}.
 */
public final class Conv2D implements Kernel {
    /** Output pixels per im2col tile. */
    static final int TILE = 32;
    /** Output channels up to which a non-1x1 convolution takes the planar path (with fused multiply-adds). */
    static final int PLANAR_MAX_OUT_C = 32;
    /**
     * The same limit for 1x1 stride-1 convolutions, which otherwise multiply the input directly: the
     * planar path only pays where GEMM rows are too short to vectorize well (measured on MobileNet:
     * 64 output channels faster planar, 128 faster as GEMM).
     */
    static final int PLANAR_MAX_DIRECT_OUT_C = 64;
    /** Output pixels per planar tile. */
    static final int PLANAR_TILE = 1024;

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot filter = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        KernelException.require(in != null && filter != null, "CONV_2D needs an input and a filter");
        KernelException.require(in.type() == DType.FLOAT32 && filter.type() == DType.FLOAT32,
                "float CONV_2D needs FLOAT32 input and filter, got " + in.type() + " and " + filter.type());
        KernelException.require(filter.rank() == 4, "filter must be 4-D OHWI, got rank " + filter.rank());
        KernelException.require(filter.dim(3) == in.dim(3), "filter has " + filter.dim(3) + " input channels but the input has "
                + in.dim(3));
        int outC = filter.dim(0);
        KernelException.require(bias == null || (bias.type() == DType.FLOAT32 && bias.size() == outC),
                "bias must be FLOAT32 with " + outC + " elements");
        ConvGeometry g = ConvGeometry.of(node, in.shape(), filter.dim(1), filter.dim(2), true);
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), outC});
        Activation act = Activation.of(node);
        float min = act.clampMin();
        float max = act.clampMax();
        if (node.reference() || !filter.isConstant()) {
            return p -> reference(g, outC, in.floats(), in.offset(), filter.floats(), filter.offset(),
                    bias == null ? null : bias.floats(), bias == null ? 0 : bias.offset(),
                    out.floats(), out.offset(), min, max);
        }
        int k = g.filterH() * g.filterW() * g.inC();
        boolean direct = g.filterH() == 1 && g.filterW() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padLeft() == 0 && g.outH() == g.inH() && g.outW() == g.inW();
        if (Fma.FAST && outC <= (direct ? PLANAR_MAX_DIRECT_OUT_C : PLANAR_MAX_OUT_C)) {
            Planar planar = new Planar(g, k, outC, filter.floats(), filter.offset(), node.threads());
            return p -> planar(g, planar, in, bias, out, min, max, p);
        }
        Gemm.Packed packed = Fma.FAST ? null : Gemm.packWeights(filter.floats(), filter.offset(), outC, k);
        Gemm.Panels panels = Fma.FAST ? Gemm.Panels.pack(filter.floats(), filter.offset(), outC, k) : null;
        float[][][] acc = Fma.FAST ? Gemm.fusedAccumulators(node.threads(), outC) : Gemm.accumulators(node.threads(), outC);
        TensorSlot scratch = direct ? null : node.scratch(DType.FLOAT32, node.threads() * TILE * k);
        return p -> fast(g, k, direct, in, packed, panels, bias, out, scratch, acc, min, max, p);
    }

    /** The definition, as TFLite's reference kernel. */
    public static void reference(ConvGeometry g, int outC, float[] in, int io, float[] filter, int fo,
                                 float[] bias, int bo, float[] out, int oo, float min, float max) {
        int inC = g.inC();
        for (int b = 0; b < g.batch(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    int y0 = oy * g.strideH() - g.padTop();
                    int x0 = ox * g.strideW() - g.padLeft();
                    for (int oc = 0; oc < outC; oc++) {
                        float total = 0f;
                        for (int fy = 0; fy < g.filterH(); fy++) {
                            int y = y0 + g.dilationH() * fy;
                            for (int fx = 0; fx < g.filterW(); fx++) {
                                int x = x0 + g.dilationW() * fx;
                                if (y < 0 || y >= g.inH() || x < 0 || x >= g.inW()) {
                                    continue;
                                }
                                for (int ic = 0; ic < inC; ic++) {
                                    total += in[io + ((b * g.inH() + y) * g.inW() + x) * inC + ic]
                                            * filter[fo + ((oc * g.filterH() + fy) * g.filterW() + fx) * inC + ic];
                                }
                            }
                        }
                        float bv = bias == null ? 0f : bias[bo + oc];
                        out[oo + ((b * g.outH() + oy) * g.outW() + ox) * outC + oc] = Activation.clamp(total + bv, min, max);
                    }
                }
            }
        }
    }

    static void fast(ConvGeometry g, int k, boolean direct, TensorSlot in, Gemm.Packed packed, Gemm.Panels panels,
                     TensorSlot bias,
                     TensorSlot out, TensorSlot scratch, float[][][] acc, float min, float max, Parallel p) {
        float[] x = in.floats();
        float[] y = out.floats();
        int xo = in.offset();
        int yo = out.offset();
        float[] bv = bias == null ? null : bias.floats();
        int bo = bias == null ? 0 : bias.offset();
        int outC = panels != null ? panels.n() : packed.n();
        int pixels = g.outPixels();
        if (direct && panels != null) {
            Gemm.multiplyFused(p, pixels, x, xo, k, panels, bv, bo, min, max, y, yo, outC, acc);
            return;
        }
        int tiles = (pixels + TILE - 1) / TILE;
        p.forRange(tiles, Parallel.minChunk((long) TILE * k * outC), (from, to, worker) -> {
            for (int t = from; t < to; t++) {
                int p0 = t * TILE;
                int p1 = Math.min(pixels, p0 + TILE);
                if (direct) {
                    gemm(p0, p1, x, xo, k, packed, panels, bv, bo, min, max, y, yo, outC, acc[worker]);
                } else {
                    float[] col = scratch.floats();
                    int co = scratch.offset() + worker * TILE * k;
                    im2col(g, x, xo, p0, p1, col, co);
                    gemm(0, p1 - p0, col, co, k, packed, panels, bv, bo, min, max, y, yo + p0 * outC, outC, acc[worker]);
                }
            }
        });
    }

    private static void gemm(int row0, int row1, float[] a, int aOff, int lda, Gemm.Packed b, Gemm.Panels panels,
                             float[] bias, int biasOff, float min, float max, float[] c, int cOff, int ldc, float[][] acc) {
        if (panels != null) {
            Gemm.multiplyFused(row0, row1, a, aOff, lda, panels, bias, biasOff, min, max, c, cOff, ldc, acc);
        } else {
            Gemm.multiply(row0, row1, a, aOff, lda, b, bias, biasOff, min, max, c, cOff, ldc, acc);
        }
    }

    /**
     * State of the planar path: the filter as {@code [outC][k]} scalars and per-worker transposed patch
     * tiles ({@code k} rows of {@link #PLANAR_TILE} pixels) and accumulator rows.
     */
    static final class Planar {
        final float[][] w;       // [oc][k]
        final float[][][] cols;  // [worker][k][PLANAR_TILE]
        final float[][][] acc;   // [worker][Gemm.FR][PLANAR_TILE]

        Planar(ConvGeometry g, int k, int outC, float[] filter, int fo, int threads) {
            w = new float[outC][k];
            for (int oc = 0; oc < outC; oc++) {
                System.arraycopy(filter, fo + oc * k, w[oc], 0, k);
            }
            int tile = Math.min(PLANAR_TILE, g.outPixels());
            cols = new float[threads][k][tile];
            acc = new float[threads][Gemm.FR][tile];
        }
    }

    /**
     * The planar path for convolutions with few output channels, where a GEMM over output channels
     * would run on vectors too short to pay: {@code C^T = W · col^T} per tile of output pixels, the
     * vector loop running over pixels. Each output is the same fused chain over k in order as
     * {@link Gemm#multiplyFused} (padded taps add {@code fma(0, w, acc)}, which leaves acc unchanged).
     */
    static void planar(ConvGeometry g, Planar st, TensorSlot in, TensorSlot bias, TensorSlot out, float min, float max,
                       Parallel p) {
        float[] x = in.floats();
        float[] y = out.floats();
        int xo = in.offset();
        int yo = out.offset();
        float[] bv = bias == null ? null : bias.floats();
        int bo = bias == null ? 0 : bias.offset();
        int outC = st.w.length;
        int k = st.w[0].length;
        int tile = st.acc[0][0].length;
        int pixels = g.outPixels();
        int tiles = (pixels + tile - 1) / tile;
        p.forRange(tiles, Parallel.minChunk((long) tile * k * outC), (from, to, worker) -> {
            float[][] cols = st.cols[worker];
            float[][] acc = st.acc[worker];
            for (int t = from; t < to; t++) {
                int p0 = t * tile;
                int p1 = Math.min(pixels, p0 + tile);
                int np = p1 - p0;
                im2colT(g, x, xo, p0, p1, cols);
                int oc = 0;
                for (; oc < outC; oc += Gemm.FR) {
                    int rows = Math.min(Gemm.FR, outC - oc);
                    float[] w0 = st.w[oc];
                    float[] w1 = st.w[rows > 1 ? oc + 1 : oc];
                    float[] w2 = st.w[rows > 2 ? oc + 2 : oc];
                    float[] w3 = st.w[rows > 3 ? oc + 3 : oc];
                    float[] c0 = acc[0];
                    float[] c1 = acc[1];
                    float[] c2 = acc[2];
                    float[] c3 = acc[3];
                    java.util.Arrays.fill(c0, 0, np, 0f);
                    java.util.Arrays.fill(c1, 0, np, 0f);
                    java.util.Arrays.fill(c2, 0, np, 0f);
                    java.util.Arrays.fill(c3, 0, np, 0f);
                    int kk = 0;
                    for (; kk + 2 <= k; kk += 2) {
                        Gemm.fma2x4(0, np, cols[kk], cols[kk + 1], w0[kk], w0[kk + 1], w1[kk], w1[kk + 1],
                                w2[kk], w2[kk + 1], w3[kk], w3[kk + 1], c0, c1, c2, c3);
                    }
                    if (kk < k) {
                        Gemm.fma1x4(0, np, cols[kk], w0[kk], w1[kk], w2[kk], w3[kk], c0, c1, c2, c3);
                    }
                    for (int r = 0; r < rows; r++) {
                        float[] cr = acc[r];
                        float b = bv == null ? 0f : bv[bo + oc + r];
                        int dst = yo + p0 * outC + oc + r;
                        for (int q = 0; q < np; q++) {
                            y[dst + q * outC] = Math.min(Math.max(cr[q] + b, min), max);
                        }
                    }
                }
            }
        });
    }

    /**
     * {@code cols[kk][px - p0]} = patch element kk of output pixel px (zero outside the input), built
     * one output-row segment at a time: for each patch element, a strided copy along the row (a plain
     * array copy when it is contiguous) with zeros where the window leaves the input.
     */
    static void im2colT(ConvGeometry g, float[] x, int xo, int p0, int p1, float[][] cols) {
        int inC = g.inC();
        if (inC == 1 && g.strideH() == 1 && g.strideW() == 1 && g.outH() == g.inH() && g.outW() == g.inW()) {
            planeShifts(g, x, xo, p0, p1, cols);
            return;
        }
        int outW = g.outW();
        int sw = g.strideW();
        int px = p0;
        while (px < p1) {
            int ox0 = px % outW;
            int rest = px / outW;
            int oy = rest % g.outH();
            int b = rest / g.outH();
            int len = Math.min(outW - ox0, p1 - px);
            int q0 = px - p0;
            int y0 = oy * g.strideH() - g.padTop();
            int kk = 0;
            for (int fy = 0; fy < g.filterH(); fy++) {
                int yy = y0 + g.dilationH() * fy;
                if (yy < 0 || yy >= g.inH()) {
                    for (int t = 0; t < g.filterW() * inC; t++) {
                        java.util.Arrays.fill(cols[kk++], q0, q0 + len, 0f);
                    }
                    continue;
                }
                int rowBase = xo + (b * g.inH() + yy) * g.inW() * inC;
                for (int fx = 0; fx < g.filterW(); fx++) {
                    // input column of output column ox: ox * sw + xs; in range for ox in [lo, hi)
                    int xs = g.dilationW() * fx - g.padLeft();
                    int lo = Math.max(ox0, ceilDiv(-xs, sw));
                    int hi = Math.min(ox0 + len, ceilDiv(g.inW() - xs, sw));
                    for (int ic = 0; ic < inC; ic++) {
                        float[] col = cols[kk++];
                        if (lo >= hi) {
                            java.util.Arrays.fill(col, q0, q0 + len, 0f);
                            continue;
                        }
                        int d = q0 - ox0;
                        java.util.Arrays.fill(col, q0, lo + d, 0f);
                        if (inC == 1 && sw == 1) {
                            System.arraycopy(x, rowBase + lo + xs, col, lo + d, hi - lo);
                        } else {
                            int src = rowBase + (lo * sw + xs) * inC + ic;
                            int step = sw * inC;
                            for (int ox = lo; ox < hi; ox++, src += step) {
                                col[ox + d] = x[src];
                            }
                        }
                        java.util.Arrays.fill(col, hi + d, q0 + len, 0f);
                    }
                }
            }
            px += len;
        }
    }

    /**
     * {@link #im2colT} for one input channel, stride 1 and output size = input size (e.g. SAME
     * padding): within an image, the pixels a tap reads are the output pixels shifted by a constant,
     * so each tap is one copy per image, then the entries whose column wrapped around are zeroed.
     */
    private static void planeShifts(ConvGeometry g, float[] x, int xo, int p0, int p1, float[][] cols) {
        int w = g.inW();
        int plane = g.inH() * w;
        int kk = 0;
        for (int fy = 0; fy < g.filterH(); fy++) {
            int dy = fy * g.dilationH() - g.padTop();
            for (int fx = 0; fx < g.filterW(); fx++) {
                int dx = fx * g.dilationW() - g.padLeft();
                float[] col = cols[kk++];
                int shift = dy * w + dx;
                for (int px = p0; px < p1; ) {
                    int b = px / plane;
                    int end = Math.min(p1, (b + 1) * plane);
                    int base = b * plane;
                    // local pixel l reads local l + shift when in [0, plane) and its column stays in the row
                    int lo = Math.max(px - base, -shift);
                    int hi = Math.min(end - base, plane - shift);
                    int q0 = px - p0;
                    int qEnd = end - p0;
                    if (lo >= hi) {
                        java.util.Arrays.fill(col, q0, qEnd, 0f);
                    } else {
                        int d = base - p0;
                        java.util.Arrays.fill(col, q0, lo + d, 0f);
                        System.arraycopy(x, xo + base + lo + shift, col, lo + d, hi - lo);
                        java.util.Arrays.fill(col, hi + d, qEnd, 0f);
                        if (dx != 0) {
                            int c0 = dx < 0 ? 0 : w - dx;   // output columns [c0, c1) wrap
                            int c1 = dx < 0 ? -dx : w;
                            c0 = Math.max(0, Math.min(w, c0));
                            c1 = Math.max(0, Math.min(w, c1));
                            for (int row = (px - base) / w; row * w < end - base; row++) {
                                int from = Math.max(px - base, row * w + c0);
                                int to = Math.min(end - base, row * w + c1);
                                if (from < to) {
                                    java.util.Arrays.fill(col, from + d, to + d, 0f);
                                }
                            }
                        }
                    }
                    px = end;
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** Rows {@code [p0, p1)} of the patch matrix ({@code (fy, fx, ic)} order, zeros outside the input). */
    static void im2col(ConvGeometry g, float[] x, int xo, int p0, int p1, float[] col, int co) {
        int inC = g.inC();
        int k = g.filterH() * g.filterW() * inC;
        for (int px = p0; px < p1; px++) {
            int ox = px % g.outW();
            int rest = px / g.outW();
            int oy = rest % g.outH();
            int b = rest / g.outH();
            int y0 = oy * g.strideH() - g.padTop();
            int x0 = ox * g.strideW() - g.padLeft();
            int dst = co + (px - p0) * k;
            for (int fy = 0; fy < g.filterH(); fy++) {
                int yy = y0 + g.dilationH() * fy;
                for (int fx = 0; fx < g.filterW(); fx++) {
                    int xx = x0 + g.dilationW() * fx;
                    if (yy < 0 || yy >= g.inH() || xx < 0 || xx >= g.inW()) {
                        java.util.Arrays.fill(col, dst, dst + inC, 0f);
                    } else {
                        System.arraycopy(x, xo + ((b * g.inH() + yy) * g.inW() + xx) * inC, col, dst, inC);
                    }
                    dst += inC;
                }
            }
        }
    }
}
