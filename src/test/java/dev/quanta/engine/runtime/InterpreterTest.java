package dev.quanta.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.engine.graph.Buffer;
import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.OpCode;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Options;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.util.QuantaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interpreter core on small hand-built graphs whose outputs are computed here by hand. */
class InterpreterTest {

    static Tensor constant(String name, int[] shape, float... values) {
        Tensor t = new Tensor(name, DType.FLOAT32, shape);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        t.setBuffer(Buffer.of(b.array()));
        return t;
    }

    static Operator op(int builtin, List<Tensor> in, List<Tensor> out, Options options) {
        return new Operator(OpCode.builtin(builtin, 1), in, out, options);
    }

    /** x[2,3] -> FULLY_CONNECTED(w[4,3], b[4], RELU) -> ADD(c[4]) -> SOFTMAX(beta 1). */
    static Model fcAddSoftmax() {
        Model m = new Model();
        Subgraph g = new Subgraph("main");
        m.subgraphs().add(g);
        Tensor x = g.add(new Tensor("x", DType.FLOAT32, new int[] {2, 3}));
        Tensor w = g.add(constant("w", new int[] {4, 3}, 1, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1));
        Tensor b = g.add(constant("b", new int[] {4}, 0.5f, 0, 0, 0));
        Tensor h = g.add(new Tensor("h", DType.FLOAT32, new int[] {2, 4}));
        Tensor c = g.add(constant("c", new int[] {4}, 0, 1, 0, 0));
        Tensor s = g.add(new Tensor("s", DType.FLOAT32, new int[] {2, 4}));
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, new int[] {2, 4}));
        g.inputs().add(x);
        g.outputs().add(y);
        g.operators().add(op(BuiltinOp.FULLY_CONNECTED, List.of(x, w, b), List.of(h),
                new Options("FullyConnectedOptions", 8, Map.of("fused_activation_function", 1))));
        g.operators().add(op(BuiltinOp.ADD, List.of(h, c), List.of(s),
                new Options("AddOptions", 11, Map.of())));
        g.operators().add(op(BuiltinOp.SOFTMAX, List.of(s), List.of(y),
                new Options("SoftmaxOptions", 9, Map.of("beta", 1.0f))));
        return m;
    }

    static float[] softmax(float... v) {
        double sum = 0;
        for (float f : v) {
            sum += Math.exp(f);
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (Math.exp(v[i]) / sum);
        }
        return out;
    }

    @Test
    void runsFullyConnectedAddSoftmaxLikeTheHandComputation() {
        float[] input = {1, 2, 3, -1, 0.5f, 2};
        // row 0: fc = [1.5, 2, 3, -6] relu -> [1.5, 2, 3, 0]; + c -> [1.5, 3, 3, 0]
        // row 1: fc = [-0.5, 0.5, 2, -1.5] relu -> [0, 0.5, 2, 0]; + c -> [0, 1.5, 2, 0]
        float[] expected = new float[8];
        System.arraycopy(softmax(1.5f, 3, 3, 0), 0, expected, 0, 4);
        System.arraycopy(softmax(0, 1.5f, 2, 0), 0, expected, 4, 4);
        for (boolean reference : new boolean[] {false, true}) {
            InterpreterOptions o = InterpreterOptions.defaults().withThreads(2).withReference(reference);
            try (Interpreter it = new Interpreter(fcAddSoftmax(), o)) {
                RunResult r = it.run(List.of(TensorValue.ofFloats(new int[] {2, 3}, input)), true);
                TensorValue y = r.outputs().get(0);
                assertArrayEquals(new int[] {2, 4}, y.shape());
                assertArrayEquals(expected, y.floats(), 1e-6f);
                assertEquals(3, r.intermediates().size(), "one captured value per operator output");
                assertArrayEquals(new float[] {1.5f, 2, 3, 0, 0, 0.5f, 2, 0},
                        r.intermediates().values().iterator().next().floats(), 0f);
                assertEquals(3, r.timings().size());
            }
        }
    }

    /** x[2,3] -> FULLY_CONNECTED(DEQUANTIZE(w16: FLOAT16[4,3]), b[4], RELU) -> y; optionally w itself an output. */
    static Model fp16Weights(boolean weightsAreAnOutput) {
        Model m = new Model();
        Subgraph g = new Subgraph("main");
        m.subgraphs().add(g);
        Tensor x = g.add(new Tensor("x", DType.FLOAT32, new int[] {2, 3}));
        Tensor w16 = g.add(new Tensor("w16", DType.FLOAT16, new int[] {4, 3}));
        ByteBuffer half = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (short h : new short[] {0x3C00, 0, 0, 0, 0x3C00, 0, 0, 0, 0x3C00, (short) 0xBC00, (short) 0xBC00,
            (short) 0xBC00}) {
            half.putShort(h); // the identity rows and a row of -1, as in fcAddSoftmax
        }
        w16.setBuffer(Buffer.of(half.array()));
        Tensor w = g.add(new Tensor("w", DType.FLOAT32, new int[] {4, 3}));
        Tensor b = g.add(constant("b", new int[] {4}, 0.5f, 0, 0, 0));
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, new int[] {2, 4}));
        g.inputs().add(x);
        g.outputs().add(y);
        if (weightsAreAnOutput) {
            g.outputs().add(w);
        }
        g.operators().add(op(BuiltinOp.DEQUANTIZE, List.of(w16), List.of(w), null));
        g.operators().add(op(BuiltinOp.FULLY_CONNECTED, List.of(x, w, b), List.of(y),
                new Options("FullyConnectedOptions", 8, Map.of("fused_activation_function", 1))));
        return m;
    }

    @Test
    void constantDequantizeIsComputedOnceAndItsOutputIsAConstant() {
        float[] input = {1, 2, 3, -1, 0.5f, 2};
        float[] expected = {1.5f, 2, 3, 0, 0, 0.5f, 2, 0};
        for (boolean reference : new boolean[] {false, true}) {
            InterpreterOptions o = InterpreterOptions.defaults().withThreads(1).withReference(reference);
            try (Interpreter it = new Interpreter(fp16Weights(false), o)) {
                RunResult r = it.run(List.of(TensorValue.ofFloats(new int[] {2, 3}, input)), true);
                assertArrayEquals(expected, r.outputs().get(0).floats(), 0f);
                assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1},
                        r.intermediates().values().iterator().next().floats(), 0f, "the folded weights");
                MemoryPlan mp = it.memoryPlan();
                // constants: w16 (12 halves), the dequantized w (12 floats), b (4 floats); the arena holds x and y only
                assertEquals(12 * 2 + 12 * 4 + 4 * 4, mp.constantBytes());
                assertEquals(2L * 16 * 4, mp.unsharedBytes());
            }
        }
        // a dequantized tensor that is also a graph output is computed by the operator on every run
        try (Interpreter it = new Interpreter(fp16Weights(true))) {
            List<TensorValue> out = it.run(List.of(TensorValue.ofFloats(new int[] {2, 3}, input)));
            assertArrayEquals(expected, out.get(0).floats(), 0f);
            assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1}, out.get(1).floats(), 0f);
            assertEquals(12 * 2 + 4 * 4, it.memoryPlan().constantBytes());
        }
    }

    @Test
    void arenaReusesMemoryOfDeadTensors() {
        try (Interpreter it = new Interpreter(fcAddSoftmax(), InterpreterOptions.defaults().withThreads(1))) {
            MemoryPlan mp = it.memoryPlan();
            // x (6 floats), h, s, y (8 each), each padded to 16 floats; in a chain x->h->s->y only
            // neighbours are alive together, so two slots suffice.
            assertEquals(4L * 16 * 4, mp.unsharedBytes());
            assertTrue(mp.arenaBytes() < mp.unsharedBytes(), "reuse must beat no reuse: " + mp);
            assertEquals(2L * 16 * 4, mp.arenaBytes(), "two 16-float slots suffice for a chain");
            assertEquals((12 + 4 + 4) * 4L, mp.constantBytes());
        }
    }

    @Test
    void unsupportedOperatorIsNamedAtPrepareTime() {
        Model m = fcAddSoftmax();
        Subgraph g = m.main();
        Tensor y = g.outputs().get(0);
        Tensor z = g.add(new Tensor("z", DType.FLOAT32, new int[] {2, 4}));
        g.operators().add(op(BuiltinOp.LSH_PROJECTION, List.of(y), List.of(z), null));
        QuantaException e = assertThrows(QuantaException.class, () -> new Interpreter(m));
        assertEquals("operator 3 (LSH_PROJECTION, output 'z') on FLOAT32 is not supported by Quanta's interpreter",
                e.getMessage());
        assertEquals(4, m.main().operators().size(), "the model is left as it was");
    }
}
