package dev.quanta.app.view;

import dev.quanta.app.chart.CompareCharts;
import dev.quanta.app.port.Latency;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.viewmodel.CompareViewModel;
import dev.quanta.app.viewmodel.Format;
import dev.quanta.app.viewmodel.Pareto;
import dev.quanta.app.viewmodel.SizeAxis;
import dev.quanta.app.viewmodel.VariantEntry;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Compare view: a table of every variant's measured size, latency and accuracy or fidelity,
 * and charts of them (size, latency with p10-p90, quality, quality vs gzipped or file size with the
 * Pareto front on that size, per-layer error of a chosen variant against the baseline).
 */
public final class CompareView extends VBox {
    private final CompareViewModel vm;
    private final TableView<VariantEntry> table = new TableView<>();
    private final ChartPane size;
    private final ChartPane latency;
    private final ChartPane quality;
    private final ChartPane scatter;
    private final ChartPane layerError;
    private final ComboBox<VariantEntry> errorVariant = new ComboBox<>();
    private final ChoiceBox<SizeAxis> sizeAxis = new ChoiceBox<>();
    private final Label note = new Label();
    private final TableColumn<VariantEntry, String> qualityColumn;

    /**
     * @param measure starts measuring unmeasured entries
     * @param exportReport asks for a file and writes the report
     * @param unavailable why measuring is not possible in this build, or {@code null} when it is
     */
    public CompareView(CompareViewModel vm, Runnable measure, Runnable exportReport, String unavailable,
                       Consumer<String> errors) {
        this.vm = vm;
        setId("compareView");
        size = new ChartPane("compare-size", errors);
        latency = new ChartPane("compare-latency", errors);
        quality = new ChartPane("compare-quality", errors);
        scatter = new ChartPane("compare-pareto", errors);
        layerError = new ChartPane("compare-layer-error", errors);

        table.setId("compareTable");
        table.setPlaceholder(new Label("Open a model to compare variants."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Variant", 190, VariantEntry::name));
        table.getColumns().add(column("Recipe", 260, VariantEntry::recipeText));
        table.getColumns().add(column("Size", 90, v -> m(v, mm -> Format.bytes(mm.bytes()))));
        table.getColumns().add(column("Gzipped", 90, v -> m(v, mm -> Format.bytes(mm.gzippedBytes()))));
        table.getColumns().add(column("Median latency", 110, v -> lat(v, l -> Format.millis(l.medianMs()))));
        table.getColumns().add(column("p10–p90", 140,
                v -> lat(v, l -> Format.millis(l.p10Ms()) + " – " + Format.millis(l.p90Ms()))));
        qualityColumn = column("Accuracy", 100, v -> m(v, mm -> Format.percent(mm.quality())));
        table.getColumns().add(qualityColumn);
        table.setItems(vm.rows());
        // Tall enough for every row (up to 8; more scroll), so a fine-tuned variant is never hidden.
        table.setFixedCellSize(24);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> 32 + 24.0 * Math.max(3, Math.min(8, vm.rows().size())), vm.rows()));
        // The charts' scroll pane below gives way, not the table.
        table.minHeightProperty().bind(table.prefHeightProperty());

        Button measureButton = new Button("Measure");
        measureButton.setId("measureButton");
        measureButton.setOnAction(e -> measure.run());
        Button report = new Button("Export report…");
        report.setId("exportReportButton");
        report.setOnAction(e -> exportReport.run());
        measureButton.setDisable(unavailable != null);
        note.setWrapText(true);
        note.getStyleClass().add("placeholder");
        note.setText(unavailable == null ? "" : unavailable);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, note, spacer, measureButton, report);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 2, 8));

        sizeAxis.setId("sizeAxis");
        sizeAxis.getItems().setAll(SizeAxis.values());
        sizeAxis.valueProperty().bindBidirectional(vm.sizeAxisProperty());
        sizeAxis.setTooltip(new javafx.scene.control.Tooltip("Gzipped: what a download or an app bundle costs, "
                + "and what pruning and clustering reduce. File: the bytes on disk."));
        Label sizeLabel = new Label("Size:");
        sizeLabel.setLabelFor(sizeAxis);
        scatter.addControls(sizeLabel, sizeAxis);
        vm.sizeAxisProperty().addListener((o, a, v) -> showScatter());

        errorVariant.setId("errorVariant");
        errorVariant.valueProperty().bindBidirectional(vm.errorVariantProperty());
        errorVariant.valueProperty().addListener((o, a, v) -> showLayerError());
        HBox errorBar = new HBox(8, new Label("Per-layer error of"), errorVariant);
        errorBar.setAlignment(Pos.CENTER_LEFT);
        VBox errorBox = new VBox(4, errorBar, layerError);
        VBox.setVgrow(layerError, Priority.ALWAYS);

        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.setVgap(8);
        charts.setPadding(new Insets(4, 8, 8, 8));
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        charts.getColumnConstraints().addAll(half, half);
        charts.add(size, 0, 0);
        charts.add(latency, 1, 0);
        charts.add(quality, 0, 1);
        charts.add(scatter, 1, 1);
        charts.add(errorBox, 0, 2, 2, 1);
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        getChildren().addAll(bar, table, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        vm.rows().addListener((ListChangeListener<VariantEntry>) c -> refresh());
        refresh();
    }

    private static String m(VariantEntry v, Function<Measurement, String> f) {
        return v.measurement() == null ? "–" : f.apply(v.measurement());
    }

    private static String lat(VariantEntry v, Function<Latency, String> f) {
        return v.measurement() == null || v.measurement().latency() == null ? "–" : f.apply(v.measurement().latency());
    }

    private static TableColumn<VariantEntry, String> column(String title, double width,
                                                            Function<VariantEntry, String> value) {
        TableColumn<VariantEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private void refresh() {
        table.refresh();
        String qualityName = vm.qualityName();
        qualityColumn.setText(qualityName.equals("accuracy") ? "Accuracy" : "Fidelity");
        List<VariantEntry> measured = vm.measured();
        if (!measured.isEmpty()) {
            note.setText(measured.get(0).measurement().basis());
        }
        VariantEntry keep = vm.errorVariantProperty().get();
        List<VariantEntry> choices = vm.rows().filtered(v -> !v.isBaseline());
        if (!errorVariant.getItems().equals(choices)) {
            errorVariant.getItems().setAll(choices);
            vm.errorVariantProperty().set(choices.contains(keep) ? keep : choices.isEmpty() ? null : choices.get(0));
        }
        if (measured.isEmpty()) {
            String why = "Not measured yet: run the wizard (Ctrl+W) or press Measure.";
            for (ChartPane p : List.of(size, latency, quality, scatter)) {
                p.showEmpty(why);
            }
        } else {
            size.setChart(CompareCharts.size(measured));
            if (measured.stream().anyMatch(v -> v.measurement().latency() != null)) {
                latency.setChart(CompareCharts.latency(measured));
            } else {
                latency.showEmpty("No latency measured.");
            }
            if (vm.scatterPoints().isEmpty()) {
                quality.showEmpty("No accuracy or fidelity measured: choose a dataset in the wizard.");
                scatter.showEmpty("No accuracy or fidelity measured: choose a dataset in the wizard.");
            } else {
                quality.setChart(CompareCharts.quality(measured, qualityName));
                showScatter();
            }
        }
        showLayerError();
    }

    /** Draws the accuracy-vs-size chart on the chosen size axis (nothing to draw leaves the sentence). */
    private void showScatter() {
        List<Pareto.Point> points = vm.scatterPoints();
        if (!points.isEmpty()) {
            SizeAxis axis = vm.sizeAxisProperty().get() == null ? SizeAxis.GZIPPED : vm.sizeAxisProperty().get();
            scatter.setChart(CompareCharts.paretoScatter(points, vm.qualityName(), axis));
        }
    }

    private void showLayerError() {
        VariantEntry v = errorVariant.getValue();
        if (v == null) {
            layerError.showEmpty("Produce or add a variant to see its per-layer error against the baseline.");
        } else if (v.measurement() == null || v.measurement().layerErrors().isEmpty()) {
            layerError.showEmpty("No per-layer error measured for " + v.name() + ".");
        } else {
            layerError.setChart(CompareCharts.layerError(v.name(), v.measurement()));
        }
    }

    public List<ChartPane> charts() {
        return List.of(size, latency, quality, scatter, layerError);
    }

    public TableView<VariantEntry> table() {
        return table;
    }
}
