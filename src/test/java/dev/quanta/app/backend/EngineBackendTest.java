package dev.quanta.app.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.port.WeightTensor;
import dev.quanta.app.viewmodel.WeightLayers;
import dev.quanta.engine.data.Datasets;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.eval.Evaluator;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import dev.quanta.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapters over the real engine, on the shared MNIST model and data. */
class EngineBackendTest {
    private static final Path MODEL = SharedData.model("aeq/conv_fc_mnist.tflite");

    @TempDir
    Path dir;

    private static LoadedModel open(Path p) {
        return EngineBackend.loader().open(p, Progress.NONE, Cancellation.NONE);
    }

    @Test
    void readsSummaryLayersAndWeights() throws Exception {
        LoadedModel m = open(MODEL);
        assertEquals(Files.size(MODEL), m.summary().bytes());
        assertTrue(m.summary().gzippedBytes() < m.summary().bytes());
        assertEquals(m.layers().size(), m.summary().operators());
        assertEquals("FLOAT32", m.summary().inputs().get(0).dtype());
        LayerRow conv = m.layers().stream().filter(r -> r.op().equals("CONV_2D")).findFirst().orElseThrow();
        WeightTensor kernel = open(MODEL).weights(conv.index()).get(0);
        // The kernel's values are the file's float32 bytes, row-major.
        var ir = TfliteReader.read(MODEL).main().operators().get(conv.index()).input(1);
        assertEquals(ir.elementCount(), kernel.size());
        assertEquals(ir.data().getFloat(4 * 7), kernel.values()[7]);
        assertEquals(conv.parameters(), m.weights(conv.index()).stream().mapToLong(WeightTensor::size).sum());
        // Each tensor knows which operand it is: the kernel is input 1, the bias input 2.
        assertEquals(1, kernel.operand());
        assertEquals(2, m.weights(conv.index()).get(1).operand());
    }

    @Test
    void quantizedModelShowsItsGridAndDequantizedWeights() {
        LoadedModel m = open(SharedData.model("aeq/conv_fc_mnist_srq_a8w8.tflite"));
        LayerRow conv = m.layers().stream().filter(r -> r.op().equals("CONV_2D")).findFirst().orElseThrow();
        assertTrue(conv.quantization().startsWith("INT8 "), conv.quantization());
        WeightTensor kernel = m.weights(conv.index()).get(0);
        assertTrue(kernel.isQuantized());
        // Every dequantized value sits on its channel's grid: value / scale is an integer.
        int channels = kernel.scales().length;
        int inner = kernel.size() / kernel.shape()[kernel.quantizedDimension()];
        for (int i = 0; i < kernel.size(); i++) {
            float s = kernel.scales()[channels == 1 ? 0 : (i / inner) % channels];
            double q = kernel.values()[i] / s;
            assertEquals(Math.rint(q), q, 1e-3, "element " + i);
        }
    }

    @Test
    void layerRowsCarryTheConstantOperandsSoReshapesShapeIsNoWeight() {
        LoadedModel m = open(Path.of("sample-models/fashion_cnn.tflite"));
        LayerRow reshape = m.layers().stream().filter(r -> r.op().equals("RESHAPE")).findFirst().orElseThrow();
        assertEquals(1, reshape.constants().size());
        assertEquals("INT32", reshape.constants().get(0).dtype());
        assertEquals(1, reshape.constants().get(0).operand());
        assertFalse(WeightLayers.hasWeights(reshape));
        assertEquals("–", reshape.quantization(), "a shape operand is not float weights");
        LayerRow conv = m.layers().get(0);
        assertEquals("CONV_2D", conv.op());
        assertEquals(List.of(1, 2), conv.constants().stream().map(c -> c.operand()).toList());
        assertEquals(conv.parameters(), conv.constants().stream().mapToLong(c -> c.elements()).sum());
        assertEquals(List.of("0 CONV_2D", "2 CONV_2D", "5 FULLY_CONNECTED"),
                WeightLayers.sparsity(m.layers()).stream().map(WeightLayers.LayerSparsity::label).toList());
    }

