package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Parallel;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * The fast hybrid (dynamic-range) CONV_2D and DEPTHWISE_CONV_2D. CONV_2D: the input quantized per batch as in {@link ConvHybrid},
 * im2col of the int8 values into tiles of {@link ConvInt8Fast#TILE} output pixels with padding taps
 * set to the batch's zero point, the integer product in {@link PairGemm}, the constant
 * {@code -zp * sum(w)} added per batch, then {@link ConvHybrid}'s float epilogue
 * {@code acc * s_w[c] * s_batch + bias[c]} and clamp, written as the same expression. The int32 sums
 * equal the reference's ({@code sum w * (q - zp)} over in-bounds taps: a padding tap adds
 * {@code w * zp - w * zp = 0}), so outputs are bit-identical (property-tested).
 * DEPTHWISE_CONV_2D: the int8 kernel's row sums ({@link DepthwiseConv2DInt8#accumulateRow}) over
 * {@code q - zp}, then the same epilogue.
 */
final class ConvHybridFast {
    private ConvHybridFast() {
    }

    static Eval conv(ConvGeometry g, int outC, int[] wq, float[] ws, boolean asymmetric, TensorSlot bias,
                     TensorSlot in, TensorSlot out, Activation act, int threads) {
        int k = g.kH() * g.kW() * g.inC();
        int perBatch = g.inH() * g.inW() * g.inC();
        int workers = Math.max(threads, 1);
        PairGemm gemm = new PairGemm(wq, outC, k, 128);
        int[] rowSum = ConvInt8Fast.foldBias(new int[outC], wq, outC, k, 1); // sum(w) per channel
        int[][] patches = new int[workers][ConvInt8Fast.TILE * k];
        int[][][] accs = new int[workers][][];
        double[][][] sums = new double[workers][][];
        for (int i = 0; i < workers; i++) {
            accs[i] = gemm.intAccumulators(ConvInt8Fast.TILE);
            sums[i] = gemm.accumulators(ConvInt8Fast.TILE);
        }
        byte[] q = new byte[g.batch() * perBatch];
        float[] scales = new float[g.batch()];
        int[] zps = new int[g.batch()];
        int[][] folded = new int[g.batch()][outC];
        int pixelsPerBatch = g.outH() * g.outW();
        int chunk = Parallel.minChunk((long) k * outC);
        return par -> {
            ConvHybrid.quantizeInput(in, g.batch(), perBatch, asymmetric, q, scales, zps);
            for (int b = 0; b < g.batch(); b++) {
                for (int c = 0; c < outC; c++) {
                    folded[b][c] = -zps[b] * rowSum[c];
                }
            }
            par.forRange(g.outPixels(), chunk, (from, to, worker) -> {
                int[] patch = patches[worker];
                int[][] acc = accs[worker];
                float[] y = out.floats();
                int yo = out.offset();
                float[] bv = bias == null ? null : bias.floats();
                int bo = bias == null ? 0 : bias.offset();
                for (int t = from; t < to; ) {
                    int b = t / pixelsPerBatch;
                    // a tile stays within one batch: its folded constant and scale are the batch's
                    int n = Math.min(ConvInt8Fast.TILE, Math.min(to, (b + 1) * pixelsPerBatch) - t);
                    for (int i = 0; i < n; i++) {
                        ConvInt8Fast.im2col(g, false, zps[b], q, 0, t + i, patch, i * k);
                    }
                    gemm.multiply(patch, n, folded[b], acc, sums[worker]);
                    float sb = scales[b];
                    for (int i = 0; i < n; i++) {
                        int[] a = acc[i];
                        int d = yo + (t + i) * outC;
                        for (int c = 0; c < outC; c++) {
                            float v = a[c] * ws[c] * sb;
                            if (bv != null) {
                                v += bv[bo + c];
                            }
                            y[d + c] = Activation.clamp(v, act.clampMin(), act.clampMax());
                        }
                    }
                    t += n;
                }
            });
        };
    }

    /**
     * DEPTHWISE_CONV_2D: the integer sums by the int8 kernel's row machinery
     * ({@link DepthwiseConv2DInt8#accumulateRow}, any depth multiplier) on {@code q - zp} of each batch,
     * then the float epilogue. Weights {@code [1, kH, kW, outC]}.
     */
    static Eval depthwise(ConvGeometry g, int outC, int dm, int[] wq, float[] ws, TensorSlot bias, TensorSlot in,
                          TensorSlot out, Activation act, int threads) {
        int perBatch = g.inH() * g.inW() * g.inC();
        DepthwiseConv2DInt8.Params p = new DepthwiseConv2DInt8.Params(g, outC, dm, false, 0, 0, wq, new int[outC],
                null, null, 0, 0);
        DepthwiseConv2DInt8.Rows rows = new DepthwiseConv2DInt8.Rows(p, threads);
        byte[] q = new byte[g.batch() * perBatch];
        int[] xi = new int[g.batch() * perBatch];
        float[] scales = new float[g.batch()];
        int[] zps = new int[g.batch()];
        int rowLen = g.outW() * outC;
        int chunk = Parallel.minChunk((long) rowLen * g.kH() * g.kW());
        return par -> {
            ConvHybrid.quantizeInput(in, g.batch(), perBatch, true, q, scales, zps);
            for (int b = 0; b < g.batch(); b++) {
                DepthwiseConv2DInt8.shift(q, b * perBatch, xi, b * perBatch, perBatch, false, -zps[b]);
            }
            par.forRange(g.batch() * g.outH(), chunk, (from, to, worker) -> {
                float[] y = out.floats();
                float[] bv = bias == null ? null : bias.floats();
                int bo = bias == null ? 0 : bias.offset();
                for (int row = from; row < to; row++) {
                    int[] acc = DepthwiseConv2DInt8.accumulateRow(p, rows, xi, 0, row, worker);
                    float sb = scales[row / g.outH()];
                    int d = out.offset() + row * rowLen;
                    for (int i = 0; i < rowLen; i++) {
                        int ch = i % outC;
                        float v = acc[i] * ws[ch] * sb;
                        if (bv != null) {
                            v += bv[bo + ch];
                        }
                        y[d + i] = Activation.clamp(v, act.clampMin(), act.clampMax());
                    }
                }
            });
        };
    }
}
