package dev.quanta.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.data.Datasets;
import dev.quanta.engine.data.InputEncoder;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.data.Sample;
import dev.quanta.engine.data.SampleStream;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.testing.SharedData;
import dev.quanta.testing.TfliteRuntime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeping layers of the real int8 conv_fc_mnist (ai-edge-quantizer's srq_a8w8) in float, judged by
 * TensorFlow Lite 2.6.2: the spliced files load and run there, and the sweep's proposal raises fidelity.
 * (TFLite 2.6.2 predates this quantizer and gives the same output, 0.1 per class, for every image of the
 * all-int8 file, so the all-int8 agreement is near chance; the sweep has to find which float layers
 * restore it.)
 */
class FloatLayerSplicerTest {
    private static final int SAMPLES = 300;
    private static Model floatModel;
    private static Model int8Model;
    private static List<double[]> inputs;
    private static List<double[]> baseline;

    @BeforeAll
    static void load() throws Exception {
        floatModel = TfliteReader.read(SharedData.model("aeq/conv_fc_mnist.tflite"));
        int8Model = TfliteReader.read(SharedData.model("aeq/conv_fc_mnist_srq_a8w8.tflite"));
        Dataset d = Datasets.limit(Datasets.open(SharedData.mnist(), Datasets.Options.DEFAULT), SAMPLES);
        inputs = new ArrayList<>();
        try (SampleStream s = d.open()) {
            Sample x;
            while ((x = s.next()) != null) {
                inputs.add(Preprocessing.DEFAULT.apply(x.input(), d.inputs().get(0), true));
            }
        }
        baseline = outputs(floatModel);
    }

    /** Every sample's dequantized output, run by TFLite 2.6.2. */
    static List<double[]> outputs(Model m) {
        Tensor in = m.main().inputs().get(0);
        Tensor out = m.main().outputs().get(0);
        List<double[]> result = new ArrayList<>();
        try (TfliteRuntime tflite = TfliteRuntime.load(TfliteWriter.toBytes(m))) {
            for (double[] x : inputs) {
                ByteBuffer raw = tflite.run(List.of(InputEncoder.encode(x, in))).get(0).data();
                double[] y = new double[(int) out.elementCount()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = switch (out.type()) {
                        case FLOAT32 -> raw.getFloat(4 * i);
                        case INT8 -> out.quant().scale(0) * (raw.get(i) - out.quant().zeroPoint(0));
                        default -> throw new IllegalStateException(out.type().toString());
                    };
                }
                result.add(y);
            }
        }
        return result;
    }

    static Fidelity.Result fidelity(Model m) {
        List<double[]> v = outputs(m);
        Fidelity f = new Fidelity();
        for (int i = 0; i < v.size(); i++) {
            f.add(baseline.get(i), v.get(i));
        }
        return f.result();
    }

    @Test
    void keptFloatLayerIsTheFloatOperatorBetweenDequantizeAndQuantize() {
        String conv = floatModel.main().operators().get(0).output(0).name();
        Model spliced = new FloatLayerSplicer(floatModel, int8Model).build(Set.of(conv));
        List<String> ops = spliced.main().operators().stream().map(Operator::opName).toList();
        List<String> original = int8Model.main().operators().stream().map(Operator::opName).toList();
        int at = original.indexOf("CONV_2D");
        assertEquals(List.of("DEQUANTIZE", "CONV_2D", "QUANTIZE"), ops.subList(at, at + 3));
        assertEquals(original.size() + 2, ops.size());
        assertEquals("FLOAT32", spliced.main().operators().get(at + 1).input(1).type().name());
        assertEquals(int8Model.main().operators().size(), original.size(), "the input model is not modified");
    }

    @Test
    void sweepProposalMeasurablyRaisesFidelityInTflite() {
        Fidelity.Result all = fidelity(int8Model);
        List<SweepResult.LayerScore> candidates = new ArrayList<>();
        for (LayerAlignment.Pair p : LayerAlignment.align(floatModel.main(), int8Model.main()).pairs()) {
            if (p.variantOutput().isQuantized() && p.base().builtin() != dev.quanta.engine.graph.BuiltinOp.RESHAPE) {
                candidates.add(new SweepResult.LayerScore(p.baseOutput().name(), p.base().opName(), 0));
            }
        }
        assertEquals(List.of("CONV_2D", "AVERAGE_POOL_2D", "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"),
                candidates.stream().map(SweepResult.LayerScore::op).toList());
        double budget = all.top1Agreement() + 0.5;
        SweepResult r = new SensitivitySweep(new FloatLayerSplicer(floatModel, int8Model),
                m -> fidelity(m).top1Agreement(), "top1_agreement").run(candidates, budget, Progress.NONE,
                Cancellation.NONE);
        Fidelity.Result after = fidelity(new FloatLayerSplicer(floatModel, int8Model).build(Set.copyOf(r.keepFloat())));
        System.out.printf("srq_a8w8 on %d MNIST samples: all int8 SQNR %.2f dB agreement %.4f; keep float %s: "
                + "SQNR %.2f dB agreement %.4f; single-layer scores %s%n", SAMPLES, all.sqnrDb(), all.top1Agreement(),
                r.keepFloat(), after.sqnrDb(), after.top1Agreement(), r.single());
        assertTrue(r.met(), "keeping layers float raises top-1 agreement by 0.5");
        assertTrue(r.keepFloat().size() < candidates.size(), "fewer than all layers are needed");
        assertEquals(r.achieved(), after.top1Agreement(), 1e-12);
        assertTrue(after.top1Agreement() >= all.top1Agreement() + 0.5, "agreement rises from near chance");
        assertTrue(after.sqnrDb() > all.sqnrDb(), "and so does the output SQNR");
    }

    @Test
    void keepingEveryLayerFloatChainsThemInFloatAndReproducesTheFloatModel() {
        Set<String> every = new java.util.HashSet<>();
        for (LayerAlignment.Pair p : LayerAlignment.align(floatModel.main(), int8Model.main()).pairs()) {
            every.add(p.baseOutput().name());
        }
        Model spliced = new FloatLayerSplicer(floatModel, int8Model).build(every);
        List<String> ops = spliced.main().operators().stream().map(Operator::opName).toList();
        // this file's I/O is int8: one DEQUANTIZE of the model input, one QUANTIZE to the model output,
        // float in between (no QUANTIZE -> DEQUANTIZE round trip left between the kept layers)
        assertEquals(List.of("DEQUANTIZE", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                "FULLY_CONNECTED", "SOFTMAX", "QUANTIZE"), ops);
        List<double[]> v = outputs(spliced);
        // the float model on the same int8-rounded inputs: what a float chain must reproduce
        Tensor in = spliced.main().inputs().get(0);
        List<double[]> saved = inputs;
        List<double[]> expected;
        try {
            List<double[]> rounded = new ArrayList<>();
            for (double[] x : saved) {
                double[] r = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double s = in.quant().scale(0);
                    long zp = in.quant().zeroPoint(0);
                    long q = Math.max(-128, Math.min(127, Math.round(x[i] / s) + zp));
                    r[i] = s * (q - zp);
                }
                rounded.add(r);
            }
            inputs = rounded;
            expected = outputs(floatModel);
        } finally {
            inputs = saved;
        }
        double worst = 0;
        for (int i = 0; i < v.size(); i++) {
            for (int k = 0; k < v.get(i).length; k++) {
                worst = Math.max(worst, Math.abs(v.get(i)[k] - expected.get(i)[k]));
            }
        }
        // the int8 output tensor keeps the last QUANTIZE: the float model's output to half a step, except
        // that the softmax's fixed int8 range (scale 1/256, zero point -128) clamps 1.0 to 255/256
        Tensor out = spliced.main().outputs().get(0);
        double step = out.isQuantized() ? out.quant().scale(0) : 0;
        assertTrue(worst <= step + 1e-6, "max |diff| " + worst + " vs one output step " + step);
    }
}