    @Test
    void corruptFileGivesTheReadersSentence() throws Exception {
        Path bad = Files.write(dir.resolve("bad.tflite"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        QuantaException e = assertThrows(QuantaException.class, () -> open(bad));
        assertTrue(e.getMessage().startsWith("bad.tflite"), e.getMessage());
    }

    @Test
    void measuresWhatTheEngineMeasures() {
        EngineMeasurer measurer = new EngineMeasurer(EngineMeasurer.EVAL_SAMPLES);
        LoadedModel base = open(MODEL);
        Measurement m = measurer.measure(base, List.of(), SharedData.mnist().toString(), Progress.NONE,
                Cancellation.NONE).get(0);
        var direct = Evaluator.evaluate(TfliteReader.read(MODEL), "m", Datasets.limit(
                Datasets.open(SharedData.mnist(), Datasets.Options.DEFAULT), EngineMeasurer.EVAL_SAMPLES),
                Preprocessing.DEFAULT, InterpreterOptions.defaults(), Progress.NONE, Cancellation.NONE);
        assertEquals(direct.accuracy().top1(), m.accuracy());
        assertNotNull(m.latency());
        assertTrue(m.latency().p10Ms() <= m.latency().medianMs() && m.latency().medianMs() <= m.latency().p90Ms());
        assertTrue(m.basis().startsWith("Accuracy on the first 1000 samples of mnist-10k"), m.basis());
        Measurement sizeOnly = measurer.measure(base, List.of(), null, Progress.NONE, Cancellation.NONE).get(0);
        assertNull(sizeOnly.accuracy());
        assertNotNull(sizeOnly.latency());
    }

    @Test
    void offersTheSharedMnistWithPreviews() {
        EngineDatasets catalog = new EngineDatasets(List.of(SharedData.root().resolve("datasets")));
        var mnist = catalog.datasets().stream().filter(d -> d.name().equals("mnist-10k")).findFirst().orElseThrow();
        assertEquals(10000, mnist.samples());
        assertTrue(mnist.labeled());
        var preview = catalog.preview(mnist.id(), 3);
        assertEquals(3, preview.size());
        assertEquals(28, preview.get(0).width());
        long first;
        try (var stream = Datasets.open(SharedData.mnist(), Datasets.Options.DEFAULT).open()) {
            first = stream.next().label();
        }
        assertEquals("label " + first, preview.get(0).label());
        float max = 0;
        for (float p : preview.get(0).pixels()) {
            max = Math.max(max, p);
        }
        assertEquals(1f, max);
    }

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Path FASHION_MLP = Path.of("sample-models/fashion_mlp.tflite");

    /** Zero fraction of the weights (first constant input) of every FULLY_CONNECTED layer together. */
    private static double weightSparsity(LoadedModel m) {
        long zeros = 0;
        long all = 0;
        for (LayerRow r : m.layers()) {
            if (r.op().equals("FULLY_CONNECTED") && r.hasWeights()) {
                for (float v : m.weights(r.index()).get(0).values()) {
                    zeros += v == 0f ? 1 : 0;
                    all++;
                }
            }
        }
        return (double) zeros / all;
    }

    @Test
    void trainingSamplesComeAfterTheEvaluationSamples() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(SharedData.mnist()));
        var skipped = EngineOptimizer.trainingSet(SharedData.mnist(), 1000, 64, Cancellation.NONE);
        var all = EngineOptimizer.trainingSet(SharedData.mnist(), 0, 1064, Cancellation.NONE);
        assertEquals(64, skipped.size());
        for (int i = 0; i < 64; i++) {
            assertEquals(all.label(1000 + i), skipped.label(i));
            org.junit.jupiter.api.Assertions.assertArrayEquals(all.input(1000 + i), skipped.input(i));
        }
        QuantaException e = assertThrows(QuantaException.class,
                () -> EngineOptimizer.trainingSet(SharedData.mnist(), 10_000, 64, Cancellation.NONE));
        assertTrue(e.getMessage().contains("none are left to fine-tune on"), e.getMessage());
    }

