package dev.quanta.app.wizard;

import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.FineTune;
import dev.quanta.app.port.IoType;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.Training;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The answers to TensorFlow Lite's post-training quantization decision tree, the recommendation
 * they lead to, the modes chosen for production and the recipes the engine runs on Finish.
 *
 * <p>The tree: an integer-only accelerator needs full-integer quantization with integer I/O and a
 * representative dataset; a GPU wants float16; on CPU full-integer quantization is fastest when
 * representative data exists, dynamic range otherwise; for the smallest download dynamic range (no
 * data) or full integer (with data), plus pruning or clustering when labeled data allows training.
 *
 * <p>Fine-tuning (pruning, quantization-aware training, clustering) is offered with labeled data.
 * Each chosen technique makes its own variants: pruning and clustering one per chosen mode (the
 * fine-tuned model is then quantized like the baseline), QAT one full-integer variant with the
 * ranges it learned; with no mode chosen, pruning and clustering make one float variant each (the
 * fine-tuned model, not quantized). With "combine", the chosen techniques go into the same variants
 * (TFMOT's collaborative optimization: sparsity-preserving clustering, pruning- or
 * cluster-preserving QAT).
 */
public final class WizardViewModel {
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.CPU);
    private final BooleanProperty hasRepresentativeData = new SimpleBooleanProperty(false);
    private final ObjectProperty<DatasetInfo> representativeDataset = new SimpleObjectProperty<>();
    private final IntegerProperty calibrationSamples = new SimpleIntegerProperty(100);
    private final BooleanProperty hasLabeledData = new SimpleBooleanProperty(false);
    private final ObjectProperty<DatasetInfo> labeledDataset = new SimpleObjectProperty<>();
    private final BooleanProperty floatFallback = new SimpleBooleanProperty(true);
    private final ObjectProperty<IoType> ioType = new SimpleObjectProperty<>(IoType.FLOAT32);
    private final ObservableSet<QuantMode> chosenModes = FXCollections.observableSet(EnumSet.noneOf(QuantMode.class));
    private final ObservableSet<Training> chosenTraining = FXCollections.observableSet(EnumSet.noneOf(Training.class));
    private final BooleanProperty combineTraining = new SimpleBooleanProperty(false);
    private final IntegerProperty trainingEpochs = new SimpleIntegerProperty(FineTune.DEFAULT_EPOCHS);
    private final IntegerProperty trainingSamples = new SimpleIntegerProperty(FineTune.DEFAULT_SAMPLES);
    private final DoubleProperty initialSparsity = new SimpleDoubleProperty(FineTune.DEFAULT_INITIAL_SPARSITY);
    private final DoubleProperty finalSparsity = new SimpleDoubleProperty(FineTune.DEFAULT_FINAL_SPARSITY);
    private final IntegerProperty clusters = new SimpleIntegerProperty(FineTune.DEFAULT_CLUSTERS);
    private final Set<QuantMode> supportedModes;
    private final Set<Training> supportedTraining;

    /**
     * @param supportedModes modes the engine can produce (others are shown but cannot be chosen)
     * @param supportedTraining training techniques the engine can apply
     */
    public WizardViewModel(Set<QuantMode> supportedModes, Set<Training> supportedTraining) {
        this.supportedModes = Set.copyOf(supportedModes);
        this.supportedTraining = Set.copyOf(supportedTraining);
        // The engine's integer-only mode has integer inputs and outputs, as TF's integer-only models do.
        floatFallback.addListener((o, a, on) -> {
            if (!on && ioType.get() == IoType.FLOAT32) {
                ioType.set(IoType.INT8);
            }
        });
        target.addListener((o, a, t) -> {
            if (t == Target.INTEGER_ONLY) {
                floatFallback.set(false);
                if (ioType.get() == IoType.FLOAT32) {
                    ioType.set(IoType.INT8);
                }
            }
        });
    }

    /** The advice for the current answers. */
    public Recommendation recommendation() {
        boolean data = hasRepresentativeData.get() && representativeDataset.get() != null;
        return switch (target.get()) {
            case GPU -> new Recommendation(QuantMode.FLOAT16,
                    "GPUs compute in float; float16 halves the weights and the GPU delegate runs them natively.", "");
            case INTEGER_ONLY -> new Recommendation(QuantMode.FULL_INTEGER,
                    "Integer-only accelerators need every op, input and output in int8, which full-integer "
                            + "quantization with integer I/O and no float fallback gives.",
                    data ? "" : "Full-integer quantization needs representative data to calibrate activations; "
                            + "go back and choose a dataset.");
            case CPU -> data
                    ? new Recommendation(QuantMode.FULL_INTEGER,
                    "With representative data, activations are calibrated too and every op runs in integer arithmetic.", "")
                    : new Recommendation(QuantMode.DYNAMIC_RANGE,
                    "Without representative data, dynamic range quantization stores int8 weights and quantizes "
                            + "activations on the fly.", "");
            case SMALLEST_DOWNLOAD -> data
                    ? new Recommendation(QuantMode.FULL_INTEGER,
                    "int8 weights make the file about 4x smaller; calibrated activations keep it fast.", "")
                    : new Recommendation(QuantMode.DYNAMIC_RANGE,
                    "int8 weights make the file about 4x smaller without needing any data.", "");
        };
    }

    /** True when a mode can be chosen: the engine supports it and its data needs are met. */
    public boolean canChoose(QuantMode mode) {
        if (!supportedModes.contains(mode)) {
            return false;
        }
        return !mode.needsRepresentativeData() || hasRepresentativeData.get() && representativeDataset.get() != null;
    }

    /**
     * Training techniques are offered only with labeled data and when the engine can train; QAT
     * also needs the engine's full-integer mode (it exports int8 with the ranges it learned).
     */
    public boolean canChoose(Training t) {
        return hasLabeledData.get() && labeledDataset.get() != null && supportedTraining.contains(t)
                && (t != Training.QAT || supportedModes.contains(QuantMode.FULL_INTEGER));
    }

    /** Chooses the recommended mode (if allowed) and drops choices that are no longer allowed. */
    public void applyRecommendation() {
        chosenModes.removeIf(m -> !canChoose(m));
        chosenTraining.removeIf(t -> !canChoose(t));
        QuantMode m = recommendation().mode();
        if (canChoose(m)) {
            chosenModes.add(m);
        }
    }

    /**
     * The recipes: one per chosen mode (in {@link QuantMode} order), then the fine-tuned ones, each
     * chosen technique (or, with {@link #combineTrainingProperty()}, all of them together) with each
     * chosen mode, QAT always as one full-integer variant; with no mode chosen, pruning and
     * clustering make one float variant (the fine-tuned model, not quantized).
     */
    public List<Recipe> recipes() {
        List<Recipe> out = new ArrayList<>();
        List<QuantMode> modes = new ArrayList<>();
        for (QuantMode m : QuantMode.values()) {
            if (chosenModes.contains(m) && canChoose(m)) {
                modes.add(m);
                out.add(recipe(m, List.of()));
            }
        }
        List<Training> training = new ArrayList<>();
        for (Training t : Training.values()) {
            if (chosenTraining.contains(t) && canChoose(t)) {
                training.add(t);
            }
        }
        List<List<Training>> groups = new ArrayList<>();
        if (combineTraining.get() && !training.isEmpty()) {
            groups.add(training);
        } else {
            training.forEach(t -> groups.add(List.of(t)));
        }
        for (List<Training> g : groups) {
            if (g.contains(Training.QAT)) {
                out.add(recipe(QuantMode.FULL_INTEGER, g));
            } else if (modes.isEmpty()) {
                // Pruning or clustering alone: the fine-tuned model itself, kept float.
                out.add(Recipe.fineTunedFloat(g, fineTune()));
            } else {
                for (QuantMode m : modes) {
                    out.add(recipe(m, g));
                }
            }
        }
        return out;
    }

    /**
     * Why Finish would produce nothing (no mode and no fine-tuning chosen, or none of the choices
     * possible), or {@code ""} when it produces at least one variant. The wizard disables Finish
     * and shows this sentence while it is not empty.
     */
    public String nothingToProduceReason() {
        if (!recipes().isEmpty()) {
            return "";
        }
        boolean training = hasLabeledData.get() && labeledDataset.get() != null;
        return "Nothing to produce: choose at least one quantization mode"
                + (training ? " or a fine-tuning technique" : "") + " to enable Finish.";
    }

    /** {@link #nothingToProduceReason()}, updated whenever a choice it depends on changes. */
    public StringBinding nothingToProduce() {
        return Bindings.createStringBinding(this::nothingToProduceReason, chosenModes, chosenTraining,
                combineTraining, hasRepresentativeData, representativeDataset, hasLabeledData, labeledDataset);
    }

    private Recipe recipe(QuantMode m, List<Training> training) {
        DatasetInfo rep = hasRepresentativeData.get() ? representativeDataset.get() : null;
        boolean integerIo = m == QuantMode.FULL_INTEGER || m == QuantMode.INT16X8;
        IoType io = integerIo ? effectiveIoType(m) : IoType.FLOAT32;
        boolean learned = training.contains(Training.QAT);
        String calibration = rep == null || learned ? null : rep.id();
        return new Recipe(m, calibration, calibration == null ? 0 : calibrationSamples.get(), floatFallback.get(), io,
                training, training.isEmpty() ? null : fineTune());
    }

    /** The fine-tuning settings as edited on the recommendation page, on the labeled dataset. */
    public FineTune fineTune() {
        DatasetInfo labeled = labeledDataset.get();
        return new FineTune(labeled == null ? "labeled data" : labeled.id(), trainingEpochs.get(),
                trainingSamples.get(), Math.min(initialSparsity.get(), finalSparsity.get()), finalSparsity.get(),
                clusters.get());
    }

    private IoType effectiveIoType(QuantMode m) {
        // 16x8 models keep int16 I/O or float; int8/uint8 I/O applies to full-integer only.
        return m == QuantMode.INT16X8 ? IoType.FLOAT32 : ioType.get();
    }

    /** The dataset to measure accuracy on (labeled), else the representative one for fidelity. */
    public String evaluationDataset() {
        if (hasLabeledData.get() && labeledDataset.get() != null) {
            return labeledDataset.get().id();
        }
        return hasRepresentativeData.get() && representativeDataset.get() != null ? representativeDataset.get().id() : null;
    }

    /**
     * The equivalent TensorFlow Python for the chosen modes and techniques, or for the recommended
     * mode when none is chosen (TensorFlow can make every mode, even those this engine cannot yet).
     */
    public String pythonCode() {
        List<Recipe> r = recipes();
        if (r.isEmpty()) {
            r = List.of(recipe(recommendation().mode(), List.of()));
        }
        return ConverterCode.python(r);
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public BooleanProperty hasRepresentativeDataProperty() {
        return hasRepresentativeData;
    }

    public ObjectProperty<DatasetInfo> representativeDatasetProperty() {
        return representativeDataset;
    }

    public IntegerProperty calibrationSamplesProperty() {
        return calibrationSamples;
    }

    public BooleanProperty hasLabeledDataProperty() {
        return hasLabeledData;
    }

    public ObjectProperty<DatasetInfo> labeledDatasetProperty() {
        return labeledDataset;
    }

    public BooleanProperty floatFallbackProperty() {
        return floatFallback;
    }

    public ObjectProperty<IoType> ioTypeProperty() {
        return ioType;
    }

    public ObservableSet<QuantMode> chosenModes() {
        return chosenModes;
    }

    public ObservableSet<Training> chosenTraining() {
        return chosenTraining;
    }

    /** True to put all chosen techniques into the same variants instead of one variant each. */
    public BooleanProperty combineTrainingProperty() {
        return combineTraining;
    }

    public IntegerProperty trainingEpochsProperty() {
        return trainingEpochs;
    }

    /** Training samples (taken after the samples the variants are evaluated on). */
    public IntegerProperty trainingSamplesProperty() {
        return trainingSamples;
    }

    public DoubleProperty initialSparsityProperty() {
        return initialSparsity;
    }

    public DoubleProperty finalSparsityProperty() {
        return finalSparsity;
    }

    public IntegerProperty clustersProperty() {
        return clusters;
    }
}
