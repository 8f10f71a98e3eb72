package dev.quanta.app.wizard;

import dev.quanta.app.port.DatasetCatalog;
import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.FineTune;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Training;
import dev.quanta.app.viewmodel.TaskRunner;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The ControlsFX wizard over a {@link WizardViewModel}: target, representative data, labeled data,
 * fallback and I/O, then the recommendation with the modes to produce and the equivalent Python.
 * It is shown without blocking; Finish hands the view model to {@code onFinish}.
 */
public final class QuantizationWizard {
    private final WizardViewModel vm;
    private final Wizard wizard;
    private final List<WizardPane> pages;
    private final StringBinding nothingToProduce;

    /**
     * @param datasets datasets for calibration and evaluation, filled by a background scan
     * @param scanned true once the scan is done
     * @param catalog reads dataset previews, or {@code null} without datasets
     * @param tasks reads dataset previews in the background
     */
    public QuantizationWizard(Window owner, WizardViewModel vm, ObservableList<DatasetInfo> datasets,
                              ReadOnlyBooleanProperty scanned, DatasetCatalog catalog, TaskRunner tasks,
                              Consumer<WizardViewModel> onFinish) {
        this.vm = vm;
        this.nothingToProduce = vm.nothingToProduce();
        this.wizard = new Wizard(owner, "Quantization Wizard");
        this.pages = List.of(
                WizardPages.target(vm),
                WizardPages.representativeData(vm, datasets, scanned, (id, show) -> tasks.query(
                        "Reading samples of " + id, () -> catalog.preview(id, 8), show)),
                WizardPages.labeledData(vm, datasets, scanned),
                WizardPages.fallbackAndIo(vm),
                recommendationPage());
        wizard.setFlow(new Wizard.LinearFlow(pages));
        wizard.getDialog().setResizable(true);
        wizard.getDialog().setOnHidden(e -> {
            if (wizard.getDialog().getResult() == ButtonType.FINISH) {
                onFinish.accept(vm);
            }
        });
    }

    private WizardPane recommendationPage() {
        VBox content = new VBox(8);
        WizardPane page = new WizardPane() {
            @Override
            public void onEnteringPage(Wizard w) {
                vm.applyRecommendation();
                fillRecommendation(content);
                // Finish is disabled while it would produce nothing; the page says why.
                w.invalidProperty().bind(nothingToProduce.isNotEmpty());
            }

            @Override
            public void onExitingPage(Wizard w) {
                w.invalidProperty().unbind();
                w.setInvalid(false);
            }
        };
        page.setHeaderText("5 · Recommendation");
        content.setPadding(new Insets(10, 14, 10, 14));
        content.setPrefWidth(WizardPages.WIDTH);
        page.setContent(content);
        return page;
    }

