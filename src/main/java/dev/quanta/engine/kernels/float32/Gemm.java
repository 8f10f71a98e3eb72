package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.kernels.Parallel;

/**
 * The matrix product behind FULLY_CONNECTED, CONV_2D (after im2col) and BATCH_MATMUL:
 * {@code C[m, n] = act(A[m, k] · B + bias)} with B pre-packed as {@link Packed} rows.
 *
 * <p>The inner loop is an axpy over a block of an accumulator row ({@code acc[j] += a * b[j]}) where
 * every array is indexed by the loop variable alone: HotSpot's C2 (JDK 17 and later) vectorizes that
 * form with SIMD, while the same loop over offset views of one array stays scalar because C2 cannot
 * rule out aliasing. Hence B rows and the per-worker accumulators are separate arrays. Four rows of A
 * share each load of B.
 *
 * <p>Each C element accumulates over {@code k} in increasing order starting from 0, then adds the bias,
 * then clamps: exactly the reference kernels' arithmetic, so results are bit-identical to them.
 */
public final class Gemm {
    /** Columns per block: a tile's accumulator blocks ({@code MT x NB} floats) stay in L1. */
    static final int NB = 512;
    /** Rows of A per tile. */
    static final int MT = 8;

    private Gemm() {
    }

    /** B as {@code k} rows of {@code n} floats. */
    public record Packed(float[][] rows, int k, int n) {
        /** Space for a k x n matrix, filled later with {@link #fill}. */
        public static Packed allocate(int k, int n) {
            return new Packed(new float[k][n], k, n);
        }

        /**
         * Fills from {@code src} at {@code off}: a row-major {@code [k, n]} matrix, or when
         * {@code transposed} an {@code [n, k]} one (TFLite's weight layout).
         */
        public Packed fill(float[] src, int off, boolean transposed) {
            for (int kk = 0; kk < k; kk++) {
                float[] row = rows[kk];
                if (transposed) {
                    for (int j = 0; j < n; j++) {
                        row[j] = src[off + j * k + kk];
                    }
                } else {
                    System.arraycopy(src, off + kk * n, row, 0, n);
                }
            }
            return this;
        }
    }

    /** Weights {@code (n, k)} as TFLite stores them, packed once. */
    public static Packed packWeights(float[] w, int off, int n, int k) {
        return Packed.allocate(k, n).fill(w, off, true);
    }

    /**
     * B for the fused kernel: column panels of up to {@link #FUSED_NB} columns, each {@code k} rows of
     * the panel's width, allocated one after another so that walking a panel's rows streams through
     * memory (the prefetcher follows it; rows of a whole-width B would be read in short pieces).
     */
    public record Panels(float[][][] panels, int k, int n) {
        /** Weights {@code (n, k)} as TFLite stores them. */
        public static Panels pack(float[] w, int off, int n, int k) {
            int count = (n + FUSED_NB - 1) / FUSED_NB;
            float[][][] panels = new float[count][][];
            for (int p = 0; p < count; p++) {
                int base = p * FUSED_NB;
                int width = Math.min(FUSED_NB, n - base);
                float[][] rows = new float[k][width];
                for (int kk = 0; kk < k; kk++) {
                    float[] row = rows[kk];
                    for (int j = 0; j < width; j++) {
                        row[j] = w[off + (base + j) * k + kk];
                    }
                }
                panels[p] = rows;
            }
            return new Panels(panels, k, n);
        }
    }

    /** Accumulators for {@code workers} workers and rows of {@code n} columns. */
    public static float[][][] accumulators(int workers, int n) {
        return new float[workers][MT][n];
    }

