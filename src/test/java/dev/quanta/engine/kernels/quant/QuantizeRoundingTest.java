package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quanta.engine.quant.Rounding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * QUANTIZE's fast rounding ({@link Quantize#roundToInt}) and the hybrid kernels' float one
 * ({@link HybridQuantizer#roundToInt}) give the same integer as {@code castToIntX86(roundHalfAway(x))}
 * for random bit patterns, every magnitude, ties and specials.
 */
class QuantizeRoundingTest {

    @Test
    void equalsTheGeneralHelpers() {
        double[] edges = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, Math.nextDown(0.5), Math.nextUp(-0.5),
            0x1p30, -0x1p30, Math.nextDown(0x1p30), -Math.nextDown(0x1p30), 0x1p31, -0x1p31, 0x1p31 - 0.5,
            -0x1p31 - 0.5, 0x1p52, 1e300, -1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE};
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

    @Test
    void floatRoundingEqualsTheGeneralHelpers() {
        float[] edges = {0f, -0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, Math.nextDown(0.5f), Math.nextUp(-0.5f),
            0x1p23f, -0x1p23f, Math.nextDown(0x1p23f), -Math.nextDown(0x1p23f), 0x1p31f, -0x1p31f, 1e30f, -1e30f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
            127.5f, -128.5f, 127.49999f};
        for (float f : edges) {
            assertEquals(Rounding.castToIntX86(Rounding.roundHalfAway(f)), HybridQuantizer.roundToInt(f), "f=" + f);
        }
        Random r = new Random(12);
        for (int i = 0; i < 500_000; i++) {
            float f = switch (i % 3) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 1 -> (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(30)));
                default -> (r.nextInt(2001) - 1000) / 2.0f + (r.nextBoolean() ? 0 : Math.ulp(500f) * (r.nextInt(3) - 1));
            };
            assertEquals(Rounding.castToIntX86(Rounding.roundHalfAway(f)), HybridQuantizer.roundToInt(f), "f=" + f);
        }
    }
}
