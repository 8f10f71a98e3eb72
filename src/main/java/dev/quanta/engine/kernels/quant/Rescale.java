package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.quant.FixedPoint;

/**
 * The per-channel int32-to-8-bit output stage of the fast CONV_2D, DEPTHWISE_CONV_2D and
 * FULLY_CONNECTED paths: {@code clamp(MBQM(acc[c], M[c], shift[c]) + zp_out, actMin, actMax)} with the
 * shift-dependent constants computed once at prepare instead of per element. Single rounding is
 * {@link FixedPoint#multiplyByQuantizedMultiplierSingleRounding}; double rounding is
 * {@link FixedPoint#multiplyByQuantizedMultiplier} computed on magnitudes without branches (same integers for every
 * input, checked by {@code RescaleTest}).
 */
final class Rescale {
    private final int[] multiplier;
    private final boolean single;
    /** Single rounding: {@code 31 - shift} and {@code 1L << (30 - shift)}. */
    private final int[] totalShift;
    private final long[] round;
    /**
     * Double rounding: {@code 1 << max(shift, 0)}, {@code right = max(-shift, 0)}, and the combined
     * addend {@code 2^30 + 2^(right-1) * 2^31} and shift {@code 31 + right} (see {@link #doubleRounding}).
     */
    private final int[] leftFactor;
    private final long[] doubleAdd;
    private final int[] doubleShift;
    private final int[] shift;
    /** Double rounding with no left shift, no {@code INT32_MIN} multiplier and right shifts up to 31 in every channel. */
    private final boolean plainDouble;
    private final int outputOffset;
    private final int actMin;
    private final int actMax;

    Rescale(int[] multiplier, int[] shift, boolean single, int outputOffset, int actMin, int actMax) {
        int n = multiplier.length;
        this.multiplier = multiplier.clone();
        this.single = single;
        this.outputOffset = outputOffset;
        this.actMin = actMin;
        this.actMax = actMax;
        totalShift = new int[n];
        round = new long[n];
        leftFactor = new int[n];
        doubleAdd = new long[n];
        doubleShift = new int[n];
        this.shift = shift.clone();
        boolean plain = true;
        for (int c = 0; c < n; c++) {
            totalShift[c] = 31 - shift[c];
            round[c] = 1L << (totalShift[c] - 1);
            leftFactor[c] = 1 << (shift[c] > 0 ? shift[c] : 0);
            int right = shift[c] > 0 ? 0 : -shift[c];
            long half = right > 0 ? 1L << (right - 1) : 0;
            doubleAdd[c] = (1L << 30) + (half << 31);
            doubleShift[c] = 31 + right; // above 62 (right > 31, outside RoundingDivideByPOT's range): FixedPoint
            plain &= leftFactor[c] == 1 && multiplier[c] != Integer.MIN_VALUE && doubleShift[c] <= 62;
        }
        plainDouble = plain;
    }

    /** Requantizes channels {@code [0, n)} of {@code acc} into {@code y[yo ..]}; channel c uses constants c. */
    void apply(int[] acc, int n, byte[] y, int yo) {
        applyRow(acc, 0, n, y, yo);
    }

    /**
     * Requantizes {@code acc[from ..]} ({@code n} values) into {@code y[yo ..]}; value {@code i} uses the
     * constants of channel {@code (c0 + i) % channels}.
     */
    void apply(int[] acc, int from, int n, byte[] y, int yo, int c0) {
        int channels = multiplier.length;
        int i = 0;
        if (c0 != 0) {
            int head = Math.min(n, channels - c0);
            for (; i < head; i++) {
                y[yo + i] = output(acc[from + i], c0 + i);
            }
        }
        for (; i + channels <= n; i += channels) {
            applyRow(acc, from + i, channels, y, yo + i);
        }
        for (int c = 0; i < n; i++, c++) {
            y[yo + i] = output(acc[from + i], c);
        }
    }

    /** Channels {@code [0, n)} from {@code acc[from ..]} into {@code y[yo ..]}, one tight loop per rounding mode. */
    private void applyRow(int[] acc, int from, int n, byte[] y, int yo) {
        int zp = outputOffset;
        int lo = actMin;
        int hi = actMax;
        int[] m = multiplier;
        if (single) {
            long[] r = round;
            int[] t = totalShift;
            for (int c = 0; c < n; c++) {
                int v = (int) (((long) acc[from + c] * m[c] + r[c]) >> t[c]) + zp;
                y[yo + c] = (byte) Math.min(Math.max(v, lo), hi);
            }
        } else if (plainDouble) {
            long[] add = doubleAdd;
            int[] t = doubleShift;
            for (int c = 0; c < n; c++) {
                long v = (long) acc[from + c] * m[c];
                long sign = v >> 63;
                long r = (((v ^ sign) - sign) + sign + add[c]) >> t[c];
                int q = (int) ((r ^ sign) - sign) + zp;
                y[yo + c] = (byte) Math.min(Math.max(q, lo), hi);
            }
        } else {
            for (int c = 0; c < n; c++) {
                int v = doubleRounding(acc[from + c], c) + zp;
                y[yo + c] = (byte) Math.min(Math.max(v, lo), hi);
            }
        }
    }