    /**
     * Rows {@code [row0, row1)} of C. A row {@code i} starts at {@code aOff + i * lda}; C row {@code i}
     * at {@code cOff + i * ldc}. {@code bias} (length n from {@code biasOff}) may be {@code null};
     * results are clamped to [min, max]. {@code acc} is one worker's accumulator set.
     *
     * <p>Blocking: tiles of {@link #MT} rows of A; for each block of {@link #NB} columns, every row of
     * B is read once per tile (its block stays in L1 while the tile's rows use it), so B streams from
     * memory once per tile rather than once per row.
     */
    public static void multiply(int row0, int row1, float[] a, int aOff, int lda, Packed b, float[] bias, int biasOff,
                                float min, float max, float[] c, int cOff, int ldc, float[][] acc) {
        int n = b.n();
        int k = b.k();
        float[][] rows = b.rows();
        for (int i0 = row0; i0 < row1; i0 += MT) {
            int mt = Math.min(MT, row1 - i0);
            int a0 = aOff + i0 * lda;
            for (int j0 = 0; j0 < n; j0 += NB) {
                int j1 = Math.min(n, j0 + NB);
                for (int r = 0; r < mt; r++) {
                    java.util.Arrays.fill(acc[r], j0, j1, 0f);
                }
                for (int kk = 0; kk < k; kk++) {
                    float[] w = rows[kk];
                    int r = 0;
                    for (; r + 4 <= mt; r += 4) {
                        int ar = a0 + r * lda + kk;
                        axpy4(j0, j1, a[ar], a[ar + lda], a[ar + 2 * lda], a[ar + 3 * lda], w,
                                acc[r], acc[r + 1], acc[r + 2], acc[r + 3]);
                    }
                    for (; r < mt; r++) {
                        axpy1(j0, j1, a[a0 + r * lda + kk], w, acc[r]);
                    }
                }
                for (int r = 0; r < mt; r++) {
                    store(acc[r], j0, j1, bias, biasOff, min, max, c, cOff + (i0 + r) * ldc);
                }
            }
        }
    }

    /** Rows of A per step of the fused kernel: 4 rows times 2 depths share each load of B. */
    static final int FR = 4;

    /** Columns per block of the fused kernel: a group's accumulator rows ({@code FR x 512} floats, 8 KB) stay in L1. */
    static final int FUSED_NB = 512;
    /**
     * Floats of B per block ({@code kc x nb}, 512 KB): a block stays in L2 (1 MB per core on the EPYC
     * this was measured on; 256 KB and 1 MB were within noise, a whole 4 MB B was 5x slower) while every group of rows of
     * a row block walks it, so B streams from memory once per row block rather than once per group.
     */
    static final int FUSED_BLOCK_FLOATS = 1 << 17;
    /** Rows per row block: their accumulator rows ({@code 64 x nb}) stay in L2 between depth blocks. */
    static final int FUSED_MC = 64;

    /** Accumulators of the fused kernel for {@code workers} workers and rows of {@code n} columns. */
    public static float[][][] fusedAccumulators(int workers, int n) {
        return new float[workers][FUSED_MC][Math.min(n, FUSED_NB)];
    }

    /**
     * Like {@link #multiply}, but each C element is {@code fma(a[k-1], b[k-1], ... fma(a[0], b[0], 0))}:
     * accumulated over k in increasing order with fused multiply-adds (one rounding per step instead
     * of two), then the bias is added and the result clamped. Not bit-identical to the reference kernels
     * (which round the product and the sum separately); the difference is held to
     * {@code Tolerance.CLOSE} by the tests. {@link Fma#FAST} must be true, or this is very slow.
     *
     * <p>The kernel handles 4 rows of A and 2 depths per pass over a block of columns, so every
     * accumulator load and store serves 2 fused multiply-adds and every load of B serves 4 rows; C2
     * vectorizes the pass (all arrays indexed by the loop variable alone).
     */
    public static void multiplyFused(int row0, int row1, float[] a, int aOff, int lda, Panels b, float[] bias,
                                     int biasOff, float min, float max, float[] c, int cOff, int ldc, float[][] acc) {
        multiplyFused(row0, row1, 0, b.n(), a, aOff, lda, b, bias, biasOff, min, max, c, cOff, ldc, acc);
    }

    /** Columns per unit when the fused product is split over workers by columns. */
    static final int COLUMN_UNIT = 64;

