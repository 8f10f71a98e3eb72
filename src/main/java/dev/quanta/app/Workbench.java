package dev.quanta.app;

import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Training;
import dev.quanta.app.port.VariantOptimizer;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.app.settings.SettingsStore;
import dev.quanta.app.view.MainWindow;
import dev.quanta.app.viewmodel.TaskRunner;
import dev.quanta.app.viewmodel.WorkbenchViewModel;
import dev.quanta.app.wizard.QuantizationWizard;
import dev.quanta.app.wizard.WizardViewModel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/** Puts the workbench together: view model, window, wizard action. Used by the app and the GUI tests. */
public final class Workbench {
    private final WorkbenchViewModel vm;
    private final MainWindow window;
    private Consumer<QuantizationWizard> wizardListener = w -> { };

    public Workbench(Stage stage, WorkbenchPorts ports, TaskRunner tasks, SettingsStore settings, Path variantDir,
                     List<Path> samples, Function<List<Path>, Optional<WorkbenchViewModel.OpenMode>> askReplaceOrAdd) {
        this.vm = new WorkbenchViewModel(ports, tasks, settings, variantDir, samples);
        this.window = new MainWindow(stage, vm, askReplaceOrAdd);
        window.setWizardAction(this::openWizard);
    }

    /** Opens the quantization wizard on the baseline; Finish produces and measures the variants. */
    public QuantizationWizard openWizard() {
        if (vm.baseline() == null) {
            vm.tasks().reportError("Open a model before starting the quantization wizard.");
            return null;
        }
        Optional<VariantOptimizer> optimizer = vm.ports().optimizer();
        Set<QuantMode> modes = optimizer.map(VariantOptimizer::supportedModes).orElse(Set.of());
        Set<Training> training = optimizer.map(VariantOptimizer::supportedTraining).orElse(Set.of());
        WizardViewModel wvm = new WizardViewModel(modes.isEmpty() ? EnumSet.noneOf(QuantMode.class) : EnumSet.copyOf(modes),
                training.isEmpty() ? EnumSet.noneOf(Training.class) : EnumSet.copyOf(training));
        QuantizationWizard wizard = new QuantizationWizard(window.stage(), wvm, vm.datasets(),
                vm.datasetsScannedProperty(), vm.ports().datasets().orElse(null), vm.tasks(), done -> {
                    // With no mode chosen (or none this engine can make) Finish still measures the open models.
                    vm.production().produce(done.recipes(), done.evaluationDataset());
                    if (done.recipes().isEmpty()) {
                        vm.tasks().reportError(optimizer.isEmpty()
                                ? "This build's engine cannot quantize yet, so Finish measured the open models only."
                                : "No mode was chosen, so Finish measured the open models only.");
                    }
                    window.showTab(2);
                });
        if (optimizer.isEmpty()) {
            vm.tasks().reportError("This build's engine cannot quantize yet: the wizard shows its advice, "
                    + "but Finish will not produce variants.");
        }
        wizardListener.accept(wizard);
        wizard.show();
        return wizard;
    }

    /** Called with each wizard before it is shown (screenshots and tests use it). */
    public void onWizard(Consumer<QuantizationWizard> listener) {
        this.wizardListener = listener;
    }

    /** Asks with a dialog whether dropped models replace the open one or join it as variants. */
    public static Optional<WorkbenchViewModel.OpenMode> askWithDialog(Stage owner, List<Path> files) {
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.YES);
        ButtonType add = new ButtonType("Add as variant", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", replace, add, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Open " + files.get(0).getFileName());
        a.setHeaderText("A model is already open.");
        a.setContentText("Replace it with " + files.get(0).getFileName() + ", or add "
                + (files.size() == 1 ? "it" : "them") + " next to it for comparison?");
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) {
            return Optional.empty();
        }
        return Optional.of(r.get() == replace ? WorkbenchViewModel.OpenMode.REPLACE : WorkbenchViewModel.OpenMode.ADD);
    }

    public WorkbenchViewModel viewModel() {
        return vm;
    }

    public MainWindow window() {
        return window;
    }
}
