package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.float32.MatMulShape;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * BATCH_MATMUL on int16 (16x8 mode) as TFLite 2.6.2's {@code batch_matmul.cc} {@code EvalInt16} runs it, which
 * always calls {@code reference_ops::BatchMatMul<int16_t, int64_t>}: {@code acc = sum_k l[i,k] * r[k,j]} in
 * int64, then TFLite's int64-input {@code MultiplyByQuantizedMultiplier} (the multiplier reduced to 16 bits,
 * {@link FixedPoint#multiplyByQuantizedMultiplier(long, int, int)}) and a clamp to int16, with {@code M = (double)
 * (s_l * s_r) / s_out} (scale product in float, as {@code GetQuantizedConvolutionMultipler}).
 *
 * <p>Both operands must be int16: 2.6.2 refuses an int8 rhs next to an int16 lhs, and its Prepare requires all three
 * zero points to be 0 (symmetric int16), so this kernel refuses the same models instead of computing something
 * TFLite never does. {@code adj_x}/{@code adj_y} transpose the last two dimensions; batch dimensions broadcast;
 * BATCH_MATMUL has no fused activation.
 */
public final class BatchMatMulInt16 implements Kernel {

    /** Shapes and requantization of one prepared node. */
    record Plan(MatMulShape shape, int multiplier, int shift) {
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot lhs = node.input(0);
        TensorSlot rhs = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(lhs, "lhs", DType.INT16);
        Quant.requireType(rhs, "rhs", DType.INT16);
        Quant.requireType(out, "output", DType.INT16);
        KernelException.require(Quant.zeroPoint(lhs) == 0 && Quant.zeroPoint(rhs) == 0 && Quant.zeroPoint(out) == 0,
                "int16 BATCH_MATMUL needs zero points 0 (TFLite 2.6.2 refuses others)");
        MatMulShape shape = MatMulShape.prepare(node, lhs, rhs, out);
        float product = Quant.scale(lhs) * Quant.scale(rhs); // float, as TFLite
        QuantizedMultiplier qm = QuantizedMultiplier.of((double) product / (double) Quant.scale(out));
        Plan p = new Plan(shape, qm.multiplier(), qm.shift());
        return par -> reference(p, lhs.shorts(), lhs.offset(), rhs.shorts(), rhs.offset(), out.shorts(),
                out.offset());
    }

    /** The definition: one int64 dot product per output element. */
    static void reference(Plan p, short[] l, int lo, short[] r, int ro, short[] y, int yo) {
        MatMulShape d = p.shape();
        int m = d.m();
        int k = d.k();
        int n = d.n();
        for (int b = 0; b < d.batches(); b++) {
            int lb = lo + d.lhsBase(b);
            int rb = ro + d.rhsBase(b);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long acc = 0;
                    for (int kk = 0; kk < k; kk++) {
                        int a = l[lb + d.lhsAt(i, kk)];
                        int c = r[rb + d.rhsAt(kk, j)];
                        acc += (long) a * c;
                    }
                    int v = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(), p.shift());
                    y[yo + (b * m + i) * n + j] = (short) Math.min(Math.max(v, Short.MIN_VALUE), Short.MAX_VALUE);
                }
            }
        }
    }
}
