package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.float32.Svdf;
import java.util.Arrays;

/**
 * Hybrid (dynamic-range) SVDF, one time step per run, as TFLite 2.6.2's {@code svdf.cc} (int8
 * weights_feature, float input) and {@code reference_ops::EvalHybridSVDF}. Tensor layout and options
 * are the float kernel's ({@link dev.quanta.engine.kernels.float32.Svdf}): 0 input {@code [batch,
 * input_size]} FLOAT32; 1 weights_feature {@code [num_filters, input_size]} INT8, one symmetric scale;
 * 2 weights_time {@code [num_filters, memory_size]} INT8, one scale; 3 optional bias {@code [num_units]}
 * FLOAT32; 4 the activation state {@code [batch, num_filters * memory_size]}, which stays FLOAT32.
 *
 * <p>Only the feature product is done in integers. weights_time is dequantized once to
 * {@code float(q) * scale} and the time product, reduction, bias and activation are float, as TFLite
 * does. Each step:
 * <ol>
 * <li>every batch's state shifts left by one element;</li>
 * <li>unless the whole input is zero (then the new activations are 0), each input row is quantized
 *     on the fly ({@link HybridQuantizer}: symmetric, or asymmetric with
 *     {@code asymmetric_quantize_inputs}) and each filter's new activation, written to the last memory
 *     slot, is {@code 0 + (Wf·qx - rowSum(Wf) * zp) * (s_x * s_Wf)} (integer dot and correction, one
 *     float product);</li>
 * <li>{@code t[f] = sum_k wt[f, k] * state[f, k]} in order from 0, then
 *     {@code out[u] = act((sum_r t[u * rank + r]) + bias[u])}: the rank sum starts at 0 and the bias is
 *     added after it.</li>
 * </ol>
 * This is the readable reference and the only version.
 */
public final class SvdfHybrid implements Kernel {

    /**
     * One step for one batch row. {@code t} (num_filters floats) is scratch; {@code x} holds the row's
     * quantization. Returns nothing; writes the state row and the output row.
     */
    static void step(float[] in, int inOff, boolean batchZero, boolean asymmetric, Int8Matrix feature,
                     float[] time, float[] bias, int memory, int rank, Activation act, float[] state, int sOff,
                     float[] out, int outOff, QuantizedRow x, float[] t) {
        int filters = feature.rows();
        int row = filters * memory;
        System.arraycopy(state, sOff + 1, state, sOff, row - 1);
        Arrays.fill(t, 0f);
        if (!batchZero) {
            x.quantize(in, inOff, asymmetric);
            if (!x.zero) {
                feature.multiplyAccumulate(x.q, x.scale[0], x.zp[0], t, 0);
            }
        }
        for (int f = 0; f < filters; f++) {
            state[sOff + f * memory + memory - 1] = t[f];
        }
        for (int f = 0; f < filters; f++) {
            float acc = 0f;
            for (int k = 0; k < memory; k++) {
                acc += time[f * memory + k] * state[sOff + f * memory + k];
            }
            t[f] = acc;
        }
        int units = filters / rank;
        for (int u = 0; u < units; u++) {
            float acc = 0f;
            for (int r = 0; r < rank; r++) {
                acc += t[u * rank + r];
            }
            if (bias != null) {
                acc += bias[u];
            }
            out[outOff + u] = act.apply(acc);
        }
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot wf = node.input(1);
        TensorSlot wt = node.input(2);
        TensorSlot bias = node.input(3);
        TensorSlot state = node.input(4);
        TensorSlot out = node.output(0);
        KernelException.require(in != null && wf != null && wt != null && state != null,
                "SVDF needs input, weights_feature, weights_time and activation_state");
        KernelException.require(in.type() == DType.FLOAT32 && in.rank() == 2, "hybrid SVDF needs a 2-D FLOAT32 input");
        KernelException.require(state.type() == DType.FLOAT32 && out.type() == DType.FLOAT32
                && (bias == null || bias.type() == DType.FLOAT32),
                "hybrid SVDF keeps its state, bias and output FLOAT32");
        for (TensorSlot w : new TensorSlot[] {wf, wt}) {
            KernelException.require(w.type() == DType.INT8 && w.isConstant() && w.rank() == 2,
                    "hybrid SVDF needs constant 2-D INT8 weights_feature and weights_time, got " + w);
            KernelException.require(w.quant() != null && w.quant().hasScale() && w.quant().scale().length == 1
                    && w.quant().zeroPoint(0) == 0, "hybrid SVDF weights need one symmetric scale: " + w);
        }
        KernelException.require(bias == null || bias.isConstant(), "SVDF bias must be constant");
        Svdf.Shape sh = Svdf.Shape.prepare(node, in, wf, wt, bias, state, out);
        int batch = sh.batch();
        int inputSize = sh.inputSize();
        int filters = sh.filters();
        int memory = sh.memory();
        int rank = sh.rank();
        int units = sh.units();
        Int8Matrix feature = Int8Matrix.of(wf, filters, inputSize);
        int[] tq = Quant.ints8(wt);
        float ts = wt.quant().scale(0);
        float[] time = new float[tq.length];
        for (int i = 0; i < tq.length; i++) {
            time[i] = tq[i] * ts;
        }
        float[] bv = bias == null ? null : Arrays.copyOfRange(bias.floats(), bias.offset(), bias.offset() + units);
        Activation act = Activation.of(node);
        boolean asymmetric = node.options().getBool("asymmetric_quantize_inputs");
        QuantizedRow x = new QuantizedRow(inputSize);
        float[] t = new float[filters];
        return p -> {
            float[] input = in.floats();
            boolean zero = HybridQuantizer.isZero(input, in.offset(), batch * inputSize);
            for (int b = 0; b < batch; b++) {
                step(input, in.offset() + b * inputSize, zero, asymmetric, feature, time, bv, memory, rank, act,
                        state.floats(), state.offset() + b * filters * memory, out.floats(), out.offset() + b * units,
                        x, t);
            }
        };
    }
}
