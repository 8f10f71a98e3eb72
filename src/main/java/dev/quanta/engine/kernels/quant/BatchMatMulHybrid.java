package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Shapes;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import java.util.Arrays;

/**
 * Hybrid (dynamic-range) BATCH_MATMUL: float32 lhs and output, int8 rhs with one symmetric scale, as
 * TFLite 2.6.2's {@code EvalHybrid}. Every row of the lhs (the {@code k} values one output row
 * accumulates over) is quantized on the fly, symmetric or, with {@code asymmetric_quantize_inputs},
 * asymmetric ({@link HybridQuantizer}); then
 * {@code out[i, j] = (sum_k q[i, k] r[k, j] - zp_i * sum_k r[k, j]) * (s_i * s_r)} in float.
 * {@code adj_x}/{@code adj_y} and batch broadcasting as the float kernel.
 */
public final class BatchMatMulHybrid implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot lhs = node.input(0);
        TensorSlot rhs = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(lhs, "lhs", DType.FLOAT32);
        Quant.requireType(rhs, "rhs", DType.INT8);
        Quant.requireType(out, "output", DType.FLOAT32);
        KernelException.require(rhs.quant() != null && rhs.quant().scale().length == 1,
                "hybrid BATCH_MATMUL needs a per-tensor rhs scale");
        KernelException.require(Quant.zeroPoint(rhs) == 0, "hybrid BATCH_MATMUL needs a symmetric rhs");
        KernelException.require(lhs.rank() >= 2 && rhs.rank() >= 2, "BATCH_MATMUL inputs must have rank 2 or more");
        boolean adjX = node.options().getBool("adj_x");
        boolean adjY = node.options().getBool("adj_y");
        boolean asymmetric = node.options().getBool("asymmetric_quantize_inputs");
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
        int batches = Shapes.size(batch);
        float rScale = Quant.scale(rhs);
        float[] row = new float[k];
        byte[] q = new byte[k];
        float[] scale = new float[1];
        int[] zp = new int[1];
        return par -> {
            float[] l = lhs.floats();
            byte[] r = rhs.bytes();
            float[] y = out.floats();
            for (int b = 0; b < batches; b++) {
                int lo = lhs.offset() + Broadcast.sourceIndex(b, batch, lb) * m * k;
                int ro = rhs.offset() + Broadcast.sourceIndex(b, batch, rb) * k * n;
                for (int i = 0; i < m; i++) {
                    for (int kk = 0; kk < k; kk++) {
                        row[kk] = adjX ? l[lo + kk * m + i] : l[lo + i * k + kk];
                    }
                    if (asymmetric) {
                        HybridQuantizer.asymmetric(row, 0, k, q, 0, scale, zp, 0);
                    } else {
                        scale[0] = HybridQuantizer.symmetric(row, 0, k, q, 0);
                        zp[0] = 0;
                    }
                    float s = scale[0] * rScale;
                    for (int j = 0; j < n; j++) {
                        int dot = 0;
                        int colSum = 0;
                        for (int kk = 0; kk < k; kk++) {
                            int w = adjY ? r[ro + j * k + kk] : r[ro + kk * n + j];
                            dot += q[kk] * w;
                            colSum += w;
                        }
                        y[out.offset() + (b * m + i) * n + j] = (dot - zp[0] * colSum) * s;
                    }
                }
            }
        };
    }
}
