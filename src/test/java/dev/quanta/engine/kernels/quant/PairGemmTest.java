package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PairGemm}'s fused (FMA) and unfused forms both equal a plain int32 multiply-add loop, across
 * row counts that do and do not fill groups of four, odd depths, odd column counts, column blocks and
 * depths cut into several exactly decodable chunks, with operands at their extremes.
 */
class PairGemmTest {

    @ParameterizedTest(name = "rows {0}, cols {1}, depth {2}, max |a| {3}, extremes {4}")
    @CsvSource({
        "8, 24, 27, 128, false",
        "8, 33, 64, 128, true",
        "5, 17, 9, 128, false",
        "3, 1, 1, 128, true",
        "8, 257, 130, 128, false",
        "7, 300, 2065, 128, true",
        "8, 40, 3000, 255, true",
        "4, 2, 517, 255, true",
    })
    void fusedAndUnfusedEqualIntegerLoop(int rows, int cols, int depth, int maxA, boolean extremes) {
        SplittableRandom r = new SplittableRandom(rows * 31L + cols * 7L + depth);
        int[] w = new int[cols * depth];
        for (int i = 0; i < w.length; i++) {
            w[i] = extremes ? (i % 7 == 0 ? -127 : 127) : r.nextInt(-127, 128);
        }
        int[] a = new int[rows * depth];
        for (int i = 0; i < a.length; i++) {
            a[i] = extremes ? maxA - i % 2 : r.nextInt(-maxA, maxA + 1);
        }
        int[] bias = new int[cols];
        for (int c = 0; c < cols; c++) {
            bias[c] = r.nextInt(-1 << 20, 1 << 20);
        }
        int[][] expected = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < cols; c++) {
                int sum = bias[c];
                for (int kk = 0; kk < depth; kk++) {
                    sum += a[i * depth + kk] * w[c * depth + kk];
                }
                expected[i][c] = sum;
            }
        }
        PairGemm gemm = new PairGemm(w, cols, depth, maxA);
        if (extremes && depth > 2064 * 128 / maxA) {
            assertTrue(gemm.chunk() < depth, "the case must span several decodable chunks");
        }
        for (boolean fused : new boolean[] {false, true}) {
            int[][] acc = gemm.intAccumulators(rows);
            double[][] s = gemm.accumulators(rows);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(bias, 0, acc[i], 0, cols);
            }
            if (fused) {
                gemm.multiplyFused(a, rows, acc, s);
            } else {
                gemm.multiplyUnfused(a, rows, acc, s);
            }
            for (int i = 0; i < rows; i++) {
                int[] got = java.util.Arrays.copyOf(acc[i], cols);
                assertArrayEquals(expected[i], got, (fused ? "fused" : "unfused") + " row " + i);
            }
        }
    }
}
