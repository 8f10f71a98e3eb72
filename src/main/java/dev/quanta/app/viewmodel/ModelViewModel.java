package dev.quanta.app.viewmodel;

import dev.quanta.app.port.IoTensor;
import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the Model view for the selected variant: its summary, the layer table (filterable; the
 * table sorts its own copy) and the selected layer with its details.
 */
public final class ModelViewModel {
    private final ReadOnlyObjectWrapper<ModelSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
    private final FilteredList<LayerRow> filtered = new FilteredList<>(layers, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<LayerRow> selectedLayer = new SimpleObjectProperty<>();

    ModelViewModel(ObjectProperty<VariantEntry> selectedVariant) {
        selectedVariant.addListener((obs, old, entry) -> show(entry));
        filter.addListener((obs, old, text) -> filtered.setPredicate(r -> matches(r, text)));
    }

    private void show(VariantEntry entry) {
        LayerRow previous = selectedLayer.get();
        if (entry == null) {
            summary.set(null);
            layers.clear();
            selectedLayer.set(null);
            return;
        }
        summary.set(entry.model().summary());
        layers.setAll(entry.model().layers());
        // Keep the same layer selected across variants of one model (same execution order).
        LayerRow keep = null;
        if (previous != null && previous.index() < layers.size()
                && layers.get(previous.index()).op().equals(previous.op())) {
            keep = layers.get(previous.index());
        }
        selectedLayer.set(keep != null ? keep : firstWithWeights());
    }

    private LayerRow firstWithWeights() {
        for (LayerRow r : layers) {
            if (WeightLayers.hasWeights(r)) {
                return r;
            }
        }
        return layers.isEmpty() ? null : layers.get(0);
    }

    /** True when {@code text} occurs (case-insensitively) in the op, shapes, types or quantization. */
    static boolean matches(LayerRow r, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.trim().toLowerCase(Locale.ROOT);
        String hay = String.join(" ", String.valueOf(r.index()), r.op(), r.inputShapes(), r.outputShapes(),
                r.dtypes(), r.quantization()).toLowerCase(Locale.ROOT);
        return hay.contains(needle);
    }

    /** The summary as label/value pairs, in display order. */
    public List<String[]> summaryRows() {
        ModelSummary s = summary.get();
        List<String[]> rows = new ArrayList<>();
        if (s == null) {
            return rows;
        }
        rows.add(new String[] {"File", s.fileName()});
        rows.add(new String[] {"Size", Format.bytes(s.bytes()) + " (" + Format.count(s.bytes()) + " bytes)"});
        rows.add(new String[] {"Gzipped", Format.bytes(s.gzippedBytes())});
        rows.add(new String[] {"Operators", Integer.toString(s.operators())});
        StringBuilder params = new StringBuilder(Format.count(s.totalParameters()));
        if (!s.parametersByDtype().isEmpty()) {
            params.append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> e : s.parametersByDtype().entrySet()) {
                params.append(first ? "" : ", ").append(e.getKey()).append(' ').append(Format.count(e.getValue()));
                first = false;
            }
            params.append(')');
        }
        rows.add(new String[] {"Parameters", params.toString()});
        for (IoTensor t : s.inputs()) {
            rows.add(new String[] {"Input", describe(t)});
        }
        for (IoTensor t : s.outputs()) {
            rows.add(new String[] {"Output", describe(t)});
        }
        return rows;
    }

    private static String describe(IoTensor t) {
        String q = t.quantization() == null || t.quantization().isEmpty() ? "" : " " + t.quantization();
        return t.name() + "  " + t.dtype() + Format.shape(t.shape()) + q;
    }

    /** The selected layer's details as text lines. */
    public List<String> details() {
        LayerRow r = selectedLayer.get();
        List<String> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        out.add("#" + r.index() + "  " + r.op() + " (version " + r.version() + ")");
        out.add("inputs:  " + r.inputShapes());
        out.add("outputs: " + r.outputShapes());
        out.add("types:   " + r.dtypes());
        out.add("parameters: " + Format.count(r.parameters()) + " (" + Format.bytes(r.bytes()) + "), "
                + String.format(Locale.ROOT, "%.1f %% zeros", r.sparsity() * 100)
                + weightZeros(r));
        out.add("quantization: " + r.quantization());
        out.addAll(r.details());
        return out;
    }

    /**
     * The zeros among the layer's weights alone, as the Weights view's sparsity chart counts them
     * (biases and shape or index constants excluded), when that differs from all parameters.
     */
    private static String weightZeros(LayerRow r) {
        long n = 0;
        double zeros = 0;
        for (var c : WeightLayers.weights(r)) {
            n += c.elements();
            zeros += c.sparsity() * c.elements();
        }
        if (n == 0 || n == r.parameters()) {
            return "";
        }
        return String.format(Locale.ROOT, "; weights %s, %.1f %% zeros", Format.count(n), zeros / n * 100);
    }

    public ReadOnlyObjectProperty<ModelSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** All layers of the selected variant. */
    public ObservableList<LayerRow> layers() {
        return layers;
    }

    /** The layers passing the filter (wrap in a SortedList for the table). */
    public FilteredList<LayerRow> filteredLayers() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<LayerRow> selectedLayerProperty() {
        return selectedLayer;
    }
}
