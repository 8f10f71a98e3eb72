package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * DEPTHWISE_CONV_2D on 8-bit activations (int8 per-channel on filter dim 3, or uint8 per-tensor).
 * Output channel {@code oc = ic * depth_multiplier + m}; filter {@code (1, kH, kW, outC)}. Same
 * accumulation, requantization and clamping as {@link Conv2DInt8}.
 */
public final class DepthwiseConv2DInt8 implements Kernel {

    /** Prepared state; {@code weights} is {@code (kH, kW, outC)} with the filter offset added. */
    record Params(ConvGeometry g, int outC, int depthMultiplier, boolean unsigned, int inputOffset,
                  int outputOffset, int[] weights, int[] bias, int[] multiplier, int[] shift, int actMin,
                  int actMax) {
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot w = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8, DType.UINT8);
        Quant.requireType(w, "filter", in.type());
        KernelException.require(w.isConstant(), "quantized DEPTHWISE_CONV_2D needs constant weights");
        KernelException.require(w.rank() == 4 && w.dim(0) == 1, "filter must be (1, H, W, O)");
        KernelException.require(in.rank() == 4, "input must be 4-D (NHWC)");
        var o = node.options();
        int outC = w.dim(3);
        int inC = in.dim(3);
        KernelException.require(inC > 0 && outC % inC == 0, "filter channels " + outC
                + " are not a multiple of the input channels " + inC);
        int dm = outC / inC;
        ConvGeometry g = ConvGeometry.of(in.shape(), w.dim(1), w.dim(2), o.getInt("padding"), o.getInt("stride_h"),
                o.getInt("stride_w"), o.getInt("dilation_h_factor"), o.getInt("dilation_w_factor"));
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), outC});
        boolean unsigned = in.type() == DType.UINT8;
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        int[] m = new int[outC];
        int[] s = new int[outC];
        int filterOffset = 0;
        if (unsigned) {
            QuantizedMultiplier q = QuantizedMultiplier.of((double) (sIn * Quant.scale(w)) / (double) sOut);
            java.util.Arrays.fill(m, q.multiplier());
            java.util.Arrays.fill(s, q.shift());
            filterOffset = -Quant.zeroPoint(w);
        } else {
            KernelException.require(!w.quant().isPerAxis() || w.quant().scale().length == outC,
                    "per-channel filter needs " + outC + " scales");
            QuantizedMultiplier[] qm = Quant.perChannel(sIn, w.quant(), sOut, outC);
            m = Quant.multipliers(qm);
            s = Quant.shifts(qm);
        }
        int[] raw = Quant.ints8(w);
        for (int i = 0; i < raw.length; i++) {
            raw[i] += filterOffset;
        }
        Affine.Range act = Quant.activationRange(node, out);
        Params p = new Params(g, outC, dm, unsigned, -Quant.zeroPoint(in), Quant.zeroPoint(out), raw,
                Quant.bias32(bias, outC), m, s, act.min(), act.max());
        if (node.reference()) {
            return par -> reference(p, in.bytes(), in.offset(), out.bytes(), out.offset());
        }
        Rows rows = new Rows(p, node.threads());
        Rescale rescale = new Rescale(p.multiplier(), p.shift(), false, p.outputOffset(), p.actMin(), p.actMax());
        int width = g.outW() * outC;
        int inRowLen = g.inW() * inC;
        TensorSlot shifted = node.scratch(DType.INT32, in.size());
        int chunk = dev.quanta.engine.kernels.Parallel.minChunk((long) width * g.kH() * g.kW());
        return par -> {
            byte[] x = in.bytes();
            int xo = in.offset();
            int[] xi = shifted.ints();
            int so = shifted.offset();
            par.forRange(g.batch() * g.inH(), dev.quanta.engine.kernels.Parallel.minChunk(inRowLen),
                    (from, to, worker) -> shift(x, xo + from * inRowLen, xi, so + from * inRowLen,
                            (to - from) * inRowLen, p.unsigned(), p.inputOffset()));
            par.forRange(g.batch() * g.outH(), chunk, (from, to, worker) -> {
                for (int row = from; row < to; row++) {
                    fastRow(p, rows, rescale, xi, so, out.bytes(), out.offset(), row, worker);
                }
            });
        };
    }

    /** {@code xi[d + i] = x[s + i] + offset} (unsigned bytes read as 0..255). */
    static void shift(byte[] x, int s, int[] xi, int d, int n, boolean unsigned, int offset) {
        if (unsigned) {
            for (int i = 0; i < n; i++) {
                xi[d + i] = (x[s + i] & 0xff) + offset;
            }
        } else {
            for (int i = 0; i < n; i++) {
                xi[d + i] = x[s + i] + offset;
            }
        }
    }

    /**
     * Fast-path state: weights and bias expanded along an output row ({@code [tap][ox * outC + c]}), so
     * that the tap loop {@code acc[j] += x[j] * w[j]} runs over arrays indexed by the loop variable
     * alone (the form C2 vectorizes), and per-worker accumulator and input-gather rows. The output
     * stage is the caller's (requantization here, a float epilogue in the hybrid and int16 kernels).
     */
    static final class Rows {
        final int[][] weights;
        final int[] bias;
        final int[][] acc;
        final int[][] gather;

        Rows(Params p, int threads) {
            ConvGeometry g = p.g();
            int outC = p.outC();
            int width = g.outW() * outC;
            int taps = g.kH() * g.kW();
            weights = new int[taps][width];
            bias = new int[width];
            for (int ox = 0; ox < g.outW(); ox++) {
                for (int t = 0; t < taps; t++) {
                    System.arraycopy(p.weights(), t * outC, weights[t], ox * outC, outC);
                }
                System.arraycopy(p.bias(), 0, bias, ox * outC, outC);
            }
            int workers = Math.max(1, threads);
            acc = new int[workers][width];
            gather = new int[workers][width];
        }
    }

    /** TFLite's reference loop ({@code reference_integer_ops::DepthwiseConvPerChannel}). */
    static void reference(Params p, byte[] x, int xo, byte[] y, int yo) {
        ConvGeometry g = p.g;
        for (int b = 0; b < g.batch(); b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ic = 0; ic < g.inC(); ic++) {
                        for (int m = 0; m < p.depthMultiplier; m++) {
                            int oc = m + ic * p.depthMultiplier;
                            int acc = 0;
                            for (int ky = 0; ky < g.kH(); ky++) {
                                int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                                for (int kx = 0; kx < g.kW(); kx++) {
                                    int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                    if (iy < 0 || iy >= g.inH() || ix < 0 || ix >= g.inW()) {
                                        continue;
                                    }
                                    int xi = xo + ((b * g.inH() + iy) * g.inW() + ix) * g.inC() + ic;
                                    int xv = p.unsigned ? x[xi] & 0xff : x[xi];
                                    acc += p.weights[(ky * g.kW() + kx) * p.outC + oc] * (xv + p.inputOffset);
                                }
                            }
                            acc += p.bias[oc];
                            acc = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier[oc], p.shift[oc]);
                            acc += p.outputOffset;
                            acc = Math.min(Math.max(acc, p.actMin), p.actMax);
                            y[yo + ((b * g.outH() + oy) * g.outW() + ox) * p.outC + oc] = (byte) acc;
                        }
                    }
                }
            }
        }
    }

    /**
     * One output row from the shifted input {@code xi} ({@code x - zp_in} as ints): for each in-bounds
     * tap, add {@code input * weight} into the row's accumulators. With depth multiplier 1 and
     * horizontal stride 1 a tap reads one contiguous run of the input row, used in place; otherwise
     * the values are gathered first, 0 where the window leaves the input (adding nothing, as the
     * reference's skipped taps). Integer sums in any order equal the reference's; the output stage is
     * the same double rounding.
     */
    static void fastRow(Params p, Rows rows, Rescale rescale, int[] xi, int xo, byte[] y, int yo, int row,
                        int worker) {
        int[] acc = accumulateRow(p, rows, xi, xo, row, worker);
        rescale.apply(acc, 0, acc.length, y, yo + row * acc.length, 0);
    }

    /**
     * The int32 sums (bias plus {@code sum w * x}) of output row {@code row} into the worker's
     * accumulator row, which is returned ({@code outW * outC} values).
     */
    static int[] accumulateRow(Params p, Rows rows, int[] xi, int xo, int row, int worker) {
        ConvGeometry g = p.g();
        int oy = row % g.outH();
        int b = row / g.outH();
        int outC = p.outC();
        int width = g.outW() * outC;
        int[] acc = rows.acc[worker];
        int[] tmp = rows.gather[worker];
        boolean contiguous = p.depthMultiplier() == 1 && g.strideW() == 1;
        System.arraycopy(rows.bias, 0, acc, 0, width);
        for (int ky = 0; ky < g.kH(); ky++) {
            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
            if (iy < 0 || iy >= g.inH()) {
                continue;
            }
            int inRow = xo + (b * g.inH() + iy) * g.inW() * g.inC();
            for (int kx = 0; kx < g.kW(); kx++) {
                int[] w = rows.weights[ky * g.kW() + kx];
                int x0 = kx * g.dilW() - g.padLeft();
                if (contiguous) {
                    int lo = Math.max(0, Math.min(g.outW(), -x0)) * outC;
                    int hi = Math.min(g.outW(), g.inW() - x0) * outC;
                    // copy the run first: C2 vectorizes only when every array has the loop's own index
                    if (hi > lo) {
                        System.arraycopy(xi, inRow + x0 * outC + lo, tmp, lo, hi - lo);
                        madd(acc, tmp, w, lo, hi);
                    }
                } else {
                    gatherRow(p, xi, inRow, x0, tmp);
                    madd(acc, tmp, w, 0, width);
                }
            }
        }
        return acc;
    }

    /** {@code acc[j] += x[j] * w[j]} for j in [lo, hi). */
    static void madd(int[] acc, int[] x, int[] w, int lo, int hi) {
        for (int j = lo; j < hi; j++) {
            acc[j] += x[j] * w[j];
        }
    }

    /** {@code tmp[ox * outC + c]} = the shifted input value tap column {@code x0} reads for output column ox, or 0 outside. */
    static void gatherRow(Params p, int[] xi, int inRow, int x0, int[] tmp) {
        ConvGeometry g = p.g();
        int inC = g.inC();
        int outC = p.outC();
        int dm = p.depthMultiplier();
        for (int ox = 0; ox < g.outW(); ox++) {
            int xx = x0 + ox * g.strideW();
            int d = ox * outC;
            if (xx < 0 || xx >= g.inW()) {
                java.util.Arrays.fill(tmp, d, d + outC, 0);
            } else if (dm == 1) {
                System.arraycopy(xi, inRow + xx * inC, tmp, d, inC);
            } else {
                int s = inRow + xx * inC;
                for (int c = 0; c < outC; c++) {
                    tmp[d + c] = xi[s + c / dm];
                }
            }
        }
    }
}
