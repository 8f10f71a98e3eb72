package dev.quanta.engine.kernels.float32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quanta.engine.graph.Buffer;
import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.OpCode;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.OptionsSchema;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.kernels.Activation;
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.testing.TfliteRuntime;
import dev.quanta.testing.Tolerance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Float SVDF: a hand-computed step, and several consecutive steps (state carried) judged by TFLite 2.6.2. */
class SvdfTest {

    @Test
    void oneStepByHand() {
        // 1 batch, input 2, 2 filters, memory 2, rank 2 -> 1 unit; state starts [1, 2 | 3, 4]
        float[] state = {1, 2, 3, 4};
        float[] out = new float[1];
        Svdf.step(1, 2, 2, 2, 2, new float[] {1, -1}, 0, new float[] {2, 1, 0, 3}, new float[] {1, 10, 100, 1000},
                new float[] {0.5f}, Activation.NONE, state, 0, out, 0, new float[2]);
        // shift left: [2, 3 | 4, 4]; feature dots: f0 = 2 - 1 = 1, f1 = 0 - 3 = -3 -> [2, 1 | 4, -3]
        assertArrayEquals(new float[] {2, 1, 4, -3}, state);
        // time: f0 = 2*1 + 1*10 = 12, f1 = 4*100 - 3*1000 = -2600; out = 0.5 + 12 - 2600
        assertArrayEquals(new float[] {0.5f + 12 - 2600}, out);
    }

    @ParameterizedTest(name = "rank {0}, bias {1}, activation {2}")
    @CsvSource({"2, true, 1", "1, false, 0", "3, true, 3"})
    void consecutiveStepsMatchTflite(int rank, boolean withBias, int activation) {
        Random rnd = new Random(rank * 31 + activation);
        int batch = 2;
        int inputSize = 3;
        int filters = 6;
        int memory = 4;
        Model m = new Model();
        Subgraph g = new Subgraph("svdf");
        m.subgraphs().add(g);
        Tensor x = g.add(new Tensor("x", DType.FLOAT32, new int[] {batch, inputSize}));
        g.inputs().add(x);
        Tensor state = g.add(new Tensor("state", DType.FLOAT32, new int[] {batch, filters * memory}));
        state.setVariable(true);
        List<Tensor> ins = new ArrayList<>(Arrays.asList(x, constant(g, rnd, filters, inputSize),
                constant(g, rnd, filters, memory), withBias ? constant(g, rnd, filters / rank) : null, state));
        Tensor y = g.add(new Tensor("y", DType.FLOAT32, new int[] {batch, filters / rank}));
        g.outputs().add(y);
        g.operators().add(new Operator(OpCode.builtin(BuiltinOp.SVDF, 1), ins, List.of(y),
                OptionsSchema.create("SVDFOptions", "rank", rank, "fused_activation_function", activation)));
        try (Interpreter quanta = new Interpreter(m); TfliteRuntime tflite = TfliteRuntime.load(TfliteWriter.toBytes(m))) {
            for (int step = 0; step < 5; step++) {
                float[] in = new float[batch * inputSize];
                ByteBuffer b = ByteBuffer.allocate(in.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < in.length; i++) {
                    in[i] = rnd.nextFloat() * 2 - 1;
                    b.putFloat(in[i]);
                }
                float[] expected = tflite.run(List.of(b.flip())).get(0).floats();
                float[] actual = quanta.run(List.of(TensorValue.ofFloats(new int[] {batch, inputSize}, in))).get(0)
                        .floats();
                // bit for bit: same dot order, rank sum from 0, bias added after it, as 2.6.2
                assertNull(Tolerance.EXACT.mismatch(expected, actual), "step " + step);
            }
        }
    }

    private static Tensor constant(Subgraph g, Random rnd, int... shape) {
        int n = dev.quanta.engine.graph.Shapes.size(shape);
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(rnd.nextFloat() - 0.5f);
        }
        Tensor t = g.add(new Tensor("w" + g.tensors().size(), DType.FLOAT32, shape));
        t.setBuffer(Buffer.of(b.array()));
        return t;
    }
}
