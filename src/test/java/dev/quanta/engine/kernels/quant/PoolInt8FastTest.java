package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link PoolInt8Fast}'s rounding division by multiply and shift equals TFLite's
 * {@code acc > 0 ? (acc + count/2) / count : (acc - count/2) / count}, then the clamp, for every sum
 * that {@code count} 8-bit values can have (int8 and uint8), for every count it is used for.
 */
class PoolInt8FastTest {

    @Test
    void multiplyShiftDivisionIsExactForEverySumOfUpTo128Values() {
        for (int count = 1; count <= PoolInt8Fast.MAGIC_COUNT; count++) {
            int m = PoolInt8Fast.multiplier(count);
            for (int a = 0; a <= 256 * count; a++) {
                int q = (a * m) >>> PoolInt8Fast.MAGIC_SHIFT;
                if (q != a / count) {
                    assertEquals(a / count, q, "count " + count + ", a " + a);
                }
            }
        }
    }

    @Test
    void divideMatchesTheReferenceRoundingAndClamp() {
        int[][] ranges = {{-128, 127}, {0, 255}, {0, 127}, {-20, 90}};
        for (int count = 1; count <= PoolInt8Fast.MAGIC_COUNT; count++) {
            int lo = -128 * count;
            int hi = 255 * count;
            int n = hi - lo + 1;
            int[] acc = new int[n];
            int[] half = new int[n];
            int[] mult = new int[n];
            java.util.Arrays.fill(half, count / 2);
            java.util.Arrays.fill(mult, PoolInt8Fast.multiplier(count));
            for (int[] range : ranges) {
                for (int i = 0; i < n; i++) {
                    acc[i] = lo + i;
                }
                PoolInt8Fast.divide(acc, n, half, mult, range[0], range[1]);
                for (int i = 0; i < n; i++) {
                    int v = lo + i;
                    int expected = v > 0 ? (v + count / 2) / count : (v - count / 2) / count;
                    expected = Math.min(Math.max(expected, range[0]), range[1]);
                    if (acc[i] != expected) {
                        assertEquals(expected, acc[i], "count " + count + ", sum " + v);
                    }
                }
            }
        }
    }

    @Test
    void noMultiplierBeyondTheProvenCounts() {
        assertThrows(IllegalArgumentException.class, () -> PoolInt8Fast.multiplier(PoolInt8Fast.MAGIC_COUNT + 1));
        assertThrows(IllegalArgumentException.class, () -> PoolInt8Fast.multiplier(0));
    }
}
