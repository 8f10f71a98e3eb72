package dev.quanta.app.wizard;

import dev.quanta.app.port.FineTune;
import dev.quanta.app.port.IoType;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.Training;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The TensorFlow Python that makes the same variants with {@code tf.lite.TFLiteConverter} and, for
 * recipes with training, the Model Optimization Toolkit (TFMOT) with the same numbers: the pruning
 * schedule's sparsities and steps, the number of clusters, quantization-aware training, epochs and
 * training samples. A user can reproduce a recipe in their own pipeline.
 */
public final class ConverterCode {
    private ConverterCode() {
    }

    public static String python(List<Recipe> recipes) {
        boolean training = recipes.stream().anyMatch(r -> !r.training().isEmpty());
        StringBuilder py = new StringBuilder("import tensorflow as tf\n");
        if (training) {
            py.append("import tensorflow_model_optimization as tfmot\n");
        }
        recipes.stream().filter(r -> r.dataset() != null && r.quantized() && r.mode().needsRepresentativeData()).findFirst()
                .ifPresent(r -> py.append("\n\ndef representative_dataset():\n")
                        .append("    # ").append(r.calibrationSamples()).append(" samples of ")
                        .append(Path.of(r.dataset()).getFileName())
                        .append(", preprocessed exactly like the model's input\n")
                        .append("    for sample in calibration_samples[:").append(r.calibrationSamples()).append("]:\n")
                        .append("        yield [tf.cast(sample[None, ...], tf.float32)]\n"));
        if (training) {
            FineTune ft = recipes.stream().filter(r -> r.fineTune() != null).findFirst().orElseThrow().fineTune();
            py.append("\n# base_model: the float Keras model; x_train, y_train: ").append(ft.samples())
              .append(" labeled\n# samples of ").append(Path.of(ft.dataset()).getFileName())
              .append(" (not the ones the variants are evaluated on)\n")
              .append("def fine_tune(model, callbacks=()):\n")
              .append("    model.compile(optimizer=tf.keras.optimizers.Adam(").append(lr()).append("),\n")
              .append("                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=False),\n")
              .append("                  metrics=[\"accuracy\"])\n")
              .append("    model.fit(x_train[:").append(ft.samples()).append("], y_train[:").append(ft.samples())
              .append("], batch_size=").append(FineTune.BATCH).append(", epochs=").append(ft.epochs())
              .append(",\n              callbacks=list(callbacks))\n")
              .append("    return model\n");
        }
        if (recipes.isEmpty()) {
            py.append("\n# Choose at least one mode to see its converter settings.\n");
        }
        for (Recipe r : recipes) {
            py.append("\n# ").append(r.label()).append(": ").append(r.describe()).append('\n');
            if (!r.training().isEmpty()) {
                appendTraining(py, r.training(), r.fineTune());
                py.append("converter = tf.lite.TFLiteConverter.from_keras_model(model)\n");
            } else {
                py.append(training
                        ? "converter = tf.lite.TFLiteConverter.from_keras_model(base_model)\n"
                        : "converter = tf.lite.TFLiteConverter.from_saved_model(\"saved_model_dir\")\n");
            }
            appendConverter(py, r);
            py.append("with open(\"model_").append(r.tag()).append(".tflite\", \"wb\") as f:\n")
              .append("    f.write(converter.convert())\n");
        }
        return py.toString();
    }

    private static String lr() {
        return new java.math.BigDecimal(Float.toString(FineTune.LEARNING_RATE)).stripTrailingZeros().toPlainString();
    }

