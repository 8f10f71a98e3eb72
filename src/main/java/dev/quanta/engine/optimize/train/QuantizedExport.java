package dev.quanta.engine.optimize.train;

import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.optimize.CalibrationSamples;
import dev.quanta.engine.optimize.IoType;
import dev.quanta.engine.optimize.Mode;
import dev.quanta.engine.optimize.OptimizeResult;
import dev.quanta.engine.optimize.Optimizer;
import dev.quanta.engine.optimize.Recipe;
import dev.quanta.engine.optimize.TensorRanges;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Full-integer export of a fine-tuned model with the activation ranges QAT learned, through the
 * engine's int8 pass (instead of calibrating): int8 keeps float inputs and outputs, int8-only makes
 * them int8 too. Weights are quantized per channel by the pass, as QAT's fake quantization assumed.
 */
public final class QuantizedExport {
    private QuantizedExport() {
    }

    /**
     * Post-training int8 (or int8-only) of {@code model}, calibrated on the first {@code samples}
     * inputs of {@code data}: how pruned or clustered models are made integer.
     */
    public static OptimizeResult int8Calibrated(Model model, TrainingSet data, int samples, boolean int8Only,
                                                Progress progress, Cancellation cancel) {
        int[] shape = model.main().inputs().get(0).shape();
        List<List<TensorValue>> list = new ArrayList<>();
        for (int i = 0; i < Math.min(samples, data.size()); i++) {
            list.add(List.of(TensorValue.ofFloats(shape, data.input(i).clone())));
        }
        Recipe recipe = int8Only ? Recipe.of(Mode.INT8_ONLY).withIo(IoType.INT8) : Recipe.of(Mode.INT8);
        return Optimizer.optimize(model, 0, recipe, CalibrationSamples.of(list), progress, cancel);
    }

    /** The int8 (or int8-only) file bytes of {@code model} with {@code ranges} by tensor name. */
    public static OptimizeResult int8(Model model, Map<String, float[]> ranges, boolean int8Only, Progress progress,
                                      Cancellation cancel) {
        if (ranges.isEmpty()) {
            throw new QuantaException("Exporting int8 with learned ranges needs a model fine-tuned with QAT.");
        }
        TensorRanges tr = learnedRanges(model, ranges);
        Recipe recipe = int8Only ? Recipe.of(Mode.INT8_ONLY).withIo(IoType.INT8) : Recipe.of(Mode.INT8);
        return Optimizer.optimizeWithRanges(model, 0, recipe, tr, progress, cancel);
    }

    /**
     * Activation ranges learned by QAT, by tensor name, as the int8 pass's calibration ranges of
     * {@code model}'s main subgraph.
     */
    public static TensorRanges learnedRanges(Model model, Map<String, float[]> ranges) {
        TensorRanges tr = new TensorRanges();
        List<Tensor> tensors = model.main().tensors();
        for (int i = 0; i < tensors.size(); i++) {
            float[] r = ranges.get(tensors.get(i).name());
            if (r != null) {
                tr.observe(0, i, new float[] {r[0], r[1]});
            }
        }
        tr.sampleDone();
        return tr;
    }
}