    private void fillRecommendation(VBox content) {
        Recommendation r = vm.recommendation();
        Label mode = new Label("Recommended: " + r.mode().title() + " — " + r.mode().effect() + " (" + r.mode().hardware() + ")");
        mode.getStyleClass().add("wizard-effect");
        mode.setId("recommendedMode");
        content.getChildren().setAll(mode, WizardPages.text(r.reason()));
        if (!r.warning().isEmpty()) {
            Label w = WizardPages.text(r.warning());
            w.getStyleClass().add("wizard-warning");
            content.getChildren().add(w);
        }
        TextArea code = new TextArea(vm.pythonCode());
        code.setId("pythonCode");
        code.setEditable(false);
        code.getStyleClass().add("mono");
        code.setPrefRowCount(12);
        GridPane modes = new GridPane();
        modes.setHgap(14);
        modes.setVgap(4);
        modes.addRow(0, bold("Produce"), bold("Expected effect (TensorFlow)"), bold("Hardware"));
        int row = 1;
        for (QuantMode m : QuantMode.values()) {
            CheckBox c = new CheckBox(m.title() + (m == r.mode() ? "  (recommended)" : ""));
            c.setId("mode-" + m.name());
            c.setSelected(vm.chosenModes().contains(m));
            c.setDisable(!vm.canChoose(m));
            c.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    vm.chosenModes().add(m);
                } else {
                    vm.chosenModes().remove(m);
                }
                code.setText(vm.pythonCode());
            });
            modes.addRow(row++, c, new Label(m.effect()), new Label(m.hardware()));
        }
        content.getChildren().add(modes);
        content.getChildren().add(trainingOptions(code));
        Label nothing = WizardPages.text("");
        nothing.setId("nothingToProduce");
        nothing.getStyleClass().add("wizard-warning");
        nothing.textProperty().bind(nothingToProduce);
        nothing.visibleProperty().bind(nothingToProduce.isNotEmpty());
        nothing.managedProperty().bind(nothing.visibleProperty());
        content.getChildren().add(nothing);
        content.getChildren().addAll(bold("The same with TensorFlow's converter:"), code);
    }

    /**
     * Pruning, QAT and clustering with their editable numbers (offered only with labeled data), or a
     * sentence saying why they are not.
     */
    private VBox trainingOptions(TextArea code) {
        VBox box = new VBox(6);
        box.setId("fineTuning");
        if (!vm.hasLabeledDataProperty().get() || vm.labeledDatasetProperty().get() == null) {
            box.getChildren().add(WizardPages.text("Pruning, quantization-aware training and weight clustering "
                    + "fine-tune on labeled data: choose a labeled dataset on page 3 to get them."));
            return box;
        }
        Runnable refresh = () -> code.setText(vm.pythonCode());
        box.getChildren().add(bold("Fine-tune on " + vm.labeledDatasetProperty().get().name()
                + ", one variant per technique and mode (float when no mode is checked):"));
        GridPane techniques = new GridPane();
        techniques.setHgap(14);
        techniques.setVgap(4);
        int row = 0;
        for (Training t : Training.values()) {
            CheckBox c = new CheckBox(t.title());
            c.setId("training-" + t.name());
            c.setSelected(vm.chosenTraining().contains(t));
            c.setDisable(!vm.canChoose(t));
            c.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    vm.chosenTraining().add(t);
                } else {
                    vm.chosenTraining().remove(t);
                }
                refresh.run();
            });
            Label effect = new Label(t.effect() + (vm.canChoose(t) ? "" : " (not in this build's engine)"));
            techniques.addRow(row++, c, effect, settings(t, refresh));
        }
        CheckBox combine = new CheckBox("Combine the chosen techniques in one variant");
        combine.setId("combineTraining");
        combine.selectedProperty().bindBidirectional(vm.combineTrainingProperty());
        combine.selectedProperty().addListener((o, a, on) -> refresh.run());
        Spinner<Integer> epochs = intSpinner("trainingEpochs", 1, 20, 1, vm.trainingEpochsProperty(), refresh);
        Spinner<Integer> samples = intSpinner("trainingSamples", 2 * FineTune.BATCH, 60_000, 1000,
                vm.trainingSamplesProperty(), refresh);
        HBox run = new HBox(8, new Label("Epochs"), epochs, new Label("Training samples"), samples, combine);
        run.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().addAll(techniques, run, WizardPages.text("Training takes the samples after the ones "
                + "the variants are evaluated on; Adam, learning rate "
                + new java.math.BigDecimal(Float.toString(FineTune.LEARNING_RATE)).stripTrailingZeros().toPlainString() + ", batch "
                + FineTune.BATCH + "."));
        return box;
    }

    private HBox settings(Training t, Runnable refresh) {
        HBox box = new HBox(6);
        box.setAlignment(Pos.CENTER_LEFT);
        switch (t) {
            case PRUNING -> {
                Spinner<Double> from = percentSpinner("initialSparsity", vm.initialSparsityProperty(), refresh);
                Spinner<Double> to = percentSpinner("finalSparsity", vm.finalSparsityProperty(), refresh);
                box.getChildren().addAll(new Label("sparsity from"), from, new Label("to"), to);
            }
            case CLUSTERING -> box.getChildren().addAll(new Label("clusters per layer"),
                    intSpinner("clusters", 2, 256, 1, vm.clustersProperty(), refresh));
            case QAT -> box.getChildren().add(new Label("full integer (int8), ranges learned in training"));
        }
        return box;
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, int step,
                                               javafx.beans.property.IntegerProperty value, Runnable refresh) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(id.equals("trainingSamples") ? 100 : 72);
        s.valueProperty().addListener((o, a, v) -> {
            value.set(v);
            refresh.run();
        });
        return s;
    }

    private static Spinner<Double> percentSpinner(String id, javafx.beans.property.DoubleProperty value,
                                                  Runnable refresh) {
        Spinner<Double> s = new Spinner<>(0.0, 0.95, value.get(), 0.05);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(84);
        s.getValueFactory().setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : Math.round(v * 100) + " %";
            }

            @Override
            public Double fromString(String text) {
                try {
                    double v = Double.parseDouble(text.replace("%", "").trim()) / 100;
                    return Math.max(0, Math.min(0.95, v));
                } catch (NumberFormatException e) {
                    return value.get();
                }
            }
        });
        s.valueProperty().addListener((o, a, v) -> {
            value.set(v);
            refresh.run();
        });
        return s;
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    /** Shows the wizard without blocking the caller. */
    public void show() {
        wizard.getDialog().show();
    }

    /** The button of the current page with this role (NEXT_FORWARD, FINISH...), or {@code null}. */
    public javafx.scene.control.Button button(javafx.scene.control.ButtonBar.ButtonData role) {
        javafx.scene.control.DialogPane pane = wizard.getDialog().getDialogPane();
        for (ButtonType t : pane.getButtonTypes()) {
            if (t.getButtonData() == role && pane.lookupButton(t) instanceof javafx.scene.control.Button b) {
                return b;
            }
        }
        return null;
    }

    public Wizard wizard() {
        return wizard;
    }

    public List<WizardPane> pages() {
        return pages;
    }

    public WizardViewModel viewModel() {
        return vm;
    }
}