    private static String sparsity(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static void appendConverter(StringBuilder py, Recipe r) {
        if (!r.quantized()) {
            py.append("# no optimizations: the fine-tuned model stays float32\n");
            return;
        }
        py.append("converter.optimizations = [tf.lite.Optimize.DEFAULT]\n");
        switch (r.mode()) {
            case DYNAMIC_RANGE -> { }
            case FLOAT16 -> py.append("converter.target_spec.supported_types = [tf.float16]\n");
            case FULL_INTEGER -> {
                if (!r.learnedRanges()) {
                    py.append("converter.representative_dataset = representative_dataset\n");
                }
                if (!r.floatFallback()) {
                    py.append("converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]\n");
                }
                if (r.ioType() != IoType.FLOAT32) {
                    py.append("converter.inference_input_type = ").append(r.ioType().python()).append('\n')
                      .append("converter.inference_output_type = ").append(r.ioType().python()).append('\n');
                }
            }
            case INT16X8 -> {
                py.append("converter.representative_dataset = representative_dataset\n")
                  .append("converter.target_spec.supported_ops = [\n")
                  .append("    tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8");
                py.append(r.floatFallback() ? ",\n    tf.lite.OpsSet.TFLITE_BUILTINS,\n]\n" : ",\n]\n");
            }
        }
    }

    /**
     * TFMOT's calls for one recipe's training, in the engine's order: pruning with the polynomial
     * schedule, then clustering of the pruned weights (sparsity-preserving when combined), then
     * quantization-aware training (pruning- or cluster-preserving when combined).
     */
    private static void appendTraining(StringBuilder py, List<Training> training, FineTune ft) {
        boolean prune = training.contains(Training.PRUNING);
        boolean cluster = training.contains(Training.CLUSTERING);
        boolean qat = training.contains(Training.QAT);
        if (training.size() > 1) {
            py.append("# TFMOT's collaborative optimization fine-tunes after each step; Quanta prunes to the final\n")
              .append("# sparsity before clustering and fine-tunes once with everything applied.\n");
        }
        py.append("model = tf.keras.models.clone_model(base_model)\n")
          .append("model.set_weights(base_model.get_weights())\n");
        if (prune) {
            py.append("schedule = tfmot.sparsity.keras.PolynomialDecay(\n")
              .append("    initial_sparsity=").append(sparsity(ft.initialSparsity()))
              .append(", final_sparsity=").append(sparsity(ft.finalSparsity()))
              .append(",\n    begin_step=0, end_step=").append(ft.pruningEndStep())
              .append(", power=3, frequency=").append(ft.pruningFrequency()).append(")\n")
              .append("model = tfmot.sparsity.keras.prune_low_magnitude(model, pruning_schedule=schedule)\n");
            py.append("model = fine_tune(model, [tfmot.sparsity.keras.UpdatePruningStep()])\n");
            py.append("model = tfmot.sparsity.keras.strip_pruning(model)\n");
        }
        if (cluster) {
            py.append(prune
                    ? "from tensorflow_model_optimization.python.core.clustering.keras.experimental import cluster\n"
                      + "model = cluster.cluster_weights(\n    model, number_of_clusters=" + ft.clusters()
                      + ",\n    cluster_centroids_init=tfmot.clustering.keras.CentroidInitialization.KMEANS_PLUS_PLUS,\n"
                      + "    preserve_sparsity=True)\n"
                    : "model = tfmot.clustering.keras.cluster_weights(\n    model, number_of_clusters=" + ft.clusters()
                      + ",\n    cluster_centroids_init=tfmot.clustering.keras.CentroidInitialization.KMEANS_PLUS_PLUS)\n");
            py.append("model = fine_tune(model)\n")
              .append("model = tfmot.clustering.keras.strip_clustering(model)\n");
        }
        if (qat) {
            if (prune || cluster) {
                String scheme = cluster
                        ? "tfmot.experimental.combine.Default8BitClusterPreserveQuantizeScheme("
                          + (prune ? "preserve_sparsity=True" : "") + ")"
                        : "tfmot.experimental.combine.Default8BitPrunePreserveQuantizeScheme()";
                py.append("model = tfmot.quantization.keras.quantize_apply(\n")
                  .append("    tfmot.quantization.keras.quantize_annotate_model(model),\n")
                  .append("    ").append(scheme).append(")\n");
            } else {
                py.append("model = tfmot.quantization.keras.quantize_model(model)\n");
            }
            py.append("model = fine_tune(model)\n");
        }
    }
}
