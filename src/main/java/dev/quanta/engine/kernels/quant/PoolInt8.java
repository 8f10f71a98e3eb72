package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D on int8, uint8 and int16 (input and output share scale and zero
 * point). The average sums the in-bounds taps only and divides by their count, rounding half away
 * from zero ({@code (acc ± n/2) / n} with truncating division); both clamp to the fused activation.
 * {@link #poolRow} is the reference loop; 8-bit tensors run {@link PoolInt8Fast}'s row passes
 * (same integers), int16 the reference loop.
 */
public final class PoolInt8 implements Kernel {
    private final boolean average;

    /** @param average true for AVERAGE_POOL_2D, false for MAX_POOL_2D */
    public PoolInt8(boolean average) {
        this.average = average;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8, DType.UINT8, DType.INT16);
        Quant.requireType(out, "output", in.type());
        var o = node.options();
        ConvGeometry g = ConvGeometry.of(in.shape(), o.getInt("filter_height"), o.getInt("filter_width"),
                o.getInt("padding"), o.getInt("stride_h"), o.getInt("stride_w"), 1, 1);
        KernelException.require(g.kH() > 0 && g.kW() > 0, "pool filter must be positive");
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), g.inC()});
        Affine.Range act = Quant.activationRange(node, out);
        DType t = in.type();
        if (!node.reference() && t == DType.INT16) {
            int[][] accs = new int[Math.max(1, node.threads())][g.inC()];
            int chunk = dev.quanta.engine.kernels.Parallel.minChunk((long) g.outW() * g.inC() * g.kH() * g.kW());
            return par -> par.forRange(g.batch() * g.outH(), chunk, (from, to, worker) -> {
                for (int row = from; row < to; row++) {
                    row16(g, average, act, in.shorts(), in.offset(), out.shorts(), out.offset(), row, accs[worker]);
                }
            });
        }
        if (node.reference()) {
            return par -> par.forRange(g.batch() * g.outH(), 1, (from, to, worker) -> {
                for (int row = from; row < to; row++) {
                    poolRow(g, t, average, act, in, out, row);
                }
            });
        }
        PoolInt8Fast fast = new PoolInt8Fast(g, t == DType.UINT8, average, act);
        PoolInt8Fast.Scratch[] rows = new PoolInt8Fast.Scratch[Math.max(1, node.threads())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = fast.scratch();
        }
        int chunk = dev.quanta.engine.kernels.Parallel.minChunk((long) g.outW() * g.inC() * g.kH() * g.kW());
        return par -> par.forRange(g.batch() * g.outH(), chunk, (from, to, worker) -> {
            for (int row = from; row < to; row++) {
                fast.row(in.bytes(), in.offset(), out.bytes(), out.offset(), row, rows[worker]);
            }
        });
    }

    /**
     * One output row of an int16 pool with the channel loop innermost: per output pixel the window's
     * bounds once, then each in-bounds tap over the pixel's contiguous channels. The reference's sums,
     * maxima, rounding division and clamp, in a different loop order.
     */
    static void row16(ConvGeometry g, boolean average, Affine.Range act, short[] x, int xo, short[] y, int yo,
                      int row, int[] acc) {
        int oy = row % g.outH();
        int b = row / g.outH();
        int c = g.inC();
        int lo = act.min();
        int hi = act.max();
        int inY0 = oy * g.strideH() - g.padTop();
        int fy0 = Math.max(0, -inY0);
        int fy1 = Math.min(g.kH(), g.inH() - inY0);
        for (int ox = 0; ox < g.outW(); ox++) {
            int inX0 = ox * g.strideW() - g.padLeft();
            int fx0 = Math.max(0, -inX0);
            int fx1 = Math.min(g.kW(), g.inW() - inX0);
            java.util.Arrays.fill(acc, 0, c, average ? 0 : Integer.MIN_VALUE);
            for (int fy = fy0; fy < fy1; fy++) {
                for (int fx = fx0; fx < fx1; fx++) {
                    int s = xo + ((b * g.inH() + inY0 + fy) * g.inW() + inX0 + fx) * c;
                    if (average) {
                        for (int ch = 0; ch < c; ch++) {
                            acc[ch] += x[s + ch];
                        }
                    } else {
                        for (int ch = 0; ch < c; ch++) {
                            acc[ch] = Math.max(acc[ch], x[s + ch]);
                        }
                    }
                }
            }
            int d = yo + (row * g.outW() + ox) * c;
            if (average) {
                int count = (fx1 - fx0) * (fy1 - fy0);
                int half = count / 2;
                for (int ch = 0; ch < c; ch++) {
                    int v = acc[ch];
                    v = v > 0 ? (v + half) / count : (v - half) / count;
                    y[d + ch] = (short) Math.min(Math.max(v, lo), hi);
                }
            } else {
                for (int ch = 0; ch < c; ch++) {
                    y[d + ch] = (short) Math.min(Math.max(acc[ch], lo), hi);
                }
            }
        }
    }

    /** One output row, TFLite's reference loop ({@code reference_integer_ops::AveragePool / MaxPool}). */
    static void poolRow(ConvGeometry g, DType t, boolean average, Affine.Range act, TensorSlot in, TensorSlot out,
                        int row) {
        int oy = row % g.outH();
        int b = row / g.outH();
        int c = g.inC();
        for (int ox = 0; ox < g.outW(); ox++) {
            int inX0 = ox * g.strideW() - g.padLeft();
            int inY0 = oy * g.strideH() - g.padTop();
            int fx0 = Math.max(0, -inX0);
            int fx1 = Math.min(g.kW(), g.inW() - inX0);
            int fy0 = Math.max(0, -inY0);
            int fy1 = Math.min(g.kH(), g.inH() - inY0);
            int count = (fx1 - fx0) * (fy1 - fy0);
            for (int ch = 0; ch < c; ch++) {
                int acc = average ? 0 : Integer.MIN_VALUE;
                for (int fy = fy0; fy < fy1; fy++) {
                    for (int fx = fx0; fx < fx1; fx++) {
                        int idx = ((b * g.inH() + inY0 + fy) * g.inW() + inX0 + fx) * c + ch;
                        int v = read(in, t, idx);
                        acc = average ? acc + v : Math.max(acc, v);
                    }
                }
                int v;
                if (average) {
                    v = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                } else {
                    v = acc;
                }
                v = Math.min(Math.max(v, act.min()), act.max());
                write(out, t, ((b * g.outH() + oy) * g.outW() + ox) * c + ch, v);
            }
        }
    }

    static int read(TensorSlot s, DType t, int i) {
        return switch (t) {
            case UINT8 -> s.bytes()[s.offset() + i] & 0xff;
            case INT16 -> s.shorts()[s.offset() + i];
            default -> s.bytes()[s.offset() + i];
        };
    }

    static void write(TensorSlot s, DType t, int i, int v) {
        if (t == DType.INT16) {
            s.shorts()[s.offset() + i] = (short) v;
        } else {
            s.bytes()[s.offset() + i] = (byte) v;
        }
    }
}
