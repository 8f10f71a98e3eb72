package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.float32.MatMulShape;

/**
 * Hybrid (dynamic-range) BATCH_MATMUL: float32 lhs and output, constant int8 rhs with one per-tensor
 * symmetric scale, as TFLite 2.6.2's {@code batch_matmul::EvalHybrid}. Each lhs row (length {@code k},
 * after {@code adj_x}) of every lhs batch is quantized on the fly, symmetrically or, with
 * {@code asymmetric_quantize_inputs}, asymmetrically ({@link HybridQuantizer}); its scale is multiplied
 * by the rhs scale in float. Then, per output element,
 * {@code out = s_row * (int)(dot(q_row, rhs_col) - rowSum(rhs_col) * (float) zp_row)}, where the
 * integer dot is exact and the zero-point correction is done in float as TFLite does. Batch dims
 * broadcast as in the float kernel. There is no zero-input shortcut: an all-zero row quantizes to
 * zeros (scale 1, zero point 0) and gives 0.
 *
 * <p>One known difference: with two or more non-broadcast lhs batch dimensions TFLite 2.6.2's
 * reference hybrid loop advances its per-row scale and zero-point pointers by {@code m} for each
 * batch index (it compares an extent, not a dimension, with 1), so batch {@code (b1, b2)} of
 * {@code [d1, d2]} uses the scales of rows {@code (b1 + b2) * m} onwards; Quanta uses the batch's own
 * rows (the defined product). Single-batch-dim models, like the converter's usual {@code [1, T, K]}
 * activations, are unaffected ({@code HybridSequenceOpsTest} pins this down).
 *
 * <p>One implementation: the rhs is transposed to {@code [n, k]} int rows once at prepare, so each
 * output is one contiguous integer dot product; output rows are split over workers, which cannot
 * change any result (every element is computed independently, in the same order).
 */
public final class BatchMatMulHybrid implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot lhs = node.input(0);
        TensorSlot rhs = node.input(1);
        TensorSlot out = node.output(0);
        KernelException.require(lhs != null && rhs != null, "BATCH_MATMUL needs two inputs");
        Quant.requireType(lhs, "lhs", DType.FLOAT32);
        Quant.requireType(rhs, "rhs", DType.INT8);
        KernelException.require(rhs.isConstant(), "hybrid BATCH_MATMUL needs a constant int8 rhs");
        KernelException.require(rhs.quant() != null && rhs.quant().hasScale() && rhs.quant().scale().length == 1,
                "hybrid BATCH_MATMUL needs a per-tensor scale on the rhs (TFLite 2.6.2 reads one scale)");
        KernelException.require(out.type() == DType.FLOAT32, "hybrid BATCH_MATMUL output must be FLOAT32");
        boolean asymmetric = node.options().getBool("asymmetric_quantize_inputs");
        MatMulShape shape = MatMulShape.prepare(node, lhs, rhs, out);
        int m = shape.m();
        int k = shape.k();
        int n = shape.n();
        boolean adjX = shape.adjX();
        boolean adjY = shape.adjY();
        int batches = shape.batches();
        int lhsMatrices = shape.lhsMatrices();
        int rhsMatrices = shape.rhsMatrices();
        // rhs as [matrix][column j][k] ints, and each column's sum (TFLite's row sums of the transposed rhs)
        byte[] rq = rhs.bytes();
        int ro = rhs.offset();
        int[] cols = new int[rhsMatrices * n * k];
        int[] colSums = new int[rhsMatrices * n];
        for (int r = 0; r < rhsMatrices; r++) {
            for (int j = 0; j < n; j++) {
                int sum = 0;
                for (int kk = 0; kk < k; kk++) {
                    int v = adjY ? rq[ro + (r * n + j) * k + kk] : rq[ro + (r * k + kk) * n + j];
                    cols[(r * n + j) * k + kk] = v;
                    sum += v;
                }
                colSums[r * n + j] = sum;
            }
        }
        float rhsScale = rhs.quant().scale(0);
        int rows = lhsMatrices * m;
        float[] rowLhs = adjX ? new float[rows * k] : null;
        byte[] q = new byte[rows * k];
        int[] qi = new int[rows * k];
        float[] scales = new float[rows];
        int[] zps = new int[rows];
        return par -> {
            float[] x = lhs.floats();
            int xo = lhs.offset();
            if (adjX) {
                for (int a = 0; a < lhsMatrices; a++) {
                    for (int i = 0; i < m; i++) {
                        for (int kk = 0; kk < k; kk++) {
                            rowLhs[(a * m + i) * k + kk] = x[xo + (a * k + kk) * m + i];
                        }
                    }
                }
                x = rowLhs;
                xo = 0;
            }
            for (int r = 0; r < rows; r++) {
                if (asymmetric) {
                    HybridQuantizer.asymmetric(x, xo + r * k, k, q, r * k, scales, zps, r);
                } else {
                    scales[r] = HybridQuantizer.symmetric(x, xo + r * k, k, q, r * k);
                    zps[r] = 0;
                }
                scales[r] *= rhsScale;
            }
            for (int i = 0; i < qi.length; i++) {
                qi[i] = q[i];
            }
            float[] y = out.floats();
            int yo = out.offset();
            par.forRange(batches * m, 4, (from, to, worker) -> {
                for (int t = from; t < to; t++) {
                    int b = t / m;
                    int i = t % m;
                    int row = shape.lhsIndex(b) * m + i;
                    int colBase = shape.rhsIndex(b) * n;
                    float zp = zps[row];
                    float s = scales[row];
                    for (int j = 0; j < n; j++) {
                        int total = ConvInt8Fast.dot(qi, row * k, cols, (colBase + j) * k, k);
                        total -= colSums[colBase + j] * zp;
                        y[yo + t * n + j] = 0f + s * total;
                    }
                }
            });
        };
    }
}
