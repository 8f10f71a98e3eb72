package dev.quanta.app;

import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.Training;
import dev.quanta.app.viewmodel.WorkbenchViewModel;
import dev.quanta.app.wizard.QuantizationWizard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.RadioButton;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * The hidden {@code --screenshots DIR} mode: drives the real window through every main view and
 * wizard page (answering with the dataset that matches the model, the recommended mode and every
 * fine-tuning technique), writes a PNG of each, and quits. Run under Xvfb to regenerate docs/screenshots.
 */
final class ScreenshotTour {
    private record Step(BooleanSupplier ready, Runnable action) {
    }

    private final Workbench workbench;
    private final WorkbenchViewModel vm;
    private final Path dir;
    private final List<Path> models;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final Timeline timer = new Timeline();
    private QuantizationWizard wizard;
    private int settle;

    ScreenshotTour(Workbench workbench, Path dir, List<Path> models) {
        this.workbench = workbench;
        this.vm = workbench.viewModel();
        this.dir = dir;
        this.models = models.isEmpty() ? vm.sampleModels() : models;
    }

    void start() {
        javafx.stage.Stage stage = workbench.window().stage();
        stage.setMaximized(false);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1440);
        stage.setHeight(960);
        plan();
        timer.getKeyFrames().add(new KeyFrame(Duration.millis(150), e -> tick()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    private void tick() {
        if (settle > 0) {
            settle--;
            return;
        }
        Step s = steps.peek();
        if (s == null) {
            timer.stop();
            System.out.println("screenshots written to " + dir);
            Platform.exit();
            return;
        }
        if (s.ready().getAsBoolean()) {
            steps.poll();
            try {
                s.action().run();
            } catch (RuntimeException e) {
                e.printStackTrace();
                timer.stop();
                Platform.exit();
            }
            settle = 4;
        }
    }

    private void then(Runnable action) {
        steps.add(new Step(() -> true, action));
    }

    private void when(BooleanSupplier ready, Runnable action) {
        steps.add(new Step(ready, action));
    }

    private boolean idle() {
        return !vm.tasks().runningProperty().get();
    }

    private void plan() {
        then(() -> snap(workbench.window().scene(), "01-start"));
        then(() -> workbench.window().openFiles(models.subList(0, Math.min(1, models.size()))));
        when(() -> idle() && !vm.variants().isEmpty(), () -> workbench.window().showTab(0));
        then(() -> snap(workbench.window().scene(), "02-model"));
        then(() -> workbench.window().showTab(1));
        // One channel of the first kernel: its values with the per-channel int8 grid previewed.
        when(() -> vm.weightsView().tensorProperty().get() != null, () -> vm.weightsView().channelProperty().set(2));
        then(() -> snap(workbench.window().scene(), "03-weights"));
        when(() -> vm.datasetsScannedProperty().get(), () -> wizard = workbench.openWizard());
        for (int page = 1; page <= 5; page++) {
            int p = page;
            then(() -> answer(p));
            if (p == 2) {
                when(() -> !(pane().lookup("#samplePreview") instanceof javafx.scene.layout.Pane preview)
                        || !preview.getChildren().isEmpty(), () -> { });
            }
            if (p == 5) {
                then(this::scrollCodeToPruning);
            }
            then(() -> snap(pane().getScene(), "wizard-" + p));
            then(() -> press(p == 5 ? ButtonBar.ButtonData.FINISH : ButtonBar.ButtonData.NEXT_FORWARD));
        }
        when(() -> idle() && !vm.compareView().measured().isEmpty(), () -> workbench.window().showTab(2));
        then(() -> snap(workbench.window().scene(), "04-compare"));
        then(() -> scrollTo(workbench.window().compareView().charts().get(3)));
        then(() -> snap(workbench.window().scene(), "05-compare-charts"));
        // The per-layer error chart whole, x labels (layer index and op) included.
        then(() -> scrollTo(workbench.window().compareView().charts().get(4).getParent()));
        then(() -> snap(workbench.window().scene(), "08-per-layer-error"));
        then(() -> {
            workbench.window().setTheme("dark");
            vm.variants().stream().filter(v -> v.recipe() != null)
                    .max(java.util.Comparator.comparing(v -> v.recipe().training().contains(Training.PRUNING)))
                    .ifPresent(v -> vm.selectedProperty().set(v));
            workbench.window().showTab(1);
        });
        when(() -> vm.weightsView().tensorProperty().get() != null, () -> vm.weightsView().channelProperty().set(2));
        then(() -> snap(workbench.window().scene(), "06-weights-variant-dark"));
        then(() -> {
            workbench.window().setTheme("light");
            workbench.window().showTab(0);
            try {
                Path corrupt = Files.createTempDirectory("quanta-shot").resolve("corrupt.tflite");
                Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
                vm.open(List.of(corrupt), WorkbenchViewModel.OpenMode.ADD);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        when(() -> idle() && !vm.tasks().errorProperty().get().isEmpty(),
                () -> snap(workbench.window().scene(), "07-error"));
    }

    /**
     * Scrolls the Compare charts so {@code node} (a chart, or the per-layer error chart with its
     * chooser) is at the top, or as high as the scroll range allows, so it shows whole.
     */
    private void scrollTo(Node node) {
        var cv = workbench.window().compareView();
        if (cv.lookup(".scroll-pane") instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            double y = sp.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            double range = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (y - 8) / range)));
        }
    }

    private DialogPane pane() {
        return wizard.wizard().getDialog().getDialogPane();
    }

    /**
     * Answers page {@code p} the way a user would: CPU, the dataset that matches the model (by a
     * shared word such as "fashion" or "mnist") for calibration and labels, and on the last page
     * the recommended int8 plus pruning, QAT and clustering.
     */
    private void answer(int p) {
        var wvm = wizard.viewModel();
        switch (p) {
            case 1 -> select("#target-CPU");
            case 2 -> matchingDataset(false).ifPresent(d -> {
                wvm.hasRepresentativeDataProperty().set(true);
                wvm.representativeDatasetProperty().set(d);
            });
            case 3 -> matchingDataset(true).ifPresent(d -> {
                wvm.hasLabeledDataProperty().set(true);
                wvm.labeledDatasetProperty().set(d);
            });
            case 5 -> {
                for (Training t : Training.values()) {
                    if (pane().lookup("#training-" + t.name()) instanceof javafx.scene.control.CheckBox c
                            && !c.isDisabled()) {
                        c.setSelected(true);
                    }
                }
            }
            default -> { }
        }
    }

    /** Scrolls the converter code to the first fine-tuning recipe, as a user reading it would. */
    private void scrollCodeToPruning() {
        if (pane().lookup("#pythonCode") instanceof javafx.scene.control.TextArea code) {
            int at = code.getText().indexOf("\n# pruned");
            if (at >= 0) {
                long lines = code.getText().substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                code.setScrollTop(lines * code.getFont().getSize() * 1.2);
            }
        }
    }

    private java.util.Optional<DatasetInfo> matchingDataset(boolean labeled) {
        List<DatasetInfo> all = vm.datasets().stream().filter(d -> !labeled || d.labeled()).toList();
        String model = vm.baseline() == null ? "" : vm.baseline().name().toLowerCase(java.util.Locale.ROOT);
        for (DatasetInfo d : all) {
            String word = d.name().toLowerCase(java.util.Locale.ROOT).split("[^a-z]")[0];
            if (!word.isEmpty() && model.contains(word)) {
                return java.util.Optional.of(d);
            }
        }
        return all.stream().findFirst();
    }

    private void select(String id) {
        if (pane().lookup(id) instanceof RadioButton r) {
            r.setSelected(true);
        }
    }

    private void press(ButtonBar.ButtonData role) {
        Button b = wizard.button(role);
        if (b != null) {
            b.fire();
        }
    }

    private void snap(Scene scene, String name) {
        try {
            Files.createDirectories(dir);
            var image = scene.snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