    /**
     * All {@code m} rows of the fused product, split over the workers: by groups of rows when there
     * are enough rows, otherwise (a few pixels or a single input vector against many columns) by
     * blocks of {@link #COLUMN_UNIT} columns. {@code acc} holds one {@link #fusedAccumulators} set per worker.
     */
    public static void multiplyFused(Parallel p, int m, float[] a, int aOff, int lda, Panels b, float[] bias,
                                     int biasOff, float min, float max, float[] c, int cOff, int ldc, float[][][] acc) {
        int n = b.n();
        long work = (long) m * b.k() * n;
        int threads = p.threads();
        if (threads == 1 || work < 2L * Parallel.MIN_PARALLEL_WORK) {
            multiplyFused(0, m, 0, n, a, aOff, lda, b, bias, biasOff, min, max, c, cOff, ldc, acc[0]);
        } else if (m >= 8 * FR * threads) {
            int groups = (m + FR - 1) / FR;
            p.forRange(groups, Parallel.minChunk(work / groups), (from, to, w) -> multiplyFused(from * FR,
                    Math.min(m, to * FR), 0, n, a, aOff, lda, b, bias, biasOff, min, max, c, cOff, ldc, acc[w]));
        } else {
            int units = (n + COLUMN_UNIT - 1) / COLUMN_UNIT;
            p.forRange(units, Parallel.minChunk(work / units), (from, to, w) -> multiplyFused(0, m, from * COLUMN_UNIT,
                    Math.min(n, to * COLUMN_UNIT), a, aOff, lda, b, bias, biasOff, min, max, c, cOff, ldc, acc[w]));
        }
    }

    /** Rows {@code [row0, row1)} and columns {@code [col0, col1)} of the fused product (see above). */
    static void multiplyFused(int row0, int row1, int col0, int col1, float[] a, int aOff, int lda, Panels b,
                              float[] bias, int biasOff, float min, float max, float[] c, int cOff, int ldc,
                              float[][] acc) {
        int k = b.k();
        int nb = Math.min(b.n(), FUSED_NB);
        int kc = Math.max(2, FUSED_BLOCK_FLOATS / Math.max(1, nb) & ~1);
        // with a single depth block the row block buys nothing: each group reuses the first rows (hot in L1)
        boolean oneBlock = kc >= k;
        int mc = oneBlock ? Math.max(1, row1 - row0) : acc.length;
        for (int col = col0; col < col1; ) {
            int panel = col / FUSED_NB;
            int base = panel * FUSED_NB;
            float[][] rows = b.panels()[panel];
            int end = Math.min(col1, base + rows[0].length);
            // panel-local columns [j0, j1); C and bias columns are base + j
            int j0 = col - base;
            int j1 = end - base;
            col = end;
            int cBase = cOff + base;
            int bBase = biasOff + base;
            for (int i0 = row0; i0 < row1; i0 += mc) {
                int i1 = Math.min(row1, i0 + mc);
                for (int k0 = 0; k0 < k; k0 += kc) {
                    int k1 = Math.min(k, k0 + kc);
                    boolean first = k0 == 0;
                    int i = i0;
                    for (; i + FR <= i1; i += FR) {
                        int at = oneBlock ? 0 : i - i0;
                        float[] c0 = acc[at];
                        float[] c1 = acc[at + 1];
                        float[] c2 = acc[at + 2];
                        float[] c3 = acc[at + 3];
                        if (first) {
                            java.util.Arrays.fill(c0, j0, j1, 0f);
                            java.util.Arrays.fill(c1, j0, j1, 0f);
                            java.util.Arrays.fill(c2, j0, j1, 0f);
                            java.util.Arrays.fill(c3, j0, j1, 0f);
                        }
                        int r0 = aOff + i * lda;
                        int r1 = r0 + lda;
                        int r2 = r1 + lda;
                        int r3 = r2 + lda;
                        int kk = k0;
                        for (; kk + 2 <= k1; kk += 2) {
                            fma2x4(j0, j1, rows[kk], rows[kk + 1],
                                    a[r0 + kk], a[r0 + kk + 1], a[r1 + kk], a[r1 + kk + 1],
                                    a[r2 + kk], a[r2 + kk + 1], a[r3 + kk], a[r3 + kk + 1], c0, c1, c2, c3);
                        }
                        if (kk < k1) {
                            fma1x4(j0, j1, rows[kk], a[r0 + kk], a[r1 + kk], a[r2 + kk], a[r3 + kk], c0, c1, c2, c3);
                        }
                        if (oneBlock) {
                            for (int r = 0; r < FR; r++) {
                                store(acc[r], j0, j1, bias, bBase, min, max, c, cBase + (i + r) * ldc);
                            }
                        }
                    }
                    for (; i < i1; i++) {
                        float[] c0 = acc[oneBlock ? 0 : i - i0];
                        if (first) {
                            java.util.Arrays.fill(c0, j0, j1, 0f);
                        }
                        int r0 = aOff + i * lda;
                        int kk = k0;
                        for (; kk + 4 <= k1; kk += 4) {
                            fma4x1(j0, j1, rows[kk], rows[kk + 1], rows[kk + 2], rows[kk + 3], a[r0 + kk],
                                    a[r0 + kk + 1], a[r0 + kk + 2], a[r0 + kk + 3], c0);
                        }
                        for (; kk + 2 <= k1; kk += 2) {
                            fma2x1(j0, j1, rows[kk], rows[kk + 1], a[r0 + kk], a[r0 + kk + 1], c0);
                        }
                        if (kk < k1) {
                            fma1x1(j0, j1, rows[kk], a[r0 + kk], c0);
                        }
                        if (oneBlock) {
                            store(c0, j0, j1, bias, bBase, min, max, c, cBase + i * ldc);
                        }
                    }
                }
                for (int i = i0; i < i1 && !oneBlock; i++) {
                    store(acc[i - i0], j0, j1, bias, bBase, min, max, c, cBase + i * ldc);
                }
            }
        }
    }

