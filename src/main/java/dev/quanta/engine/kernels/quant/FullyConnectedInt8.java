package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * FULLY_CONNECTED on 8-bit activations with 8-bit weights {@code (units, depth)}:
 * {@code acc = sum (w - zp_w)(x - zp_in) + bias}, {@code out = MBQM(acc) + zp_out}, clamped.
 *
 * <p>Per-tensor weights use one multiplier from {@code (double) (float) (s_in * s_w) / s_out} (the
 * product is rounded to float first, as TFLite's {@code GetQuantizedConvolutionMultipler}). Per-channel
 * weights (axis 0) use {@code (double) s_in * s_w[u] / s_out} per unit, as later TFLite releases do;
 * TFLite 2.6.2 itself reads a per-channel FULLY_CONNECTED with scale 0 and outputs only the zero point.
 *
 * <p>Rounding follows the kernel TFLite 2.6.2 runs on x86-64: int8 requantizes through ruy (single
 * rounding), uint8 through gemmlowp (double rounding); see {@link Requantize}.
 */
public final class FullyConnectedInt8 implements Kernel {

    /** Prepared state; weights with the filter offset added, bias with {@code -zp_in * sum(w)} folded in. */
    record Params(int batch, int units, int depth, boolean unsigned, int inputOffset, int outputOffset,
                  int[] weights, int[] bias, int[] folded, int[] multiplier, int[] shift, int actMin, int actMax) {
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot w = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8, DType.UINT8);
        Quant.requireType(w, "weights", in.type());
        KernelException.require(w.isConstant(), "quantized FULLY_CONNECTED needs constant weights");
        KernelException.require(node.options().getInt("weights_format") == 0, "shuffled weights are not supported");
        KernelException.require(w.rank() == 2, "weights must be 2-D, got rank " + w.rank());
        int units = w.dim(0);
        int depth = w.dim(1);
        KernelException.require(depth > 0 && in.size() % depth == 0,
                "input size " + in.size() + " is not a multiple of the weights' depth " + depth);
        int batch = in.size() / depth;
        out.resize(outputShape(node, in, batch, units));
        Params p = params(node, in, w, bias, out, batch, units, depth);
        if (node.reference()) {
            return par -> reference(p, in.bytes(), in.offset(), out.bytes(), out.offset());
        }
        int[][] wRows = ConvInt8Fast.rows(p.weights, units, depth);
        int[] xs = new int[depth];
        int[] acc = new int[units];
        Rescale rescale = new Rescale(p.multiplier, p.shift, !p.unsigned, p.outputOffset, p.actMin, p.actMax);
        int chunk = dev.quanta.engine.kernels.Parallel.minChunk(depth);
        return par -> {
            byte[] x = in.bytes();
            int xo = in.offset();
            byte[] y = out.bytes();
            int yo = out.offset();
            for (int b = 0; b < batch; b++) {
                int xb = xo + b * depth;
                if (p.unsigned) {
                    for (int i = 0; i < depth; i++) {
                        xs[i] = x[xb + i] & 0xff;
                    }
                } else {
                    for (int i = 0; i < depth; i++) {
                        xs[i] = x[xb + i];
                    }
                }
                par.forRange(units, chunk, (from, to, worker) -> {
                    for (int u = from; u < to; u++) {
                        acc[u] = p.folded[u] + dot(xs, wRows[u], depth);
                    }
                });
                rescale.apply(acc, units, y, yo + b * units);
            }
        };
    }

    /** {@code sum a[i] * b[i]}, both arrays indexed by the loop variable alone (C2 vectorizes the reduction). */
    static int dot(int[] a, int[] b, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static int[] outputShape(Node node, TensorSlot in, int batch, int units) {
        if (node.options().getBool("keep_num_dims")) {
            int[] s = in.shape();
            s[s.length - 1] = units;
            return s;
        }
        return new int[] {batch, units};
    }

    static Params params(Node node, TensorSlot in, TensorSlot w, TensorSlot bias, TensorSlot out, int batch,
                         int units, int depth) {
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        int[] m;
        int[] s;
        if (w.quant() != null && w.quant().isPerAxis()) {
            KernelException.require(w.quant().scale().length == units, "per-channel weights need " + units + " scales");
            QuantizedMultiplier[] qm = Quant.perChannel(sIn, w.quant(), sOut, units);
            m = Quant.multipliers(qm);
            s = Quant.shifts(qm);
        } else {
            QuantizedMultiplier q = QuantizedMultiplier.of((double) (sIn * Quant.scale(w)) / (double) sOut);
            m = new int[units];
            s = new int[units];
            java.util.Arrays.fill(m, q.multiplier());
            java.util.Arrays.fill(s, q.shift());
        }
        int filterOffset = -Quant.zeroPoint(w);
        int[] raw = Quant.ints8(w);
        for (int i = 0; i < raw.length; i++) {
            raw[i] += filterOffset;
        }
        int[] b = Quant.bias32(bias, units);
        int inputOffset = -Quant.zeroPoint(in);
        int[] folded = ConvInt8Fast.foldBias(b, raw, units, depth, inputOffset);
        Affine.Range act = Quant.activationRange(node, out);
        return new Params(batch, units, depth, in.type() == DType.UINT8, inputOffset, Quant.zeroPoint(out), raw, b,
                folded, m, s, act.min(), act.max());
    }

    /** TFLite's reference loop ({@code reference_integer_ops::FullyConnected}). */
    static void reference(Params p, byte[] x, int xo, byte[] y, int yo) {
        for (int b = 0; b < p.batch; b++) {
            for (int u = 0; u < p.units; u++) {
                int acc = 0;
                for (int d = 0; d < p.depth; d++) {
                    int xi = xo + b * p.depth + d;
                    int xv = p.unsigned ? x[xi] & 0xff : x[xi];
                    acc += p.weights[u * p.depth + d] * (xv + p.inputOffset);
                }
                acc += p.bias[u];
                acc = Requantize.apply(acc, p.multiplier[u], p.shift[u], !p.unsigned);
                acc += p.outputOffset;
                y[yo + b * p.units + u] = (byte) Math.min(Math.max(acc, p.actMin), p.actMax);
            }
        }
    }
}
