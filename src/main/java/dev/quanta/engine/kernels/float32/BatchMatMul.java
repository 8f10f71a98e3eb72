package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.Parallel;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Float BATCH_MATMUL: {@code out[..., i, j] = sum_k lhs[..., i, k] * rhs[..., k, j]} with
 * {@code adj_x}/{@code adj_y} transposing the last two dims of lhs/rhs and NumPy broadcasting of the
 * batch dims. The fast path packs each rhs matrix to {@code [k, n]} (once at prepare when constant)
 * and runs {@link Gemm} over row blocks.
 */
public final class BatchMatMul implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot lhs = node.input(0);
        TensorSlot rhs = node.input(1);
        TensorSlot out = node.output(0);
        KernelException.require(lhs != null && rhs != null, "BATCH_MATMUL needs two inputs");
        KernelException.require(lhs.type() == DType.FLOAT32 && rhs.type() == DType.FLOAT32,
                "float BATCH_MATMUL needs FLOAT32 inputs, got " + lhs.type() + " and " + rhs.type());
        MatMulShape d = MatMulShape.prepare(node, lhs, rhs, out);
        if (node.reference()) {
            return p -> reference(d, lhs.floats(), lhs.offset(), rhs.floats(), rhs.offset(), out.floats(), out.offset());
        }
        Gemm.Packed[] packed = new Gemm.Packed[rhs.isConstant() ? d.rhsMatrices() : 1];
        for (int b = 0; b < packed.length; b++) {
            packed[b] = Gemm.Packed.allocate(d.k(), d.n());
            if (rhs.isConstant()) {
                packed[b].fill(rhs.floats(), rhs.offset() + b * d.k() * d.n(), d.adjY());
            }
        }
        TensorSlot lhsScratch = d.adjX() ? node.scratch(DType.FLOAT32, d.m() * d.k()) : null;
        float[][][] acc = Gemm.accumulators(node.threads(), d.n());
        boolean packEachRun = !rhs.isConstant();
        return p -> fast(d, lhs, rhs, packed, packEachRun, lhsScratch, out, acc, p);
    }

    /** The definition. */
    public static void reference(MatMulShape d, float[] l, int lo, float[] r, int ro, float[] out, int oo) {
        int m = d.m();
        int k = d.k();
        int n = d.n();
        for (int b = 0; b < d.batches(); b++) {
            int lb = lo + d.lhsBase(b);
            int rb = ro + d.rhsBase(b);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float total = 0f;
                    for (int kk = 0; kk < k; kk++) {
                        float a = l[lb + d.lhsAt(i, kk)];
                        float c = r[rb + d.rhsAt(kk, j)];
                        total += a * c;
                    }
                    out[oo + (b * m + i) * n + j] = total;
                }
            }
        }
    }

    static void fast(MatMulShape d, TensorSlot lhs, TensorSlot rhs, Gemm.Packed[] packed, boolean packEachRun,
                     TensorSlot lhsScratch, TensorSlot out, float[][][] acc, Parallel p) {
        int m = d.m();
        int k = d.k();
        int n = d.n();
        float[] y = out.floats();
        float inf = Float.POSITIVE_INFINITY;
        for (int b = 0; b < d.batches(); b++) {
            int ri = d.rhsIndex(b);
            Gemm.Packed bp = packEachRun ? packed[0].fill(rhs.floats(), rhs.offset() + ri * k * n, d.adjY()) : packed[ri];
            float[] a = lhs.floats();
            int aOff = lhs.offset() + d.lhsBase(b);
            if (d.adjX()) {
                float[] t = lhsScratch.floats();
                int to = lhsScratch.offset();
                for (int kk = 0; kk < k; kk++) {
                    for (int i = 0; i < m; i++) {
                        t[to + i * k + kk] = a[aOff + kk * m + i];
                    }
                }
                a = t;
                aOff = to;
            }
            float[] fa = a;
            int fao = aOff;
            int yo = out.offset() + b * m * n;
            p.forRange(m, Math.max(4, Parallel.minChunk((long) k * n)), (from, to, w) -> Gemm.multiply(from, to, fa, fao, k, bp, null, 0, -inf, inf, y, yo, n,
                    acc[w]));
        }
    }
}
