package dev.quanta.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.Training;
import dev.quanta.app.port.VariantOptimizer;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.app.settings.SettingsStore;
import dev.quanta.app.view.ExportActions;
import dev.quanta.app.viewmodel.SizeAxis;
import dev.quanta.app.viewmodel.TaskRunner;
import dev.quanta.app.viewmodel.VariantEntry;
import dev.quanta.app.viewmodel.WeightsViewModel;
import dev.quanta.app.viewmodel.WorkbenchViewModel;
import dev.quanta.app.wizard.QuantizationWizard;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless: drop, corrupt drop, wizard to Finish, chart export, responsiveness. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchGuiTest {
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final CountDownLatch optimizerEntered = new CountDownLatch(1);
    private final CountDownLatch optimizerGate = new CountDownLatch(1);
    private Path dir;
    private Workbench workbench;
    private Stage stage;
    private final java.util.concurrent.atomic.AtomicReference<Optional<WorkbenchViewModel.OpenMode>> answer =
            new java.util.concurrent.atomic.AtomicReference<>(Optional.of(WorkbenchViewModel.OpenMode.ADD));
    private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("quanta-gui-test");
        TaskRunner tasks = new TaskRunner(background, Platform::runLater);
        workbench = new Workbench(stage, GuiTestEngine.ports(gated(GuiTestEngine.ports())), tasks,
                new SettingsStore(dir.resolve("config")), dir.resolve("variants"), List.of(),
                files -> {
                    asked.add(files.get(0).getFileName().toString());
                    return answer.get();
                });
        stage.setScene(workbench.window().scene());
        stage.setWidth(1100);
        stage.setHeight(740);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        optimizerGate.countDown();
        background.shutdownNow();
    }

    /** The optimizer of {@code ports}, held at a gate so the test sees the UI while it works. */
    private VariantOptimizer gated(WorkbenchPorts ports) {
        VariantOptimizer real = ports.optimizer().orElseThrow();
        return new VariantOptimizer() {
            @Override
            public Set<QuantMode> supportedModes() {
                return real.supportedModes();
            }

            @Override
            public Set<Training> supportedTraining() {
                return real.supportedTraining();
            }

            @Override
            public Path optimize(LoadedModel base, Recipe recipe, Path out, Progress p, Cancellation c) {
                optimizerEntered.countDown();
                try {
                    optimizerGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.optimize(base, recipe, out, p, c);
            }
        };
    }

    private WorkbenchViewModel vm() {
        return workbench.viewModel();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private dev.quanta.app.port.DatasetInfo dataset(String name) {
        return vm().datasets().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** Presses Next (a real click costs seconds of mouse travel under Monocle; the Finish test clicks). */
    private static void next(FxRobot robot, QuantizationWizard wizard) {
        robot.interact(() -> wizard.button(ButtonBar.ButtonData.NEXT_FORWARD).fire());
    }

    @Test
    void droppingAModelFillsTheLayerTable(FxRobot robot) throws Exception {
        Path model = GuiTestEngine.model();
        robot.interact(() -> SyntheticDrop.drop(robot.lookup("#startView").query(), List.of(model.toFile())));
        waitUntil(() -> !vm().variants().isEmpty() && !vm().tasks().runningProperty().get());
        TableView<?> table = robot.lookup("#layerTable").queryTableView();
        assertEquals(GuiTestEngine.LAYERS, table.getItems().size());
        assertEquals("", vm().tasks().errorProperty().get());
        // Every header shows its whole title, not "Output sh...".
        List<String> shown = new java.util.ArrayList<>();
        robot.interact(() -> table.lookupAll(".column-header .label .text").forEach(n ->
                shown.add(((javafx.scene.text.Text) n).getText())));
        assertEquals(table.getColumns().stream().map(javafx.scene.control.TableColumn::getText).sorted().toList(),
                shown.stream().sorted().toList());
    }

    @Test
    void theWeightsViewShowsStatisticsAndTheChosenChannel(FxRobot robot) throws Exception {
        robot.interact(() -> workbench.window().openFiles(List.of(GuiTestEngine.model())));
        waitUntil(() -> !vm().variants().isEmpty() && !vm().tasks().runningProperty().get());
        robot.interact(() -> workbench.window().showTab(1));
        waitUntil(() -> vm().weightsView().tensorProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Label stats = robot.lookup("#weightsStats").queryAs(Label.class);
        // conv_fc_mnist's first layer: a CONV_2D kernel [8,3,3,1]
        assertTrue(stats.getText().startsWith("all 8 channels: 72 elements, min "), stats.getText());
        assertTrue(stats.getText().contains(", mean ") && stats.getText().contains(", std "), stats.getText());
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> channel = robot.lookup("#weightsChannel").queryAs(javafx.scene.control.Spinner.class);
        assertEquals("all", channel.getEditor().getText());
        robot.interact(() -> channel.increment(4));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, vm().weightsView().channelProperty().get());
        assertTrue(stats.getText().startsWith("channel 3 of 8: 9 elements"), stats.getText());
        assertTrue(vm().weightsView().gridProperty().get().description().contains("channel 3 of 8 (axis 0)"));
        robot.interact(() -> vm().weightsView().channelProperty().set(WeightsViewModel.ALL));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("all", channel.getEditor().getText());
    }

    @Test
    void droppingACorruptFileShowsTheMessageInTheWindow(FxRobot robot) throws Exception {
        Path bad = Files.write(dir.resolve("corrupt.tflite"), "this is not a flatbuffer".getBytes(StandardCharsets.US_ASCII));
        robot.interact(() -> SyntheticDrop.drop(robot.lookup("#startView").query(), List.of(bad.toFile())));
        waitUntil(() -> !vm().tasks().errorProperty().get().isEmpty());
        Label text = robot.lookup("#errorText").queryAs(Label.class);
        assertTrue(text.getText().startsWith("corrupt.tflite"), text.getText());
        assertTrue(robot.lookup("#errorBanner").query().isVisible());
        assertTrue(vm().variants().isEmpty());
    }

    @Test
    void wizardToFinishMakesMeasuredInt8AndFloat16VariantsWhileTheUiKeepsRunning(FxRobot robot) throws Exception {
        Path model = GuiTestEngine.model();
        robot.interact(() -> workbench.window().openFiles(List.of(model)));
        waitUntil(() -> !vm().variants().isEmpty() && !vm().tasks().runningProperty().get());

        QuantizationWizard[] wizard = new QuantizationWizard[1];
        robot.interact(() -> wizard[0] = workbench.openWizard());
        var wvm = wizard[0].viewModel();
        robot.clickOn("#target-CPU");
        next(robot, wizard[0]);
        waitUntil(() -> vm().datasetsScannedProperty().get());
        robot.interact(() -> {
            wvm.hasRepresentativeDataProperty().set(true);
            wvm.representativeDatasetProperty().set(dataset("mnist-10k"));
        });
        next(robot, wizard[0]);
        robot.interact(() -> {
            wvm.hasLabeledDataProperty().set(true);
            wvm.labeledDatasetProperty().set(dataset("mnist-10k"));
        });
        next(robot, wizard[0]);
        next(robot, wizard[0]);
        assertEquals("Recommended: Full integer (int8) — 4x smaller, 3x+ speedup (CPU, Edge TPU, microcontrollers)",
                robot.lookup("#recommendedMode").queryAs(Label.class).getText());
        // With nothing chosen Finish is disabled and the page says why.
        robot.clickOn("#mode-FULL_INTEGER");
        assertTrue(wizard[0].button(ButtonBar.ButtonData.FINISH).isDisabled());
        Label nothing = robot.lookup("#nothingToProduce").queryAs(Label.class);
        assertTrue(nothing.isVisible());
        assertTrue(nothing.getText().startsWith("Nothing to produce"), nothing.getText());
        robot.clickOn("#mode-FULL_INTEGER");
        assertTrue(!wizard[0].button(ButtonBar.ButtonData.FINISH).isDisabled());
        assertTrue(!nothing.isVisible());
        robot.clickOn("#mode-FLOAT16");

        AtomicInteger ticks = new AtomicInteger();
        Timeline timer = new Timeline(new KeyFrame(Duration.millis(20), e -> ticks.incrementAndGet()));
        timer.setCycleCount(Timeline.INDEFINITE);
        robot.interact(timer::play);
        robot.clickOn(wizard[0].button(ButtonBar.ButtonData.FINISH));
        assertTrue(optimizerEntered.await(30, TimeUnit.SECONDS));
        int before = ticks.get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ticks.get() >= before + 5);
        assertTrue(vm().tasks().runningProperty().get(), "the variant is still being computed");
        optimizerGate.countDown();
        waitUntil(() -> !vm().tasks().runningProperty().get());
        robot.interact(timer::stop);

        assertEquals("", vm().tasks().errorProperty().get());
        List<String> recipes = vm().variants().stream().map(VariantEntry::recipeText).toList();
        assertEquals(3, recipes.size(), recipes.toString());
        assertTrue(recipes.get(1).startsWith("Full integer (int8)"), recipes.toString());
        assertTrue(recipes.get(2).startsWith("Float16"), recipes.toString());
        for (VariantEntry v : vm().variants()) {
            assertNotNull(v.measurement(), v.name());
            System.out.println("measured " + v.name() + ": " + v.measurement());
            assertTrue(v.measurement().bytes() > 0);
            assertNotNull(v.measurement().latency(), v.name());
            assertNotNull(v.measurement().accuracy(), v.name());
        }
        TableView<?> table = robot.lookup("#compareTable").queryTableView();
        assertEquals(3, table.getItems().size());

        // Accuracy vs size: gzipped by default; choosing file redraws it (axis, points) and is remembered.
        @SuppressWarnings("unchecked")
        ChoiceBox<SizeAxis> sizeAxis = robot.lookup("#sizeAxis").queryAs(ChoiceBox.class);
        assertEquals(SizeAxis.GZIPPED, sizeAxis.getValue());
        assertScatterOn(SizeAxis.GZIPPED);
        robot.interact(() -> sizeAxis.setValue(SizeAxis.FILE));
        assertScatterOn(SizeAxis.FILE);
        assertEquals("file", vm().settings().compareSizeAxis);

        List<Path> files = WaitForAsyncUtils.asyncFx(() -> ExportActions.charts(
                workbench.window().compareView().charts(), dir.resolve("export"))).get(60, TimeUnit.SECONDS);
        assertEquals(15, files.size());
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            String name = f.getFileName().toString();
            if (name.endsWith(".png")) {
                assertNotNull(ImageIO.read(f.toFile()), name);
            } else if (name.endsWith(".svg")) {
                assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile())
                        .getDocumentElement().getNodeName());
                if (name.startsWith("compare-pareto")) {
                    String svg = new String(b, StandardCharsets.UTF_8);
                    assertTrue(svg.contains("file size (KiB)") && !svg.contains("gzipped size"), "exported on file size");
                }
            } else {
                String pdf = new String(b, StandardCharsets.ISO_8859_1);
                assertTrue(pdf.startsWith("%PDF-") && pdf.stripTrailing().endsWith("%%EOF"), name);
            }
        }
    }

    /** The accuracy-vs-size chart shown has {@code axis}'s label and every measured variant at its size on it. */
    private void assertScatterOn(SizeAxis axis) {
        org.jfree.chart.plot.XYPlot plot = workbench.window().compareView().charts().get(3).chart().getXYPlot();
        assertEquals(axis.axisLabel(), plot.getDomainAxis().getLabel());
        List<VariantEntry> v = vm().variants();
        assertEquals(v.size(), plot.getDataset().getItemCount(1));
        for (int i = 0; i < v.size(); i++) {
            assertEquals(axis.bytes(v.get(i).measurement()) / 1024.0, plot.getDataset().getXValue(1, i), 1e-12);
        }
    }

    @Test
    void aSecondDropAsksReplaceOrAddAndBothAnswersWork(FxRobot robot) throws Exception {
        Path first = GuiTestEngine.model();
        Path second = SharedData.model("aeq/conv_fc_mnist_srq_a8w8.tflite");
        robot.interact(() -> SyntheticDrop.drop(robot.lookup("#startView").query(), List.of(first.toFile())));
        waitUntil(() -> vm().variants().size() == 1 && !vm().tasks().runningProperty().get());
        assertEquals(List.of(), asked, "the first drop opens without asking");
        assertEquals("conv_fc_mnist.tflite — Quanta", stage.getTitle());

        answer.set(Optional.of(WorkbenchViewModel.OpenMode.ADD));
        robot.interact(() -> SyntheticDrop.drop(robot.lookup("#variantsList").query(), List.of(second.toFile())));
        waitUntil(() -> vm().variants().size() == 2 && !vm().tasks().runningProperty().get());
        assertEquals(List.of("conv_fc_mnist_srq_a8w8.tflite"), asked);
        assertEquals("conv_fc_mnist.tflite", vm().baseline().name());
        assertEquals("added for comparison", vm().variants().get(1).recipeText());

        answer.set(Optional.empty());
        robot.interact(() -> SyntheticDrop.drop(robot.lookup("#variantsList").query(), List.of(second.toFile())));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, asked.size());
        assertEquals(2, vm().variants().size(), "Cancel leaves the workbench as it was");

        answer.set(Optional.of(WorkbenchViewModel.OpenMode.REPLACE));
        robot.interact(() -> SyntheticDrop.drop(robot.lookup("#variantsList").query(), List.of(second.toFile())));
        waitUntil(() -> vm().variants().size() == 1 && !vm().tasks().runningProperty().get());
        assertEquals(3, asked.size());
        assertEquals("conv_fc_mnist_srq_a8w8.tflite", vm().baseline().name());
        assertTrue(vm().baseline().isBaseline());
        assertEquals("conv_fc_mnist_srq_a8w8.tflite — Quanta", stage.getTitle());
    }

    @Test
    void keyboardShortcutsOpenTheWizardAndExport(FxRobot robot) throws Exception {
        Path model = GuiTestEngine.model();
        Path exportDir = Files.createDirectories(dir.resolve("shortcut-export"));
        List<String> dialogs = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> workbench.window().setFileDialogs(new dev.quanta.app.view.FileDialogs() {
            @Override
            public List<Path> openModels(javafx.stage.Window owner) {
                dialogs.add("open");
                return List.of(model);
            }

            @Override
            public Path chooseDirectory(javafx.stage.Window owner, String title) {
                dialogs.add("export");
                return exportDir;
            }
        }));
        List<QuantizationWizard> wizards = new java.util.concurrent.CopyOnWriteArrayList<>();
        workbench.onWizard(wizards::add);
        assertEquals("Quanta", stage.getTitle());

        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(() -> !vm().variants().isEmpty() && !vm().tasks().runningProperty().get());
        assertEquals(List.of("open"), dialogs);
        assertEquals("conv_fc_mnist.tflite — Quanta", stage.getTitle());

        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitUntil(() -> wizards.size() == 1 && wizards.get(0).wizard().getDialog().isShowing());
        robot.interact(() -> wizards.get(0).wizard().getDialog().close());
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> workbench.window().showTab(1));
        waitUntil(() -> vm().weightsView().tensorProperty().get() != null);
        robot.interact(() -> stage.requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitUntil(() -> !workbench.window().export().lastExported().isEmpty());
        assertEquals(List.of("open", "export"), dialogs);
        List<Path> written = List.copyOf(workbench.window().export().lastExported());
        assertTrue(written.size() >= 3 && written.size() % 3 == 0, written.toString());
        for (Path f : written) {
            assertTrue(f.startsWith(exportDir) && Files.size(f) > 0, f.toString());
        }
        assertTrue(vm().tasks().statusProperty().get().startsWith("Exporting "), vm().tasks().statusProperty().get());
    }

    @Test
    void wizardWithLabeledDataMakesAPrunedInt8VariantWithMeasuredAccuracy(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(GuiTestEngine.FASHION),
                "needs " + GuiTestEngine.FASHION);
        optimizerGate.countDown();
        robot.interact(() -> workbench.window().openFiles(List.of(GuiTestEngine.fashionMlp())));
        waitUntil(() -> !vm().variants().isEmpty() && !vm().tasks().runningProperty().get()
                && vm().datasetsScannedProperty().get());
        QuantizationWizard[] wizard = new QuantizationWizard[1];
        robot.interact(() -> wizard[0] = workbench.openWizard());
        var wvm = wizard[0].viewModel();
        next(robot, wizard[0]);
        robot.interact(() -> {
            wvm.hasRepresentativeDataProperty().set(true);
            wvm.representativeDatasetProperty().set(dataset("fashion-mnist"));
        });
        next(robot, wizard[0]);
        robot.interact(() -> {
            wvm.hasLabeledDataProperty().set(true);
            wvm.labeledDatasetProperty().set(dataset("fashion-mnist"));
        });
        next(robot, wizard[0]);
        next(robot, wizard[0]);
        // The last page offers the techniques with their numbers; a tiny run keeps the test short.
        javafx.scene.control.CheckBox pruning = robot.lookup("#training-PRUNING").queryAs(javafx.scene.control.CheckBox.class);
        assertTrue(!pruning.isDisabled(), "pruning is offered with labeled data");
        assertTrue(!robot.lookup("#training-QAT").queryAs(javafx.scene.control.CheckBox.class).isDisabled());
        assertTrue(!robot.lookup("#training-CLUSTERING").queryAs(javafx.scene.control.CheckBox.class).isDisabled());
        robot.interact(() -> {
            pruning.setSelected(true);
            robot.lookup("#trainingSamples").queryAs(javafx.scene.control.Spinner.class).getValueFactory()
                    .setValue(128);
        });
        assertEquals(128, wvm.trainingSamplesProperty().get());
        String code = robot.lookup("#pythonCode").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(code.contains("initial_sparsity=0.50, final_sparsity=0.80"), code);
        assertTrue(code.contains("model.fit(x_train[:128], y_train[:128]"), code);
        robot.interact(() -> wizard[0].button(ButtonBar.ButtonData.FINISH).fire());
        waitUntil(() -> vm().variants().size() == 3 && !vm().tasks().runningProperty().get());

        assertEquals("", vm().tasks().errorProperty().get());
        VariantEntry pruned = vm().variants().get(2);
        assertEquals("pruned 80% + int8", pruned.shortName());
        assertEquals("fashion_mlp-pruned80-int8.tflite", pruned.name());
        var m = pruned.measurement();
        assertNotNull(m, "measured");
        System.out.println("measured " + pruned.name() + ": " + m);
        assertNotNull(m.accuracy());
        assertNotNull(m.latency());
        assertTrue(m.gzippedBytes() < vm().variants().get(1).measurement().gzippedBytes(),
                "80% zeros gzip smaller than the plain int8 variant");
        TableView<?> table = robot.lookup("#compareTable").queryTableView();
        assertEquals(3, table.getItems().size());
    }
}
