package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Hybrid (dynamic-range) CONV_2D and DEPTHWISE_CONV_2D: float32 input and output, int8 weights, float
 * bias, as TFLite's {@code EvalHybridPerChannel} / {@code EvalHybrid}. Per-channel weights quantize each
 * batch's whole H*W*C input asymmetrically; CONV_2D with per-tensor weights quantizes it symmetrically.
 * {@code out = acc * s_w[c] * s_batch + bias[c]} with {@code acc = sum w * (q - zp)} over in-bounds taps,
 * then the fused activation. This is the reference; CONV_2D and DEPTHWISE_CONV_2D run {@link ConvHybridFast} unless the interpreter asks for reference kernels.
 */
public final class ConvHybrid implements Kernel {
    private final boolean depthwise;

    /** @param depthwise true for DEPTHWISE_CONV_2D */
    public ConvHybrid(boolean depthwise) {
        this.depthwise = depthwise;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot w = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.FLOAT32);
        Quant.requireType(w, "filter", DType.INT8);
        KernelException.require(w.isConstant() && w.rank() == 4, "hybrid convolution needs a constant 4-D filter");
        KernelException.require(in.rank() == 4, "input must be 4-D (NHWC)");
        KernelException.require(bias == null || bias.type() == DType.FLOAT32, "hybrid bias must be FLOAT32");
        var o = node.options();
        int outC = depthwise ? w.dim(3) : w.dim(0);
        int kH = w.dim(1);
        int kW = w.dim(2);
        int inC = in.dim(3);
        KernelException.require(depthwise ? outC % inC == 0 : w.dim(3) == inC,
                "filter channels do not match the input's " + inC);
        int dm = depthwise ? outC / inC : 1;
        ConvGeometry g = ConvGeometry.of(in.shape(), kH, kW, o.getInt("padding"), o.getInt("stride_h"),
                o.getInt("stride_w"), o.getInt("dilation_h_factor"), o.getInt("dilation_w_factor"));
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), outC});
        boolean perChannel = w.quant().isPerAxis();
        boolean asymmetric = perChannel || depthwise;
        float[] ws = new float[outC];
        for (int c = 0; c < outC; c++) {
            ws[c] = w.quant().scale(perChannel ? c : 0);
        }
        int[] wq = Quant.ints8(w);
        Activation act = Activation.of(node);
        int perBatch = g.inH() * g.inW() * inC;
        if (!depthwise && !node.reference()) {
            return ConvHybridFast.conv(g, outC, wq, ws, asymmetric, bias, in, out, act, node.threads());
        }
        if (depthwise && !node.reference()) {
            return ConvHybridFast.depthwise(g, outC, dm, wq, ws, bias, in, out, act, node.threads());
        }
        byte[] q = new byte[g.batch() * perBatch];
        float[] scales = new float[g.batch()];
        int[] zps = new int[g.batch()];
        return par -> {
            quantizeInput(in, g.batch(), perBatch, asymmetric, q, scales, zps);
            par.forRange(g.batch() * g.outH(), 1, (from, to, worker) -> {
                for (int row = from; row < to; row++) {
                    row(g, row, outC, dm, q, wq, ws, scales, zps, bias, out, act);
                }
            });
        };
    }

    /**
     * Quantizes each batch's {@code perBatch} input values into {@code q}: asymmetric (scale and zero
     * point per batch) or symmetric (zero point 0), as TFLite's hybrid convolutions do.
     */
    static void quantizeInput(TensorSlot in, int batches, int perBatch, boolean asymmetric, byte[] q, float[] scales,
                              int[] zps) {
        float[] x = in.floats();
        for (int b = 0; b < batches; b++) {
            if (asymmetric) {
                HybridQuantizer.asymmetric(x, in.offset() + b * perBatch, perBatch, q, b * perBatch, scales, zps, b);
            } else {
                scales[b] = HybridQuantizer.symmetric(x, in.offset() + b * perBatch, perBatch, q, b * perBatch);
                zps[b] = 0;
            }
        }
    }

    private void row(ConvGeometry g, int row, int outC, int dm, byte[] q, int[] wq, float[] ws, float[] scales,
                     int[] zps, TensorSlot bias, TensorSlot out, Activation act) {
        int oy = row % g.outH();
        int b = row / g.outH();
        int inC = g.inC();
        float[] y = out.floats();
        for (int ox = 0; ox < g.outW(); ox++) {
            for (int oc = 0; oc < outC; oc++) {
                int acc = 0;
                for (int ky = 0; ky < g.kH(); ky++) {
                    int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                    if (iy < 0 || iy >= g.inH()) {
                        continue;
                    }
                    for (int kx = 0; kx < g.kW(); kx++) {
                        int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                        if (ix < 0 || ix >= g.inW()) {
                            continue;
                        }
                        int xBase = ((b * g.inH() + iy) * g.inW() + ix) * inC;
                        if (depthwise) {
                            acc += wq[(ky * g.kW() + kx) * outC + oc] * (q[xBase + oc / dm] - zps[b]);
                        } else {
                            int wBase = ((oc * g.kH() + ky) * g.kW() + kx) * inC;
                            for (int ic = 0; ic < inC; ic++) {
                                acc += wq[wBase + ic] * (q[xBase + ic] - zps[b]);
                            }
                        }
                    }
                }
                float v = acc * ws[oc] * scales[b];
                if (bias != null) {
                    v += bias.floats()[bias.offset() + oc];
                }
                y[out.offset() + ((b * g.outH() + oy) * g.outW() + ox) * outC + oc] =
                        Activation.clamp(v, act.clampMin(), act.clampMax());
            }
        }
    }
}
