package dev.quanta.app.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.FineTune;
import dev.quanta.app.port.IoType;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.Training;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TensorFlow's post-training decision tree as the wizard walks it, and the Python it shows. */
class WizardViewModelTest {
    private static final DatasetInfo MNIST = new DatasetInfo("mnist-10k", "MNIST", 10000, true, "[0,1]");

    private final WizardViewModel vm = new WizardViewModel(EnumSet.allOf(QuantMode.class), EnumSet.of(Training.PRUNING));

    @Test
    void decisionTree() {
        vm.targetProperty().set(Target.CPU);
        assertEquals(QuantMode.DYNAMIC_RANGE, vm.recommendation().mode());
        vm.hasRepresentativeDataProperty().set(true);
        vm.representativeDatasetProperty().set(MNIST);
        assertEquals(QuantMode.FULL_INTEGER, vm.recommendation().mode());
        vm.targetProperty().set(Target.GPU);
        assertEquals(QuantMode.FLOAT16, vm.recommendation().mode());
        vm.targetProperty().set(Target.INTEGER_ONLY);
        assertEquals(QuantMode.FULL_INTEGER, vm.recommendation().mode());
        assertFalse(vm.floatFallbackProperty().get());
        assertEquals(IoType.INT8, vm.ioTypeProperty().get());
        vm.hasRepresentativeDataProperty().set(false);
        assertTrue(vm.recommendation().warning().contains("representative data"));
        assertFalse(vm.canChoose(QuantMode.FULL_INTEGER));
        assertEquals("4x smaller, 2x-3x speedup", QuantMode.DYNAMIC_RANGE.effect());
        assertEquals("4x smaller, 3x+ speedup", QuantMode.FULL_INTEGER.effect());
        assertEquals("2x smaller, GPU acceleration", QuantMode.FLOAT16.effect());
    }

