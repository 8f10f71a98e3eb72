package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Float UNIDIRECTIONAL_SEQUENCE_LSTM: {@link LstmCell} applied over the time axis of a
 * {@code [time, batch, input]} ({@code time_major}) or {@code [batch, time, input]} input, carrying
 * the variable output and cell state tensors (inputs 18 and 19) across steps and across runs.
 *
 * <p>Inputs follow TFLite: 0 input; 1-4 input-to-{input, forget, cell, output} weights; 5-8
 * recurrent-to-gate weights; 9-11 cell-to-{input, forget, output} peephole weights; 12-15 gate
 * biases; 16 projection weights; 17 projection bias; 18 output state; 19 cell state; 20-23 layer
 * norm coefficients. Input-gate tensors (1, 5, 9, 12) are absent for CIFG; peephole, projection and
 * layer norm tensors are optional. Weights must be constant FLOAT32 (the hybrid int8 form is another
 * kernel). Options: fused activation (the cell activation), cell_clip, proj_clip, time_major.
 *
 * <p>The fast path computes the input products of all time steps at once with {@link Gemm}, which
 * accumulates each dot product in the same order as the reference step, so both are bit-identical.
 */
public final class UnidirectionalSequenceLstm implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        LstmShape shape = LstmShape.of(node);
        boolean timeMajor = shape.timeMajor();
        int steps = shape.steps();
        int batch = shape.batch();
        int nInput = shape.nInput();
        int nCell = shape.nCell();
        int nOutput = shape.nOutput();
        int[] wx = {nCell, nInput};
        int[] wh = {nCell, nOutput};
        int[] vec = {nCell};
        boolean cifg = shape.cifg();
        float[][] inputW = {cifg ? null : weight(node, 1, wx), weight(node, 2, wx), weight(node, 3, wx), weight(node, 4, wx)};
        float[][] recW = {cifg ? null : weight(node, 5, wh), weight(node, 6, wh), weight(node, 7, wh), weight(node, 8, wh)};
        float[][] bias = {cifg ? null : weight(node, 12, vec), weight(node, 13, vec), weight(node, 14, vec),
            weight(node, 15, vec)};
        KernelException.require(inputW[1] != null && recW[1] != null && bias[1] != null
                && inputW[2] != null && inputW[3] != null && recW[2] != null && recW[3] != null && bias[2] != null
                && bias[3] != null, "the forget, cell and output gate weights and biases are required");
        float[][] peep = null;
        if (node.input(10) != null || node.input(11) != null) {
            peep = new float[][] {cifg ? null : weight(node, 9, vec), weight(node, 10, vec), null, weight(node, 11, vec)};
            KernelException.require(peep[1] != null && peep[3] != null && (cifg || peep[0] != null),
                    "peephole weights must be all present or all absent");
        }
        float[] proj = weight(node, 16, new int[] {nOutput, nCell});
        float[] projBias = weight(node, 17, new int[] {nOutput});
        KernelException.require(proj != null || (projBias == null && nOutput == nCell),
                "without projection the output size must equal the cell size");
        float[][] ln = null;
        if (node.input(21) != null) {
            ln = new float[][] {cifg ? null : weight(node, 20, vec), weight(node, 21, vec), weight(node, 22, vec),
                weight(node, 23, vec)};
            KernelException.require(ln[1] != null && ln[2] != null && ln[3] != null && (cifg || ln[0] != null),
                    "layer norm coefficients must be present for every gate");
        }
        TensorSlot hState = node.input(18);
        TensorSlot cState = node.input(19);
        Activation act = Activation.of(node);
        LstmCell cell = new LstmCell(nInput, nCell, nOutput, inputW, recW, peep, bias, ln, proj, projBias, act,
                node.options().getFloat("cell_clip"), node.options().getFloat("proj_clip"));
        TensorSlot out = shape.resizeOutput(node);
        float[] scratch = new float[cell.scratchSize()];
        if (node.reference()) {
            return p -> reference(cell, timeMajor, steps, batch, in, hState, cState, out, scratch);
        }
        Batched fast = new Batched(cell, steps * batch);
        return p -> fast.run(timeMajor, steps, batch, in, hState, cState, out, scratch);
    }

    private static float[] weight(Node node, int index, int[] shape) {
        TensorSlot t = node.input(index);
        if (t == null) {
            return null;
        }
        KernelException.require(t.type() == DType.FLOAT32 && t.isConstant(), "LSTM input " + index
                + " must be a constant FLOAT32 tensor, got " + t);
        KernelException.require(shape == null || t.size() == dev.quanta.engine.graph.Shapes.size(shape),
                "LSTM input " + index + " " + t + " should have shape " + java.util.Arrays.toString(shape));
        float[] a = new float[t.size()];
        System.arraycopy(t.floats(), t.offset(), a, 0, a.length);
        return a;
    }

    /** Reference: {@link LstmCell#step} for every time step and batch row. */
    static void reference(LstmCell cell, boolean timeMajor, int steps, int batch, TensorSlot in, TensorSlot h,
                          TensorSlot c, TensorSlot out, float[] scratch) {
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = timeMajor ? t * batch + b : b * steps + t;
                cell.step(in.floats(), in.offset() + row * cell.nInput(), h.floats(), h.offset() + b * cell.nOutput(),
                        c.floats(), c.offset() + b * cell.nCell(), out.floats(), out.offset() + row * cell.nOutput(),
                        scratch);
            }
        }
    }

    /** The fast path: input products for all rows by one {@link Gemm} call, recurrent ones per step. */
    static final class Batched {
        private final LstmCell cell;
        private final int gates;
        private final int[] gateOf;
        private final Gemm.Packed packedInput;
        private final float[][][] acc;
        private final float[] inputProducts;

        Batched(LstmCell cell, int rows) {
            this.cell = cell;
            int first = cell.cifg() ? 1 : 0;
            this.gates = 4 - first;
            this.gateOf = new int[gates];
            int n = cell.nCell();
            float[] stacked = new float[gates * n * cell.nInput()];
            for (int g = 0; g < gates; g++) {
                gateOf[g] = first + g;
                System.arraycopy(cell.inputWeights()[first + g], 0, stacked, g * n * cell.nInput(), n * cell.nInput());
            }
            this.packedInput = Gemm.packWeights(stacked, 0, gates * n, cell.nInput());
            this.acc = Gemm.accumulators(1, gates * n);
            this.inputProducts = new float[rows * gates * n];
        }

        void run(boolean timeMajor, int steps, int batch, TensorSlot in, TensorSlot h, TensorSlot c, TensorSlot out,
                 float[] scratch) {
            int n = cell.nCell();
            int width = gates * n;
            int rows = steps * batch;
            Gemm.multiply(0, rows, in.floats(), in.offset(), cell.nInput(), packedInput, null, 0,
                    Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, inputProducts, 0, width, acc[0]);
            float[] hs = h.floats();
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    int row = timeMajor ? t * batch + b : b * steps + t;
                    int hOff = h.offset() + b * cell.nOutput();
                    for (int g = 0; g < gates; g++) {
                        int gate = gateOf[g];
                        float[] bias = cell.bias()[gate];
                        float[] rec = cell.recurrentWeights()[gate];
                        for (int j = 0; j < n; j++) {
                            float acc = cell.layerNorm() == null ? bias[j] : 0f;
                            acc += inputProducts[row * width + g * n + j];
                            acc += LstmCell.dot(rec, j * cell.nOutput(), hs, hOff, cell.nOutput());
                            scratch[gate * n + j] = acc;
                        }
                    }
                    cell.finish(hs, hOff, c.floats(), c.offset() + b * n, out.floats(),
                            out.offset() + row * cell.nOutput(), scratch);
                }
            }
        }
    }
}
