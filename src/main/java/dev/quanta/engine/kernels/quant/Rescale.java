package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.quant.FixedPoint;

/**
 * The per-channel int32-to-8-bit output stage of the fast CONV_2D, DEPTHWISE_CONV_2D and
 * FULLY_CONNECTED paths: {@code clamp(MBQM(acc[c], M[c], shift[c]) + zp_out, actMin, actMax)} with the
 * shift-dependent constants computed once at prepare instead of per element. Single rounding is
 * {@link FixedPoint#multiplyByQuantizedMultiplierSingleRounding}; double rounding is
 * {@link FixedPoint#multiplyByQuantizedMultiplier} written without branches (same integers for every
 * input, checked by {@code RescaleTest}).
 */
final class Rescale {
    private final int[] multiplier;
    private final boolean single;
    /** Single rounding: {@code 31 - shift} and {@code 1L << (30 - shift)}. */
    private final int[] totalShift;
    private final long[] round;
    /** Double rounding: {@code 1 << max(shift, 0)}, {@code max(-shift, 0)} and {@code 2^right - 1}. */
    private final int[] leftFactor;
    private final int[] right;
    private final int[] mask;
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
        right = new int[n];
        mask = new int[n];
        for (int c = 0; c < n; c++) {
            totalShift[c] = 31 - shift[c];
            round[c] = 1L << (totalShift[c] - 1);
            leftFactor[c] = 1 << (shift[c] > 0 ? shift[c] : 0);
            right[c] = shift[c] > 0 ? 0 : -shift[c];
            mask[c] = (int) ((1L << right[c]) - 1);
        }
    }

    /** Requantizes channels {@code [0, n)} of {@code acc} into {@code y[yo ..]}; channel c uses constants c. */
    void apply(int[] acc, int n, byte[] y, int yo) {
        apply(acc, 0, n, y, yo, 0);
    }

    /**
     * Requantizes {@code acc[from ..]} ({@code n} values) into {@code y[yo ..]}; value {@code i} uses the
     * constants of channel {@code (c0 + i) % channels}.
     */
    void apply(int[] acc, int from, int n, byte[] y, int yo, int c0) {
        int channels = multiplier.length;
        int c = c0;
        for (int i = 0; i < n; i++) {
            int v = (single ? single(acc[from + i], c) : doubleRounding(acc[from + i], c)) + outputOffset;
            y[yo + i] = (byte) Math.min(Math.max(v, actMin), actMax);
            if (++c == channels) {
                c = 0;
            }
        }
    }

    /** Requantizes {@code n} accumulators of channel {@code c} into {@code y[yo + i * stride]}. */
    void applyChannel(int[] acc, int n, int c, byte[] y, int yo, int stride) {
        for (int i = 0; i < n; i++) {
            y[yo + i * stride] = output(acc[i], c);
        }
    }

    /** The output byte of accumulator {@code x} in channel {@code c}. */
    byte output(int x, int c) {
        int v = (single ? single(x, c) : doubleRounding(x, c)) + outputOffset;
        return (byte) Math.min(Math.max(v, actMin), actMax);
    }

    int single(int x, int c) {
        return (int) (((long) x * multiplier[c] + round[c]) >> totalShift[c]);
    }

    int doubleRounding(int x, int c) {
        int a = x * leftFactor[c];
        int b = multiplier[c];
        int high;
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            high = Integer.MAX_VALUE;
        } else {
            long ab = (long) a * b;
            long q = ab + (1L << 30) - ((ab >> 63) & 0x7FFFFFFFL); // nudge 2^30, or 1 - 2^30 below zero
            high = (int) ((q + ((q >> 63) & 0x7FFFFFFFL)) >> 31);   // q / 2^31 truncating toward zero
        }
        int e = right[c];
        int m = mask[c];
        int threshold = (m >> 1) + (high >>> 31);
        return (high >> e) + ((threshold - (high & m)) >>> 31);
    }

    /** The rescaled value of {@code x} in channel {@code c} before the offset and clamp (for tests). */
    int multiply(int x, int c) {
        return single ? single(x, c) : doubleRounding(x, c);
    }
}
