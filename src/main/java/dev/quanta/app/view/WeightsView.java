package dev.quanta.app.view;

import dev.quanta.app.chart.WeightCharts;
import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.WeightTensor;
import dev.quanta.app.viewmodel.Format;
import dev.quanta.app.viewmodel.ModelViewModel;
import dev.quanta.app.viewmodel.WeightLayers;
import dev.quanta.app.viewmodel.WeightsViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Weights view: for the selected layer's tensor, and one of its channels or all, a histogram with
 * the int8 grid and min/max/mean/std/zeros; the per-channel range, a heatmap of a 2-D slice (axes and
 * fixed indices chosen here), and the whole model's sparsity.
 */
public final class WeightsView extends VBox {
    private final WeightsViewModel vm;
    private final ModelViewModel model;
    private final ChartPane histogram;
    private final ChartPane channels;
    private final ChartPane heatmap;
    private final ChartPane sparsity;
    private final ComboBox<LayerRow> layer = new ComboBox<>();
    private final ComboBox<WeightTensor> tensor = new ComboBox<>();
    private final Spinner<Integer> channel = new Spinner<>();
    private final Label stats = new Label();
    private final ComboBox<Integer> rowAxis = new ComboBox<>();
    private final ComboBox<Integer> colAxis = new ComboBox<>();
    private final HBox fixedBox = new HBox(6);

