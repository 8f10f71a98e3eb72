package dev.quanta.app.viewmodel;

import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.app.settings.AppSettings;
import dev.quanta.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workbench's top-level state: the variants list and its selection, the recent files, the
 * bundled samples, and the drop/open logic. Owns the view models of the Model, Weights and Compare
 * views and the task runner that does engine work off the UI thread.
 */
public final class WorkbenchViewModel {
    /** How opened files join the workbench. */
    public enum OpenMode { REPLACE, ADD }

    private final WorkbenchPorts ports;
    private final TaskRunner tasks;
    private final SettingsStore settingsStore;
    private final AppSettings settings;
    private final ObservableList<VariantEntry> variants = FXCollections.observableArrayList();
    private final ObjectProperty<VariantEntry> selected = new SimpleObjectProperty<>();
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ObservableList<Path> sampleModels = FXCollections.observableArrayList();
    private final ObservableList<DatasetInfo> datasets = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper datasetsScanned = new ReadOnlyBooleanWrapper(false);
    private final ModelViewModel modelView;
    private final WeightsViewModel weightsView;
    private final CompareViewModel compareView;
    private final VariantProduction production;

    /**
     * @param ports the engine
     * @param tasks runs engine work in the background
     * @param settingsStore where settings live (a temp folder in tests)
     * @param variantDirectory where produced variants are written (never next to the user's file)
     * @param samples the bundled sample models
     */
    public WorkbenchViewModel(WorkbenchPorts ports, TaskRunner tasks, SettingsStore settingsStore,
                              Path variantDirectory, List<Path> samples) {
        this.ports = ports;
        this.tasks = tasks;
        this.settingsStore = settingsStore;
        this.settings = settingsStore.load();
        for (String f : settings.recentFiles) {
            recentFiles.add(Path.of(f));
        }
        sampleModels.setAll(samples);
        this.modelView = new ModelViewModel(selected);
        this.weightsView = new WeightsViewModel(selected, modelView.selectedLayerProperty(), tasks);
        this.compareView = new CompareViewModel(variants);
        compareView.sizeAxisProperty().set(SizeAxis.fromWord(settings.compareSizeAxis));
        compareView.sizeAxisProperty().addListener((o, a, axis) ->
                settings.compareSizeAxis = (axis == null ? SizeAxis.GZIPPED : axis).word());
        this.production = new VariantProduction(ports, tasks, variants, variantDirectory);
        scanDatasets();
    }

    /**
     * Looks for datasets in the background (opening each candidate folder can take a while) and
     * publishes them in {@link #datasets()}; {@link #datasetsScannedProperty()} turns true when done.
     */
    public void scanDatasets() {
        ports.datasets().ifPresentOrElse(catalog -> tasks.query("Looking for datasets", catalog::datasets, list -> {
            datasets.setAll(list);
            datasetsScanned.set(true);
        }), () -> datasetsScanned.set(true));
    }

    /**
     * Decides what dropping (or opening) {@code files} does. Pure: no engine call, no FX thread.
     * Only existing {@code .tflite} files are opened; a sentence names what was skipped.
     */
    public DropPlan planDrop(List<Path> files) {
        List<Path> models = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName() == null ? f.toString() : f.getFileName().toString();
            if (!name.toLowerCase(Locale.ROOT).endsWith(".tflite")) {
                skipped.add(name + " is not a .tflite model");
            } else if (!Files.isRegularFile(f)) {
                skipped.add(name + " does not exist or is not a file");
            } else {
                models.add(f);
            }
        }
        String message = skipped.isEmpty() ? "" : String.join("; ", skipped) + ".";
        if (models.isEmpty()) {
            if (files.isEmpty()) {
                message = "Nothing was dropped; drop a TensorFlow Lite (.tflite) file.";
            } else {
                message = message.substring(0, message.length() - 1) + "; drop a TensorFlow Lite (.tflite) file.";
            }
            return new DropPlan(DropPlan.Action.REJECT, models, message);
        }
        DropPlan.Action action = variants.isEmpty() ? DropPlan.Action.OPEN : DropPlan.Action.ASK_REPLACE_OR_ADD;
        return new DropPlan(action, models, message);
    }

    /**
     * Handles a drop without asking: rejects or opens. Returns the plan so the view can ask about
     * {@link DropPlan.Action#ASK_REPLACE_OR_ADD} and then call {@link #open(List, OpenMode)}.
     */
    public DropPlan drop(List<Path> files) {
        DropPlan plan = planDrop(files);
        if (!plan.message().isEmpty()) {
            tasks.reportError(plan.message());
        } else {
            tasks.clearError();
        }
        if (plan.action() == DropPlan.Action.OPEN) {
            open(plan.models(), OpenMode.REPLACE);
        }
        return plan;
    }

    /** Reads the files in the background; with REPLACE the first becomes the baseline. */
    public void open(List<Path> files, OpenMode mode) {
        if (files.isEmpty()) {
            return;
        }
        String title = "Opening " + files.get(0).getFileName() + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : "");
        tasks.run(title, (progress, cancel) -> {
            List<LoadedModel> loaded = new ArrayList<>();
            for (Path f : files) {
                loaded.add(ports.loader().open(f, progress, cancel));
            }
            return loaded;
        }, loaded -> accept(loaded, mode));
    }

    private void accept(List<LoadedModel> loaded, OpenMode mode) {
        List<VariantEntry> entries = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            boolean base = i == 0 && (mode == OpenMode.REPLACE || variants.isEmpty());
            entries.add(base ? VariantEntry.baseline(loaded.get(i)) : VariantEntry.added(loaded.get(i)));
            remember(loaded.get(i).file());
        }
        if (mode == OpenMode.REPLACE || variants.isEmpty()) {
            variants.setAll(entries);
        } else {
            variants.addAll(entries);
        }
        selected.set(entries.get(0));
        settingsStore.save(settings);
    }

    private void remember(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        settings.addRecent(abs.toString());
        recentFiles.remove(abs);
        recentFiles.add(0, abs);
        while (recentFiles.size() > AppSettings.MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }

    /** The baseline, or {@code null} before a model is open. */
    public VariantEntry baseline() {
        return variants.isEmpty() ? null : variants.get(0);
    }

    public BooleanBinding modelOpenBinding() {
        return Bindings.isNotEmpty(variants);
    }

    public ObservableList<VariantEntry> variants() {
        return variants;
    }

    public ObjectProperty<VariantEntry> selectedProperty() {
        return selected;
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    public ObservableList<Path> sampleModels() {
        return sampleModels;
    }

    /** The datasets the engine can read, filled by the background scan. */
    public ObservableList<DatasetInfo> datasets() {
        return datasets;
    }

    public ReadOnlyBooleanProperty datasetsScannedProperty() {
        return datasetsScanned.getReadOnlyProperty();
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public WorkbenchPorts ports() {
        return ports;
    }

    public AppSettings settings() {
        return settings;
    }

    /** Saves the settings (window layout is copied into {@link #settings()} by the view first). */
    public void saveSettings() {
        settingsStore.save(settings);
    }

    public ModelViewModel modelView() {
        return modelView;
    }

    public WeightsViewModel weightsView() {
        return weightsView;
    }

    public CompareViewModel compareView() {
        return compareView;
    }

    public VariantProduction production() {
        return production;
    }
}
