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
 * Float MAX_POOL_2D and AVERAGE_POOL_2D. Padded positions are skipped: the average divides by the
 * number of in-bounds elements, as TFLite does. The fast path walks each channel's window taps in
 * the reference's order (few channels: a whole output row at a time, bounds hoisted out of the
 * interior columns, 2x2 windows unrolled) or adds whole channel rows tap by tap (many channels);
 * either way the arithmetic order is the reference's, so the results are identical.
 */
public final class Pool2D implements Kernel {
    public static final Pool2D MAX = new Pool2D(true);
    public static final Pool2D AVERAGE = new Pool2D(false);

    private final boolean max;

    private Pool2D(boolean max) {
        this.max = max;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        String name = max ? "MAX_POOL_2D" : "AVERAGE_POOL_2D";
        KernelException.require(in != null && in.type() == DType.FLOAT32, "float " + name + " needs a FLOAT32 input");
        int fh = node.options().getInt("filter_height");
        int fw = node.options().getInt("filter_width");
        KernelException.require(fh > 0 && fw > 0, name + " needs a positive filter size, got " + fh + "x" + fw);
        ConvGeometry g = ConvGeometry.of(node, in.shape(), fh, fw, false);
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), g.inC()});
        Activation act = Activation.of(node);
        float lo = act.clampMin();
        float hi = act.clampMax();
        boolean zeroBound = Float.floatToRawIntBits(lo) == Float.floatToRawIntBits(-0f)
                || Float.floatToRawIntBits(hi) == Float.floatToRawIntBits(0f);
        if (node.reference() || zeroBound) {
            return p -> reference(max, g, in.floats(), in.offset(), out.floats(), out.offset(), lo, hi);
        }
        return p -> fast(max, g, in, out, lo, hi, p);
    }

    /** The definition, as TFLite's reference MaxPool/AveragePool. */
    public static void reference(boolean max, ConvGeometry g, float[] in, int io, float[] out, int oo, float lo, float hi) {
        int c = g.inC();
        for (int b = 0; b < g.batch(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        int y0 = oy * g.strideH() - g.padTop();
                        int x0 = ox * g.strideW() - g.padLeft();
                        int fy0 = Math.max(0, -y0);
                        int fy1 = Math.min(g.filterH(), g.inH() - y0);
                        int fx0 = Math.max(0, -x0);
                        int fx1 = Math.min(g.filterW(), g.inW() - x0);
                        float acc = max ? -Float.MAX_VALUE : 0f;
                        int count = 0;
                        for (int fy = fy0; fy < fy1; fy++) {
                            for (int fx = fx0; fx < fx1; fx++) {
                                float v = in[io + ((b * g.inH() + y0 + fy) * g.inW() + x0 + fx) * c + ch];
                                if (max) {
                                    acc = acc < v ? v : acc;
                                } else {
                                    acc += v;
                                }
                                count++;
                            }
                        }
                        float r = max ? acc : acc / count;
                        out[oo + ((b * g.outH() + oy) * g.outW() + ox) * c + ch] = Activation.clamp(r, lo, hi);
                    }
                }
            }
        }
    }

    /** Channels from which a pixel's channels are processed as vectors, tap by tap (contiguous reads). */
    static final int WIDE = 32;

    /** One output pixel, whole channel rows per tap (same arithmetic order as the reference). */
    private static void wide(boolean max, ConvGeometry g, float[] x, int xo, int b, int y0, int fy0, int fy1, int x0,
                             int fx0, int fx1, float[] y, int dst, float lo, float hi) {
        int c = g.inC();
        java.util.Arrays.fill(y, dst, dst + c, max ? -Float.MAX_VALUE : 0f);
        for (int fy = fy0; fy < fy1; fy++) {
            for (int fx = fx0; fx < fx1; fx++) {
                int src = xo + ((b * g.inH() + y0 + fy) * g.inW() + x0 + fx) * c;
                if (max) {
                    for (int ch = 0; ch < c; ch++) {
                        float v = x[src + ch];
                        float a = y[dst + ch];
                        y[dst + ch] = a < v ? v : a;
                    }
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        y[dst + ch] += x[src + ch];
                    }
                }
            }
        }
        float count = Math.max(0, fy1 - fy0) * Math.max(0, fx1 - fx0);
        for (int ch = 0; ch < c; ch++) {
            float r = max ? y[dst + ch] : y[dst + ch] / count;
            y[dst + ch] = Math.min(Math.max(r, lo), hi);
        }
    }

    static void fast(boolean max, ConvGeometry g, TensorSlot in, TensorSlot out, float lo, float hi, Parallel p) {
        float[] x = in.floats();
        float[] y = out.floats();
        int xo = in.offset();
        int yo = out.offset();
        int c = g.inC();
        int rows = g.batch() * g.outH();
        int oxLo = firstInterior(g);
        int oxHi = endInterior(g);
        p.forRange(rows, Parallel.minChunk((long) g.outW() * c * g.filterH() * g.filterW()), (from, to, worker) -> {
            for (int row = from; row < to; row++) {
                int b = row / g.outH();
                int oy = row % g.outH();
                int y0 = oy * g.strideH() - g.padTop();
                int fy0 = Math.max(0, -y0);
                int fy1 = Math.min(g.filterH(), g.inH() - y0);
                if (c >= WIDE) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int x0 = ox * g.strideW() - g.padLeft();
                        int fx0 = Math.max(0, -x0);
                        int fx1 = Math.min(g.filterW(), g.inW() - x0);
                        wide(max, g, x, xo, b, y0, fy0, fy1, x0, fx0, fx1, y, yo + (row * g.outW() + ox) * c, lo, hi);
                    }
                } else {
                    narrowRow(max, g, x, xo, b, y0, fy0, fy1, oxLo, oxHi, y, yo + row * g.outW() * c, lo, hi);
                }
            }
        });
    }

    /** Output columns {@code [firstInterior, endInterior)} have the window's full width inside the input. */
    static int firstInterior(ConvGeometry g) {
        int first = -Math.floorDiv(-g.padLeft(), g.strideW());
        return Math.min(Math.max(first, 0), g.outW());
    }

    static int endInterior(ConvGeometry g) {
        int last = Math.floorDiv(g.inW() - g.filterW() + g.padLeft(), g.strideW()) + 1;
        return Math.max(Math.min(last, g.outW()), firstInterior(g));
    }

    /**
     * One output row with few channels: window rows {@code [fy0, fy1)} are fixed for the row, so the
     * bounds are computed once; interior columns {@code [oxLo, oxHi)} (computed once per run) take a loop without bounds (2x2 windows unrolled),
     * edge columns the general one. Taps are visited in the reference's order (fy, then fx) per
     * channel, so every sum and maximum is the reference's.
     */
    private static void narrowRow(boolean max, ConvGeometry g, float[] x, int xo, int b, int y0, int fy0, int fy1,
                                  int oxLo, int oxHi, float[] y, int d, float lo, float hi) {
        int c = g.inC();
        int nfy = Math.max(0, fy1 - fy0);
        int rowStep = g.inW() * c;
        int rowStart = xo + (b * g.inH() + y0 + fy0) * rowStep;
        int kW = g.filterW();
        narrowColumns(max, g, x, rowStart, nfy, 0, oxLo, y, d, lo, hi);
        int step = g.strideW() * c;
        int a = rowStart + (oxLo * g.strideW() - g.padLeft()) * c;
        if (nfy == 2 && kW == 2) {
            if (max) {
                max2x2(x, a, a + rowStep, step, oxHi - oxLo, c, y, d + oxLo * c, lo, hi);
            } else {
                average2x2(x, a, a + rowStep, step, oxHi - oxLo, c, y, d + oxLo * c, lo, hi);
            }
        } else {
            float count = nfy * kW;
            for (int ox = oxLo, o = d + oxLo * c; ox < oxHi; ox++, a += step, o += c) {
                for (int ch = 0; ch < c; ch++) {
                    y[o + ch] = window(max, x, a + ch, nfy, kW, rowStep, c, count, lo, hi);
                }
            }
        }
        narrowColumns(max, g, x, rowStart, nfy, oxHi, g.outW(), y, d, lo, hi);
    }

    /** {@code n} output pixels of 2x2 maxima, windows from {@code x[a]} and {@code x[b]} (row below), {@code step} apart. */
    private static void max2x2(float[] x, int a, int b, int step, int n, int c, float[] y, int o, float lo, float hi) {
        for (int i = 0; i < n; i++, a += step, b += step, o += c) {
            for (int ch = 0; ch < c; ch++) {
                float acc = -Float.MAX_VALUE;
                float v = x[a + ch];
                acc = acc < v ? v : acc;
                v = x[a + c + ch];
                acc = acc < v ? v : acc;
                v = x[b + ch];
                acc = acc < v ? v : acc;
                v = x[b + c + ch];
                acc = acc < v ? v : acc;
                y[o + ch] = clamp(acc, lo, hi);
            }
        }
    }

    /** {@code n} output pixels of 2x2 averages, as {@link #max2x2} (the reference's order of additions). */
    private static void average2x2(float[] x, int a, int b, int step, int n, int c, float[] y, int o, float lo,
                                   float hi) {
        for (int i = 0; i < n; i++, a += step, b += step, o += c) {
            for (int ch = 0; ch < c; ch++) {
                // x / 4 and x * 0.25f are the same correctly rounded value
                float sum = (((0f + x[a + ch]) + x[a + c + ch]) + x[b + ch]) + x[b + c + ch];
                y[o + ch] = clamp(sum * 0.25f, lo, hi);
            }
        }
    }

    /** Output columns {@code [from, to)} of a row, each over its in-bounds taps. */
    private static void narrowColumns(boolean max, ConvGeometry g, float[] x, int rowStart, int nfy, int from, int to,
                                      float[] y, int d, float lo, float hi) {
        int c = g.inC();
        int rowStep = g.inW() * c;
        for (int ox = from; ox < to; ox++) {
            int x0 = ox * g.strideW() - g.padLeft();
            int fx0 = Math.max(0, -x0);
            int nfx = Math.max(0, Math.min(g.filterW(), g.inW() - x0) - fx0);
            int first = rowStart + (x0 + fx0) * c;
            float count = nfy * nfx;
            for (int ch = 0; ch < c; ch++) {
                y[d + ox * c + ch] = window(max, x, first + ch, nfy, nfx, rowStep, c, count, lo, hi);
            }
        }
    }

    /** One output value: {@code nfy x nfx} taps from {@code x[first]}, in the reference's order. */
    private static float window(boolean max, float[] x, int first, int nfy, int nfx, int rowStep, int c, float count,
                                float lo, float hi) {
        float acc = max ? -Float.MAX_VALUE : 0f;
        for (int fy = 0, rs = first; fy < nfy; fy++, rs += rowStep) {
            for (int fx = 0, s = rs; fx < nfx; fx++, s += c) {
                float v = x[s];
                if (max) {
                    acc = acc < v ? v : acc;
                } else {
                    acc += v;
                }
            }
        }
        return clamp(max ? acc : acc / count, lo, hi);
    }

    /**
     * {@code Math.min(Math.max(r, lo), hi)} as comparisons (cheaper than Java's min/max, which order
     * signed zeros and NaN): the same value for every {@code r}, NaN included, as long as {@code lo} is
     * not {@code -0f} and {@code hi} not {@code +0f}, which no activation's bounds are (checked at prepare).
     */
    static float clamp(float r, float lo, float hi) {
        float v = r <= lo ? lo : r;
        return v >= hi ? hi : v;
    }
}
