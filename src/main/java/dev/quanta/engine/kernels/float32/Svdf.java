package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Float SVDF (singular value decomposition filter), one time step per run. Inputs: 0 input
 * {@code [batch, input_size]}; 1 weights_feature {@code [num_filters, input_size]}; 2 weights_time
 * {@code [num_filters, memory_size]}; 3 optional bias {@code [num_units]}; 4 the variable activation
 * state {@code [batch, num_filters * memory_size]}, kept across runs. {@code num_units = num_filters / rank}.
 *
 * <p>Each step, as TFLite: shift every batch's state left by one element, write
 * {@code weights_feature · input} into the last memory slot of each filter, then
 * {@code out[b, u] = act((sum_r (state[b, f] · weights_time[f])) + bias[u])} over the {@code rank}
 * filters {@code f = u * rank + r}: dots and the rank sum start from 0 and the bias is added last,
 * TFLite 2.6.2's order ({@code ApplyTimeWeightsBiasAndActivation}), which makes the result bit-exact.
 */
public final class Svdf implements Kernel {

    /**
     * Reference step. {@code scratch} holds {@code numFilters} floats; state, output and input rows are
     * indexed from their offsets.
     */
    public static void step(int batch, int inputSize, int numFilters, int memory, int rank, float[] input, int inOff,
                            float[] feature, float[] time, float[] bias, Activation act, float[] state, int sOff,
                            float[] out, int outOff, float[] scratch) {
        int units = numFilters / rank;
        int row = numFilters * memory;
        for (int b = 0; b < batch; b++) {
            int s = sOff + b * row;
            System.arraycopy(state, s + 1, state, s, row - 1);
            for (int f = 0; f < numFilters; f++) {
                state[s + f * memory + memory - 1] = LstmCell.dot(feature, f * inputSize, input, inOff + b * inputSize,
                        inputSize);
            }
            for (int f = 0; f < numFilters; f++) {
                scratch[f] = LstmCell.dot(state, s + f * memory, time, f * memory, memory);
            }
            for (int u = 0; u < units; u++) {
                float acc = 0f;
                for (int r = 0; r < rank; r++) {
                    acc += scratch[u * rank + r];
                }
                if (bias != null) {
                    acc += bias[u];
                }
                out[outOff + b * units + u] = act.apply(acc);
            }
        }
    }

    /**
     * The sizes of one SVDF node, checked against each other, shared by the float and hybrid kernels.
     *
     * @param batch input rows
     * @param inputSize input features
     * @param filters num_filters (weights_feature rows)
     * @param memory memory_size (weights_time columns)
     * @param rank filters per unit
     */
    public record Shape(int batch, int inputSize, int filters, int memory, int rank) {
        /** num_units = num_filters / rank. */
        public int units() {
            return filters / rank;
        }

        /** Checks the operand shapes, resizes {@code out} to {@code [batch, units]} and returns the sizes. */
        public static Shape prepare(Node node, TensorSlot in, TensorSlot feature, TensorSlot time, TensorSlot bias,
                                    TensorSlot state, TensorSlot out) {
            int batch = in.dim(0);
            int inputSize = in.dim(1);
            int filters = feature.dim(0);
            int memory = time.dim(1);
            int rank = node.options().getInt("rank");
            KernelException.require(feature.dim(1) == inputSize && time.dim(0) == filters,
                    "SVDF weight shapes " + feature + " and " + time + " do not fit input " + in);
            KernelException.require(rank > 0 && filters % rank == 0, "SVDF rank " + rank + " must divide "
                    + filters + " filters");
            int units = filters / rank;
            KernelException.require(bias == null || bias.size() == units, "SVDF bias must have " + units + " values");
            KernelException.require(state.size() == batch * filters * memory, "SVDF activation state must have "
                    + batch * filters * memory + " values");
            out.resize(new int[] {batch, units});
            return new Shape(batch, inputSize, filters, memory, rank);
        }
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot feature = node.input(1);
        TensorSlot time = node.input(2);
        TensorSlot bias = node.input(3);
        TensorSlot state = node.input(4);
        TensorSlot out = node.output(0);
        KernelException.require(in != null && feature != null && time != null && state != null,
                "SVDF needs input, weights_feature, weights_time and activation_state");
        for (TensorSlot t : new TensorSlot[] {in, feature, time, bias, state, out}) {
            KernelException.require(t == null || t.type() == DType.FLOAT32, "float SVDF needs FLOAT32 tensors, got " + t);
        }
        KernelException.require(feature.isConstant() && time.isConstant() && (bias == null || bias.isConstant()),
                "SVDF weights and bias must be constant");
        KernelException.require(in.rank() == 2 && feature.rank() == 2 && time.rank() == 2,
                "SVDF needs a 2-D input and 2-D weights");
        Shape sh = Shape.prepare(node, in, feature, time, bias, state, out);
        int batch = sh.batch();
        int inputSize = sh.inputSize();
        int numFilters = sh.filters();
        int memory = sh.memory();
        int rank = sh.rank();
        float[] f = copy(feature);
        float[] t = copy(time);
        float[] bv = bias == null ? null : copy(bias);
        Activation act = Activation.of(node);
        float[] scratch = new float[numFilters];
        return p -> step(batch, inputSize, numFilters, memory, rank, in.floats(), in.offset(), f, t, bv, act,
                state.floats(), state.offset(), out.floats(), out.offset(), scratch);
    }

    private static float[] copy(TensorSlot t) {
        float[] a = new float[t.size()];
        System.arraycopy(t.floats(), t.offset(), a, 0, a.length);
        return a;
    }
}
