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
 * the reference's order (few channels) or adds whole channel rows tap by tap (many channels); either
 * way the arithmetic order is the reference's, so the results are identical.
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
        if (node.reference()) {
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
        p.forRange(rows, Parallel.minChunk((long) g.outW() * c * g.filterH() * g.filterW()), (from, to, worker) -> {
            for (int row = from; row < to; row++) {
                int b = row / g.outH();
                int oy = row % g.outH();
                int y0 = oy * g.strideH() - g.padTop();
                int fy0 = Math.max(0, -y0);
                int fy1 = Math.min(g.filterH(), g.inH() - y0);
                for (int ox = 0; ox < g.outW(); ox++) {
                    int x0 = ox * g.strideW() - g.padLeft();
                    int fx0 = Math.max(0, -x0);
                    int fx1 = Math.min(g.filterW(), g.inW() - x0);
                    int dst = yo + (row * g.outW() + ox) * c;
                    if (c >= WIDE) {
                        wide(max, g, x, xo, b, y0, fy0, fy1, x0, fx0, fx1, y, dst, lo, hi);
                        continue;
                    }
                    int nfy = Math.max(0, fy1 - fy0);
                    int nfx = Math.max(0, fx1 - fx0);
                    int rowStep = g.inW() * c;
                    int first = xo + ((b * g.inH() + y0 + fy0) * g.inW() + x0 + fx0) * c;
                    float count = nfy * nfx;
                    if (nfy == 2 && nfx == 2) {
                        // the common 2x2 window (count 4), unrolled in the same order
                        for (int ch = 0; ch < c; ch++) {
                            int s0 = first + ch;
                            int s1 = s0 + rowStep;
                            float r;
                            if (max) {
                                float acc = -Float.MAX_VALUE;
                                float v = x[s0];
                                acc = acc < v ? v : acc;
                                v = x[s0 + c];
                                acc = acc < v ? v : acc;
                                v = x[s1];
                                acc = acc < v ? v : acc;
                                v = x[s1 + c];
                                r = acc < v ? v : acc;
                            } else {
                                // x / 4 and x * 0.25f are the same correctly rounded value
                                r = ((((0f + x[s0]) + x[s0 + c]) + x[s1]) + x[s1 + c]) * 0.25f;
                            }
                            y[dst + ch] = Math.min(Math.max(r, lo), hi);
                        }
                        continue;
                    }
                    for (int ch = 0; ch < c; ch++) {
                        // taps in the reference's order (fy, then fx), one channel at a time
                        float acc = max ? -Float.MAX_VALUE : 0f;
                        for (int fy = 0, rs = first + ch; fy < nfy; fy++, rs += rowStep) {
                            for (int fx = 0, s = rs; fx < nfx; fx++, s += c) {
                                float v = x[s];
                                if (max) {
                                    acc = acc < v ? v : acc;
                                } else {
                                    acc += v;
                                }
                            }
                        }
                        float r = max ? acc : acc / count;
                        y[dst + ch] = Math.min(Math.max(r, lo), hi);
                    }
                }
            }
        });
    }
}
