package dev.quanta.app.viewmodel;

import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.VariantMeasurer;
import dev.quanta.app.port.VariantOptimizer;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.CancelledException;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * Produces variants from recipes and measures them, as one background task: optimize each recipe
 * into the variant folder, read the result back, then measure every entry (baseline included)
 * together on the evaluation dataset, so all numbers share one basis.
 */
public final class VariantProduction {
    private final WorkbenchPorts ports;
    private final TaskRunner tasks;
    private final ObservableList<VariantEntry> variants;
    private final Path directory;
    private final ReadOnlyStringWrapper evalDataset = new ReadOnlyStringWrapper();

    VariantProduction(WorkbenchPorts ports, TaskRunner tasks, ObservableList<VariantEntry> variants, Path directory) {
        this.ports = ports;
        this.tasks = tasks;
        this.variants = variants;
        this.directory = directory;
    }

    /**
     * Produces one variant per recipe and measures everything on {@code dataset} (may be {@code null}).
     *
     * @return false when another task is running or no model is open
     */
    public boolean produce(List<Recipe> recipes, String dataset) {
        if (variants.isEmpty()) {
            return false;
        }
        VariantEntry base = variants.get(0);
        List<VariantEntry> existing = new ArrayList<>(variants);
        String title = recipes.isEmpty() ? "Measuring"
                : "Producing " + recipes.size() + " variant" + (recipes.size() == 1 ? "" : "s");
        return tasks.run(title,
                (progress, cancel) -> {
                    List<VariantEntry> made = new ArrayList<>();
                    List<String> failed = new ArrayList<>();
                    for (int i = 0; i < recipes.size(); i++) {
                        Recipe r = recipes.get(i);
                        progress.update(i, recipes.size() + 1L, "Optimizing: " + r.label());
                        try {
                            made.add(VariantEntry.produced(optimize(base.model(), r, progress, cancel), r));
                        } catch (CancelledException e) {
                            throw e;
                        } catch (QuantaException e) {
                            // One recipe the engine cannot make (an op fine-tuning lacks...) does not cost the others.
                            failed.add(r.label() + " was not produced: " + e.getMessage());
                        }
                    }
                    if (made.isEmpty() && !failed.isEmpty()) {
                        throw new QuantaException(String.join(" ", failed));
                    }
                    List<VariantEntry> all = new ArrayList<>(existing);
                    all.addAll(made);
                    Map<VariantEntry, Measurement> results = measureAll(all, base, dataset, progress, cancel);
                    return new Result(made, results, failed);
                }, result -> {
                    evalDataset.set(dataset);
                    variants.addAll(result.made());
                    result.measurements().forEach((entry, m) -> entry.measurementProperty().set(m));
                    if (!result.failed().isEmpty()) {
                        tasks.reportError(String.join(" ", result.failed()));
                    }
                });
    }

    /** Measures every entry again, together (used after adding models by hand). */
    public boolean measure() {
        if (variants.isEmpty()) {
            return false;
        }
        VariantEntry base = variants.get(0);
        List<VariantEntry> all = new ArrayList<>(variants);
        String dataset = evalDataset.get();
        return tasks.run("Measuring", (progress, cancel) -> measureAll(all, base, dataset, progress, cancel),
                results -> results.forEach((entry, m) -> entry.measurementProperty().set(m)));
    }

    private LoadedModel optimize(LoadedModel base, Recipe recipe, Progress progress, Cancellation cancel) {
        VariantOptimizer optimizer = ports.optimizer().orElseThrow(() -> new QuantaException(
                "This build's engine cannot quantize yet, so no variant was produced."));
        if (recipe.quantized() && !optimizer.supportedModes().contains(recipe.mode())) {
            throw new QuantaException("The engine cannot produce " + recipe.mode().title() + " variants yet.");
        }
        if (!optimizer.supportedTraining().containsAll(recipe.training())) {
            throw new QuantaException("This build's engine cannot fine-tune, so " + recipe.label() + " was not produced.");
        }
        String stem = base.file().getFileName().toString().replaceFirst("(?i)\\.tflite$", "");
        Path out = directory.resolve(stem + "-" + recipe.tag() + ".tflite");
        Path written = optimizer.optimize(base, recipe, out, progress, cancel);
        return ports.loader().open(written, Progress.NONE, cancel);
    }

    private Map<VariantEntry, Measurement> measureAll(List<VariantEntry> all, VariantEntry base, String dataset,
                                                      Progress progress, Cancellation cancel) {
        Map<VariantEntry, Measurement> out = new IdentityHashMap<>();
        VariantMeasurer measurer = ports.measurer().orElse(null);
        if (measurer == null) {
            return out;
        }
        List<VariantEntry> others = new ArrayList<>(all);
        others.remove(base);
        List<LoadedModel> models = new ArrayList<>();
        for (VariantEntry e : others) {
            models.add(e.model());
        }
        List<Measurement> ms = measurer.measure(base.model(), models, dataset, progress, cancel);
        out.put(base, ms.get(0));
        for (int i = 0; i < others.size(); i++) {
            out.put(others.get(i), ms.get(i + 1));
        }
        return out;
    }

    /** The dataset the last measurement used, or {@code null}. */
    public ReadOnlyStringProperty evalDatasetProperty() {
        return evalDataset.getReadOnlyProperty();
    }

    public Path directory() {
        return directory;
    }

    private record Result(List<VariantEntry> made, Map<VariantEntry, Measurement> measurements, List<String> failed) {
    }
}
