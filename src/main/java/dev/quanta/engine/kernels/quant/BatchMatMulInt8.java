package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.float32.MatMulShape;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * BATCH_MATMUL on int8 as TFLite 2.6.2 runs it: {@code acc = sum_k (l[i,k] - zp_l) * (r[k,j] - zp_r)} in
 * int32, then {@code out = MBQM(acc, M) + zp_out} clamped to int8, where {@code M = (double) (s_l * s_r) /
 * s_out} (the scale product taken in float, as {@code GetQuantizedConvolutionMultipler}). The optimized
 * kernel multiplies through the same CPU GEMM backend as int8 FULLY_CONNECTED (ruy on x86-64), so the
 * requantization rounds once ({@link Requantize}). {@code adj_x}/{@code adj_y} transpose the last two
 * dimensions; batch dimensions broadcast. BATCH_MATMUL has no fused activation.
 */
public final class BatchMatMulInt8 implements Kernel {

    /** Shapes and arithmetic of one prepared node. */
    record Plan(MatMulShape shape, int zpL, int zpR, int zpOut, int multiplier, int shift) {
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot lhs = node.input(0);
        TensorSlot rhs = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(lhs, "lhs", DType.INT8);
        Quant.requireType(rhs, "rhs", DType.INT8);
        Quant.requireType(out, "output", DType.INT8);
        MatMulShape shape = MatMulShape.prepare(node, lhs, rhs, out);
        float product = Quant.scale(lhs) * Quant.scale(rhs); // float, as TFLite
        QuantizedMultiplier qm = QuantizedMultiplier.of((double) product / (double) Quant.scale(out));
        Plan p = new Plan(shape, Quant.zeroPoint(lhs), Quant.zeroPoint(rhs), Quant.zeroPoint(out), qm.multiplier(),
                qm.shift());
        return par -> reference(p, lhs.bytes(), lhs.offset(), rhs.bytes(), rhs.offset(), out.bytes(), out.offset());
    }

    /** The definition: one int32 dot product per output element. */
    static void reference(Plan p, byte[] l, int lo, byte[] r, int ro, byte[] y, int yo) {
        MatMulShape d = p.shape();
        int m = d.m();
        int k = d.k();
        int n = d.n();
        for (int b = 0; b < d.batches(); b++) {
            int lb = lo + d.lhsBase(b);
            int rb = ro + d.rhsBase(b);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int acc = 0;
                    for (int kk = 0; kk < k; kk++) {
                        int a = l[lb + d.lhsAt(i, kk)];
                        int c = r[rb + d.rhsAt(kk, j)];
                        acc += (a - p.zpL()) * (c - p.zpR());
                    }
                    int v = Requantize.apply(acc, p.multiplier(), p.shift(), true) + p.zpOut();
                    y[yo + (b * m + i) * n + j] = (byte) Math.min(Math.max(v, -128), 127);
                }
            }
        }
    }
}