    @Test
    void recipesAndConverterCodeForInt8AndFloat16() {
        vm.targetProperty().set(Target.INTEGER_ONLY);
        vm.hasRepresentativeDataProperty().set(true);
        vm.representativeDatasetProperty().set(MNIST);
        vm.applyRecommendation();
        vm.chosenModes().add(QuantMode.FLOAT16);
        List<Recipe> r = vm.recipes();
        assertEquals(List.of(QuantMode.FULL_INTEGER, QuantMode.FLOAT16), r.stream().map(Recipe::mode).toList());
        assertEquals(new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, false, IoType.INT8), r.get(0));
        String py = vm.pythonCode();
        assertTrue(py.contains("converter = tf.lite.TFLiteConverter.from_saved_model(\"saved_model_dir\")"));
        assertTrue(py.contains("converter.optimizations = [tf.lite.Optimize.DEFAULT]"));
        assertTrue(py.contains("converter.representative_dataset = representative_dataset"));
        assertTrue(py.contains("converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]"));
        assertTrue(py.contains("converter.inference_input_type = tf.int8"));
        assertTrue(py.contains("converter.inference_output_type = tf.int8"));
        assertTrue(py.contains("converter.target_spec.supported_types = [tf.float16]"));
        assertEquals("mnist-10k", vm.evaluationDataset());
    }

    @Test
    void trainingIsOfferedOnlyWithLabeledDataAndSupport() {
        assertFalse(vm.canChoose(Training.PRUNING));
        vm.hasLabeledDataProperty().set(true);
        vm.labeledDatasetProperty().set(MNIST);
        assertTrue(vm.canChoose(Training.PRUNING));
        assertFalse(vm.canChoose(Training.QAT));
        vm.hasLabeledDataProperty().set(false);
        assertFalse(vm.canChoose(Training.PRUNING));
        WizardViewModel noInt8 = new WizardViewModel(EnumSet.of(QuantMode.FLOAT16), EnumSet.allOf(Training.class));
        noInt8.hasLabeledDataProperty().set(true);
        noInt8.labeledDatasetProperty().set(MNIST);
        assertTrue(noInt8.canChoose(Training.CLUSTERING));
        assertFalse(noInt8.canChoose(Training.QAT), "QAT exports full-integer models only");
    }

    private WizardViewModel labeledInt8() {
        WizardViewModel w = new WizardViewModel(EnumSet.allOf(QuantMode.class), EnumSet.allOf(Training.class));
        w.targetProperty().set(Target.CPU);
        w.hasRepresentativeDataProperty().set(true);
        w.representativeDatasetProperty().set(MNIST);
        w.hasLabeledDataProperty().set(true);
        w.labeledDatasetProperty().set(MNIST);
        w.applyRecommendation();
        return w;
    }

    @Test
    void eachTechniqueMakesItsOwnVariantsWithTheEditedNumbers() {
        WizardViewModel w = labeledInt8();
        w.chosenModes().add(QuantMode.FLOAT16);
        w.chosenTraining().addAll(EnumSet.allOf(Training.class));
        w.trainingEpochsProperty().set(2);
        w.trainingSamplesProperty().set(3000);
        w.initialSparsityProperty().set(0.25);
        w.finalSparsityProperty().set(0.75);
        w.clustersProperty().set(8);
        List<Recipe> r = w.recipes();
        assertEquals(List.of("int8", "fp16", "pruned 75% + int8", "pruned 75% + fp16", "QAT int8",
                "clustered 8 + int8", "clustered 8 + fp16"), r.stream().map(Recipe::label).toList());
        assertEquals(List.of("int8", "fp16", "pruned75-int8", "pruned75-fp16", "qat-int8", "clustered8-int8",
                "clustered8-fp16"), r.stream().map(Recipe::tag).toList());
        FineTune ft = new FineTune("mnist-10k", 2, 3000, 0.25, 0.75, 8);
        assertEquals(new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, true, IoType.FLOAT32,
                List.of(Training.PRUNING), ft), r.get(2));
        // QAT learns its ranges, so it is not calibrated.
        assertEquals(new Recipe(QuantMode.FULL_INTEGER, null, 0, true, IoType.FLOAT32, List.of(Training.QAT), ft),
                r.get(4));
        assertTrue(r.get(4).describe().contains("ranges learned by QAT"), r.get(4).describe());
        assertTrue(r.get(2).describe().startsWith("Pruned 25%→75% + full integer (int8), calibrated on mnist-10k"),
                r.get(2).describe());
        assertTrue(r.get(2).describe().endsWith("fine-tuned 2 epochs on 3000 samples of mnist-10k"),
                r.get(2).describe());
        // Steps: ceil(3000 / 32) * 2 = 188; the schedule ends at 2/3 of them, on a mask update.
        assertEquals(188, ft.steps());
        assertEquals(12, ft.pruningFrequency());
        assertEquals(120, ft.pruningEndStep());
    }

    @Test
    void combinedTechniquesGoIntoOneVariantAndQatMakesItInt8() {
        WizardViewModel w = labeledInt8();
        w.chosenModes().add(QuantMode.FLOAT16);
        w.chosenTraining().addAll(List.of(Training.PRUNING, Training.CLUSTERING));
        w.combineTrainingProperty().set(true);
        assertEquals(List.of("int8", "fp16", "pruned 80% + clustered 16 + int8", "pruned 80% + clustered 16 + fp16"),
                w.recipes().stream().map(Recipe::label).toList());
        w.chosenTraining().add(Training.QAT);
        assertEquals(List.of("int8", "fp16", "pruned 80% + clustered 16 + QAT int8"),
                w.recipes().stream().map(Recipe::label).toList());
        String py = w.pythonCode();
        assertTrue(py.contains("cluster.cluster_weights(\n    model, number_of_clusters=16,"), py);
        assertTrue(py.contains("preserve_sparsity=True"), py);
        assertTrue(py.contains("Default8BitClusterPreserveQuantizeScheme(preserve_sparsity=True)"), py);
    }

    @Test
    void pythonShowsTheChosenSparsitiesClustersAndQat() {
        WizardViewModel w = labeledInt8();
        String plain = w.pythonCode();
        assertFalse(plain.contains("tfmot"), plain);
        w.chosenTraining().add(Training.PRUNING);
        w.finalSparsityProperty().set(0.9);
        w.initialSparsityProperty().set(0.3);
        w.trainingSamplesProperty().set(2000);
        String py = w.pythonCode();
        assertTrue(py.contains("import tensorflow_model_optimization as tfmot"), py);
        // 2000 samples, batch 32: 63 steps, schedule to step 42 = 2/3, masks every 4 steps -> 40.
        assertTrue(py.contains("schedule = tfmot.sparsity.keras.PolynomialDecay(\n"
                + "    initial_sparsity=0.30, final_sparsity=0.90,\n"
                + "    begin_step=0, end_step=40, power=3, frequency=4)"), py);
        assertTrue(py.contains("model = tfmot.sparsity.keras.prune_low_magnitude(model, pruning_schedule=schedule)"), py);
        assertTrue(py.contains("callbacks=[tfmot.sparsity.keras.UpdatePruningStep()]") || py.contains(
                "[tfmot.sparsity.keras.UpdatePruningStep()]"), py);
        assertTrue(py.contains("model.fit(x_train[:2000], y_train[:2000], batch_size=32, epochs=1"), py);
        assertTrue(py.contains("model = tfmot.sparsity.keras.strip_pruning(model)"), py);
        assertTrue(py.contains("converter = tf.lite.TFLiteConverter.from_keras_model(model)"), py);
        assertTrue(py.contains("with open(\"model_pruned90-int8.tflite\", \"wb\")"), py);

        w.chosenTraining().add(Training.CLUSTERING);
        w.clustersProperty().set(32);
        py = w.pythonCode();
        assertTrue(py.contains("model = tfmot.clustering.keras.cluster_weights(\n    model, number_of_clusters=32,"), py);
        assertTrue(py.contains("CentroidInitialization.KMEANS_PLUS_PLUS"), py);
        assertTrue(py.contains("model_clustered32-int8.tflite"), py);

        w.chosenTraining().add(Training.QAT);
        py = w.pythonCode();
        String qat = py.substring(py.indexOf("# QAT int8"), py.indexOf("# clustered 32 + int8"));
        assertTrue(qat.contains("model = tfmot.quantization.keras.quantize_model(model)"), qat);
        assertFalse(qat.contains("representative_dataset"), qat);
        assertTrue(qat.contains("model_qat-int8.tflite"), qat);
    }

    @Test
    void pruningOrClusteringWithoutAModeMakeFloatVariants() {
        WizardViewModel w = labeledInt8();
        w.chosenModes().clear();
        assertTrue(w.recipes().isEmpty());
        w.chosenTraining().addAll(List.of(Training.PRUNING, Training.CLUSTERING));
        List<Recipe> r = w.recipes();
        assertEquals(List.of("pruned 80% (float)", "clustered 16 (float)"), r.stream().map(Recipe::label).toList());
        assertEquals(List.of("pruned80-float", "clustered16-float"), r.stream().map(Recipe::tag).toList());
        assertEquals(Recipe.fineTunedFloat(List.of(Training.PRUNING), w.fineTune()), r.get(0));
        assertFalse(r.get(0).quantized());
        assertEquals(null, r.get(0).dataset());
        assertEquals("Pruned 50%→80%, float32 (not quantized); fine-tuned 1 epoch on 4000 samples of mnist-10k",
                r.get(0).describe());
        assertEquals("", w.nothingToProduceReason());
        String py = w.pythonCode();
        String pruned = py.substring(py.indexOf("# pruned 80% (float)"), py.indexOf("# clustered 16 (float)"));
        assertTrue(pruned.contains("prune_low_magnitude"), pruned);
        assertFalse(pruned.contains("converter.optimizations"), pruned);
        assertTrue(pruned.contains("model_pruned80-float.tflite"), pruned);
        assertFalse(py.contains("def representative_dataset"), py);
        // Combined: one float variant with both; with QAT in the mix it is int8 as always.
        w.combineTrainingProperty().set(true);
        assertEquals(List.of("pruned 80% + clustered 16 (float)"), w.recipes().stream().map(Recipe::label).toList());
        w.chosenTraining().add(Training.QAT);
        assertEquals(List.of("pruned 80% + clustered 16 + QAT int8"), w.recipes().stream().map(Recipe::label).toList());
    }

    @Test
    void finishIsExplainedAndDisabledWhenNothingWouldBeProduced() {
        WizardViewModel w = labeledInt8();
        var reason = w.nothingToProduce();
        assertEquals("", reason.get());
        w.chosenModes().clear();
        assertEquals("Nothing to produce: choose at least one quantization mode or a fine-tuning technique "
                + "to enable Finish.", reason.get());
        w.chosenTraining().add(Training.CLUSTERING);
        assertEquals("", reason.get());
        w.chosenTraining().clear();
        w.hasLabeledDataProperty().set(false);
        assertEquals("Nothing to produce: choose at least one quantization mode to enable Finish.", reason.get());
        // A float variant needs fine-tuning: without training it would be the baseline again.
        assertThrows(IllegalArgumentException.class, () -> Recipe.fineTunedFloat(List.of(), w.fineTune()));
        assertThrows(IllegalArgumentException.class, () -> Recipe.fineTunedFloat(List.of(Training.QAT), w.fineTune()));
    }
}
