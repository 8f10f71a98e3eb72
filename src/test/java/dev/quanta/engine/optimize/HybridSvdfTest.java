package dev.quanta.engine.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.testing.TfliteRuntime;
import dev.quanta.testing.Tolerance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamic-range SVDF: the pass gives weights_feature and weights_time int8 (both at least 1,024
 * elements) and the version TF's converter writes (4 with {@code asymmetric_quantize_inputs}, 2
 * without), TensorFlow Lite 2.6.2 loads the file and runs its hybrid kernel, and Quanta's hybrid
 * kernel agrees with it over consecutive invocations, the float activation state carried in both.
 *
 * <p>The agreement is bit for bit ({@link Tolerance#EXACT}), not just {@link Tolerance#CLOSE}: the
 * feature product is an integer dot times one float product in both, and the time product, rank sum
 * and bias are added in TFLite's order (dot from 0, rank sum from 0, bias last).
 */
class HybridSvdfTest {

    /** Batch, input size, filters, memory, rank, bias, fused activation, asymmetric inputs. */
    record Case(String name, int batch, int inputSize, int filters, int memory, int rank, boolean bias,
                int activation, boolean asymmetric) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("rank 1, 64 units, input 32, memory 16, bias, relu", 2, 32, 64, 16, 1, true, 1, true),
                new Case("rank 2, 64 units, input 40, memory 10, no bias", 3, 40, 128, 10, 2, false, 0, true),
                new Case("rank 2, 96 units, input 48, memory 12, bias, symmetric", 2, 48, 192, 12, 2, true, 0, false),
                new Case("rank 3, 32 units, input 64, memory 11, bias, relu6, batch 1", 1, 64, 96, 11, 3, true, 3, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void consecutiveStepsMatchTflite(Case c) {
        Random rnd = new Random(c.name().hashCode());
        Model model = model(c, rnd);
        Model optimized = dynamic(model);
        Operator op = optimized.main().operators().get(0);
        assertEquals(BuiltinOp.SVDF, op.builtin());
        assertEquals(DType.INT8, op.input(1).type(), "weights_feature is quantized");
        assertEquals(DType.INT8, op.input(2).type(), "weights_time is quantized");
        assertEquals(DType.FLOAT32, op.input(4).type(), "the activation state stays float");
        assertTrue(op.options().getBool("asymmetric_quantize_inputs"), "the pass asks for asymmetric inputs");
        assertEquals(4, op.opCode().version(), "asymmetric hybrid SVDF is version 4");
        if (!c.asymmetric()) {
            op.setOptions(op.options().with("asymmetric_quantize_inputs", false));
            op.setOpCode(op.opCode().withVersion(OpVersions.version(op)));
            assertEquals(2, op.opCode().version(), "symmetric hybrid SVDF is version 2");
        }
        byte[] file = TfliteWriter.toBytes(optimized);
        Model read = TfliteReader.read(file, "svdf");
        int[] shape = {c.batch(), c.inputSize()};
        try (TfliteRuntime rt = TfliteRuntime.load(file);
             Interpreter fast = new Interpreter(read, InterpreterOptions.defaults().withThreads(2));
             Interpreter ref = new Interpreter(read, InterpreterOptions.defaults().withReference(true))) {
            for (int step = 0; step < 8; step++) {
                float[] in = new float[c.batch() * c.inputSize()];
                if (step != 3) {
                    // step 3: the whole input is zero (TFLite skips the feature product)
                    for (int i = 0; i < in.length; i++) {
                        in[i] = (rnd.nextFloat() * 2 - 1) * (step + 1);
                    }
                }
                if (step == 5 && c.batch() > 1) {
                    // one all-zero row in a non-zero batch: quantized to zeros with scale 1
                    Arrays.fill(in, 0, c.inputSize(), 0f);
                }
                float[] expected = rt.run(List.of(bytes(in))).get(0).floats();
                float[] actual = fast.run(List.of(TensorValue.ofFloats(shape, in))).get(0).floats();
                float[] reference = ref.run(List.of(TensorValue.ofFloats(shape, in))).get(0).floats();
                assertEquals(c.batch() * c.filters() / c.rank(), expected.length);
                assertNull(Tolerance.EXACT.mismatch(expected, actual), "step " + step);
                assertArrayEquals(reference, actual, "fast and reference interpreters agree bit for bit");
            }
        }
    }

    @Test
    void smallWeightsTimeKeepsTheWholeOpFloat() {
        // weights_feature 64 x 32 = 2,048 elements but weights_time 64 x 8 = 512: TFLite's hybrid SVDF
        // dequantizes weights_time as int8, so the pass must not quantize one without the other
        Case c = new Case("small time", 1, 32, 64, 8, 1, true, 0, true);
        Operator op = dynamic(model(c, new Random(1))).main().operators().get(0);
        assertEquals(DType.FLOAT32, op.input(1).type());
        assertEquals(DType.FLOAT32, op.input(2).type());
        assertEquals(1, op.opCode().version());
    }

    private static Model model(Case c, Random rnd) {
        Model m = new Model();
        Subgraph g = new Subgraph("svdf");
        m.subgraphs().add(g);
        Tensor x = g.add(new Tensor("x", DType.FLOAT32, new int[] {c.batch(), c.inputSize()}));
        g.inputs().add(x);
        Tensor state = g.add(new Tensor("state", DType.FLOAT32, new int[] {c.batch(), c.filters() * c.memory()}));
        state.setVariable(true);
        int units = c.filters() / c.rank();
        List<Tensor> ins = new ArrayList<>(Arrays.asList(x, constant(m, g, rnd, "weights_feature", c.filters(),
                c.inputSize()), constant(m, g, rnd, "weights_time", c.filters(), c.memory()),
                c.bias() ? constant(m, g, rnd, "bias", units) : null, state));
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, new int[] {c.batch(), units}));
        g.outputs().add(y);
        g.operators().add(new Operator(OpCode.builtin(BuiltinOp.SVDF, 1), ins, List.of(y),
                OptionsSchema.create("SVDFOptions", "rank", c.rank(), "fused_activation_function", c.activation())));
        return m;
    }

    private static Model dynamic(Model model) {
        OptimizeResult r = Optimizer.optimize(model, 0, Recipe.of(Mode.DYNAMIC), null, null, null);
        return TfliteReader.read(r.model(), "optimized");
    }

    private static ByteBuffer bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.flip();
    }

    private static Tensor constant(Model m, Subgraph g, Random rnd, String name, int... shape) {
        int n = Shapes.size(shape);
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(rnd.nextFloat() - 0.5f);
        }
        Tensor t = g.add(new Tensor(name, DType.FLOAT32, shape));
        Buffer buf = Buffer.of(b.array());
        m.buffers().add(buf);
        t.setBuffer(buf);
        return t;
    }
}
