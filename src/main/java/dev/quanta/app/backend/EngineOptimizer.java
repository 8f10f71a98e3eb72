package dev.quanta.app.backend;

import dev.quanta.app.port.FineTune;
import dev.quanta.app.port.IoType;
import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.Training;
import dev.quanta.app.port.VariantOptimizer;
import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.optimize.Mode;
import dev.quanta.engine.optimize.Optimizer;
import dev.quanta.engine.optimize.QuantOptions;
import dev.quanta.engine.optimize.train.CentroidInit;
import dev.quanta.engine.optimize.train.FineTuneOptions;
import dev.quanta.engine.optimize.train.FineTuneResult;
import dev.quanta.engine.optimize.train.FineTuning;
import dev.quanta.engine.optimize.train.MagnitudePruner;
import dev.quanta.engine.optimize.train.PruningSchedule;
import dev.quanta.engine.optimize.train.PruningStructure;
import dev.quanta.engine.optimize.train.TrainConfig;
import dev.quanta.engine.optimize.train.QuantizedExport;
import dev.quanta.engine.optimize.train.TrainingSet;
import dev.quanta.engine.optimize.train.TrainingSets;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.engine.util.AtomicFiles;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Produces variants with the engine's {@link Optimizer} (the same passes as {@code quanta optimize})
 * and, for recipes with training, the engine's {@link FineTuning} first (the same calls as
 * {@code quanta finetune}): magnitude pruning with TFMOT's polynomial schedule over all layers
 * together, k-means++ weight clustering, quantization-aware training whose learned activation
 * ranges replace calibration. A fine-tuned model is kept for the next recipe with the same
 * training (pruned + int8 and pruned + float16 train once).
 */
final class EngineOptimizer implements VariantOptimizer {
    private final long evalSamples;
    private Trained last;

    /** @param evalSamples samples the measurer evaluates on; training uses the samples after them */
    EngineOptimizer(long evalSamples) {
        this.evalSamples = evalSamples;
    }

    @Override
    public Set<QuantMode> supportedModes() {
        return EnumSet.allOf(QuantMode.class);
    }

    @Override
    public Set<Training> supportedTraining() {
        return EnumSet.allOf(Training.class);
    }

    /** The engine recipe for a workbench recipe. */
    static dev.quanta.engine.optimize.Recipe engineRecipe(Recipe r) {
        Mode mode = switch (r.mode()) {
            case FLOAT16 -> Mode.FP16;
            case DYNAMIC_RANGE -> Mode.DYNAMIC;
            case FULL_INTEGER -> r.floatFallback() ? Mode.INT8 : Mode.INT8_ONLY;
            case INT16X8 -> Mode.INT16X8;
        };
        dev.quanta.engine.optimize.IoType io = switch (r.mode()) {
            case FLOAT16, DYNAMIC_RANGE, INT16X8 -> null;
            case FULL_INTEGER -> io(r.ioType());
        };
        return new dev.quanta.engine.optimize.Recipe(mode, io, r.dataset(), r.calibrationSamples(), List.of(),
                QuantOptions.DEFAULTS);
    }

    private static dev.quanta.engine.optimize.IoType io(IoType t) {
        return switch (t) {
            case FLOAT32 -> dev.quanta.engine.optimize.IoType.FLOAT32;
            case INT8 -> dev.quanta.engine.optimize.IoType.INT8;
            case UINT8 -> dev.quanta.engine.optimize.IoType.UINT8;
        };
    }

    @Override
    public Path optimize(LoadedModel baseline, Recipe recipe, Path output, Progress progress, Cancellation cancel) {
        byte[] bytes;
        if (recipe.training().isEmpty()) {
            bytes = Optimizer.optimize(baseline.file(), engineRecipe(recipe), progress, cancel).model();
        } else {
            Trained t = fineTuned(baseline.file(), recipe, progress, cancel);
            if (!recipe.quantized()) {
                // Pruning or clustering alone: the fine-tuned float model is the variant.
                bytes = t.floatModel();
            } else if (recipe.learnedRanges()) {
                if (t.ranges().isEmpty()) {
                    throw new QuantaException("Quantization-aware training learned no activation ranges for this model.");
                }
                progress.update(-1, -1, "Quantizing: " + recipe.label());
                Model m = TfliteReader.read(t.floatModel(), "fine-tuned");
                bytes = Optimizer.optimizeWithRanges(m, t.floatModel().length, engineRecipe(recipe),
                        QuantizedExport.learnedRanges(m, t.ranges()), progress, cancel).model();
            } else {
                progress.update(-1, -1, "Quantizing: " + recipe.label());
                bytes = quantizeFineTuned(t.floatModel(), recipe, progress, cancel);
            }
        }
        try {
            AtomicFiles.write(output, bytes);
        } catch (IOException e) {
            throw new QuantaException("Cannot write the variant " + output + ": " + e.getMessage(), e);
        }
        return output;
    }

