package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.kernels.float32.Fma;

/**
 * An exact integer GEMM that does two multiply-adds per double-precision lane:
 * {@code acc[i][c] += sum_kk a[i][kk] * w[kk][c]} for 8-bit operands.
 *
 * <p>Filter columns are packed in pairs, {@code P[kk][p] = w[kk][2p] + w[kk][2p+1] * 2^26}, so one
 * product {@code a * P} carries both channels' products and a running sum is
 * {@code S = L + H * 2^26} with {@code L}, {@code H} the two channels' integer sums. Every operand,
 * product and partial sum is an integer below 2^53 in magnitude, so double arithmetic is exact in any
 * order (with or without fused multiply-add). While {@code |L| < 2^25}, {@code H = rint(S / 2^26)} and
 * {@code L = S - H * 2^26} recover both sums exactly; the depth is therefore cut into chunks of at
 * most {@code (2^25 - 1) / (maxA * maxW)} taps, each decoded and added to the int accumulators. The
 * result equals the reference's int32 sums (which cannot overflow for these bounds either).
 *
 * <p>Why: on HotSpot C2 (JDK 17 and 25) the loop {@code s[j] += a0*P0[j] + a1*P1[j] + a2*P2[j] + a3*P3[j]}
 * vectorizes over doubles, and does 16 multiply-adds per 8-lane vector, against 8 or 16 for the same
 * loop over ints ({@code vpmulld} is a slow instruction) or floats; the chosen form is the fastest
 * measured here (see README, "Integer execution speed").
 */
final class PairGemm {
    /** Packed column pairs per block: the block's accumulators and four filter rows stay in L1. */
    static final int NBP = 128;
    private static final double TWO26 = 0x1p26;
    private static final double INV26 = 0x1p-26;

    /** {@code [k][pairs]} packed filter rows. */
    private final double[][] packed;
    private final int k;
    private final int cols;
    private final int pairs;
    /** Taps per exactly decodable chunk (a multiple of 4 unless smaller than 4). */
    private final int chunk;

    /**
     * @param w filter {@code (cols, k)} row-major, as TFLite stores CONV_2D and FULLY_CONNECTED weights
     * @param maxAbsA bound on {@code |a|} of every activation the GEMM will see
     */
    PairGemm(int[] w, int cols, int k, int maxAbsA) {
        this.k = k;
        this.cols = cols;
        this.pairs = (cols + 1) / 2;
        this.packed = new double[k][pairs];
        int maxAbsW = 0;
        for (int c = 0; c < cols; c++) {
            for (int kk = 0; kk < k; kk++) {
                int v = w[c * k + kk];
                maxAbsW = Math.max(maxAbsW, Math.abs(v));
                packed[kk][c / 2] += c % 2 == 0 ? v : v * TWO26;
            }
        }
        long perTap = (long) Math.max(1, maxAbsA) * Math.max(1, maxAbsW);
        long taps = ((1L << 25) - 1) / perTap;
        if (taps >= 4) {
            taps &= ~3L;
        }
        this.chunk = (int) Math.max(1, Math.min(Math.max(k, 1), taps));
    }

    /** Int accumulators for a worker: {@code rows} rows of {@code 2 * pairs} (one spare column when cols is odd). */
    int[][] intAccumulators(int rows) {
        return new int[rows][2 * pairs];
    }

    /** Double accumulators for a worker. */
    double[][] accumulators(int rows) {
        return new double[rows][pairs];
    }

    int chunk() {
        return chunk;
    }

