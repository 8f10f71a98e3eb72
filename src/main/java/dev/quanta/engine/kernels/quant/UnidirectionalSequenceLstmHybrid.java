package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.float32.LstmCell;
import dev.quanta.engine.kernels.float32.LstmShape;
import java.util.Arrays;

/**
 * Hybrid (dynamic-range) UNIDIRECTIONAL_SEQUENCE_LSTM: float input, states and output, int8 weights
 * with one symmetric scale each, float biases and layer norm coefficients, as TFLite 2.6.2's
 * {@code lstm_eval::EvalHybrid} / {@code LstmStepHybrid}. Tensor layout and options are those of the
 * float kernel ({@link dev.quanta.engine.kernels.float32.UnidirectionalSequenceLstm}).
 *
 * <p>Each time step, for each batch row:
 * <ol>
 * <li>the input row {@code x} and the previous output state {@code h} are quantized on the fly
 *     ({@link HybridQuantizer}: symmetric, or asymmetric with {@code asymmetric_quantize_inputs}),
 *     giving int8 vectors, a scale {@code s} and a zero point {@code zp} each;</li>
 * <li>each gate's pre-activation is {@code bias} (0 with layer norm, which adds the bias after
 *     normalizing) {@code + (Wx·qx - rowSum(Wx) * zp_x) * (s_x * s_Wx)
 *     + (Wh·qh - rowSum(Wh) * zp_h) * (s_h * s_Wh)}, the dot products and the zero-point
 *     corrections in int32, accumulated into the float gate in that order; an all-zero {@code x} or
 *     {@code h} contributes nothing (TFLite skips the product when the whole batch is zero; a zero
 *     row in a non-zero batch quantizes to zeros, which adds 0);</li>
 * <li>peephole weights are recovered to float ({@code q * scale}); peephole, layer norm, gate
 *     activations and the cell update are the float cell's ({@link LstmCell#updateCell});</li>
 * <li>the cell output {@code m = o .* act(c)} becomes the new output state directly or, with a
 *     projection, {@code h = proj_bias + (Wp·qm - rowSum(Wp) * zp_m) * (s_m * s_Wp)} with {@code m}
 *     quantized like the inputs (skipped when {@code m} is all zero), then clipped by {@code proj_clip}.</li>
 * </ol>
 * Processing batch rows one at a time gives the same values as TFLite's whole-batch step: every row's
 * arithmetic is independent. This is the readable reference and the only version; the one concession
 * to speed is that the int8 matrix products take four weight rows per pass over the vector, which
 * cannot change an integer dot product.
 */