    /** Accumulators of magnitude below this can take {@link #applyChannelInPlace}'s 32-bit form. */
    static final int SPLIT_BOUND = 1 << 19;

    /**
     * Whether channel {@code c}'s single rounding has a 32-bit form: multiplier in {@code [0, 2^31)} and
     * total shift {@code 31 - shift} in {@code [21, 50]} (shift in {@code [-19, 10]}), and offset and
     * clamp bounds within {@code ±2^16} (so the branch-free clamp's differences cannot overflow).
     */
    boolean splits(int c) {
        return single && multiplier[c] >= 0 && totalShift[c] >= 21 && totalShift[c] <= 50
                && Math.abs(outputOffset) <= 1 << 16 && Math.abs(actMin) <= 1 << 16 && Math.abs(actMax) <= 1 << 16;
    }

    /**
     * Replaces {@code acc[0, n)}, all of channel {@code c}, by their output values (offset added, clamped,
     * not yet narrowed to bytes). With {@code small} (every {@code |acc| < 2^19}, {@link #SPLIT_BOUND}) and
     * {@link #splits}, single rounding runs in 32-bit pieces that C2 vectorizes: with
     * {@code M = M2 * 2^20 + M1 * 2^10 + M0} (10-bit M0, M1), {@code P = x*M2 + ((x*M1 + ((x*M0) >> 10)) >> 10)}
     * is {@code floor(x*M / 2^20)} (each shift a floor, and floors nest), and since {@code 2^(t-1)} is a
     * multiple of 2^20, {@code floor((x*M + 2^(t-1)) / 2^t) = (P + 2^(t-21)) >> (t-20)}; no term exceeds
     * 2^31 ({@code |P| <= 2^30}, {@code 2^(t-21) <= 2^29}). Otherwise each value takes {@link #value}.
     */
    void applyChannelInPlace(int[] acc, int n, int c, boolean small) {
        int zp = outputOffset;
        int lo = actMin;
        int hi = actMax;
        if (small && splits(c)) {
            int m = multiplier[c];
            int m0 = m & 1023;
            int m1 = (m >> 10) & 1023;
            int m2 = m >> 20;
            int t = totalShift[c] - 20;
            int r = 1 << (totalShift[c] - 21);
            for (int i = 0; i < n; i++) {
                int x = acc[i];
                int p = x * m2 + ((x * m1 + ((x * m0) >> 10)) >> 10);
                acc[i] = Quant.clampBranchFree(((p + r) >> t) + zp, lo, hi);
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[i] = value(acc[i], c);
            }
        }
    }

    /** The output byte of accumulator {@code x} in channel {@code c}. */
    byte output(int x, int c) {
        return (byte) value(x, c);
    }

    /** The output value of accumulator {@code x} in channel {@code c}, offset added and clamped, as an int. */
    int value(int x, int c) {
        int v = (single ? single(x, c) : doubleRounding(x, c)) + outputOffset;
        return Math.min(Math.max(v, actMin), actMax);
    }

    int single(int x, int c) {
        return (int) (((long) x * multiplier[c] + round[c]) >> totalShift[c]);
    }

    /**
     * {@code RoundingDivideByPOT(SRDHM(x * 2^left, M), right)} as one magnitude computation: with
     * {@code v = x * 2^left * M} (64-bit), SRDHM is {@code sign(v) * floor((|v| + 2^30 - [v < 0]) / 2^31)}
     * and the rounding divide, symmetric around zero, is {@code sign * floor((h + 2^(right-1)) / 2^right)}
     * on {@code h = |SRDHM|}; the two floors nest into one,
     * {@code floor((|v| - [v < 0] + 2^30 + 2^(right-1) * 2^31) / 2^(31 + right)}, below 2^63.
     * SRDHM's only saturating case needs {@code M == INT32_MIN}, which no quantized multiplier is
     * (they lie in [0, 2^31)); such a multiplier, and right shifts beyond 31, take {@link FixedPoint}'s path.
     */
    int doubleRounding(int x, int c) {
        int b = multiplier[c];
        if (b == Integer.MIN_VALUE || doubleShift[c] > 62) {
            return FixedPoint.multiplyByQuantizedMultiplier(x, b, shift[c]);
        }
        long v = (long) (x * leftFactor[c]) * b;
        long sign = v >> 63;                          // 0 or -1
        long r = (((v ^ sign) - sign) + sign + doubleAdd[c]) >> doubleShift[c];
        return (int) ((r ^ sign) - sign);
    }

    /** The rescaled value of {@code x} in channel {@code c} before the offset and clamp (for tests). */
    int multiply(int x, int c) {
        return single ? single(x, c) : doubleRounding(x, c);
    }
}
