package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.quant.Affine;

/**
 * The fast 8-bit AVERAGE_POOL_2D and MAX_POOL_2D, one output row at a time in three passes, so that
 * few channels per pixel cost no per-pixel loop setup (from {@link #WIDE} channels the first two
 * passes are one, pixel by pixel over whole channel runs):
 * <ol>
 *   <li>the window's in-bounds input rows are combined (summed or maxed) into one int row of
 *       {@code inW * channels} values;</li>
 *   <li>each output value combines the in-bounds horizontal neighbours of that row (loops specialized
 *       for 2- and 3-wide windows over the columns whose window lies inside the input, all columns
 *       without padding; a general loop for the edge columns);</li>
 *   <li>the whole output row is divided (average), clamped and narrowed to bytes in loops indexed by
 *       the loop variable alone, which C2 vectorizes.</li>
 * </ol>
 * Integer sums and maxima do not depend on the order of their terms, so the results are
 * {@link PoolInt8#poolRow}'s exactly.
 *
 * <p>The average's rounding division {@code (acc ± count/2) / count} (TFLite's, half away from zero)
 * is computed on the magnitude as {@code ((|acc| + count/2) * m) >>> 23} with a per-count multiplier
 * ({@link #multiplier}), exact for every sum of up to {@link #MAGIC_COUNT} 8-bit values
 * ({@code PoolInt8FastTest} checks every such sum against the division). Larger windows (global
 * pools) divide.
 */
final class PoolInt8Fast {
    /**
     * From this many channels a pixel's channel run is long enough to loop over by itself: windows are
     * accumulated pixel by pixel, tap by tap, straight from the input (a combined row of many channels
     * would not stay in L1 next to the input, MobileNet's 7x7x1024 global average for instance).
     */
    static final int WIDE = 32;
    /** Largest window count whose average uses the multiply-and-shift division. */
    static final int MAGIC_COUNT = 128;
    /** The shift of the multiply-and-shift division. */
    static final int MAGIC_SHIFT = 23;

    private final ConvGeometry g;
    private final boolean unsigned;
    private final boolean average;
    private final int lo;
    private final int hi;
    /** Output columns {@code [oxLo, oxHi)} read their whole window horizontally in bounds. */
    private final int oxLo;
    private final int oxHi;
    /**
     * Average with windows of at most {@link #MAGIC_COUNT}: for {@code nfy} in-bounds window rows,
     * {@code halves[nfy][j]} and {@code multipliers[nfy][j]} are the rounding addend and the
     * multiplier of output value {@code j} of a row (they differ at the edge columns); else null.
     */
    private final int[][] halves;
    private final int[][] multipliers;

    /** One worker's rows: combined input row, output sums, nothing else. */
    record Scratch(int[] col, int[] acc) {
    }

