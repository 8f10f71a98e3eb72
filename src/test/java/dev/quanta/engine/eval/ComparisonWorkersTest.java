package dev.quanta.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.data.Datasets;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.testing.SharedData;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A comparison gives the same accuracy, fidelity and per-layer errors, to the last bit, with 1, 2 or 3
 * sample workers (sample counts that do not fill the last block included), and cancels from any worker.
 */
class ComparisonWorkersTest {
    private static final InterpreterOptions ONE = InterpreterOptions.defaults().withThreads(1);

    static Comparison.Result run(int workers, boolean layers, int samples) {
        Model base = TfliteReader.read(SharedData.model("aeq/conv_fc_mnist.tflite"));
        Model variant = TfliteReader.read(SharedData.model("aeq/mnist_quantized.tflite"));
        Dataset data = Datasets.limit(Datasets.open(SharedData.mnist(), Datasets.Options.DEFAULT), samples);
        return Comparison.run(new Comparison.Entry("float", base), List.of(new Comparison.Entry("int8", variant)),
                data, Preprocessing.DEFAULT, ONE, layers, workers, Progress.NONE, Cancellation.NONE);
    }

    static void assertSameNumbers(Comparison.Result a, Comparison.Result b) {
        assertEquals(a.samples(), b.samples());
        assertEquals(a.baseline().accuracy(), b.baseline().accuracy());
        Comparison.VariantOutcome x = a.variants().get(0);
        Comparison.VariantOutcome y = b.variants().get(0);
        assertEquals(x.own().accuracy(), y.own().accuracy());
        assertEquals(x.fidelity(), y.fidelity());
        assertEquals(x.layers(), y.layers());
    }

    @Test
    void anyNumberOfWorkersGivesTheSameResult() {
        for (boolean layers : new boolean[] {false, true}) {
            int samples = layers ? 37 : 203;
            Comparison.Result one = run(1, layers, samples);
            assertEquals(samples, one.samples());
            assertTrue(one.variants().get(0).fidelity().top1Agreement() > 0.9);
            for (int workers : new int[] {2, 3}) {
                assertSameNumbers(one, run(workers, layers, samples));
            }
        }
    }

    @Test
    void cancellingStopsEveryWorker() {
        Model base = TfliteReader.read(SharedData.model("aeq/conv_fc_mnist.tflite"));
        Dataset data = Datasets.limit(Datasets.open(SharedData.mnist(), Datasets.Options.DEFAULT), 2000);
        AtomicLong seen = new AtomicLong();
        Cancellation cancel = new Cancellation();
        Progress progress = (done, total, what) -> {
            seen.set(done);
            if (done >= 300) {
                cancel.cancel();
            }
        };
        assertThrows(RuntimeException.class, () -> Comparison.run(new Comparison.Entry("a", base),
                List.of(new Comparison.Entry("b", base)), data, Preprocessing.DEFAULT, ONE, false, 2, progress, cancel));
        assertTrue(seen.get() < 2000, "stopped at " + seen.get());
    }
}
