package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Parallel;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * The fast 8-bit CONV_2D. With more than {@link #NARROW} output channels: im2col into int tiles of
 * {@link #TILE} output pixels, the product in {@link PairGemm} (two exact integer multiply-adds per
 * double lane, four taps per pass over a block of channels), then {@link Rescale}. With few output
 * channels the product runs transposed, vectorized over {@link #PIXELS} pixels, with the same
 * four-tap int loop ({@link #madd4}) and requantizes one channel row at a time
 * ({@link Rescale#applyChannelInPlace}: 32-bit, vectorized, when the accumulators are provably small).
 *
 * <p>Every array in an inner loop is indexed by the loop variable alone, the form HotSpot C2
 * vectorizes (a loop reading one array at an offset from another stays scalar). Padding taps are
 * filled with the input zero point, so {@code w * (x - zp_in)} is 0 there exactly as the reference's
 * skipped taps; the constant {@code -zp_in * sum(w)} is folded into the bias. The integer sums equal
 * {@link Conv2DInt8#reference}'s and the requantization is the same formula, so outputs are
 * bit-identical (property-tested on randomized shapes).
 */
final class ConvInt8Fast {
    /** Output pixels per im2col tile. */
    static final int TILE = 8;
    /** Up to this many output channels the GEMM runs transposed, vectorized over pixels. */
    static final int NARROW = 16;
    /** Output pixels per tile of the transposed GEMM. */
    static final int PIXELS = 256;

    private ConvInt8Fast() {
    }

    static Eval conv(Conv2DInt8.Params p, TensorSlot in, TensorSlot out, int threads) {
        if (p.outC() <= NARROW) {
            ConvGeometry g = p.g();
            if (g.inC() == 1 && g.strideH() == 1 && g.strideW() == 1) {
                return convNarrowPlane(p, in, out, threads);
            }
            return convNarrow(p, in, out, threads);
        }
        int k = p.depth();
        int outC = p.outC();
        int workers = Math.max(threads, 1);
        int[] folded = foldBias(p.bias(), p.weights(), outC, k, p.inputOffset());
        int[][] patches = new int[workers][TILE * k];
        PairGemm gemm = new PairGemm(p.weights(), outC, k, p.unsigned() ? 255 : 128);
        int[][][] accs = new int[workers][][];
        double[][][] sums = new double[workers][][];
        for (int i = 0; i < workers; i++) {
            accs[i] = gemm.intAccumulators(TILE);
            sums[i] = gemm.accumulators(TILE);
        }
        Rescale rescale = new Rescale(p.multiplier(), p.shift(), !p.unsigned(), p.outputOffset(), p.actMin(),
                p.actMax());
        ConvGeometry g = p.g();
        int chunk = Parallel.minChunk((long) k * outC);
        return par -> par.forRange(g.outPixels(), chunk, (from, to, worker) -> {
            int[] patch = patches[worker];
            int[][] acc = accs[worker];
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int t = from; t < to; t += TILE) {
                int n = Math.min(TILE, to - t);
                for (int i = 0; i < n; i++) {
                    im2col(g, p.unsigned(), -p.inputOffset(), x, in.offset(), t + i, patch, i * k);
                }
                gemm.multiply(patch, n, folded, acc, sums[worker]);
                for (int i = 0; i < n; i++) {
                    rescale.apply(acc[i], outC, y, out.offset() + (t + i) * outC);
                }
            }
        });
    }

    /**
     * CONV_2D with few output channels (for example 8): rows of {@code outC} are too short for SIMD, so
     * the product runs transposed: the patch is gathered tap-major ({@code patchT[kk][pixel]}) and each
     * output channel accumulates a row over {@link #PIXELS} pixels, four taps per pass, with the same
     * integer sums as the reference.
     */
    static Eval convNarrow(Conv2DInt8.Params p, TensorSlot in, TensorSlot out, int threads) {
        int k = p.depth();
        int outC = p.outC();
        int workers = Math.max(threads, 1);
        int[] folded = foldBias(p.bias(), p.weights(), outC, k, p.inputOffset());
        int[] w = p.weights();
        int[][][] patches = new int[workers][k][PIXELS];
        int[][][] accs = new int[workers][outC][PIXELS];
        Rescale rescale = new Rescale(p.multiplier(), p.shift(), !p.unsigned(), p.outputOffset(), p.actMin(),
                p.actMax());
        boolean small = accumulatorBound(p) < Rescale.SPLIT_BOUND;
        ConvGeometry g = p.g();
        int tiles = (g.outPixels() + PIXELS - 1) / PIXELS;
        int chunk = Parallel.minChunk((long) PIXELS * k * outC);
        return par -> par.forRange(tiles, chunk, (from, to, worker) -> {
            int[][] patch = patches[worker];
            int[][] acc = accs[worker];
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int tile = from; tile < to; tile++) {
                int p0 = tile * PIXELS;
                int n = Math.min(PIXELS, g.outPixels() - p0);
                im2colT(g, p.unsigned(), -p.inputOffset(), x, in.offset(), p0, n, patch);
                for (int c = 0; c < outC; c++) {
                    channelRow(w, c * k, k, patch, n, folded[c], acc[c]);
                }
                for (int c = 0; c < outC; c++) {
                    int[] a = acc[c];
                    rescale.applyChannelInPlace(a, n, c, small);
                    for (int i = 0, d = out.offset() + p0 * outC + c; i < n; i++, d += outC) {
                        y[d] = (byte) a[i];
                    }
                }
            }
        });
    }

    /**
     * {@link #convNarrow} for one input channel at stride 1 (a first layer on a grey image): the input
     * is copied once per run into an int plane padded to {@code Hp x Wp} ({@code Wp = outW + (kW-1) * dilW},
     * pad value the input zero point, so padding taps add {@code w * 0} as the reference's skipped taps),
     * and the output is computed over {@code Wp}-wide rows, the columns from {@code outW} on being discarded.
     * Then tap {@code (ky, kx)} of output {@code q = oy * Wp + ox} is plane element
     * {@code q + ky * dilH * Wp + kx * dilW}: each tap's row of a tile is one contiguous run
     * ({@code System.arraycopy}) instead of a gather. Valid columns only read their own rows
     * ({@code ox + kx * dilW < Wp}); the discarded ones may read past a row (or the plane, into
     * {@code (kW-1) * dilW} slack elements).
     */
    static Eval convNarrowPlane(Conv2DInt8.Params p, TensorSlot in, TensorSlot out, int threads) {
        ConvGeometry g = p.g();
        int k = p.depth();
        int outC = p.outC();
        int workers = Math.max(threads, 1);
        int[] folded = foldBias(p.bias(), p.weights(), outC, k, p.inputOffset());
        int[] w = p.weights();
        int wp = g.outW() + (g.kW() - 1) * g.dilW();
        int hp = g.outH() + (g.kH() - 1) * g.dilH();
        int plane = hp * wp;
        int[] image = new int[g.batch() * plane + (g.kW() - 1) * g.dilW()];
        java.util.Arrays.fill(image, -p.inputOffset());
        int[] offsets = new int[k];
        for (int ky = 0; ky < g.kH(); ky++) {
            for (int kx = 0; kx < g.kW(); kx++) {
                offsets[ky * g.kW() + kx] = ky * g.dilH() * wp + kx * g.dilW();
            }
        }
        int[][][] patches = new int[workers][k][PIXELS];
        int[][][] accs = new int[workers][outC][PIXELS];
        Rescale rescale = new Rescale(p.multiplier(), p.shift(), !p.unsigned(), p.outputOffset(), p.actMin(),
                p.actMax());
        boolean small = accumulatorBound(p) < Rescale.SPLIT_BOUND;
        int rows = g.outH() * wp;
        int tilesPerImage = (rows + PIXELS - 1) / PIXELS;
        int tiles = g.batch() * tilesPerImage;
        int chunk = Parallel.minChunk((long) PIXELS * k * outC);
        boolean unsigned = p.unsigned();
        return par -> {
            fillPlane(g, unsigned, in.bytes(), in.offset(), image, wp, hp);
            par.forRange(tiles, chunk, (from, to, worker) -> {
                int[][] patch = patches[worker];
                int[][] acc = accs[worker];
                byte[] y = out.bytes();
                for (int tile = from; tile < to; tile++) {
                    int b = tile / tilesPerImage;
                    int q0 = (tile % tilesPerImage) * PIXELS;
                    int n = Math.min(PIXELS, rows - q0);
                    int src = b * plane + q0;
                    for (int kk = 0; kk < k; kk++) {
                        System.arraycopy(image, src + offsets[kk], patch[kk], 0, n);
                    }
                    for (int c = 0; c < outC; c++) {
                        channelRow(w, c * k, k, patch, n, folded[c], acc[c]);
                        rescale.applyChannelInPlace(acc[c], n, c, small);
                    }
                    int yBase = out.offset() + b * g.outH() * g.outW() * outC;
                    for (int i = 0; i < n; ) {
                        int q = q0 + i;
                        int oy = q / wp;
                        int ox = q - oy * wp;
                        int len = Math.min(n - i, wp - ox);
                        int valid = Math.max(0, Math.min(len, g.outW() - ox));
                        int d = yBase + (oy * g.outW() + ox) * outC;
                        for (int c = 0; c < outC; c++) {
                            int[] a = acc[c];
                            for (int j = 0, e = d + c; j < valid; j++, e += outC) {
                                y[e] = (byte) a[i + j];
                            }
                        }
                        i += len;
                    }
                }
            });
        };
    }

    /** Copies the single-channel input into the padded int planes (the padding keeps its fill). */
    static void fillPlane(ConvGeometry g, boolean unsigned, byte[] x, int xo, int[] image, int wp, int hp) {
        int plane = hp * wp;
        int x0 = Math.max(0, -g.padLeft());
        int x1 = Math.min(g.inW(), wp - g.padLeft());
        for (int b = 0; b < g.batch(); b++) {
            for (int iy = Math.max(0, -g.padTop()); iy < Math.min(g.inH(), hp - g.padTop()); iy++) {
                int s = xo + (b * g.inH() + iy) * g.inW();
                int d = b * plane + (iy + g.padTop()) * wp + g.padLeft();
                if (unsigned) {
                    for (int ix = x0; ix < x1; ix++) {
                        image[d + ix] = x[s + ix] & 0xff;
                    }
                } else {
                    for (int ix = x0; ix < x1; ix++) {
                        image[d + ix] = x[s + ix];
                    }
                }
            }
        }
    }

    /**
     * The patches of output pixels {@code [p0, p0 + n)} tap-major: {@code dst[kk][i]} is tap {@code kk}
     * ({@code (ky, kx, ic)} order) of pixel {@code p0 + i}, {@code padValue} outside the input. Walks
     * the tile one output-row segment at a time, so the in-bounds run of each tap is a plain strided copy.
     */
    static void im2colT(ConvGeometry g, boolean unsigned, int padValue, byte[] x, int xo, int p0, int n,
                        int[][] dst) {
        int inC = g.inC();
        int outW = g.outW();
        int mask = unsigned ? 0xff : -1;
        int step = g.strideW() * inC;
        int i = 0;
        while (i < n) {
            int pixel = p0 + i;
            int ox0 = pixel % outW;
            int rest = pixel / outW;
            int oy = rest % g.outH();
            int b = rest / g.outH();
            int len = Math.min(n - i, outW - ox0);
            for (int ky = 0; ky < g.kH(); ky++) {
                int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                boolean rowIn = iy >= 0 && iy < g.inH();
                for (int kx = 0; kx < g.kW(); kx++) {
                    int shift = kx * g.dilW() - g.padLeft();
                    // ox in [lo, hi) reads ix = ox * strideW + shift inside [0, inW)
                    int lo = Math.max(ox0, ceilDiv(-shift, g.strideW()));
                    int hi = Math.min(ox0 + len, ceilDiv(g.inW() - shift, g.strideW()));
                    if (!rowIn || hi < lo) {
                        lo = ox0;
                        hi = ox0;
                    }
                    for (int ic = 0; ic < inC; ic++) {
                        int[] row = dst[(ky * g.kW() + kx) * inC + ic];
                        int d = i - ox0;
                        java.util.Arrays.fill(row, i, d + lo, padValue);
                        int s = xo + ((b * g.inH() + iy) * g.inW() + lo * g.strideW() + shift) * inC + ic;
                        for (int ox = lo; ox < hi; ox++) {
                            row[d + ox] = x[s] & mask;
                            s += step;
                        }
                        java.util.Arrays.fill(row, d + hi, i + len, padValue);
                    }
                }
            }
            i += len;
        }
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** {@code c[j] += a0*w0[j] + a1*w1[j] + a2*w2[j] + a3*w3[j]} for j in [j0, j1). */
    static void madd4(int j0, int j1, int a0, int a1, int a2, int a3, int[] w0, int[] w1, int[] w2, int[] w3,
                      int[] c) {
        for (int j = j0; j < j1; j++) {
            c[j] += a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
        }
    }

    /** {@code c[j] += a * w[j]} for j in [j0, j1). */
    static void madd1(int j0, int j1, int a, int[] w, int[] c) {
        for (int j = j0; j < j1; j++) {
            c[j] += a * w[j];
        }
    }

    /**
     * An upper bound of {@code |acc|} over every output and input: {@code |bias[c]| + sum_k |w[c][k]| * max|x - zp_in|}
     * (padding taps add nothing), the largest over the channels.
     */
    static long accumulatorBound(Conv2DInt8.Params p) {
        int lo = (p.unsigned() ? 0 : -128) + p.inputOffset();
        int hi = (p.unsigned() ? 255 : 127) + p.inputOffset();
        long in = Math.max(Math.abs((long) lo), Math.abs((long) hi));
        int k = p.depth();
        long bound = 0;
        for (int c = 0; c < p.outC(); c++) {
            long s = 0;
            for (int i = 0; i < k; i++) {
                s += Math.abs((long) p.weights()[c * k + i]);
            }
            bound = Math.max(bound, Math.abs((long) p.bias()[c]) + s * in);
        }
        return bound;
    }

    /** {@code bias[c] + inputOffset * sum_k w[c][k]}. */
    static int[] foldBias(int[] bias, int[] w, int outC, int k, int inputOffset) {
        int[] folded = new int[outC];
        for (int c = 0; c < outC; c++) {
            int s = 0;
            for (int i = 0; i < k; i++) {
                s += w[c * k + i];
            }
            folded[c] = bias[c] + inputOffset * s;
        }
        return folded;
    }

    /**
     * One output channel of the transposed product over {@code n} pixels:
     * {@code a[i] = bias + sum_kk w[wc + kk] * patch[kk][i]}, four taps per pass.
     */
    static void channelRow(int[] w, int wc, int k, int[][] patch, int n, int bias, int[] a) {
        java.util.Arrays.fill(a, 0, n, bias);
        int k4 = k & ~3;
        for (int kk = 0; kk < k4; kk += 4) {
            madd4(0, n, w[wc + kk], w[wc + kk + 1], w[wc + kk + 2], w[wc + kk + 3], patch[kk], patch[kk + 1],
                    patch[kk + 2], patch[kk + 3], a);
        }
        for (int kk = k4; kk < k; kk++) {
            madd1(0, n, w[wc + kk], patch[kk], a);
        }
    }

    /** Copies the receptive field of output pixel {@code pixel} into {@code dst} as ints; padding = {@code padValue}. */
    static void im2col(ConvGeometry g, boolean unsigned, int padValue, byte[] x, int xo, int pixel, int[] dst,
                       int d) {
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
                    java.util.Arrays.fill(dst, d, d + inC, padValue);
                } else {
                    int s = xo + ((b * g.inH() + iy) * g.inW() + ix) * inC;
                    if (unsigned) {
                        for (int c = 0; c < inC; c++) {
                            dst[d + c] = x[s + c] & 0xff;
                        }
                    } else {
                        for (int c = 0; c < inC; c++) {
                            dst[d + c] = x[s + c];
                        }
                    }
                }
                d += inC;
            }
        }
    }

    /** Splits a row-major {@code (rows, cols)} matrix into separate row arrays. */
    static int[][] rows(int[] m, int rows, int cols) {
        int[][] out = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, r * cols, out[r], 0, cols);
        }
        return out;
    }

    static int dot(int[] a, int ao, int[] b, int bo, int k) {
        int s = 0;
        for (int i = 0; i < k; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }
}