    public WeightsView(WeightsViewModel vm, ModelViewModel model, Consumer<String> errors) {
        this.vm = vm;
        this.model = model;
        setId("weightsView");
        histogram = new ChartPane("weight-histogram", errors);
        channels = new ChartPane("channel-range", errors);
        heatmap = new ChartPane("kernel-heatmap", errors);
        sparsity = new ChartPane("sparsity-by-layer", errors);

        layer.setId("weightsLayer");
        layer.setConverter(converter(r -> r.index() + "  " + r.op()));
        model.layers().addListener((javafx.collections.ListChangeListener<LayerRow>) c -> refreshLayers());
        layer.valueProperty().addListener((o, a, r) -> {
            if (r != null && model.selectedLayerProperty().get() != r) {
                model.selectedLayerProperty().set(r);
            }
        });
        model.selectedLayerProperty().addListener((o, a, r) -> layer.setValue(r));
        tensor.setId("weightsTensor");
        tensor.setItems(vm.tensors());
        tensor.setConverter(converter(t -> t.name() + "  " + t.dtype() + Format.shape(t.shape())));
        tensor.valueProperty().bindBidirectional(vm.tensorProperty());
        channel.setId("weightsChannel");
        channel.setEditable(true);
        channel.setPrefWidth(90);
        channel.valueProperty().addListener((o, a, c) -> vm.channelProperty().set(c == null ? WeightsViewModel.ALL : c));
        stats.setId("weightsStats");
        rowAxis.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.rowAxisProperty().set(v);
                rebuildFixed();
            }
        });
        colAxis.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.colAxisProperty().set(v);
                rebuildFixed();
            }
        });

        FlowPane controls = new FlowPane(12, 6, labeled("Layer", layer), labeled("Tensor", tensor),
                labeled("Channel", channel), stats);
        controls.setPadding(new Insets(8));
        controls.setAlignment(Pos.CENTER_LEFT);
        FlowPane sliceControls = new FlowPane(10, 4, labeled("Heatmap rows: axis", rowAxis),
                labeled("columns: axis", colAxis), fixedBox);
        sliceControls.setAlignment(Pos.CENTER_LEFT);
        sliceControls.setPadding(new Insets(0, 4, 2, 4));

        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.setVgap(8);
        charts.setPadding(new Insets(4, 8, 8, 8));
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        charts.getColumnConstraints().addAll(half, half);
        VBox heatBox = new VBox(4, sliceControls, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        charts.add(histogram, 0, 0);
        charts.add(channels, 1, 0);
        charts.add(heatBox, 0, 1);
        charts.add(sparsity, 1, 1);
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        getChildren().addAll(controls, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        vm.histogramProperty().addListener((o, a, h) -> showHistogram());
        vm.gridProperty().addListener((o, a, g) -> showHistogram());
        vm.statsProperty().addListener((o, a, st) -> showStats());
        vm.channelProperty().addListener((o, a, c) -> {
            if (channel.getValueFactory() != null && !c.equals(channel.getValue())) {
                channel.getValueFactory().setValue(c.intValue());
            }
        });
        vm.channelRangesProperty().addListener((o, a, r) -> showChannels());
        vm.sliceProperty().addListener((o, a, s) -> showHeatmap());
        vm.tensorProperty().addListener((o, a, t) -> showTensorControls(t));
        showTensorControls(null);
    }

    private static HBox labeled(String text, javafx.scene.Node node) {
        HBox b = new HBox(6, new Label(text), node);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private void refreshLayers() {
        List<LayerRow> withWeights = new ArrayList<>();
        for (LayerRow r : model.layers()) {
            if (WeightLayers.hasWeights(r)) {
                withWeights.add(r);
            }
        }
        layer.getItems().setAll(withWeights);
        String name = model.summaryProperty().get() == null ? "" : model.summaryProperty().get().fileName();
        if (withWeights.isEmpty()) {
            sparsity.showEmpty("This model has no layers with constant weights.");
        } else {
            sparsity.setChart(WeightCharts.sparsityByLayer(name, WeightLayers.sparsity(model.layers())));
        }
    }

    private void showTensorControls(WeightTensor t) {
        if (t == null) {
            LayerRow r = model.selectedLayerProperty().get();
            String why = r == null ? "Select a layer in the Model view."
                    : WeightLayers.hasWeights(r) ? "Reading the weights…"
                    : "Layer " + r.index() + " (" + r.op() + ") has no weight tensors"
                            + (r.hasWeights() ? " (only shape, axis, index or integer constants)." : ".");
            stats.setText("");
            histogram.showEmpty(why);
            channels.showEmpty(why);
            heatmap.showEmpty(why);
            rowAxis.getItems().clear();
            colAxis.getItems().clear();
            fixedBox.getChildren().clear();
            return;
        }
        int channelsCount = vm.channelCount();
        var factory = new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(
                WeightsViewModel.ALL, Math.max(0, channelsCount - 1), WeightsViewModel.ALL);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer c) {
                return c == null || c < 0 ? "all" : Integer.toString(c);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return s == null || s.isBlank() || s.trim().equalsIgnoreCase("all") ? WeightsViewModel.ALL
                            : Math.max(WeightsViewModel.ALL, Math.min(channelsCount - 1, Integer.parseInt(s.trim())));
                } catch (NumberFormatException e) {
                    return WeightsViewModel.ALL;
                }
            }
        });
        channel.setValueFactory(factory);
        channel.setDisable(channelsCount <= 1);
        showStats();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < t.shape().length; i++) {
            axes.add(i);
        }
        rowAxis.getItems().setAll(axes);
        colAxis.getItems().setAll(axes);
        // Clear first: after the items change the old value would otherwise show as blank.
        rowAxis.setValue(null);
        colAxis.setValue(null);
        rowAxis.setValue(vm.rowAxisProperty().get());
        colAxis.setValue(vm.colAxisProperty().get());
        rowAxis.setDisable(axes.size() < 2);
        colAxis.setDisable(axes.size() < 2);
        rebuildFixed();
        showHistogram();
        showChannels();
        showHeatmap();
    }

    private void rebuildFixed() {
        fixedBox.getChildren().clear();
        WeightTensor t = vm.tensorProperty().get();
        if (t == null) {
            return;
        }
        int[] shape = t.shape();
        int[] fixed = vm.fixedIndicesProperty().get();
        for (int a = 0; a < shape.length; a++) {
            if (a == vm.rowAxisProperty().get() || a == vm.colAxisProperty().get()) {
                continue;
            }
            int axis = a;
            Spinner<Integer> s = new Spinner<>(0, shape[a] - 1, a < fixed.length ? fixed[a] : 0);
            s.setPrefWidth(75);
            s.setEditable(true);
            s.valueProperty().addListener((o, old, v) -> vm.setFixedIndex(axis, v == null ? 0 : v));
            fixedBox.getChildren().add(labeled("axis " + a + " at", s));
        }
    }

    private void showHistogram() {
        WeightTensor t = vm.tensorProperty().get();
        if (t != null && vm.histogramProperty().get() != null) {
            histogram.setChart(WeightCharts.histogram(scopeName(t), vm.histogramProperty().get(), vm.gridProperty().get()));
        }
    }

    /** The tensor's name, with the channel when one is chosen. */
    private String scopeName(WeightTensor t) {
        int c = vm.channelProperty().get();
        return c < 0 ? t.name() : t.name() + ", channel " + c + " (axis " + vm.channelAxis() + ")";
    }

    private void showStats() {
        WeightTensor t = vm.tensorProperty().get();
        var st = vm.statsProperty().get();
        if (t == null || st == null) {
            stats.setText("");
            return;
        }
        int c = vm.channelProperty().get();
        int n = vm.channelCount();
        String scope = n <= 1 ? "" : c < 0 ? "all " + n + " channels: " : "channel " + c + " of " + n + ": ";
        stats.setText(String.format(Locale.ROOT, "%s%s elements, min %.4g, max %.4g, mean %.4g, std %.4g, %.1f %% zeros; %s",
                scope, Format.count(st.count()), st.min(), st.max(), st.mean(), st.std(), st.zeros() * 100,
                t.isQuantized() ? t.dtype() + " quantized" : t.dtype()));
    }

    private void showChannels() {
        WeightTensor t = vm.tensorProperty().get();
        if (t != null && vm.channelRangesProperty().get() != null) {
            channels.setChart(WeightCharts.channelRange(t.name(), vm.channelRangesProperty().get(), vm.channelAxis()));
        }
    }

    private void showHeatmap() {
        WeightTensor t = vm.tensorProperty().get();
        float[][] s = vm.sliceProperty().get();
        if (t == null || s == null) {
            return;
        }
        int[] shape = t.shape();
        String rows = shape.length > 1 ? "axis " + vm.rowAxisProperty().get() + " (index)" : "row";
        String cols = shape.length > 1 ? "axis " + vm.colAxisProperty().get() + " (index)" : "element (index)";
        heatmap.setChart(WeightCharts.heatmap("Kernel slice: " + t.name() + " " + Format.shape(shape), s, rows, cols));
    }

    /** The charts of this view, for Export. */
    public List<ChartPane> charts() {
        return List.of(histogram, channels, heatmap, sparsity);
    }
}
