package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quanta.engine.quant.Rounding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * QUANTIZE's fast rounding ({@link Quantize#roundToInt}), also applied to floats (widened exactly) by
 * the hybrid kernels' input quantizer, gives the same integer as {@code castToIntX86(roundHalfAway(x))}
 * in double and in float arithmetic, for random bit patterns, every magnitude, ties and specials.
 */
class QuantizeRoundingTest {

    @Test
    void equalsTheGeneralHelpers() {
        double[] edges = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, Math.nextDown(0.5), Math.nextUp(-0.5),
            0x1p30, -0x1p30, Math.nextDown(0x1p30), -Math.nextDown(0x1p30), 0x1p31, -0x1p31, 0x1p31 - 0.5,
            -0x1p31 - 0.5, 0x1p52, 1e300, -1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Math.nextUp(0.5), Math.nextDown(1.5), Math.nextUp(-1.5),
            Math.nextDown(0x1p29 + 0.5), 0x1p29 + 0.5, -(0x1p29 + 0.5), Math.nextDown(1.0), 0.49999999999999994};
        for (double d : edges) {
            assertEquals(Rounding.castToIntX86(Rounding.roundHalfAway(d)), Quantize.roundToInt(d), "d=" + d);
        }
        Random r = new Random(11);
        for (int i = 0; i < 500_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(40));
                default -> (r.nextInt(2001) - 1000) / 2.0 + (r.nextBoolean() ? 0 : Math.ulp(500.0) * (r.nextInt(3) - 1));
            };
            assertEquals(Rounding.castToIntX86(Rounding.roundHalfAway(d)), Quantize.roundToInt(d), "d=" + d);
        }
    }

    /**
     * The 8-bit QUANTIZE loop ({@link Quantize#quantize8}: branch-free int clamp below 2^30, long clamp
     * above) equals {@code clamp(castToIntX86(roundHalfAway(x / scale)) + zp)} on random floats of every
     * magnitude, ties, NaN and infinities, for int8 and uint8 ranges.
     */
    @Test
    void quantize8EqualsTheDefinition() {
        Random r = new Random(5);
        float[] x = new float[20_000];
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
            -Float.MAX_VALUE, 1e9f, -1e9f, 0.5f, -0.5f, 2.5f, -2.5f};
        for (int i = 0; i < x.length; i++) {
            x[i] = i < specials.length ? specials[i] : switch (i % 3) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 1 -> (r.nextFloat() * 2 - 1) * (float) Math.scalb(1.0, r.nextInt(40) - 10);
                default -> (r.nextInt(2001) - 1000) / 2f;
            };
        }
        double[] scales = {1.0, 0.003921569, 0.05, 7.0};
        int[][] ranges = {{-128, 127, -128}, {-128, 127, 5}, {0, 255, 0}, {0, 255, 128}};
        for (double scale : scales) {
            for (int[] range : ranges) {
                byte[] y = new byte[x.length];
                Quantize.quantize8(x, 0, x.length, scale, range[2], range[0], range[1], y, 0);
                for (int i = 0; i < x.length; i++) {
                    long q = (long) Rounding.castToIntX86(Rounding.roundHalfAway(x[i] / scale)) + range[2];
                    byte expected = (byte) Math.min(Math.max(q, range[0]), range[1]);
                    if (expected != y[i]) {
                        assertEquals(expected, y[i], "x=" + x[i] + " scale=" + scale + " zp=" + range[2]);
                    }
                }
            }
        }
    }

    @Test
    void floatRoundingEqualsTheGeneralHelpers() {
        float[] edges = {0f, -0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, Math.nextDown(0.5f), Math.nextUp(-0.5f),
            0x1p23f, -0x1p23f, Math.nextDown(0x1p23f), -Math.nextDown(0x1p23f), 0x1p31f, -0x1p31f, 1e30f, -1e30f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
            127.5f, -128.5f, 127.49999f};
        for (float f : edges) {
            assertEquals(Rounding.castToIntX86(Rounding.roundHalfAway(f)), Quantize.roundToInt(f), "f=" + f);
        }
        Random r = new Random(12);
        for (int i = 0; i < 500_000; i++) {
            float f = switch (i % 3) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 1 -> (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(30)));
                default -> (r.nextInt(2001) - 1000) / 2.0f + (r.nextBoolean() ? 0 : Math.ulp(500f) * (r.nextInt(3) - 1));
            };
            assertEquals(Rounding.castToIntX86(Rounding.roundHalfAway(f)), Quantize.roundToInt(f), "f=" + f);
        }
    }
}
