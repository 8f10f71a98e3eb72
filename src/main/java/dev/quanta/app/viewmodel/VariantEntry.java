package dev.quanta.app.viewmodel;

import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.port.Recipe;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One entry of the variants list: the baseline, a variant Quanta produced (with its recipe), or
 * another model the user added for comparison. The measurement arrives later.
 */
public final class VariantEntry {
    private final String name;
    private final String recipeText;
    private final Recipe recipe;
    private final LoadedModel model;
    private final boolean baseline;
    private final ObjectProperty<Measurement> measurement = new SimpleObjectProperty<>();

    private VariantEntry(String name, String recipeText, Recipe recipe, LoadedModel model, boolean baseline) {
        this.name = name;
        this.recipeText = recipeText;
        this.recipe = recipe;
        this.model = model;
        this.baseline = baseline;
    }

    public static VariantEntry baseline(LoadedModel model) {
        return new VariantEntry(model.file().getFileName().toString(), "baseline", null, model, true);
    }

    /** A model the user added next to the baseline (not produced by Quanta). */
    public static VariantEntry added(LoadedModel model) {
        return new VariantEntry(model.file().getFileName().toString(), "added for comparison", null, model, false);
    }

    public static VariantEntry produced(LoadedModel model, Recipe recipe) {
        return new VariantEntry(model.file().getFileName().toString(), recipe.describe(), recipe, model, false);
    }

    public String name() {
        return name;
    }

    /** A short label for chart axes: "baseline", the recipe's label ("int8", "pruned 80% + int8"), or the file's stem. */
    public String shortName() {
        if (baseline) {
            return "baseline";
        }
        return recipe != null ? recipe.label() : name.replaceFirst("(?i)\\.tflite$", "");
    }

    /** The recipe in words ({@code "baseline"} for the original). */
    public String recipeText() {
        return recipeText;
    }

    /** The recipe that produced it, or {@code null}. */
    public Recipe recipe() {
        return recipe;
    }

    public LoadedModel model() {
        return model;
    }

    public Path file() {
        return model.file();
    }

    public boolean isBaseline() {
        return baseline;
    }

    public ObjectProperty<Measurement> measurementProperty() {
        return measurement;
    }

    public Measurement measurement() {
        return measurement.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
