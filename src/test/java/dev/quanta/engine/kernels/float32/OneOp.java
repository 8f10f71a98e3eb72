package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.graph.Buffer;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.OpCode;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Options;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.runtime.TensorValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test helper: a model of one operator whose inputs are either graph inputs (random values fed at
 * run time) or constants, run by the interpreter with the reference or the fast kernels.
 */
final class OneOp {
    private final Model model = new Model();
    private final Subgraph g = new Subgraph("one-op");
    private final List<Tensor> inputs = new ArrayList<>();
    private final List<TensorValue> feeds = new ArrayList<>();
    private final Random rnd;

    OneOp(long seed) {
        model.subgraphs().add(g);
        rnd = new Random(seed);
    }

    Random random() {
        return rnd;
    }

    float[] randoms(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** A graph input with random values in [-1, 1). */
    OneOp input(int... shape) {
        Tensor t = g.add(new Tensor("in" + inputs.size(), DType.FLOAT32, shape));
        g.inputs().add(t);
        inputs.add(t);
        feeds.add(TensorValue.ofFloats(shape, randoms(dev.quanta.engine.graph.Shapes.size(shape))));
        return this;
    }

    /** A graph input the operator does not read (TFLite needs at least one graph input). */
    OneOp unusedInput() {
        Tensor t = g.add(new Tensor("unused", DType.FLOAT32, new int[] {1}));
        g.inputs().add(t);
        feeds.add(TensorValue.ofFloats(new int[] {1}, new float[1]));
        return this;
    }

    /** A graph input with random values in [-scale, scale). */
    OneOp scaledInput(float scale, int... shape) {
        input(shape);
        float[] v = feeds.get(feeds.size() - 1).floats();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return this;
    }

    /**
     * Replaces about one in {@code oneIn} values of the last graph input by a special float (signed
     * zeros, infinities, NaN, the largest finite magnitudes), to check paths that must keep the
     * reference's handling of them.
     */
    OneOp specialValues(int oneIn) {
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
            -Float.MAX_VALUE};
        float[] v = feeds.get(feeds.size() - 1).floats();
        for (int i = 0; i < v.length; i++) {
            if (rnd.nextInt(oneIn) == 0) {
                v[i] = specials[rnd.nextInt(specials.length)];
            }
        }
        return this;
    }

    /** A constant INT32 input. */
    OneOp constantInts(int[] shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return constant(DType.INT32, shape, b.array());
    }

    /** A constant INT8 input with random values and the given quantization. */
    OneOp constantInt8(int[] shape, dev.quanta.engine.graph.QuantParams q) {
        byte[] v = new byte[dev.quanta.engine.graph.Shapes.size(shape)];
        rnd.nextBytes(v);
        constant(DType.INT8, shape, v);
        lastInput().setQuant(q);
        return this;
    }

    /** A constant FLOAT16 input with random values in [-4, 4). */
    OneOp constantHalf(int[] shape) {
        int n = dev.quanta.engine.graph.Shapes.size(shape);
        ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putShort(dev.quanta.engine.kernels.Half.fromFloat(rnd.nextFloat() * 8 - 4));
        }
        return constant(DType.FLOAT16, shape, b.array());
    }

    /** A constant float input with random values. */
    OneOp constant(int... shape) {
        return constant(shape, randoms(dev.quanta.engine.graph.Shapes.size(shape)));
    }

    OneOp constant(int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return constant(DType.FLOAT32, shape, b.array());
    }

    OneOp constant(DType type, int[] shape, byte[] littleEndian) {
        Tensor t = g.add(new Tensor("c" + inputs.size(), type, shape));
        t.setBuffer(Buffer.of(littleEndian));
        inputs.add(t);
        return this;
    }

    Tensor lastInput() {
        return inputs.get(inputs.size() - 1);
    }

    /** An omitted optional input. */
    OneOp none() {
        inputs.add(null);
        return this;
    }

    /** Adds the operator (one float output of unknown shape) and returns the model. */
    Model op(int builtin, Options options) {
        Tensor out = g.add(new Tensor("out", DType.FLOAT32, new int[0]));
        g.outputs().add(out);
        g.operators().add(new Operator(OpCode.builtin(builtin, 1), inputs, List.of(out), options));
        return model;
    }

    /** The inputs fed at run time. */
    List<TensorValue> feeds() {
        return feeds;
    }

    /** Runs the model with the reference kernels (1 thread) or the fast ones ({@code threads}). */
    TensorValue run(boolean reference, int threads) {
        try (Interpreter it = new Interpreter(model, InterpreterOptions.defaults().withThreads(threads)
                .withReference(reference))) {
            return it.run(feeds).get(0);
        }
    }
}
