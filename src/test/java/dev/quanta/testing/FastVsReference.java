package dev.quanta.testing;

import dev.quanta.engine.graph.Model;
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.engine.tflite.TfliteReader;
import java.util.List;

/** Runs one model file with the reference kernels (1 thread) and the fast ones, for tests that compare them. */
public final class FastVsReference {
    private FastVsReference() {
    }

    /** The first output of the reference run and of the fast run with {@code fastThreads} threads: {ref, fast}. */
    public static TensorValue[] firstOutputs(byte[] file, List<TensorValue> in, int fastThreads) {
        Model m = TfliteReader.read(file, "probe");
        try (Interpreter ref = new Interpreter(m, InterpreterOptions.defaults().withThreads(1).withReference(true));
             Interpreter fast = new Interpreter(m, InterpreterOptions.defaults().withThreads(fastThreads))) {
            return new TensorValue[] {ref.run(in).get(0), fast.run(in).get(0)};
        }
    }
}
