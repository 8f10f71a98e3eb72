package dev.quanta.app.viewmodel;

import dev.quanta.app.port.ComparedModel;
import dev.quanta.app.port.Measurement;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Compare view: the variants with their measurements (the list updates when a
 * measurement arrives), the variant whose per-layer error is shown, the size axis of the
 * accuracy-vs-size scatter, and the points of that scatter (whose Pareto front is on that axis).
 */
public final class CompareViewModel {
    private final ObservableList<VariantEntry> rows;
    private final ObjectProperty<VariantEntry> errorVariant = new SimpleObjectProperty<>();
    private final ObjectProperty<SizeAxis> sizeAxis = new SimpleObjectProperty<>(SizeAxis.GZIPPED);

    CompareViewModel(ObservableList<VariantEntry> variants) {
        // An extractor list: listeners hear about measurement changes as list updates.
        this.rows = FXCollections.observableArrayList(v -> new Observable[] {v.measurementProperty()});
        variants.addListener((javafx.collections.ListChangeListener<VariantEntry>) c -> sync(variants));
        sync(variants);
    }

    private void sync(List<VariantEntry> variants) {
        rows.setAll(variants);
        VariantEntry e = errorVariant.get();
        if (e == null || !rows.contains(e)) {
            errorVariant.set(rows.stream().filter(v -> !v.isBaseline()).findFirst().orElse(null));
        }
    }

    /** Every entry, baseline first; observe it for measurement changes too. */
    public ObservableList<VariantEntry> rows() {
        return rows;
    }

    /** The measured entries, in list order. */
    public List<VariantEntry> measured() {
        List<VariantEntry> out = new ArrayList<>();
        for (VariantEntry v : rows) {
            if (v.measurement() != null) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Points of the accuracy-vs-size scatter: measured entries that have a quality, sized on the
     * chosen {@link #sizeAxisProperty() size axis}.
     */
    public List<Pareto.Point> scatterPoints() {
        SizeAxis axis = sizeAxis.get() == null ? SizeAxis.GZIPPED : sizeAxis.get();
        List<Pareto.Point> out = new ArrayList<>();
        for (VariantEntry v : measured()) {
            Double q = v.measurement().quality();
            if (q != null) {
                out.add(new Pareto.Point(v.shortName(), axis.bytes(v.measurement()), q));
            }
        }
        return out;
    }

    /** "accuracy" when any row has an accuracy, else "fidelity" (agreement with the baseline). */
    public String qualityName() {
        for (VariantEntry v : measured()) {
            if (v.measurement().accuracy() != null) {
                return "accuracy";
            }
        }
        return "fidelity";
    }

    /** The rows as the report writers take them. */
    public List<ComparedModel> comparedModels() {
        List<ComparedModel> out = new ArrayList<>();
        for (VariantEntry v : measured()) {
            Measurement m = v.measurement();
            out.add(new ComparedModel(v.name(), v.recipeText(), v.model(), m));
        }
        return out;
    }

    public ObjectProperty<VariantEntry> errorVariantProperty() {
        return errorVariant;
    }

    /** The size the accuracy-vs-size scatter and its Pareto front use (gzipped by default). */
    public ObjectProperty<SizeAxis> sizeAxisProperty() {
        return sizeAxis;
    }
}