    @Test
    void prunedInt8AndQatInt8VariantsOfTheSampleMlp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FASHION), "needs " + FASHION);
        EngineOptimizer optimizer = new EngineOptimizer(1000);
        LoadedModel base = open(FASHION_MLP);
        var ft = new dev.quanta.app.port.FineTune(FASHION.toString(), 1, 256, 0.5, 0.8, 16);
        var pruned = new dev.quanta.app.port.Recipe(dev.quanta.app.port.QuantMode.FULL_INTEGER, FASHION.toString(),
                50, true, dev.quanta.app.port.IoType.FLOAT32, List.of(dev.quanta.app.port.Training.PRUNING), ft);
        assertEquals("pruned 80% + int8", pruned.label());
        LoadedModel p = open(optimizer.optimize(base, pruned, dir.resolve("pruned.tflite"), Progress.NONE,
                Cancellation.NONE));
        assertEquals(0.8, weightSparsity(p), 0.01);
        assertTrue(p.layers().stream().filter(r -> r.op().equals("FULLY_CONNECTED"))
                .allMatch(r -> r.quantization().startsWith("INT8")), p.layers().toString());
        assertTrue(weightSparsity(base) < 0.05);

        var qat = new dev.quanta.app.port.Recipe(dev.quanta.app.port.QuantMode.FULL_INTEGER, null, 0, true,
                dev.quanta.app.port.IoType.FLOAT32, List.of(dev.quanta.app.port.Training.QAT), ft);
        assertEquals("QAT int8", qat.label());
        LoadedModel q = open(optimizer.optimize(base, qat, dir.resolve("qat.tflite"), Progress.NONE,
                Cancellation.NONE));
        assertTrue(q.layers().stream().filter(r -> r.op().equals("FULLY_CONNECTED"))
                .allMatch(r -> r.quantization().startsWith("INT8")), q.layers().toString());
        assertTrue(q.summary().bytes() < base.summary().bytes() / 3);
    }

    @Test
    void prunedFloatVariantIsTheFineTunedModelKeptFloat() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FASHION), "needs " + FASHION);
        LoadedModel base = open(FASHION_MLP);
        var ft = new dev.quanta.app.port.FineTune(FASHION.toString(), 1, 256, 0.5, 0.8, 16);
        var pruned = dev.quanta.app.port.Recipe.fineTunedFloat(List.of(dev.quanta.app.port.Training.PRUNING), ft);
        assertEquals("pruned 80% (float)", pruned.label());
        LoadedModel p = open(new EngineOptimizer(1000).optimize(base, pruned, dir.resolve("pruned-float.tflite"),
                Progress.NONE, Cancellation.NONE));
        assertEquals(0.8, weightSparsity(p), 0.01);
        assertTrue(p.layers().stream().filter(r -> r.op().equals("FULLY_CONNECTED"))
                .allMatch(r -> r.quantization().equals("float")), p.layers().toString());
        assertEquals(base.summary().parametersByDtype(), p.summary().parametersByDtype());
    }

    @Test
    void cancellingStopsFineTuning() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FASHION), "needs " + FASHION);
        var ft = new dev.quanta.app.port.FineTune(FASHION.toString(), 1, 256, 0.5, 0.8, 16);
        var clustered = new dev.quanta.app.port.Recipe(dev.quanta.app.port.QuantMode.FLOAT16, null, 0, true,
                dev.quanta.app.port.IoType.FLOAT32, List.of(dev.quanta.app.port.Training.CLUSTERING), ft);
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThrows(dev.quanta.engine.util.CancelledException.class, () -> new EngineOptimizer(1000)
                .optimize(open(FASHION_MLP), clustered, dir.resolve("c.tflite"), Progress.NONE, cancel));
        assertTrue(Files.notExists(dir.resolve("c.tflite")));
    }
}
