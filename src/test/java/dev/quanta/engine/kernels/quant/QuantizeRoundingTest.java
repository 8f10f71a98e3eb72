package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quanta.engine.quant.Rounding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * QUANTIZE's fast rounding ({@link Quantize#roundToInt}) gives the same integer as
 * {@code castToIntX86(roundHalfAway(d))} for random bit patterns, every magnitude, ties and specials.
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
}