    /**
     * {@code acc[i][c] = bias[c] + sum_kk a[i * k + kk] * w[kk][c]} for the {@code n} rows of {@code a};
     * {@code s} is scratch from {@link #accumulators}.
     */
    void multiply(int[] a, int n, int[] bias, int[][] acc, double[][] s) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(bias, 0, acc[i], 0, cols);
        }
        if (FUSED) {
            multiplyFused(a, n, acc, s);
        } else {
            multiplyUnfused(a, n, acc, s);
        }
    }

    /** The product with separate multiplies and adds: four taps per pass, one row at a time. */
    void multiplyUnfused(int[] a, int n, int[][] acc, double[][] s) {
        for (int p0 = 0; p0 < pairs; p0 += NBP) {
            int p1 = Math.min(pairs, p0 + NBP);
            for (int k0 = 0; k0 < k; k0 += chunk) {
                int k1 = Math.min(k, k0 + chunk);
                int k4 = k0 + ((k1 - k0) & ~3);
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(s[i], p0, p1, 0.0);
                }
                for (int kk = k0; kk < k4; kk += 4) {
                    double[] w0 = packed[kk];
                    double[] w1 = packed[kk + 1];
                    double[] w2 = packed[kk + 2];
                    double[] w3 = packed[kk + 3];
                    for (int i = 0; i < n; i++) {
                        int ai = i * k + kk;
                        madd4(p0, p1, a[ai], a[ai + 1], a[ai + 2], a[ai + 3], w0, w1, w2, w3, s[i]);
                    }
                }
                for (int kk = k4; kk < k1; kk++) {
                    for (int i = 0; i < n; i++) {
                        madd1(p0, p1, a[i * k + kk], packed[kk], s[i]);
                    }
                }
                for (int i = 0; i < n; i++) {
                    decode(s[i], p0, p1, acc[i]);
                }
            }
        }
    }

    /** Whether the fused-multiply-add form runs (hardware FMA; results are identical either way). */
    static final boolean FUSED = Fma.FAST;

    /**
     * The product with {@link Math#fma}: four rows and two taps per pass over a block of pairs, so each
     * load and store of a sum serves two fused multiply-adds and each load of a packed filter row serves
     * four rows. Exact for the same reason as the unfused form (every value an integer below 2^53).
     */
    void multiplyFused(int[] a, int n, int[][] acc, double[][] s) {
        int n4 = n & ~3;
        for (int p0 = 0; p0 < pairs; p0 += NBP) {
            int p1 = Math.min(pairs, p0 + NBP);
            for (int k0 = 0; k0 < k; k0 += chunk) {
                int k1 = Math.min(k, k0 + chunk);
                int k2 = k0 + ((k1 - k0) & ~1);
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(s[i], p0, p1, 0.0);
                }
                for (int i = 0; i < n4; i += 4) {
                    double[] s0 = s[i];
                    double[] s1 = s[i + 1];
                    double[] s2 = s[i + 2];
                    double[] s3 = s[i + 3];
                    int r0 = i * k;
                    int r1 = r0 + k;
                    int r2 = r1 + k;
                    int r3 = r2 + k;
                    for (int kk = k0; kk < k2; kk += 2) {
                        fma2x4(p0, p1, packed[kk], packed[kk + 1], a[r0 + kk], a[r0 + kk + 1], a[r1 + kk],
                                a[r1 + kk + 1], a[r2 + kk], a[r2 + kk + 1], a[r3 + kk], a[r3 + kk + 1], s0, s1, s2, s3);
                    }
                    if (k2 < k1) {
                        for (int r = 0; r < 4; r++) {
                            madd1(p0, p1, a[(i + r) * k + k2], packed[k2], s[i + r]);
                        }
                    }
                }
                for (int i = n4; i < n; i++) {
                    for (int kk = k0; kk < k1; kk++) {
                        madd1(p0, p1, a[i * k + kk], packed[kk], s[i]);
                    }
                }
                for (int i = 0; i < n; i++) {
                    decode(s[i], p0, p1, acc[i]);
                }
            }
        }
    }

    static void fma2x4(int j0, int j1, double[] w0, double[] w1, double a0, double a1, double b0, double b1,
                       double d0, double d1, double e0, double e1, double[] s0, double[] s1, double[] s2,
                       double[] s3) {
        for (int j = j0; j < j1; j++) {
            double v = w0[j];
            double u = w1[j];
            s0[j] = Math.fma(a1, u, Math.fma(a0, v, s0[j]));
            s1[j] = Math.fma(b1, u, Math.fma(b0, v, s1[j]));
            s2[j] = Math.fma(d1, u, Math.fma(d0, v, s2[j]));
            s3[j] = Math.fma(e1, u, Math.fma(e0, v, s3[j]));
        }
    }

    /** {@code s[j] += a0*w0[j] + a1*w1[j] + a2*w2[j] + a3*w3[j]} for j in [j0, j1). */
    static void madd4(int j0, int j1, double a0, double a1, double a2, double a3, double[] w0, double[] w1,
                      double[] w2, double[] w3, double[] s) {
        for (int j = j0; j < j1; j++) {
            s[j] += a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
        }
    }

    /** {@code s[j] += a * w[j]} for j in [j0, j1). */
    static void madd1(int j0, int j1, double a, double[] w, double[] s) {
        for (int j = j0; j < j1; j++) {
            s[j] += a * w[j];
        }
    }

    /** Adds the two integer sums packed in each {@code s[p]} to {@code acc[2p]} and {@code acc[2p + 1]}. */
    static void decode(double[] s, int p0, int p1, int[] acc) {
        for (int p = p0; p < p1; p++) {
            double v = s[p];
            double high = Math.rint(v * INV26);
            acc[2 * p] += (int) (v - high * TWO26);
            acc[2 * p + 1] += (int) high;
        }
    }
}
