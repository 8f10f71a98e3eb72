package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Rescale}'s precomputed single and branch-free double rounding give the same integers as
 * {@link FixedPoint}'s definitions, on random and extreme accumulators and multipliers from real
 * scale ratios (right shifts up to 30, no shift, left shifts).
 */
class RescaleTest {

    static final int[] EXTREMES = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
        Integer.MAX_VALUE - 1, 1 << 30, -(1 << 30), (1 << 30) - 1, -(1 << 30) + 1, 1 << 16, -(1 << 16), 12345, -12345};

    @Test
    void matchesFixedPoint() {
        Random r = new Random(7);
        int channels = 64;
        int[] m = new int[channels];
        int[] s = new int[channels];
        for (int c = 0; c < channels; c++) {
            double ratio = c == 0 ? 1.0 : c == 1 ? 0.5 : c < 6 ? Math.pow(2, -32 + c + r.nextDouble())
                    : Math.pow(2, -20 + r.nextDouble() * 26);
            QuantizedMultiplier q = QuantizedMultiplier.of(ratio);
            m[c] = q.multiplier();
            s[c] = q.shift();
        }
        for (boolean single : new boolean[] {true, false}) {
            Rescale rescale = new Rescale(m, s, single, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < 4000; i++) {
                    int x = i < EXTREMES.length ? EXTREMES[i] : i % 2 == 0 ? r.nextInt() : r.nextInt(1 << 20) - (1 << 19);
                    int expected = single ? FixedPoint.multiplyByQuantizedMultiplierSingleRounding(x, m[c], s[c])
                            : FixedPoint.multiplyByQuantizedMultiplier(x, m[c], s[c]);
                    assertEquals(expected, rescale.multiply(x, c),
                            "x=" + x + " M=" + m[c] + " shift=" + s[c] + " single=" + single);
                }
            }
        }
    }

    /**
     * {@link Rescale#applyChannelInPlace}'s 32-bit form (accumulators below 2^19) equals FixedPoint's
     * single rounding plus offset and clamp at every shift it accepts (-19 to 10, the ends included),
     * for multipliers at the ends of {@code [0, 2^31)} and random ones, on the accumulator extremes
     * {@code ±(2^19 - 1)} and random values; shifts outside, and double rounding, take the per-value path.
     */
    @Test
    void channelInPlaceSplitFormMatchesFixedPoint() {
        Random r = new Random(11);
        int[] xs = new int[4096];
        int bound = Rescale.SPLIT_BOUND - 1;
        int[] fixed = {0, 1, -1, bound, -bound, bound - 1, -bound + 1, 1 << 18, -(1 << 18), 1023, -1024, 1 << 10};
        for (int shift = -22; shift <= 12; shift++) {
            int[] multipliers = {0, 1, 1023, 1 << 20, (1 << 30), Integer.MAX_VALUE, Integer.MAX_VALUE - 1023,
                1518500250, r.nextInt(Integer.MAX_VALUE), r.nextInt(1 << 30) + (1 << 30)};
            for (int m : multipliers) {
                int[] ms = {m};
                int[] ss = {shift};
                for (int[] act : new int[][] {{-128, 127}, {0, 255}, {Integer.MIN_VALUE, Integer.MAX_VALUE}}) {
                    int zp = r.nextInt(256) - 128;
                    for (boolean single : new boolean[] {true, false}) {
                        Rescale rescale = new Rescale(ms, ss, single, zp, act[0], act[1]);
                        assertEquals(single && shift >= -19 && shift <= 10 && act[1] <= 255, rescale.splits(0),
                                "shift " + shift);
                        for (int i = 0; i < xs.length; i++) {
                            xs[i] = i < fixed.length ? fixed[i] : r.nextInt(2 * bound + 1) - bound;
                        }
                        int[] got = xs.clone();
                        rescale.applyChannelInPlace(got, xs.length, 0, true);
                        for (int i = 0; i < xs.length; i++) {
                            int q = single ? FixedPoint.multiplyByQuantizedMultiplierSingleRounding(xs[i], m, shift)
                                    : FixedPoint.multiplyByQuantizedMultiplier(xs[i], m, shift);
                            long v = Math.min(Math.max((long) q + zp, act[0]), act[1]);
                            if (v != got[i]) {
                                assertEquals(v, got[i], "x=" + xs[i] + " M=" + m + " shift=" + shift + " single=" + single);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void appliesOffsetClampAndChannelCycle() {
        int[] m = {1 << 30, 1518500250, 1 << 30};
        int[] s = {0, -3, -1};
        Rescale rescale = new Rescale(m, s, false, 5, -20, 30);
        int[] acc = {100, -100, 7, 1000, 3, -9, 0};
        byte[] y = new byte[7];
        rescale.apply(acc, 1, 5, y, 2, 1);
        for (int i = 0; i < 5; i++) {
            int c = (1 + i) % 3;
            int v = FixedPoint.multiplyByQuantizedMultiplier(acc[1 + i], m[c], s[c]) + 5;
            assertEquals((byte) Math.min(Math.max(v, -20), 30), y[2 + i], "value " + i);
        }
    }

    /**
     * The row loops of {@link Rescale#apply} (single rounding, the double-rounding loop for channels
     * without left shifts, and the general one) give FixedPoint's integers, offset and clamped.
     */
    @Test
    void rowLoopsMatchFixedPoint() {
        Random r = new Random(21);
        int channels = 48;
        for (int config = 0; config < 3; config++) {
            int[] m = new int[channels];
            int[] s = new int[channels];
            for (int c = 0; c < channels; c++) {
                double ratio = config == 2 && c % 5 == 0 ? Math.pow(2, 1 + r.nextDouble() * 4)
                        : Math.pow(2, -30 + r.nextDouble() * 30);
                QuantizedMultiplier q = QuantizedMultiplier.of(ratio);
                m[c] = q.multiplier();
                s[c] = q.shift();
            }
            boolean single = config == 0;
            Rescale rescale = new Rescale(m, s, single, -7, -128, 127);
            int pixels = 50;
            int[] acc = new int[pixels * channels];
            for (int i = 0; i < acc.length; i++) {
                acc[i] = i < EXTREMES.length ? EXTREMES[i] : i % 3 == 0 ? r.nextInt() : r.nextInt(1 << 16) - (1 << 15);
            }
            byte[] y = new byte[acc.length];
            rescale.apply(acc, 0, acc.length, y, 0, 0);
            for (int i = 0; i < acc.length; i++) {
                int c = i % channels;
                int v = (single ? FixedPoint.multiplyByQuantizedMultiplierSingleRounding(acc[i], m[c], s[c])
                        : FixedPoint.multiplyByQuantizedMultiplier(acc[i], m[c], s[c])) - 7;
                assertEquals((byte) Math.min(Math.max(v, -128), 127), y[i], "config " + config + " element " + i);
            }
        }
    }
}
