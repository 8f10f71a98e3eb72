package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Shapes;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.QuantizedMultiplier;
import java.util.Arrays;

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
    record Plan(int[] outBatch, int[] lhsBatch, int[] rhsBatch, int batches, int m, int k, int n, boolean adjX,
                boolean adjY, int zpL, int zpR, int zpOut, int multiplier, int shift) {
        int lhsIndex(int b) {
            return Broadcast.sourceIndex(b, outBatch, lhsBatch);
        }

        int rhsIndex(int b) {
            return Broadcast.sourceIndex(b, outBatch, rhsBatch);
        }
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot lhs = node.input(0);
        TensorSlot rhs = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(lhs, "lhs", DType.INT8);
        Quant.requireType(rhs, "rhs", DType.INT8);
        Quant.requireType(out, "output", DType.INT8);
        KernelException.require(lhs.rank() >= 2 && rhs.rank() >= 2, "BATCH_MATMUL inputs must have rank 2 or more");
        boolean adjX = node.options().getBool("adj_x");
        boolean adjY = node.options().getBool("adj_y");
        int[] ls = lhs.shape();
        int[] rs = rhs.shape();
        int m = adjX ? ls[ls.length - 1] : ls[ls.length - 2];
        int k = adjX ? ls[ls.length - 2] : ls[ls.length - 1];
        int k2 = adjY ? rs[rs.length - 1] : rs[rs.length - 2];
        int n = adjY ? rs[rs.length - 2] : rs[rs.length - 1];
        KernelException.require(k == k2, "BATCH_MATMUL inner dims differ: " + k + " and " + k2);
        int[] lb = Arrays.copyOf(ls, ls.length - 2);
        int[] rb = Arrays.copyOf(rs, rs.length - 2);
        int[] batch = Broadcast.shape(lb, rb);
        int[] os = Arrays.copyOf(batch, batch.length + 2);
        os[batch.length] = m;
        os[batch.length + 1] = n;
        out.resize(os);
        float product = Quant.scale(lhs) * Quant.scale(rhs); // float, as TFLite
        QuantizedMultiplier qm = QuantizedMultiplier.of((double) product / (double) Quant.scale(out));
        Plan p = new Plan(batch, lb, rb, Shapes.size(batch), m, k, n, adjX, adjY, Quant.zeroPoint(lhs),
                Quant.zeroPoint(rhs), Quant.zeroPoint(out), qm.multiplier(), qm.shift());
        return par -> reference(p, lhs.bytes(), lhs.offset(), rhs.bytes(), rhs.offset(), out.bytes(), out.offset());
    }

    /** The definition: one int32 dot product per output element. */
    static void reference(Plan p, byte[] l, int lo, byte[] r, int ro, byte[] y, int yo) {
        int m = p.m();
        int k = p.k();
        int n = p.n();
        for (int b = 0; b < p.batches(); b++) {
            int lb = lo + p.lhsIndex(b) * m * k;
            int rb = ro + p.rhsIndex(b) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int acc = 0;
                    for (int kk = 0; kk < k; kk++) {
                        int a = p.adjX() ? l[lb + kk * m + i] : l[lb + i * k + kk];
                        int c = p.adjY() ? r[rb + j * k + kk] : r[rb + kk * n + j];
                        acc += (a - p.zpL()) * (c - p.zpR());
                    }
                    int v = Requantize.apply(acc, p.multiplier(), p.shift(), true) + p.zpOut();
                    y[yo + (b * m + i) * n + j] = (byte) Math.min(Math.max(v, -128), 127);
                }
            }
        }
    }
}
