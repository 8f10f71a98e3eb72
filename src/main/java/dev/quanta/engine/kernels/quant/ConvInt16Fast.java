package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Parallel;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.FixedPoint;

/**
 * Fast 16x8 CONV_2D and DEPTHWISE_CONV_2D, with {@link ConvInt16}'s integer sums and output stage.
 *
 * <p>CONV_2D: im2col of {@code x - zp_in} into tiles of {@link ConvInt8Fast#TILE} pixels (padding
 * taps 0, adding nothing as the reference's skipped taps), the product in doubles with fused
 * multiply-adds, four pixels and two taps per pass ({@link PairGemm#fma2x4}). Every product is an
 * integer below 2^24 in magnitude (|x - zp| below 2^16, |w| at most 128) and every partial sum below
 * 2^53 for depths under 2^29, so the double sums are exact in any order and equal the reference's
 * int64 accumulator. DEPTHWISE_CONV_2D: the int8 kernel's row sums
 * ({@link DepthwiseConv2DInt8#accumulateRow}) on {@code x - zp_in} as ints, exact in int32 while
 * {@code taps * 2^16 * 128} stays below 2^31 (up to 255 taps; larger windows use the reference).
 */
final class ConvInt16Fast {
    /** Most filter taps for which the depthwise int32 row sums cannot overflow. */
    static final int MAX_DEPTHWISE_TAPS = 255;

    private ConvInt16Fast() {
    }

    /** The output stage shared with the reference: int64 sum plus bias, requantized, offset, clamped. */
    private static short output(long acc, long bias, int m, int s, int zpOut, Affine.Range act) {
        int v = FixedPoint.multiplyByQuantizedMultiplier(acc + bias, m, s) + zpOut;
        return (short) act.clamp(v);
    }

    static Eval conv(ConvGeometry g, int outC, int[] wq, long[] bias, int[] m, int[] s, int zpIn, int zpOut,
                     Affine.Range act, TensorSlot in, TensorSlot out, int threads) {
        int k = g.kH() * g.kW() * g.inC();
        int tile = ConvInt8Fast.TILE;
        double[][] packed = new double[k][outC];
        for (int c = 0; c < outC; c++) {
            for (int kk = 0; kk < k; kk++) {
                packed[kk][c] = wq[c * k + kk];
            }
        }
        int workers = Math.max(threads, 1);
        int[][] patches = new int[workers][tile * k];
        double[][][] sums = new double[workers][tile][outC];
        int chunk = Parallel.minChunk((long) k * outC);
        return par -> par.forRange(g.outPixels(), chunk, (from, to, worker) -> {
            int[] patch = patches[worker];
            double[][] acc = sums[worker];
            short[] x = in.shorts();
            short[] y = out.shorts();
            for (int t = from; t < to; t += tile) {
                int n = Math.min(tile, to - t);
                for (int i = 0; i < n; i++) {
                    im2col(g, x, in.offset(), zpIn, t + i, patch, i * k);
                    java.util.Arrays.fill(acc[i], 0.0);
                }
                int n4 = n & ~3;
                for (int i = 0; i < n4; i += 4) {
                    int r0 = i * k;
                    int r1 = r0 + k;
                    int r2 = r1 + k;
                    int r3 = r2 + k;
                    int kk = 0;
                    for (; kk + 2 <= k; kk += 2) {
                        PairGemm.fma2x4(0, outC, packed[kk], packed[kk + 1], patch[r0 + kk], patch[r0 + kk + 1],
                                patch[r1 + kk], patch[r1 + kk + 1], patch[r2 + kk], patch[r2 + kk + 1],
                                patch[r3 + kk], patch[r3 + kk + 1], acc[i], acc[i + 1], acc[i + 2], acc[i + 3]);
                    }
                    for (; kk < k; kk++) {
                        for (int r = 0; r < 4; r++) {
                            PairGemm.madd1(0, outC, patch[(i + r) * k + kk], packed[kk], acc[i + r]);
                        }
                    }
                }
                for (int i = n4; i < n; i++) {
                    for (int kk = 0; kk < k; kk++) {
                        PairGemm.madd1(0, outC, patch[i * k + kk], packed[kk], acc[i]);
                    }
                }
                for (int i = 0; i < n; i++) {
                    double[] a = acc[i];
                    int d = out.offset() + (t + i) * outC;
                    for (int c = 0; c < outC; c++) {
                        y[d + c] = output((long) a[c], bias[c], m[c], s[c], zpOut, act);
                    }
                }
            }
        });
    }

    /** The receptive field of output pixel {@code pixel} as {@code x - zp} ints into {@code dst[d ..]}; 0 outside. */
    static void im2col(ConvGeometry g, short[] x, int xo, int zp, int pixel, int[] dst, int d) {
        int ox = pixel % g.outW();
        int rest = pixel / g.outW();
        int oy = rest % g.outH();
        int b = rest / g.outH();
        int inC = g.inC();
        for (int ky = 0; ky < g.kH(); ky++) {
            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
            for (int kx = 0; kx < g.kW(); kx++) {
                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                if (iy < 0 || iy >= g.inH() || ix < 0 || ix >= g.inW()) {
                    java.util.Arrays.fill(dst, d, d + inC, 0);
                } else {
                    int s = xo + ((b * g.inH() + iy) * g.inW() + ix) * inC;
                    for (int c = 0; c < inC; c++) {
                        dst[d + c] = x[s + c] - zp;
                    }
                }
                d += inC;
            }
        }
    }

    static Eval depthwise(ConvGeometry g, int outC, int dm, int[] wq, long[] bias, int[] m, int[] s, int zpIn,
                          int zpOut, Affine.Range act, TensorSlot in, TensorSlot out, int threads) {
        DepthwiseConv2DInt8.Params p = new DepthwiseConv2DInt8.Params(g, outC, dm, false, 0, 0, wq, new int[outC],
                null, null, 0, 0);
        DepthwiseConv2DInt8.Rows rows = new DepthwiseConv2DInt8.Rows(p, threads);
        int[] xi = new int[in.size()];
        int rowLen = g.outW() * outC;
        int chunk = Parallel.minChunk((long) rowLen * g.kH() * g.kW());
        return par -> {
            short[] x = in.shorts();
            int xo = in.offset();
            for (int i = 0; i < xi.length; i++) {
                xi[i] = x[xo + i] - zpIn;
            }
            par.forRange(g.batch() * g.outH(), chunk, (from, to, worker) -> {
                short[] y = out.shorts();
                for (int row = from; row < to; row++) {
                    int[] acc = DepthwiseConv2DInt8.accumulateRow(p, rows, xi, 0, row, worker);
                    int d = out.offset() + row * rowLen;
                    for (int i = 0; i < rowLen; i++) {
                        int c = i % outC;
                        y[d + i] = output(acc[i], bias[c], m[c], s[c], zpOut, act);
                    }
                }
            });
        };
    }
}
