package dev.quanta.engine.samples;

import dev.quanta.engine.graph.Buffer;
import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.OpCode;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.Shapes;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A float model of one UNIDIRECTIONAL_SEQUENCE_LSTM (TFLite's fused Keras LSTM layer) with random
 * weights: input {@code [batch, steps, features]} (or {@code [steps, batch, features]} time-major),
 * output the whole sequence {@code [batch, steps, outputs]}, output and cell state as variable
 * tensors. Weights are uniform in {@code ±1/sqrt(units)} (Keras' recurrent default scale), biases 0
 * except the forget gate's 1 (Keras' {@code unit_forget_bias}). Options cover the variants TFLite's
 * kernel has: CIFG, peephole, projection (with clipping), layer norm, cell clipping.
 */
public final class SequenceLstm {

    /**
     * @param steps time steps
     * @param batch batch rows
     * @param features input features per step
     * @param units cell units
     * @param outputs output units: {@code units} without projection, anything with it
     * @param projection a projection layer {@code [outputs, units]} with bias
     * @param cifg no input gate (coupled input and forget gate)
     * @param peephole cell-to-gate weights
     * @param layerNorm layer-normalized gates (coefficients near 1)
     * @param timeMajor {@code [steps, batch, features]} layout
     * @param cellClip cell state clip, 0 for none
     * @param projClip projection clip, 0 for none
     */
    public record Spec(int steps, int batch, int features, int units, int outputs, boolean projection, boolean cifg,
                       boolean peephole, boolean layerNorm, boolean timeMajor, float cellClip, float projClip) {
        /** A plain batch-major LSTM without projection. */
        public static Spec plain(int steps, int batch, int features, int units) {
            return new Spec(steps, batch, features, units, units, false, false, false, false, false, 0, 0);
        }
    }

    private static final int TANH = 4;

    private final Model model = new Model();
    private final Subgraph g = new Subgraph("main");
    private final Random rnd;

    private SequenceLstm(long seed) {
        this.rnd = new Random(seed);
        model.subgraphs().add(g);
    }

    /** The model for {@code spec} with weights from {@code seed} (same seed, same file). */
    public static Model generate(Spec spec, long seed) {
        if (spec.steps() < 1 || spec.batch() < 1 || spec.features() < 1 || spec.units() < 1 || spec.outputs() < 1) {
            throw new IllegalArgumentException("every size must be positive: " + spec);
        }
        if (!spec.projection() && spec.outputs() != spec.units()) {
            throw new IllegalArgumentException("without projection the output size must equal the units");
        }
        SequenceLstm s = new SequenceLstm(seed);
        s.model.setDescription("Quanta-generated LSTM (" + spec.units() + " units, " + spec.steps()
                + " steps, random weights, seed " + seed + ")");
        return s.build(spec);
    }

    private Model build(Spec s) {
        int n = s.units();
        int out = s.outputs();
        int[] inShape = s.timeMajor() ? new int[] {s.steps(), s.batch(), s.features()}
                : new int[] {s.batch(), s.steps(), s.features()};
        Tensor x = g.add(new Tensor("input", DType.FLOAT32, inShape));
        g.inputs().add(x);
        List<Tensor> ins = new ArrayList<>(Arrays.asList(new Tensor[24]));
        ins.set(0, x);
        double scale = 1 / Math.sqrt(n);
        String[] gates = {"input", "forget", "cell", "output"};
        for (int gate = 0; gate < 4; gate++) {
            if (gate == 0 && s.cifg()) {
                continue;
            }
            ins.set(1 + gate, uniform("lstm/input_to_" + gates[gate] + "_weights", scale, n, s.features()));
            ins.set(5 + gate, uniform("lstm/recurrent_to_" + gates[gate] + "_weights", scale, n, out));
            ins.set(12 + gate, filled("lstm/" + gates[gate] + "_gate_bias", gate == 1 ? 1f : 0f, n));
            if (s.layerNorm()) {
                ins.set(20 + gate, around("lstm/" + gates[gate] + "_layer_norm_coefficients", 1, 0.1, n));
            }
        }
        if (s.peephole()) {
            if (!s.cifg()) {
                ins.set(9, uniform("lstm/cell_to_input_weights", scale, n));
            }
            ins.set(10, uniform("lstm/cell_to_forget_weights", scale, n));
            ins.set(11, uniform("lstm/cell_to_output_weights", scale, n));
        }
        if (s.projection()) {
            ins.set(16, uniform("lstm/projection_weights", scale, out, n));
            ins.set(17, filled("lstm/projection_bias", 0f, out));
        }
        Tensor h = g.add(new Tensor("lstm/output_state", DType.FLOAT32, new int[] {s.batch(), out}));
        h.setVariable(true);
        Tensor c = g.add(new Tensor("lstm/cell_state", DType.FLOAT32, new int[] {s.batch(), n}));
        c.setVariable(true);
        ins.set(18, h);
        ins.set(19, c);
        List<Tensor> used = s.layerNorm() ? ins : ins.subList(0, 20);
        int[] outShape = s.timeMajor() ? new int[] {s.steps(), s.batch(), out} : new int[] {s.batch(), s.steps(), out};
        Tensor y = g.add(new Tensor("lstm/output", DType.FLOAT32, outShape));
        g.outputs().add(y);
        g.operators().add(new Operator(OpCode.builtin(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, 1),
                new ArrayList<>(used), List.of(y), OptionsSchema.create("UnidirectionalSequenceLSTMOptions",
                        "fused_activation_function", TANH, "cell_clip", s.cellClip(), "proj_clip", s.projClip(),
                        "time_major", s.timeMajor())));
        return model;
    }

    private Tensor uniform(String name, double scale, int... shape) {
        float[] v = new float[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return constant(name, shape, v);
    }

    private Tensor around(String name, double center, double spread, int... shape) {
        float[] v = new float[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (center + (rnd.nextDouble() * 2 - 1) * spread);
        }
        return constant(name, shape, v);
    }

    private Tensor filled(String name, float value, int... shape) {
        float[] v = new float[Shapes.size(shape)];
        Arrays.fill(v, value);
        return constant(name, shape, v);
    }

    private Tensor constant(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            b.putFloat(f);
        }
        Tensor t = g.add(new Tensor(name, DType.FLOAT32, shape.clone()));
        Buffer buf = Buffer.of(b.array());
        model.buffers().add(buf);
        t.setBuffer(buf);
        return t;
    }
}