    PoolInt8Fast(ConvGeometry g, boolean unsigned, boolean average, Affine.Range act) {
        this.g = g;
        this.unsigned = unsigned;
        this.average = average;
        this.lo = act.min();
        this.hi = act.max();
        int sw = g.strideW();
        int first = ConvInt8Fast.ceilDiv(g.padLeft(), sw);
        int last = Math.floorDiv(g.inW() - g.kW() + g.padLeft(), sw) + 1;
        this.oxLo = Math.min(Math.max(first, 0), g.outW());
        this.oxHi = Math.max(Math.min(last, g.outW()), oxLo);
        if (average && g.kH() * g.kW() <= MAGIC_COUNT) {
            int c = g.inC();
            halves = new int[g.kH() + 1][g.outW() * c];
            multipliers = new int[g.kH() + 1][g.outW() * c];
            for (int nfy = 1; nfy <= g.kH(); nfy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    int count = nfy * Math.max(1, tapsAcross(ox));
                    java.util.Arrays.fill(halves[nfy], ox * c, ox * c + c, count / 2);
                    java.util.Arrays.fill(multipliers[nfy], ox * c, ox * c + c, multiplier(count));
                }
            }
        } else {
            halves = null;
            multipliers = null;
        }
    }

    /** In-bounds horizontal taps of output column {@code ox}. */
    private int tapsAcross(int ox) {
        int x0 = ox * g.strideW() - g.padLeft();
        return Math.min(g.kW(), g.inW() - x0) - Math.max(0, -x0);
    }

    /**
     * {@code m} with {@code ((a * m) mod 2^32) >>> 23 == a / count} for every {@code 0 <= a <= 256 * count}
     * (the magnitude of a sum of {@code count} 8-bit values plus {@code count / 2}):
     * {@code m = ceil(2^23 / count)}, so {@code e = m * count - 2^23 < count} and the error
     * {@code a * e / (count * 2^23)} stays below {@code 1 / count} (as {@code 256 * count^2 <= 2^23} up to
     * count 181), too little to reach the next multiple of count; and {@code a * m <= 2^31 + 256 * count < 2^32}.
     */
    static int multiplier(int count) {
        if (count < 1 || count > MAGIC_COUNT) {
            throw new IllegalArgumentException("no multiply-shift division for count " + count);
        }
        return (int) (((1L << MAGIC_SHIFT) + count - 1) / count);
    }

    /** Scratch for one worker. */
    Scratch scratch() {
        int col = g.inC() >= WIDE ? 1 : Math.max(1, g.inW() * g.inC());
        return new Scratch(new int[col], new int[g.outW() * g.inC()]);
    }

    /** Output row {@code row} (batch-major over output rows) of the pool. */
    void row(byte[] x, int xo, byte[] y, int yo, int row, Scratch scratch) {
        int oy = row % g.outH();
        int b = row / g.outH();
        int c = g.inC();
        int inY0 = oy * g.strideH() - g.padTop();
        int fy0 = Math.max(0, -inY0);
        int fy1 = Math.min(g.kH(), g.inH() - inY0);
        int nfy = fy1 - fy0;
        if (nfy <= 0) {
            throw new IllegalStateException("pool window misses the input at output row " + oy);
        }
        int len = g.inW() * c;
        int[] col = scratch.col();
        int[] acc = scratch.acc();
        int s = xo + (b * g.inH() + inY0 + fy0) * len;
        if (c >= WIDE) {
            widePixels(x, s, nfy, acc);
        } else if (nfy == 2 && g.kW() == 2 && g.strideW() >= 2) {
            direct2x2(x, s, s + len, acc);
            edgesDirect(x, s, nfy, 0, oxLo, acc);
            edgesDirect(x, s, nfy, oxHi, g.outW(), acc);
        } else {
            combineRows(x, s, nfy, len, col);
            edges(col, 0, oxLo, acc);
            interior(col, acc);
            edges(col, oxHi, g.outW(), acc);
        }
        int n = g.outW() * c;
        if (!average) {
            clamp(acc, n, lo, hi);
        } else if (halves != null) {
            divide(acc, n, halves[nfy], multipliers[nfy], lo, hi);
        } else {
            divideSlowly(acc, nfy);
        }
        int d = yo + row * n;
        for (int j = 0; j < n; j++) {
            y[d + j] = (byte) acc[j];
        }
    }

    /** {@code col} = sum or maximum of the {@code nfy} input rows from {@code x[s ..]}, {@code len} apart. */
    private void combineRows(byte[] x, int s, int nfy, int len, int[] col) {
        if (nfy >= 2) {
            load2(x, s, s + len, col, len, unsigned, average);
            s += len;
        } else {
            load(x, s, col, 0, len, unsigned);
        }
        for (int fy = 2; fy < nfy; fy++) {
            s += len;
            if (average) {
                add(x, s, col, 0, len, unsigned);
            } else {
                max(x, s, col, 0, len, unsigned);
            }
        }
    }

    /**
     * The interior columns of a 2x2 window with both rows in bounds and stride at least 2, straight
     * from the input rows at {@code s0} and {@code s1} (each input value is read once, no combined row).
     */
    private void direct2x2(byte[] x, int s0, int s1, int[] acc) {
        int c = g.inC();
        int step = g.strideW() * c;
        int off = (oxLo * g.strideW() - g.padLeft()) * c;
        int a = s0 + off;
        int b = s1 + off;
        int mask = unsigned ? 0xff : -1;
        for (int ox = oxLo, o = oxLo * c; ox < oxHi; ox++, a += step, b += step, o += c) {
            if (average) {
                for (int ch = 0; ch < c; ch++) {
                    acc[o + ch] = (x[a + ch] & mask) + (x[a + c + ch] & mask) + (x[b + ch] & mask)
                            + (x[b + c + ch] & mask);
                }
            } else {
                for (int ch = 0; ch < c; ch++) {
                    acc[o + ch] = Math.max(Math.max(x[a + ch] & mask, x[a + c + ch] & mask),
                            Math.max(x[b + ch] & mask, x[b + c + ch] & mask));
                }
            }
        }
    }

    /** Output columns {@code [from, to)} over their in-bounds taps, straight from {@code nfy} input rows at {@code s}. */
    private void edgesDirect(byte[] x, int s, int nfy, int from, int to, int[] acc) {
        int c = g.inC();
        int len = g.inW() * c;
        int mask = unsigned ? 0xff : -1;
        for (int ox = from; ox < to; ox++) {
            int x0 = ox * g.strideW() - g.padLeft();
            int fx0 = Math.max(0, -x0);
            int fx1 = Math.min(g.kW(), g.inW() - x0);
            for (int ch = 0; ch < c; ch++) {
                int v = average ? 0 : Integer.MIN_VALUE;
                for (int fy = 0; fy < nfy; fy++) {
                    for (int fx = fx0; fx < fx1; fx++) {
                        int t = x[s + fy * len + (x0 + fx) * c + ch] & mask;
                        v = average ? v + t : Math.max(v, t);
                    }
                }
                acc[ox * c + ch] = v;
            }
        }
    }

    /** Every output column of the row, tap by tap over whole channel runs, from {@code nfy} input rows at {@code s}. */
    private void widePixels(byte[] x, int s, int nfy, int[] acc) {
        int c = g.inC();
        int len = g.inW() * c;
        for (int ox = 0; ox < g.outW(); ox++) {
            int x0 = ox * g.strideW() - g.padLeft();
            int fx0 = Math.max(0, -x0);
            int fx1 = Math.min(g.kW(), g.inW() - x0);
            int o = ox * c;
            for (int fy = 0; fy < nfy; fy++) {
                for (int fx = fx0; fx < fx1; fx++) {
                    int t = s + fy * len + (x0 + fx) * c;
                    if (fy == 0 && fx == fx0) {
                        load(x, t, acc, o, c, unsigned);
                    } else if (average) {
                        add(x, t, acc, o, c, unsigned);
                    } else {
                        max(x, t, acc, o, c, unsigned);
                    }
                }
            }
        }
    }

    /** Sums or maxima of the interior output columns' windows, into {@code acc}. */
    private void interior(int[] col, int[] acc) {
        int c = g.inC();
        int step = g.strideW() * c;
        int kW = g.kW();
        int s = (oxLo * g.strideW() - g.padLeft()) * c;
        for (int ox = oxLo, o = oxLo * c; ox < oxHi; ox++, s += step, o += c) {
            if (kW == 2) {
                if (average) {
                    for (int ch = 0; ch < c; ch++) {
                        acc[o + ch] = col[s + ch] + col[s + c + ch];
                    }
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        acc[o + ch] = Math.max(col[s + ch], col[s + c + ch]);
                    }
                }
            } else if (kW == 3) {
                if (average) {
                    for (int ch = 0; ch < c; ch++) {
                        acc[o + ch] = col[s + ch] + col[s + c + ch] + col[s + 2 * c + ch];
                    }
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        acc[o + ch] = Math.max(Math.max(col[s + ch], col[s + c + ch]), col[s + 2 * c + ch]);
                    }
                }
            } else {
                taps(col, s, kW, acc, o);
            }
        }
    }

    /** Output columns {@code [from, to)} over their in-bounds taps only. */
    private void edges(int[] col, int from, int to, int[] acc) {
        int c = g.inC();
        for (int ox = from; ox < to; ox++) {
            int x0 = ox * g.strideW() - g.padLeft();
            int fx0 = Math.max(0, -x0);
            int fx1 = Math.min(g.kW(), g.inW() - x0);
            taps(col, (x0 + fx0) * c, fx1 - fx0, acc, ox * c);
        }
    }

    /** {@code acc[o + ch]} = sum or maximum of {@code col[s + fx * c + ch]} over {@code fx < taps}. */
    private void taps(int[] col, int s, int taps, int[] acc, int o) {
        int c = g.inC();
        System.arraycopy(col, s, acc, o, c);
        for (int fx = 1; fx < taps; fx++) {
            int t = s + fx * c;
            if (average) {
                for (int ch = 0; ch < c; ch++) {
                    acc[o + ch] += col[t + ch];
                }
            } else {
                for (int ch = 0; ch < c; ch++) {
                    acc[o + ch] = Math.max(acc[o + ch], col[t + ch]);
                }
            }
        }
    }

    /**
     * {@code clamp(round(acc[j] / count_j))}, branch-free on the magnitude so that C2 vectorizes it
     * ({@code Math.min/max} on ints and conditional moves stay scalar on JDK 17).
     */
    static void divide(int[] acc, int n, int[] half, int[] multiplier, int lo, int hi) {
        for (int j = 0; j < n; j++) {
            int v = acc[j];
            int sign = v >> 31;
            int q = ((((v ^ sign) - sign) + half[j]) * multiplier[j]) >>> MAGIC_SHIFT;
            acc[j] = Quant.clampBranchFree((q ^ sign) - sign, lo, hi);
        }
    }

    /** {@code clamp(acc[j])} for values far inside the int range, branch-free as {@link #divide}. */
    static void clamp(int[] acc, int n, int lo, int hi) {
        for (int j = 0; j < n; j++) {
            acc[j] = Quant.clampBranchFree(acc[j], lo, hi);
        }
    }

    /** The reference's rounding division and clamp, for windows beyond {@link #MAGIC_COUNT}. */
    private void divideSlowly(int[] acc, int nfy) {
        int c = g.inC();
        for (int ox = 0; ox < g.outW(); ox++) {
            int count = nfy * tapsAcross(ox);
            int half = count / 2;
            for (int j = ox * c; j < ox * c + c; j++) {
                int v = acc[j];
                v = v > 0 ? (v + half) / count : (v - half) / count;
                acc[j] = Math.min(Math.max(v, lo), hi);
            }
        }
    }

    private static void load(byte[] x, int s, int[] col, int d, int n, boolean unsigned) {
        if (unsigned) {
            for (int i = 0; i < n; i++) {
                col[d + i] = x[s + i] & 0xff;
            }
        } else {
            for (int i = 0; i < n; i++) {
                col[d + i] = x[s + i];
            }
        }
    }

    /** {@code col[i]} = sum or maximum of {@code x[s0 + i]} and {@code x[s1 + i]}. */
    private static void load2(byte[] x, int s0, int s1, int[] col, int n, boolean unsigned, boolean average) {
        if (average) {
            if (unsigned) {
                for (int i = 0; i < n; i++) {
                    col[i] = (x[s0 + i] & 0xff) + (x[s1 + i] & 0xff);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    col[i] = x[s0 + i] + x[s1 + i];
                }
            }
        } else if (unsigned) {
            for (int i = 0; i < n; i++) {
                col[i] = Math.max(x[s0 + i] & 0xff, x[s1 + i] & 0xff);
            }
        } else {
            for (int i = 0; i < n; i++) {
                col[i] = Math.max(x[s0 + i], x[s1 + i]);
            }
        }
    }

    private static void add(byte[] x, int s, int[] col, int d, int n, boolean unsigned) {
        if (unsigned) {
            for (int i = 0; i < n; i++) {
                col[d + i] += x[s + i] & 0xff;
            }
        } else {
            for (int i = 0; i < n; i++) {
                col[d + i] += x[s + i];
            }
        }
    }

    private static void max(byte[] x, int s, int[] col, int d, int n, boolean unsigned) {
        if (unsigned) {
            for (int i = 0; i < n; i++) {
                col[d + i] = Math.max(col[d + i], x[s + i] & 0xff);
            }
        } else {
            for (int i = 0; i < n; i++) {
                col[d + i] = Math.max(col[d + i], x[s + i]);
            }
        }
    }
}
