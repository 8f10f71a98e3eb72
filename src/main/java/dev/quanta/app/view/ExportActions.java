package dev.quanta.app.view;

import dev.quanta.app.chart.ChartExporter;
import dev.quanta.app.port.ReportFormat;
import dev.quanta.app.port.ReportWriter;
import dev.quanta.app.viewmodel.VariantEntry;
import dev.quanta.app.viewmodel.WorkbenchViewModel;
import dev.quanta.engine.util.AtomicFiles;
import dev.quanta.engine.util.QuantaException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Export: charts of the current view, a variant's .tflite file, the comparison report. */
public final class ExportActions {
    private final WorkbenchViewModel vm;
    private final javafx.collections.ObservableList<Path> lastExported = javafx.collections.FXCollections.observableArrayList();
    private final Supplier<List<ChartPane>> currentCharts;
    private final Supplier<Window> window;
    private final Supplier<FileDialogs> dialogs;

    /** One chart file to write: a copy of the chart taken on the FX thread, drawn on any thread. */
    public record Job(JFreeChart chart, Path file) {
        /** Encodes and writes the file (PNG, SVG or PDF by its extension). */
        public void write() {
            ChartExporter.export(chart, file);
        }
    }

    public ExportActions(WorkbenchViewModel vm, Supplier<List<ChartPane>> currentCharts, Supplier<Window> window,
                         Supplier<FileDialogs> dialogs) {
        this.vm = vm;
        this.currentCharts = currentCharts;
        this.window = window;
        this.dialogs = dialogs;
    }

    /** Asks for a folder and writes every chart of the current view there as PNG, SVG and PDF, in the background. */
    public void chartsWithDialog() {
        List<Job> jobs = jobs(currentCharts.get(), Path.of("."));
        if (jobs.isEmpty()) {
            vm.tasks().reportError("This view has no charts with data to export yet.");
            return;
        }
        Path dir = dialogs.get().chooseDirectory(window.get(), "Export the charts of this view (PNG, SVG and PDF)");
        if (dir != null) {
            try {
                inBackground(jobs(currentCharts.get(), dir));
            } catch (QuantaException e) {
                vm.tasks().reportError(e.getMessage());
            }
        }
    }

    /**
     * The export jobs for each chart that has data, as {@code name.png/.svg/.pdf} in {@code dir}.
     * Call on the FX thread (it copies the charts); the jobs then run anywhere.
     */
    public static List<Job> jobs(List<ChartPane> panes, Path dir) {
        List<Job> out = new ArrayList<>();
        for (ChartPane p : panes) {
            if (p.chart() == null) {
                continue;
            }
            for (ChartExporter.Kind k : ChartExporter.Kind.values()) {
                out.add(p.exportJob(dir.resolve(p.name() + "." + k.extension())));
            }
        }
        return out;
    }

    /**
     * Writes the files as a background task with progress and Cancel (encoding a PDF or SVG can take
     * a while); the FX thread never waits for it.
     *
     * @return false when another task is running (the user is told to wait)
     */
    public boolean inBackground(List<Job> jobs) {
        String title = "Exporting " + jobs.size() + (jobs.size() == 1 ? " chart file" : " chart files");
        boolean started = vm.tasks().run(title, (progress, cancel) -> {
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                cancel.check();
                Job j = jobs.get(i);
                progress.update(i, jobs.size(), "Writing " + j.file().getFileName());
                j.write();
                written.add(j.file());
            }
            return written;
        }, written -> lastExported.setAll(written));
        if (!started) {
            vm.tasks().reportError("Another task is running; export the charts when it has finished.");
        }
        return started;
    }

    /** The files the last chart export wrote (updated on the FX thread when it finishes). */
    public javafx.collections.ObservableList<Path> lastExported() {
        return lastExported;
    }

    /** Writes each chart that has data as {@code name.png/.svg/.pdf} in {@code dir} on this thread; returns the files. */
    public static List<Path> charts(List<ChartPane> panes, Path dir) {
        List<Path> out = new ArrayList<>();
        for (Job j : jobs(panes, dir)) {
            j.write();
            out.add(j.file());
        }
        return out;
    }

    /** Saves a copy of the selected variant's .tflite file where the user says. */
    public void variantWithDialog() {
        VariantEntry v = vm.selectedProperty().get();
        if (v == null) {
            vm.tasks().reportError("Open a model first; there is no variant to export.");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + v.name());
        fc.setInitialFileName(v.name());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("TensorFlow Lite model", "*.tflite"));
        File f = fc.showSaveDialog(window.get());
        if (f != null) {
            try {
                AtomicFiles.write(f.toPath(), Files.readAllBytes(v.file()));
            } catch (IOException e) {
                vm.tasks().reportError("Could not write " + f + ": " + e.getMessage());
            }
        }
    }

    /** Asks for a file and writes the comparison report (format from the chosen extension). */
    public void reportWithDialog() {
        ReportWriter writer = vm.ports().reports().orElse(null);
        if (writer == null) {
            vm.tasks().reportError("This build's engine has no report writers yet, so no report was written.");
            return;
        }
        if (vm.compareView().comparedModels().isEmpty()) {
            vm.tasks().reportError("Nothing is measured yet; run the wizard or press Measure before exporting a report.");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the comparison report");
        fc.setInitialFileName("comparison.html");
        for (ReportFormat r : ReportFormat.values()) {
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(r.name(), "*." + r.extension()));
        }
        File f = fc.showSaveDialog(window.get());
        if (f != null) {
            ReportFormat format = ReportFormat.HTML;
            for (ReportFormat r : ReportFormat.values()) {
                if (f.getName().toLowerCase(java.util.Locale.ROOT).endsWith("." + r.extension())) {
                    format = r;
                }
            }
            ReportFormat chosen = format;
            var rows = vm.compareView().comparedModels();
            vm.tasks().run("Writing " + f.getName(), (p, c) -> {
                writer.write(rows, chosen, f.toPath());
                return f;
            }, done -> { });
        }
    }
}
