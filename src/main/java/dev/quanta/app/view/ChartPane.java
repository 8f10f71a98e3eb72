package dev.quanta.app.view;

import dev.quanta.app.chart.ChartExporter;
import dev.quanta.app.chart.ChartStyle;
import dev.quanta.engine.util.QuantaException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * A chart in a {@link ChartViewer} with an Export button (PNG, SVG, PDF). Shows a sentence instead
 * of the chart while there is nothing to plot.
 */
public final class ChartPane extends BorderPane {
    private final String name;
    private final ChartViewer viewer = new ChartViewer();
    private final Label empty = new Label();
    private final MenuButton export = new MenuButton("Export");
    private final Consumer<String> errors;
    private final HBox bar;
    private JFreeChart chart;
    private boolean dark;
    private Consumer<List<ExportActions.Job>> exporter = jobs -> jobs.forEach(ExportActions.Job::write);

    /**
     * @param name file-name stem for exports, e.g. {@code weight-histogram}
     * @param errors where export problems are reported
     */
    public ChartPane(String name, Consumer<String> errors) {
        this.name = name;
        this.errors = errors;
        getStyleClass().add("chart-pane");
        setId("chart-" + name);
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        for (ChartExporter.Kind k : ChartExporter.Kind.values()) {
            MenuItem item = new MenuItem(k.name() + "…");
            item.setOnAction(e -> chooseAndExport(k));
            export.getItems().add(item);
        }
        export.getStyleClass().add("chart-export");
        export.setId("export-" + name);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar = new HBox(6, spacer, export);
        bar.setAlignment(Pos.CENTER_RIGHT);
        setTop(bar);
        setMinHeight(260);
        setPrefHeight(380);
        showEmpty("Nothing to plot yet.");
    }

    /** Puts {@code controls} (choices that change this chart) at the left of its button bar. */
    public void addControls(Node... controls) {
        bar.getChildren().addAll(bar.getChildren().size() - 2, List.of(controls));
    }

    /** Shows {@code c}, styled for the current theme. */
    public void setChart(JFreeChart c) {
        this.chart = c;
        ChartStyle.apply(c, dark);
        viewer.setChart(c);
        setCenter(viewer);
        export.setDisable(false);
    }

    /** Replaces the chart by a sentence saying why there is none. */
    public void showEmpty(String why) {
        chart = null;
        empty.setText(why);
        setCenter(empty);
        BorderPane.setAlignment(empty, Pos.CENTER);
        export.setDisable(true);
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        if (chart != null) {
            ChartStyle.apply(chart, dark);
        }
    }

    /** The chart shown, or {@code null}. */
    public JFreeChart chart() {
        return chart;
    }

    public String name() {
        return name;
    }

    /** Writes the chart (light style) to {@code file} now, on the calling thread; the format follows the extension. */
    public void exportTo(Path file) {
        exportJob(file).write();
    }

    /**
     * The export of the chart to {@code file} as a job that can run on any thread: it draws a
     * light-styled copy taken now, so the live chart is never touched off the FX thread.
     */
    public ExportActions.Job exportJob(Path file) {
        if (chart == null) {
            throw new QuantaException("The " + name + " chart has nothing to export yet.");
        }
        return new ExportActions.Job(printable(), file);
    }

    /** Where the Export button's jobs go (the window runs them as a background task). */
    public void setExporter(Consumer<List<ExportActions.Job>> exporter) {
        this.exporter = exporter;
    }

    /** A copy of the chart in the light style, so exporting never restyles (and redraws) the live one. */
    private JFreeChart printable() {
        try {
            JFreeChart copy = (JFreeChart) chart.clone();
            ChartStyle.apply(copy, false);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new QuantaException("The " + name + " chart cannot be copied for export: " + e.getMessage());
        }
    }

    private void chooseAndExport(ChartExporter.Kind kind) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export chart as " + kind.name());
        fc.setInitialFileName(name + "." + kind.extension());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.name(), "*." + kind.extension()));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            try {
                exporter.accept(List.of(exportJob(f.toPath())));
            } catch (QuantaException e) {
                errors.accept(e.getMessage());
            }
        }
    }
}
