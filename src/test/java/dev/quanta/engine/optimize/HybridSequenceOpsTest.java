package dev.quanta.engine.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.engine.samples.SequenceLstm;
import dev.quanta.engine.samples.SequenceLstm.Spec;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.testing.JudgeComparison;
import dev.quanta.testing.ModelInputs;
import dev.quanta.testing.SharedData;
import dev.quanta.testing.TfliteRuntime;
import dev.quanta.testing.Tolerance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamic-range BATCH_MATMUL and UNIDIRECTIONAL_SEQUENCE_LSTM: the pass gives them int8 weights and
 * the versions TF's converter writes, TensorFlow Lite 2.6.2 loads the file and runs its hybrid
 * kernels, and Quanta's hybrid kernels agree with it within {@link Tolerance#CLOSE} (both quantize
 * the same float activations the same way; only float summation order may differ).
 */
class HybridSequenceOpsTest {

    // ---- BATCH_MATMUL ---------------------------------------------------------------------------

    @Test
    void kvCacheModelRunsHybridBatchMatMul() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.model("aeq/toy_model_with_kv_cache_multi_signature.tflite"));
        Model model = TfliteReader.read(bytes, "kv");
        OptimizeResult result = Optimizer.optimize(model, bytes.length, Recipe.of(Mode.DYNAMIC), null, null, null);
        Model optimized = TfliteReader.read(result.model(), "optimized");
        int hybrid = 0;
        for (Operator op : optimized.main().operators()) {
            if (op.builtin() == BuiltinOp.BATCH_MATMUL && op.input(1).type() == DType.INT8) {
                hybrid++;
                assertEquals(DType.FLOAT32, op.input(0).type());
                assertEquals(4, op.opCode().version(), "asymmetric hybrid BATCH_MATMUL is version 4");
                assertTrue(op.options().getBool("asymmetric_quantize_inputs"));
                assertFalse(op.input(1).quant().isPerAxis());
            }
        }
        assertEquals(2, hybrid, "the two [1,128,256] constant right-hand sides are quantized");
        compare(model, optimized, result.model(), ModelInputs.random(model, 7), 1);
    }

    /** lhs shape, rhs shape (constant), adj_x, adj_y, asymmetric inputs. */
    record Bmm(String name, int[] lhs, int[] rhs, boolean adjX, boolean adjY, boolean asymmetric) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bmm> bmms() {
        return Stream.of(
                new Bmm("rank 4 lhs, rank 2 rhs broadcast", new int[] {1, 3, 5, 40}, new int[] {40, 24}, false, false, true),
                new Bmm("adj_y", new int[] {3, 5, 40}, new int[] {24, 40}, false, true, true),
                new Bmm("adj_x, batched rhs", new int[] {2, 40, 5}, new int[] {2, 40, 24}, true, false, true),
                new Bmm("lhs batch 1 broadcast", new int[] {1, 5, 40}, new int[] {3, 40, 24}, false, false, true),
                new Bmm("symmetric inputs adj_x adj_y", new int[] {2, 40, 6}, new int[] {24, 40}, true, true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmms")
    void batchMatMulMatchesTflite(Bmm c) throws Exception {
        Random rnd = new Random(c.name().hashCode());
        Model m = new Model();
        Subgraph g = new Subgraph("bmm");
        m.subgraphs().add(g);
        Tensor lhs = g.add(new Tensor("lhs", DType.FLOAT32, c.lhs()));
        g.inputs().add(lhs);
        Tensor rhs = constant(m, g, rnd, "rhs", c.rhs());
        int[] out = outShape(c);
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, out));
        g.outputs().add(y);
        g.operators().add(new Operator(OpCode.builtin(BuiltinOp.BATCH_MATMUL, 1), List.of(lhs, rhs), List.of(y),
                OptionsSchema.create("BatchMatMulOptions", "adj_x", c.adjX(), "adj_y", c.adjY())));
        Model optimized = dynamic(m, 1);
        Operator op = optimized.main().operators().get(0);
        assertEquals(DType.INT8, op.input(1).type(), "the constant rhs is quantized");
        if (!c.asymmetric()) {
            op.setOptions(op.options().with("asymmetric_quantize_inputs", false));
            op.setOpCode(op.opCode().withVersion(1));
        }
        assertEquals(c.asymmetric() ? 4 : 1, OpVersions.version(op));
        byte[] file = TfliteWriter.toBytes(optimized);
        List<ByteBuffer> inputs = ModelInputs.random(m, 11);
        // one all-zero lhs row: quantizes to zeros with scale 1 in both runtimes
        for (int i = 0; i < c.lhs()[c.lhs().length - 1]; i++) {
            inputs.get(0).putFloat(4 * i, 0f);
        }
        compare(m, TfliteReader.read(file, "bmm"), file, inputs, 1);
    }

    /**
     * TFLite 2.6.2's hybrid BATCH_MATMUL steps through its per-row scales and zero points by
     * {@code m} for every batch index that is not broadcast (it compares an extent, not a dimension,
     * with 1), so with two non-trivial lhs batch dims {@code [d1, d2]} batch {@code (b1, b2)} reads the
     * scales of rows {@code (b1 + b2) * m..} instead of {@code (b1 * d2 + b2) * m..}. Quanta computes the
     * defined product; this pins down where the two differ: exactly the batches with {@code b1 > 0}.
     */
    @Test
    void tflite262MisindexesRowScalesWithTwoLhsBatchDims() throws Exception {
        Bmm c = new Bmm("two batch dims", new int[] {2, 3, 5, 40}, new int[] {40, 24}, false, false, true);
        Random rnd = new Random(5);
        Model m = new Model();
        Subgraph g = new Subgraph("bmm");
        m.subgraphs().add(g);
        Tensor lhs = g.add(new Tensor("lhs", DType.FLOAT32, c.lhs()));
        g.inputs().add(lhs);
        Tensor rhs = constant(m, g, rnd, "rhs", c.rhs());
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, outShape(c)));
        g.outputs().add(y);
        g.operators().add(new Operator(OpCode.builtin(BuiltinOp.BATCH_MATMUL, 1), List.of(lhs, rhs), List.of(y),
                OptionsSchema.create("BatchMatMulOptions")));
        Model optimized = dynamic(m, 1);
        byte[] file = TfliteWriter.toBytes(optimized);
        List<ByteBuffer> inputs = ModelInputs.random(m, 11);
        float[] in = new float[2 * 3 * 5 * 40];
        inputs.get(0).duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(in);
        float[] expected;
        try (TfliteRuntime rt = TfliteRuntime.load(file)) {
            expected = rt.run(inputs).get(0).floats();
        }
        float[] actual;
        try (Interpreter it = new Interpreter(optimized)) {
            actual = it.run(List.of(TensorValue.ofFloats(c.lhs(), in))).get(0).floats();
        }
        int per = 5 * 24;
        for (int b = 0; b < 6; b++) {
            float[] e = java.util.Arrays.copyOfRange(expected, b * per, (b + 1) * per);
            float[] a = java.util.Arrays.copyOfRange(actual, b * per, (b + 1) * per);
            String bad = Tolerance.CLOSE.mismatch(e, a);
            if (b < 3) {
                assertNull(bad, "batch " + b + " (b1 = 0) matches");
            } else {
                assertTrue(bad != null, "batch " + b + " (b1 = 1) gets another row's scales in TFLite 2.6.2");
            }
        }
    }

    @Test
    void sharedConstantInputBatchMatMulWithLowThreshold() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.model("aeq/bmm_constant_input.tflite"));
        Model model = TfliteReader.read(bytes, "bmm");
        assertEquals(0, countInt8Weights(dynamic(model, 1024), BuiltinOp.BATCH_MATMUL),
                "256-element constants stay float at TF's threshold");
        Model optimized = dynamic(model, 256);
        assertEquals(2, countInt8Weights(optimized, BuiltinOp.BATCH_MATMUL));
        byte[] file = TfliteWriter.toBytes(optimized);
        compare(model, optimized, file, ModelInputs.random(model, 3), 1);
    }

    private static int[] outShape(Bmm c) {
        int[] l = c.lhs();
        int[] r = c.rhs();
        int m = c.adjX() ? l[l.length - 1] : l[l.length - 2];
        int n = c.adjY() ? r[r.length - 2] : r[r.length - 1];
        int rank = Math.max(l.length, r.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank - 2; i++) {
            int li = i - (rank - l.length);
            int ri = i - (rank - r.length);
            int a = li >= 0 ? l[li] : 1;
            int b = ri >= 0 ? r[ri] : 1;
            out[i] = Math.max(a, b);
        }
        out[rank - 2] = m;
        out[rank - 1] = n;
        return out;
    }

    // ---- UNIDIRECTIONAL_SEQUENCE_LSTM -----------------------------------------------------------

    /** A generated LSTM, the pass's element threshold, and whether inputs are quantized asymmetrically. */
    record Lstm(String name, Spec spec, int minElements, boolean asymmetric) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Lstm> lstms() {
        return Stream.of(
                new Lstm("32 units, TF threshold", Spec.plain(6, 2, 32, 32), 1024, true),
                new Lstm("32 units, symmetric inputs", Spec.plain(6, 2, 32, 32), 1024, false),
                new Lstm("48 units projected to 32, clipping, time-major",
                        new Spec(5, 2, 32, 48, 32, true, false, false, false, true, 3f, 0.5f), 1024, true),
                new Lstm("CIFG layer norm, 32 units",
                        new Spec(5, 1, 32, 32, 32, false, true, false, true, false, 0, 0), 1024, true),
                new Lstm("peephole, small (threshold 1)",
                        new Spec(5, 2, 5, 8, 8, false, false, true, false, false, 0, 0), 1, true),
                new Lstm("CIFG peephole projection layer norm, symmetric (threshold 1)",
                        new Spec(4, 3, 6, 8, 5, true, true, true, true, true, 0, 0), 1, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lstms")
    void lstmMatchesTflite(Lstm c) throws Exception {
        Model model = SequenceLstm.generate(c.spec(), c.name().hashCode());
        Model optimized = dynamic(model, c.minElements());
        Operator op = optimized.main().operators().get(0);
        assertEquals(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, op.builtin());
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16}) {
            if (op.input(i) != null) {
                assertEquals(DType.INT8, op.input(i).type(), "LSTM weight input " + i);
            }
        }
        if (!c.asymmetric()) {
            op.setOptions(op.options().with("asymmetric_quantize_inputs", false));
        }
        op.setOpCode(op.opCode().withVersion(OpVersions.version(op)));
        assertEquals(c.asymmetric() ? 3 : 2, op.opCode().version());
        byte[] file = TfliteWriter.toBytes(optimized);
        List<ByteBuffer> inputs = ModelInputs.random(model, 5);
        if (c.spec().batch() > 1 && !c.spec().timeMajor()) {
            // batch row 0 all zeros: TFLite quantizes the whole (non-zero) batch, that row to zeros
            // with scale 1 and zero point 0; Quanta skips the row's product; both add nothing
            for (int i = 0; i < c.spec().steps() * c.spec().features(); i++) {
                inputs.get(0).putFloat(4 * i, 0f);
            }
        }
        compare(model, TfliteReader.read(file, "lstm"), file, inputs, 2);
    }

    @Test
    void lstmBelowThresholdKeepsFloatWeights() {
        Model model = SequenceLstm.generate(Spec.plain(3, 1, 20, 32), 1);
        assertEquals(0, countInt8Weights(dynamic(model, 1024), BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM),
                "input weights of 640 elements keep every weight of the op float");
    }

    // ---- EMBEDDING_LOOKUP -------------------------------------------------------------------------

    /**
     * Hybrid EMBEDDING_LOOKUP (int8 table, float output): TFLite 2.6.2 multiplies each stored int8 by
     * the double scale and rounds once to float, which equals Quanta's float product exactly (an int8
     * times a float is exact in double), so the rows agree bit for bit.
     */
    @Test
    void embeddingLookupMatchesTfliteExactly() throws Exception {
        Random rnd = new Random(9);
        Model m = new Model();
        Subgraph g = new Subgraph("embedding");
        m.subgraphs().add(g);
        Tensor ids = g.add(new Tensor("ids", DType.INT32, new int[] {6}));
        g.inputs().add(ids);
        Tensor table = constant(m, g, rnd, "table", 64, 32);
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, new int[] {6, 32}));
        g.outputs().add(y);
        g.operators().add(new Operator(OpCode.builtin(BuiltinOp.EMBEDDING_LOOKUP, 1), List.of(ids, table),
                List.of(y), null));
        Model optimized = dynamic(m, 1024);
        Operator op = optimized.main().operators().get(0);
        assertEquals(DType.INT8, op.input(1).type(), "the 2,048-element table is quantized");
        assertEquals(3, op.opCode().version());
        byte[] file = TfliteWriter.toBytes(optimized);
        int[] picked = {0, 63, 17, 17, 42, 5};
        ByteBuffer b = ByteBuffer.allocate(4 * picked.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int id : picked) {
            b.putInt(id);
        }
        b.flip();
        float[] expected;
        try (TfliteRuntime rt = TfliteRuntime.load(file)) {
            expected = rt.run(List.of(b)).get(0).floats();
        }
        float[] actual;
        try (Interpreter it = new Interpreter(optimized)) {
            actual = it.run(List.of(TensorValue.ofInts(new int[] {6}, picked))).get(0).floats();
        }
        assertArrayEquals(expected, actual);
        assertNull(Tolerance.EXACT.mismatch(expected, actual));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Model dynamic(Model model, int minElements) {
        Recipe recipe = Recipe.of(Mode.DYNAMIC).withOptions(new QuantOptions(false, false, minElements));
        OptimizeResult r = Optimizer.optimize(model, 0, recipe, null, null, null);
        return TfliteReader.read(r.model(), "optimized");
    }

    private static int countInt8Weights(Model m, int builtin) {
        int n = 0;
        for (Operator op : m.main().operators()) {
            for (Tensor t : op.inputs()) {
                if (op.builtin() == builtin && t != null && t.isConstant() && t.type() == DType.INT8) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Runs {@code file} in TFLite 2.6.2 and Quanta {@code runs} times on the same interpreters (state
     * carries over) and compares every output within {@link Tolerance#CLOSE}; the reference and fast
     * interpreter modes of Quanta must agree bit for bit.
     */
    private static void compare(Model original, Model optimized, byte[] file, List<ByteBuffer> inputs, int runs) {
        List<ByteBuffer> converted = QuantizedManifestTest.convert(original, optimized, inputs);
        List<int[]> shapes = ModelInputs.shapes(optimized);
        List<TensorValue> values = new ArrayList<>();
        for (int i = 0; i < converted.size(); i++) {
            values.add(JudgeComparison.value(optimized.main().inputs().get(i).type(), shapes.get(i), converted.get(i)));
        }
        try (TfliteRuntime rt = TfliteRuntime.load(file);
             Interpreter fast = new Interpreter(optimized, InterpreterOptions.defaults().withThreads(2));
             Interpreter ref = new Interpreter(optimized, InterpreterOptions.defaults().withReference(true))) {
            QuantizedManifestTest.resize(rt, optimized);
            for (int run = 0; run < runs; run++) {
                List<TfliteRuntime.Result> expected = rt.run(converted);
                List<TensorValue> actual = fast.run(values);
                List<TensorValue> reference = ref.run(values);
                assertEquals(expected.size(), actual.size());
                for (int o = 0; o < expected.size(); o++) {
                    assertArrayEquals(expected.get(o).shape(), actual.get(o).shape(), "output " + o + " shape");
                    assertNull(Tolerance.CLOSE.mismatch(expected.get(o).floats(), actual.get(o).floats()),
                            "run " + run + " output " + o);
                    assertArrayEquals(reference.get(o).floats(), actual.get(o).floats(),
                            "fast and reference interpreters agree bit for bit");
                }
            }
        }
    }

    private static Tensor constant(Model m, Subgraph g, Random rnd, String name, int... shape) {
        int n = Shapes.size(shape);
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(rnd.nextFloat() * 2 - 1);
        }
        Tensor t = g.add(new Tensor(name, DType.FLOAT32, shape));
        Buffer buf = Buffer.of(b.array());
        m.buffers().add(buf);
        t.setBuffer(buf);
        return t;
    }
}