    /** The fine-tuned float model through exactly the path of a post-training variant. */
    private static byte[] quantizeFineTuned(byte[] floatModel, Recipe recipe, Progress progress, Cancellation cancel) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("quanta-finetuned", ".tflite");
            Files.write(tmp, floatModel);
            return Optimizer.optimize(tmp, engineRecipe(recipe), progress, cancel).model();
        } catch (IOException e) {
            throw new QuantaException("Cannot write the fine-tuned model to a temporary file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    tmp.toFile().deleteOnExit();
                }
            }
        }
    }

    /** The fine-tuned float model for the recipe's training, reusing the last one when it matches. */
    private Trained fineTuned(Path baseline, Recipe recipe, Progress progress, Cancellation cancel) {
        Key key = new Key(baseline.toAbsolutePath().normalize(), recipe.training(), recipe.fineTune());
        synchronized (this) {
            if (last != null && last.key().equals(key)) {
                return last;
            }
        }
        FineTune ft = recipe.fineTune();
        Model model = TfliteReader.read(baseline);
        progress.update(-1, -1, "Reading " + ft.samples() + " training samples of " + Path.of(ft.dataset()).getFileName());
        TrainingSet data = trainingSet(Path.of(ft.dataset()), evalSamples, ft.samples(), cancel);
        TrainConfig config = new TrainConfig(ft.epochs(), FineTune.BATCH, FineTune.LEARNING_RATE, "adam", 0f, 1L,
                Runtime.getRuntime().availableProcessors());
        FineTuneOptions options = FineTuneOptions.plain(config).withQat(recipe.learnedRanges());
        if (recipe.training().contains(Training.PRUNING)) {
            options = options.withPruning(pruner(ft, data.size()));
        }
        if (recipe.training().contains(Training.CLUSTERING)) {
            options = options.withClusters(ft.clusters(), CentroidInit.KMEANS_PLUS_PLUS);
        }
        String what = recipe.label();
        Progress training = (done, total, message) -> progress.update(done, total,
                "Fine-tuning for " + what + (message == null || message.isEmpty() ? "" : ": " + message));
        FineTuneResult r = FineTuning.run(model, data, options, training, cancel);
        Trained t = new Trained(key, TfliteWriter.toBytes(r.model()), Map.copyOf(r.activationRanges()));
        synchronized (this) {
            last = t;
        }
        return t;
    }

    /** TFMOT's {@code PolynomialDecay(initial, final, 0, end_step, power=3, frequency)}, ranking all layers together. */
    static MagnitudePruner pruner(FineTune ft, int samples) {
        FineTune actual = new FineTune(ft.dataset(), ft.epochs(), Math.max(samples, 2 * FineTune.BATCH),
                ft.initialSparsity(), ft.finalSparsity(), ft.clusters());
        PruningSchedule s = new PruningSchedule.PolynomialDecay(ft.initialSparsity(), ft.finalSparsity(), 0,
                actual.pruningEndStep(), 3, actual.pruningFrequency());
        return new MagnitudePruner(s, PruningStructure.UNSTRUCTURED, true);
    }

    /**
     * Up to {@code samples} labeled samples of a dataset for training, preprocessed like the
     * evaluation's (images scaled to [0,1]), skipping the first {@code skip} (the ones the
     * workbench evaluates on).
     */
    static TrainingSet trainingSet(Path dataset, long skip, int samples, Cancellation cancel) {
        Dataset d = EngineDatasets.open(dataset);
        return TrainingSets.of(d, dataset.getFileName().toString(), skip, samples, cancel);
    }

    private record Key(Path baseline, List<Training> training, FineTune fineTune) {
    }

    private record Trained(Key key, byte[] floatModel, Map<String, float[]> ranges) {
    }
}