    static void fma2x4(int j0, int j1, float[] w0, float[] w1, float a0, float a1, float b0, float b1,
                       float d0, float d1, float e0, float e1, float[] c0, float[] c1, float[] c2, float[] c3) {
        for (int j = j0; j < j1; j++) {
            float v = w0[j];
            float u = w1[j];
            c0[j] = Math.fma(a1, u, Math.fma(a0, v, c0[j]));
            c1[j] = Math.fma(b1, u, Math.fma(b0, v, c1[j]));
            c2[j] = Math.fma(d1, u, Math.fma(d0, v, c2[j]));
            c3[j] = Math.fma(e1, u, Math.fma(e0, v, c3[j]));
        }
    }

    static void fma1x4(int j0, int j1, float[] w0, float a0, float b0, float d0, float e0,
                       float[] c0, float[] c1, float[] c2, float[] c3) {
        for (int j = j0; j < j1; j++) {
            float v = w0[j];
            c0[j] = Math.fma(a0, v, c0[j]);
            c1[j] = Math.fma(b0, v, c1[j]);
            c2[j] = Math.fma(d0, v, c2[j]);
            c3[j] = Math.fma(e0, v, c3[j]);
        }
    }

    static void fma4x1(int j0, int j1, float[] w0, float[] w1, float[] w2, float[] w3, float a0, float a1, float a2,
                       float a3, float[] c0) {
        for (int j = j0; j < j1; j++) {
            c0[j] = Math.fma(a3, w3[j], Math.fma(a2, w2[j], Math.fma(a1, w1[j], Math.fma(a0, w0[j], c0[j]))));
        }
    }

    static void fma2x1(int j0, int j1, float[] w0, float[] w1, float a0, float a1, float[] c0) {
        for (int j = j0; j < j1; j++) {
            c0[j] = Math.fma(a1, w1[j], Math.fma(a0, w0[j], c0[j]));
        }
    }

    static void fma1x1(int j0, int j1, float[] w0, float a0, float[] c0) {
        for (int j = j0; j < j1; j++) {
            c0[j] = Math.fma(a0, w0[j], c0[j]);
        }
    }

    private static void axpy4(int j0, int j1, float x0, float x1, float x2, float x3, float[] w,
                              float[] c0, float[] c1, float[] c2, float[] c3) {
        for (int j = j0; j < j1; j++) {
            float v = w[j];
            c0[j] += x0 * v;
            c1[j] += x1 * v;
            c2[j] += x2 * v;
            c3[j] += x3 * v;
        }
    }

    private static void axpy1(int j0, int j1, float x0, float[] w, float[] c0) {
        for (int j = j0; j < j1; j++) {
            c0[j] += x0 * w[j];
        }
    }

    static void store(float[] acc, int j0, int j1, float[] bias, int biasOff, float min, float max,
                              float[] c, int c0) {
        if (bias == null) {
            for (int j = j0; j < j1; j++) {
                c[c0 + j] = Math.min(Math.max(acc[j] + 0f, min), max); // + 0f: -0 becomes +0 as in the reference
            }
        } else {
            for (int j = j0; j < j1; j++) {
                c[c0 + j] = Math.min(Math.max(acc[j] + bias[biasOff + j], min), max);
            }
        }
    }
}
