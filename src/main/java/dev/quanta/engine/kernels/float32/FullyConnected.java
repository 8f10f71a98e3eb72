package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.Parallel;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Float FULLY_CONNECTED: {@code out[b, o] = act(sum_d in[b, d] * w[o, d] + bias[o])} with weights
 * {@code (units, depth)}, optional bias {@code (units)}, and {@code keep_num_dims}. Constant weights
 * are packed once at prepare for {@link Gemm}; non-constant weights run the reference loop.
 */
public final class FullyConnected implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot w = node.input(1);
        TensorSlot bias = node.input(2);
        TensorSlot out = node.output(0);
        KernelException.require(in != null && w != null, "FULLY_CONNECTED needs an input and weights");
        KernelException.require(in.type() == DType.FLOAT32 && w.type() == DType.FLOAT32,
                "float FULLY_CONNECTED needs FLOAT32 input and weights, got " + in.type() + " and " + w.type());
        KernelException.require(node.options().getInt("weights_format") == 0,
                "FULLY_CONNECTED weights format " + node.options().getInt("weights_format") + " is not supported for float");
        KernelException.require(w.rank() == 2, "weights must be 2-D, got rank " + w.rank());
        int units = w.dim(0);
        int depth = w.dim(1);
        KernelException.require(depth > 0 && in.size() % depth == 0,
                "input size " + in.size() + " is not a multiple of the weights' depth " + depth);
        KernelException.require(bias == null || (bias.type() == DType.FLOAT32 && bias.size() == units),
                "bias must be FLOAT32 with " + units + " elements");
        int batch = in.size() / depth;
        if (node.options().getBool("keep_num_dims")) {
            int[] s = in.shape();
            KernelException.require(s[s.length - 1] == depth, "keep_num_dims needs the last input dim to equal depth " + depth);
            s[s.length - 1] = units;
            out.resize(s);
        } else {
            out.resize(new int[] {batch, units});
        }
        Activation act = Activation.of(node);
        float min = act.clampMin();
        float max = act.clampMax();
        if (node.reference() || !w.isConstant()) {
            return p -> reference(batch, units, depth, in.floats(), in.offset(), w.floats(), w.offset(),
                    bias == null ? null : bias.floats(), bias == null ? 0 : bias.offset(),
                    out.floats(), out.offset(), min, max);
        }
        Gemm.Packed packed = Fma.FAST ? null : Gemm.packWeights(w.floats(), w.offset(), units, depth);
        Gemm.Panels panels = Fma.FAST ? Gemm.Panels.pack(w.floats(), w.offset(), units, depth) : null;
        float[][][] acc = Fma.FAST ? Gemm.fusedAccumulators(node.threads(), units)
                : Gemm.accumulators(node.threads(), units);
        return p -> fast(batch, depth, in, packed, panels, bias, out, min, max, acc, p);
    }

    /** The definition, as TFLite's reference kernel: accumulate from 0, add bias, clamp. */
    public static void reference(int batch, int units, int depth, float[] in, int io, float[] w, int wo,
                                 float[] bias, int bo, float[] out, int oo, float min, float max) {
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < units; o++) {
                float total = 0f;
                for (int d = 0; d < depth; d++) {
                    total += in[io + b * depth + d] * w[wo + o * depth + d];
                }
                float bv = bias == null ? 0f : bias[bo + o];
                out[oo + b * units + o] = Activation.clamp(total + bv, min, max);
            }
        }
    }

    /** {@link Gemm} over the batch rows, split over the workers. */
    static void fast(int batch, int depth, TensorSlot in, Gemm.Packed packed, Gemm.Panels panels, TensorSlot bias,
                     TensorSlot out, float min, float max, float[][][] acc, Parallel p) {
        float[] x = in.floats();
        float[] y = out.floats();
        int xo = in.offset();
        int yo = out.offset();
        float[] bv = bias == null ? null : bias.floats();
        int bo = bias == null ? 0 : bias.offset();
        if (panels != null) {
            Gemm.multiplyFused(p, batch, x, xo, depth, panels, bv, bo, min, max, y, yo, panels.n(), acc);
            return;
        }
        int units = packed.n();
        p.forRange(batch, Math.max(4, Parallel.minChunk((long) depth * units)), (from, to, worker) -> Gemm.multiply(from, to,
                x, xo, depth, packed, bv, bo, min, max, y, yo, units, acc[worker]));
    }
}
