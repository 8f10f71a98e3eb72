package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * 16x8 CONV_2D and DEPTHWISE_CONV_2D: int16 activations (zero point 0), int8 weights (per channel or
 * per tensor), int64 (or int32) bias. As TFLite's {@code reference_integer_ops::ConvPerChannel} /
 * {@code DepthwiseConvPerChannel} for int16: an int64 accumulator over in-bounds taps, plus bias,
 * requantized with the int64 {@code MultiplyByQuantizedMultiplier} (16-bit multiplier, round half up),
 * plus the output zero point, clamped. This is the reference; {@link ConvInt16Fast} runs unless the
 * interpreter asks for reference kernels (or a depthwise window has more than 255 taps).
 */
public final class ConvInt16 implements Kernel {
    private final boolean depthwise;

    /** @param depthwise true for DEPTHWISE_CONV_2D */
    public ConvInt16(boolean depthwise) {
        this.depthwise = depthwise;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot w = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT16);
        Quant.requireType(w, "filter", DType.INT8);
        KernelException.require(w.isConstant() && w.rank() == 4, "16x8 convolution needs a constant 4-D filter");
        KernelException.require(in.rank() == 4, "input must be 4-D (NHWC)");
        var o = node.options();
        int inC = in.dim(3);
        int outC = depthwise ? w.dim(3) : w.dim(0);
        KernelException.require(depthwise ? outC % inC == 0 : w.dim(3) == inC,
                "filter channels do not match the input's " + inC);
        int dm = depthwise ? outC / inC : 1;
        ConvGeometry g = ConvGeometry.of(in.shape(), w.dim(1), w.dim(2), o.getInt("padding"), o.getInt("stride_h"),
                o.getInt("stride_w"), o.getInt("dilation_h_factor"), o.getInt("dilation_w_factor"));
        out.resize(new int[] {g.batch(), g.outH(), g.outW(), outC});
        QuantizedMultiplier[] qm = Quant.perChannel(Quant.scale(in), w.quant(), Quant.scale(out), outC);
        int[] m = Quant.multipliers(qm);
        int[] s = Quant.shifts(qm);
        int[] wq = Quant.ints8(w);
        long[] b = Quant.bias64(bias, outC);
        int zpIn = Quant.zeroPoint(in);
        int zpOut = Quant.zeroPoint(out);
        Affine.Range act = Quant.activationRange(node, out);
        if (!node.reference() && !depthwise) {
            return ConvInt16Fast.conv(g, outC, wq, b, m, s, zpIn, zpOut, act, in, out, node.threads());
        }
        if (!node.reference() && depthwise && g.kH() * g.kW() <= ConvInt16Fast.MAX_DEPTHWISE_TAPS) {
            return ConvInt16Fast.depthwise(g, outC, dm, wq, b, m, s, zpIn, zpOut, act, in, out, node.threads());
        }
        return par -> par.forRange(g.batch() * g.outH(), 1, (from, to, worker) -> {
            short[] x = in.shorts();
            short[] y = out.shorts();
            for (int row = from; row < to; row++) {
                int oy = row % g.outH();
                int bt = row / g.outH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int oc = 0; oc < outC; oc++) {
                        long acc = 0;
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
                                int xb = in.offset() + ((bt * g.inH() + iy) * g.inW() + ix) * inC;
                                if (depthwise) {
                                    acc += (long) wq[(ky * g.kW() + kx) * outC + oc] * (x[xb + oc / dm] - zpIn);
                                } else {
                                    int wb = ((oc * g.kH() + ky) * g.kW() + kx) * inC;
                                    for (int ic = 0; ic < inC; ic++) {
                                        acc += (long) wq[wb + ic] * (x[xb + ic] - zpIn);
                                    }
                                }
                            }
                        }
                        acc += b[oc];
                        int v = FixedPoint.multiplyByQuantizedMultiplier(acc, m[oc], s[oc]) + zpOut;
                        y[out.offset() + (row * g.outW() + ox) * outC + oc] = (short) act.clamp(v);
                    }
                }
            }
        });
    }
}
