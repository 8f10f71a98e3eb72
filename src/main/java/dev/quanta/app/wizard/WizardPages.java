package dev.quanta.app.wizard;

import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.IoType;
import dev.quanta.app.port.SamplePreview;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.controlsfx.dialog.WizardPane;

/** The question pages of the quantization wizard, each bound to the {@link WizardViewModel}. */
final class WizardPages {
    static final double WIDTH = 880;

    private WizardPages() {
    }

    static WizardPane page(String header, javafx.scene.Node content) {
        WizardPane p = new WizardPane();
        p.setHeaderText(header);
        VBox box = new VBox(content);
        box.setPadding(new Insets(10, 14, 10, 14));
        box.setPrefWidth(WIDTH);
        box.setMinHeight(360);
        p.setContent(box);
        return p;
    }

    static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMaxWidth(WIDTH - 40);
        return l;
    }

    static WizardPane target(WizardViewModel vm) {
        ToggleGroup group = new ToggleGroup();
        VBox box = new VBox(10, text("Where will the model run? This decides which quantization mode fits "
                + "(TensorFlow Lite's post-training decision tree)."));
        for (Target t : Target.values()) {
            RadioButton r = new RadioButton(t.toString());
            r.setId("target-" + t.name());
            r.setToggleGroup(group);
            r.setUserData(t);
            r.setSelected(vm.targetProperty().get() == t);
            box.getChildren().add(r);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.targetProperty().set((Target) t.getUserData());
            }
        });
        return page("1 · Target hardware", box);
    }

    /** A sentence under the dataset choice: still scanning, none found, or nothing. */
    private static Label datasetStatus(ObservableList<DatasetInfo> datasets, ReadOnlyBooleanProperty scanned,
                                       String none) {
        Label l = text("");
        l.setId("datasetStatus");
        Runnable update = () -> l.setText(!scanned.get() ? "Looking for datasets…" : datasets.isEmpty() ? none : "");
        scanned.addListener((o, a, b) -> update.run());
        datasets.addListener((ListChangeListener<DatasetInfo>) c -> update.run());
        update.run();
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    static WizardPane representativeData(WizardViewModel vm, ObservableList<DatasetInfo> datasets,
                                         ReadOnlyBooleanProperty scanned,
                                         BiConsumer<String, java.util.function.Consumer<List<SamplePreview>>> preview) {
        CheckBox has = new CheckBox("I have representative data (about 100-500 typical inputs)");
        has.setId("hasRepresentativeData");
        has.selectedProperty().bindBidirectional(vm.hasRepresentativeDataProperty());
        has.disableProperty().bind(Bindings.isEmpty(datasets));
        ComboBox<DatasetInfo> dataset = new ComboBox<>(datasets);
        dataset.setId("representativeDataset");
        Spinner<Integer> samples = new Spinner<>(10, 10_000, vm.calibrationSamplesProperty().get(), 50);
        samples.setEditable(true);
        samples.valueProperty().addListener((o, a, v) -> vm.calibrationSamplesProperty().set(v));
        Label preprocessing = text("");
        FlowPane thumbs = new FlowPane(6, 6);
        thumbs.setId("samplePreview");
        VBox box = new VBox(10, text("Full-integer and 16x8 quantization calibrate activation ranges on "
                + "representative inputs. Without them, only dynamic range and float16 are possible."), has,
                datasetStatus(datasets, scanned, "No datasets were found (looked in $QUANTA_DATASETS, "
                        + "../shared/datasets, datasets/ and /usr/share/datasets)."));
        dataset.valueProperty().bindBidirectional(vm.representativeDatasetProperty());
        dataset.disableProperty().bind(has.selectedProperty().not());
        samples.disableProperty().bind(has.selectedProperty().not());
        dataset.valueProperty().addListener((o, a, d) -> {
            thumbs.getChildren().clear();
            preprocessing.setText(d == null ? "" : "Preprocessing: " + d.preprocessing());
            if (d != null) {
                preview.accept(d.id(), list -> showThumbs(thumbs, list));
            }
        });
        box.getChildren().addAll(new HBox(8, new Label("Dataset"), dataset, new Label("Calibration samples"), samples),
                preprocessing, new Label("Preview (after preprocessing)"), thumbs);
        return page("2 · Representative data", box);
    }

    private static void showThumbs(FlowPane pane, List<SamplePreview> samples) {
        pane.getChildren().clear();
        for (SamplePreview s : samples) {
            WritableImage img = new WritableImage(s.width(), s.height());
            PixelWriter w = img.getPixelWriter();
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    double v = Math.max(0, Math.min(1, s.pixels()[y * s.width() + x]));
                    w.setColor(x, y, Color.gray(v));
                }
            }
            ImageView view = new ImageView(img);
            view.setFitWidth(56);
            view.setFitHeight(56);
            view.setSmooth(false);
            VBox cell = new VBox(2, view, new Label(s.label()));
            pane.getChildren().add(cell);
        }
    }

    static WizardPane labeledData(WizardViewModel vm, ObservableList<DatasetInfo> datasets,
                                  ReadOnlyBooleanProperty scanned) {
        CheckBox has = new CheckBox("I have labeled evaluation data");
        has.setId("hasLabeledData");
        has.selectedProperty().bindBidirectional(vm.hasLabeledDataProperty());
        VBox box = new VBox(10, text("With labels Quanta measures top-1 accuracy of every variant; without "
                + "them it measures fidelity (how often a variant agrees with the baseline). Labeled data "
                + "also enables pruning, quantization-aware training and weight clustering (fine-tuning "
                + "on the samples after the evaluation samples), offered on the last page."), has);
        FilteredList<DatasetInfo> labeled = datasets.filtered(DatasetInfo::labeled);
        has.disableProperty().bind(Bindings.isEmpty(labeled));
        ComboBox<DatasetInfo> dataset = new ComboBox<>(labeled);
        dataset.setId("labeledDataset");
        dataset.valueProperty().bindBidirectional(vm.labeledDatasetProperty());
        dataset.disableProperty().bind(has.selectedProperty().not());
        box.getChildren().addAll(datasetStatus(labeled, scanned, "No labeled datasets were found."),
                new HBox(8, new Label("Dataset"), dataset));
        return page("3 · Labeled evaluation data", box);
    }

    static WizardPane fallbackAndIo(WizardViewModel vm) {
        CheckBox fallback = new CheckBox("Allow float fallback for ops without integer kernels");
        fallback.setId("floatFallback");
        fallback.selectedProperty().bindBidirectional(vm.floatFallbackProperty());
        ToggleGroup io = new ToggleGroup();
        HBox ios = new HBox(14);
        for (IoType t : IoType.values()) {
            RadioButton r = new RadioButton(t.name().toLowerCase());
            r.setId("io-" + t.name());
            r.setUserData(t);
            r.setToggleGroup(io);
            ios.getChildren().add(r);
        }
        Runnable sync = () -> io.getToggles().forEach(t -> t.setSelected(t.getUserData() == vm.ioTypeProperty().get()));
        vm.ioTypeProperty().addListener((o, a, t) -> sync.run());
        sync.run();
        io.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.ioTypeProperty().set((IoType) t.getUserData());
            }
        });
        VBox box = new VBox(10, text("Full-integer models may keep ops without integer kernels in float "
                + "(fallback). Integer-only hardware needs every op in integers, so no fallback."), fallback,
                text("Input and output type of full-integer models (inference_input_type / inference_output_type). "
                        + "Integer I/O removes the QUANTIZE/DEQUANTIZE at the edges; the caller then feeds "
                        + "quantized inputs."), ios);
        return page("4 · Float fallback and I/O type", box);
    }
}
