package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.kernels.TensorSlot;

/** An int8 weight matrix {@code [rows, cols]} as ints, its scale and its row sums. */
record Int8Matrix(int[] q, int rows, int cols, float scale, int[] rowSums) {
    static Int8Matrix of(TensorSlot t, int rows, int cols) {
        int[] q = Quant.ints8(t);
        int[] sums = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                sums[r] += q[r * cols + k];
            }
        }
        return new Int8Matrix(q, rows, cols, t.quant().scale(0), sums);
    }

    /**
     * {@code out[r] += (dot(row r, v) - rowSum[r] * zp) * (vScale * scale)} for every row, as
     * TFLite's {@code MatrixBatchVectorMultiplyAccumulate} with input offsets.
     */
    void multiplyAccumulate(int[] v, float vScale, int zp, float[] out, int outOff) {
        float s = vScale * scale;
        int r = 0;
        // four rows per pass over v: independent integer sums, so any grouping gives the same dots
        for (; r + 4 <= rows; r += 4) {
            int a0 = 0;
            int a1 = 0;
            int a2 = 0;
            int a3 = 0;
            int o0 = r * cols;
            int o1 = o0 + cols;
            int o2 = o1 + cols;
            int o3 = o2 + cols;
            for (int k = 0; k < cols; k++) {
                int x = v[k];
                a0 += q[o0 + k] * x;
                a1 += q[o1 + k] * x;
                a2 += q[o2 + k] * x;
                a3 += q[o3 + k] * x;
            }
            out[outOff + r] += (a0 - rowSums[r] * zp) * s;
            out[outOff + r + 1] += (a1 - rowSums[r + 1] * zp) * s;
            out[outOff + r + 2] += (a2 - rowSums[r + 2] * zp) * s;
            out[outOff + r + 3] += (a3 - rowSums[r + 3] * zp) * s;
        }
        for (; r < rows; r++) {
            int dot = ConvInt8Fast.dot(q, r * cols, v, 0, cols) - rowSums[r] * zp;
            out[outOff + r] += dot * s;
        }
    }
}