public final class UnidirectionalSequenceLstmHybrid implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        LstmShape shape = LstmShape.of(node);
        boolean asymmetric = node.options().getBool("asymmetric_quantize_inputs");
        int nInput = shape.nInput();
        int nCell = shape.nCell();
        int nOutput = shape.nOutput();
        boolean cifg = shape.cifg();
        Int8Matrix[] inputW = new Int8Matrix[4];
        Int8Matrix[] recW = new Int8Matrix[4];
        float[][] bias = new float[4][];
        for (int g = cifg ? 1 : 0; g < 4; g++) {
            inputW[g] = int8(node, 1 + g, nCell, nInput);
            recW[g] = int8(node, 5 + g, nCell, nOutput);
            bias[g] = floats(node, 12 + g, nCell);
            KernelException.require(inputW[g] != null && recW[g] != null && bias[g] != null,
                    "the LSTM gate " + g + " needs input and recurrent weights and a bias");
        }
        float[][] peep = null;
        if (node.input(10) != null || node.input(11) != null) {
            peep = new float[][] {cifg ? null : recovered(node, 9, nCell), recovered(node, 10, nCell), null,
                recovered(node, 11, nCell)};
            KernelException.require(peep[1] != null && peep[3] != null && (cifg || peep[0] != null),
                    "peephole weights must be all present or all absent");
        }
        Int8Matrix proj = int8(node, 16, nOutput, nCell);
        float[] projBias = floats(node, 17, nOutput);
        KernelException.require(proj != null || (projBias == null && nOutput == nCell),
                "without projection the output size must equal the cell size");
        float[][] ln = null;
        if (node.input(21) != null) {
            ln = new float[][] {cifg ? null : floats(node, 20, nCell), floats(node, 21, nCell),
                floats(node, 22, nCell), floats(node, 23, nCell)};
            KernelException.require(ln[1] != null && ln[2] != null && ln[3] != null && (cifg || ln[0] != null),
                    "layer norm coefficients must be present for every gate");
        }
        TensorSlot hState = node.input(18);
        TensorSlot cState = node.input(19);
        TensorSlot out = shape.resizeOutput(node);
        LstmCell cell = new LstmCell(nInput, nCell, nOutput, new float[4][], new float[4][], peep, bias, ln, null,
                null, Activation.of(node), node.options().getFloat("cell_clip"), node.options().getFloat("proj_clip"));
        Step step = new Step(cell, inputW, recW, proj, projBias, asymmetric);
        return p -> {
            for (int t = 0; t < shape.steps(); t++) {
                for (int b = 0; b < shape.batch(); b++) {
                    int row = shape.row(t, b);
                    step.run(in.floats(), in.offset() + row * nInput, hState.floats(), hState.offset() + b * nOutput,
                            cState.floats(), cState.offset() + b * nCell, out.floats(), out.offset() + row * nOutput);
                }
            }
        };
    }

    /** One time step for one batch row, with its scratch. */
    static final class Step {
        private final LstmCell cell;
        private final Int8Matrix[] inputW;
        private final Int8Matrix[] recW;
        private final Int8Matrix proj;
        private final float[] projBias;
        private final boolean asymmetric;
        private final QuantizedRow x;
        private final QuantizedRow h;
        private final QuantizedRow m;
        private final float[] scratch;

        Step(LstmCell cell, Int8Matrix[] inputW, Int8Matrix[] recW, Int8Matrix proj, float[] projBias,
             boolean asymmetric) {
            this.cell = cell;
            this.inputW = inputW;
            this.recW = recW;
            this.proj = proj;
            this.projBias = projBias;
            this.asymmetric = asymmetric;
            this.x = new QuantizedRow(cell.nInput());
            this.h = new QuantizedRow(cell.nOutput());
            this.m = new QuantizedRow(cell.nCell());
            this.scratch = new float[cell.scratchSize()];
        }

        void run(float[] in, int inOff, float[] hs, int hOff, float[] cs, int cOff, float[] out, int outOff) {
            int n = cell.nCell();
            x.quantize(in, inOff, asymmetric);
            h.quantize(hs, hOff, asymmetric);
            for (int g = 0; g < 4; g++) {
                if (inputW[g] == null) {
                    continue;
                }
                if (cell.layerNorm() == null) {
                    System.arraycopy(cell.bias()[g], 0, scratch, g * n, n);
                } else {
                    Arrays.fill(scratch, g * n, (g + 1) * n, 0f);
                }
                if (!x.zero) {
                    inputW[g].multiplyAccumulate(x.q, x.scale[0], x.zp[0], scratch, g * n);
                }
                if (!h.zero) {
                    recW[g].multiplyAccumulate(h.q, h.scale[0], h.zp[0], scratch, g * n);
                }
            }
            cell.updateCell(cs, cOff, scratch);
            int mOff = 4 * n;
            if (proj == null) {
                System.arraycopy(scratch, mOff, hs, hOff, cell.nOutput());
            } else {
                for (int k = 0; k < cell.nOutput(); k++) {
                    hs[hOff + k] = projBias == null ? 0f : projBias[k];
                }
                m.quantize(scratch, mOff, asymmetric);
                if (!m.zero) {
                    proj.multiplyAccumulate(m.q, m.scale[0], m.zp[0], hs, hOff);
                }
                float clip = cell.projClip();
                if (clip > 0) {
                    for (int k = 0; k < cell.nOutput(); k++) {
                        hs[hOff + k] = Math.max(-clip, Math.min(clip, hs[hOff + k]));
                    }
                }
            }
            System.arraycopy(hs, hOff, out, outOff, cell.nOutput());
        }
    }

    private static Int8Matrix int8(Node node, int index, int rows, int cols) {
        TensorSlot t = node.input(index);
        if (t == null) {
            return null;
        }
        KernelException.require(t.type() == DType.INT8 && t.isConstant() && t.size() == rows * cols,
                "hybrid LSTM input " + index + " must be a constant INT8 [" + rows + ", " + cols + "] tensor, got " + t);
        KernelException.require(t.quant() != null && t.quant().hasScale() && t.quant().scale().length == 1
                        && t.quant().zeroPoint(0) == 0,
                "hybrid LSTM input " + index + " needs one symmetric scale");
        return Int8Matrix.of(t, rows, cols);
    }

    private static float[] floats(Node node, int index, int n) {
        TensorSlot t = node.input(index);
        if (t == null) {
            return null;
        }
        KernelException.require(t.type() == DType.FLOAT32 && t.isConstant() && t.size() == n,
                "LSTM input " + index + " must be a constant FLOAT32 [" + n + "] tensor, got " + t);
        return Arrays.copyOfRange(t.floats(), t.offset(), t.offset() + n);
    }

    /** Peephole weights: int8 recovered to {@code q * scale} in float, or float as they are. */
    private static float[] recovered(Node node, int index, int n) {
        TensorSlot t = node.input(index);
        if (t == null || t.type() == DType.FLOAT32) {
            return floats(node, index, n);
        }
        Int8Matrix w = int8(node, index, 1, n);
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = w.q()[i] * w.scale();
        }
        return r;
    }
}
