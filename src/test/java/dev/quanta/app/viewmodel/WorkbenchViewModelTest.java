package dev.quanta.app.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.FakeEngine;
import dev.quanta.app.port.IoType;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench view model without the toolkit: drops, opening, selection, production. */
class WorkbenchViewModelTest {
    @TempDir
    Path dir;
    FakeEngine engine;
    WorkbenchViewModel vm;

    @BeforeEach
    void setUp() {
        engine = new FakeEngine();
        TaskRunner tasks = new TaskRunner(Runnable::run, Runnable::run);
        vm = new WorkbenchViewModel(engine.ports(), tasks, new SettingsStore(dir.resolve("config")),
                dir.resolve("variants"), List.of());
    }

    @Test
    void dropOfNonModelIsRejectedWithASentenceNamingTheFile() throws Exception {
        Path png = Files.write(dir.resolve("photo.png"), new byte[] {1});
        DropPlan plan = vm.drop(List.of(png));
        assertEquals(DropPlan.Action.REJECT, plan.action());
        assertEquals("photo.png is not a .tflite model; drop a TensorFlow Lite (.tflite) file.",
                vm.tasks().errorProperty().get());
        assertTrue(vm.variants().isEmpty());
        assertTrue(engine.calls.isEmpty());
    }

    @Test
    void firstDropOpensSecondAsksAndMixedDropsSkipNonModels() throws Exception {
        Path a = FakeEngine.writeModel(dir, "a.tflite");
        Path b = FakeEngine.writeModel(dir, "b.tflite");
        Path txt = Files.write(dir.resolve("notes.txt"), new byte[] {1});
        assertEquals(DropPlan.Action.OPEN, vm.drop(List.of(a)).action());
        assertEquals(1, vm.variants().size());
        assertTrue(vm.variants().get(0).isBaseline());
        DropPlan second = vm.drop(List.of(txt, b));
        assertEquals(DropPlan.Action.ASK_REPLACE_OR_ADD, second.action());
        assertEquals(List.of(b), second.models());
        assertEquals("notes.txt is not a .tflite model.", vm.tasks().errorProperty().get());
        vm.open(second.models(), WorkbenchViewModel.OpenMode.ADD);
        assertEquals(2, vm.variants().size());
        assertEquals("added for comparison", vm.variants().get(1).recipeText());
        vm.open(List.of(b), WorkbenchViewModel.OpenMode.REPLACE);
        assertEquals(1, vm.variants().size());
        assertEquals("b.tflite", vm.baseline().name());
    }

    @Test
    void missingFileIsRejected() {
        DropPlan plan = vm.planDrop(List.of(dir.resolve("gone.tflite")));
        assertEquals(DropPlan.Action.REJECT, plan.action());
        assertEquals("gone.tflite does not exist or is not a file; drop a TensorFlow Lite (.tflite) file.", plan.message());
    }

    @Test
    void corruptModelShowsTheEnginesSentenceAndKeepsTheWorkbenchEmpty() throws Exception {
        Path bad = Files.write(dir.resolve("bad.tflite"), new byte[] {0, 1, 2, 3, 4});
        vm.drop(List.of(bad));
        assertEquals("bad.tflite is not a valid TensorFlow Lite model (bad header).", vm.tasks().errorProperty().get());
        assertTrue(vm.variants().isEmpty());
        assertEquals("Opening bad.tflite failed.", vm.tasks().statusProperty().get());
    }

    @Test
    void openingFillsTheModelViewAndRemembersTheFile() {
        Path a = FakeEngine.writeModel(dir, "a.tflite");
        vm.drop(List.of(a));
        ModelViewModel m = vm.modelView();
        assertEquals(2, m.layers().size());
        assertEquals("a.tflite", m.summaryProperty().get().fileName());
        assertEquals("CONV_2D", m.selectedLayerProperty().get().op());
        // 8 parameters, 2 of them zero (25 %); the 6 weights without the bias: 33.3 %, as the sparsity chart counts
        assertTrue(m.details().contains("parameters: 8 (32 B), 25.0 % zeros; weights 6, 33.3 % zeros"),
                m.details().toString());
        m.filterProperty().set("fully");
        assertEquals(1, m.filteredLayers().size());
        assertEquals(List.of(a.toAbsolutePath().toString()), new SettingsStore(dir.resolve("config")).load().recentFiles);
        assertEquals(a.toAbsolutePath(), vm.recentFiles().get(0));
    }

    @Test
    void weightsOfTheSelectedLayerFeedTheWeightCharts() {
        vm.drop(List.of(FakeEngine.writeModel(dir, "a.tflite")));
        WeightsViewModel w = vm.weightsView();
        assertEquals("conv/w", w.tensorProperty().get().name());
        assertNotNull(w.histogramProperty().get());
        assertEquals(false, w.gridProperty().get().actual());
        assertEquals(2, w.channelRangesProperty().get().length);
        assertEquals(2, w.sliceProperty().get().length);
        assertEquals(3, w.sliceProperty().get()[0].length);
        vm.modelView().selectedLayerProperty().set(vm.modelView().layers().get(1));
        assertEquals("fc/w", w.tensorProperty().get().name());
        assertTrue(w.gridProperty().get().actual());
        assertEquals(0, w.gridProperty().get().levels().length, "per-channel scales: no grid over all channels");
        assertEquals(8, w.statsProperty().get().count());
        assertEquals(2, w.channelCount());
        w.channelProperty().set(1);
        assertEquals(0.2f, w.gridProperty().get().scale(), 1e-7);
        // channel 1 of fc/w = {0.4, -0.4, 0, 0.2}
        assertEquals(4, w.statsProperty().get().count());
        assertEquals(-0.4, w.statsProperty().get().min(), 1e-6);
        assertEquals(0.05, w.statsProperty().get().mean(), 1e-6);
        assertEquals(0.25, w.statsProperty().get().zeros(), 1e-12);
        assertEquals(4, java.util.Arrays.stream(w.histogramProperty().get().counts()).sum());
        vm.modelView().selectedLayerProperty().set(vm.modelView().layers().get(0));
        assertEquals(WeightsViewModel.ALL, w.channelProperty().get(), "a new tensor shows all channels");
        assertEquals(6, w.statsProperty().get().count());
    }

    @Test
    void producingMakesVariantsAndMeasuresEveryone() {
        vm.drop(List.of(FakeEngine.writeModel(dir, "m.tflite")));
        Recipe int8 = new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, false, IoType.INT8);
        Recipe fp16 = new Recipe(QuantMode.FLOAT16, null, 0, true, IoType.FLOAT32);
        assertTrue(vm.production().produce(List.of(int8, fp16), "mnist-10k"));
        assertEquals(List.of("m.tflite", "m-int8.tflite", "m-fp16.tflite"),
                vm.variants().stream().map(VariantEntry::name).toList());
        assertTrue(Files.isRegularFile(dir.resolve("variants/m-int8.tflite")));
        assertEquals(3, vm.compareView().measured().size());
        assertEquals("accuracy", vm.compareView().qualityName());
        assertEquals("m-int8.tflite", vm.compareView().errorVariantProperty().get().name());
        assertEquals(3, vm.compareView().comparedModels().size());
        assertTrue(engine.calls.contains("measure m.tflite on mnist-10k"));
        assertEquals("Producing 2 variants done.", vm.tasks().statusProperty().get());
    }

    @Test
    void datasetsAreScannedInTheBackgroundAtStartup() {
        List<Runnable> background = new java.util.ArrayList<>();
        TaskRunner tasks = new TaskRunner(background::add, Runnable::run);
        WorkbenchViewModel w = new WorkbenchViewModel(engine.ports(), tasks, new SettingsStore(dir.resolve("c2")),
                dir.resolve("v2"), List.of());
        // Nothing is read on the calling (UI) thread: the scan waits in the background executor.
        assertTrue(w.datasets().isEmpty());
        assertEquals(false, w.datasetsScannedProperty().get());
        assertEquals(1, background.size());
        background.remove(0).run();
        assertTrue(w.datasetsScannedProperty().get());
        assertEquals(List.of("mnist-10k"), w.datasets().stream().map(d -> d.id()).toList());
    }

    @Test
    void fineTunedRecipesBecomeVariantsNamedByWhatWasDone() {
        vm.drop(List.of(FakeEngine.writeModel(dir, "m.tflite")));
        dev.quanta.app.port.FineTune ft = new dev.quanta.app.port.FineTune("mnist-10k", 1, 128, 0.5, 0.8, 16);
        Recipe pruned = new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, true, IoType.FLOAT32,
                List.of(dev.quanta.app.port.Training.PRUNING), ft);
        Recipe qat = new Recipe(QuantMode.FULL_INTEGER, null, 0, true, IoType.FLOAT32,
                List.of(dev.quanta.app.port.Training.QAT), ft);
        assertTrue(vm.production().produce(List.of(pruned, qat), "mnist-10k"));
        assertEquals(List.of("m.tflite", "m-pruned80-int8.tflite", "m-qat-int8.tflite"),
                vm.variants().stream().map(VariantEntry::name).toList());
        assertEquals(List.of("baseline", "pruned 80% + int8", "QAT int8"),
                vm.variants().stream().map(VariantEntry::shortName).toList());
        assertTrue(engine.calls.contains("optimize pruned80-int8"));
        assertNotNull(vm.variants().get(1).measurement().accuracy());
    }

    @Test
    void aFloatFineTunedRecipeIsProducedAndMeasuredLikeTheOthers() {
        vm.drop(List.of(FakeEngine.writeModel(dir, "m.tflite")));
        dev.quanta.app.port.FineTune ft = new dev.quanta.app.port.FineTune("mnist-10k", 1, 128, 0.5, 0.8, 16);
        Recipe pruned = Recipe.fineTunedFloat(List.of(dev.quanta.app.port.Training.PRUNING), ft);
        Recipe clustered = Recipe.fineTunedFloat(List.of(dev.quanta.app.port.Training.CLUSTERING), ft);
        assertTrue(vm.production().produce(List.of(pruned, clustered), "mnist-10k"));
        assertEquals(List.of("m.tflite", "m-pruned80-float.tflite", "m-clustered16-float.tflite"),
                vm.variants().stream().map(VariantEntry::name).toList());
        assertEquals(List.of("baseline", "pruned 80% (float)", "clustered 16 (float)"),
                vm.variants().stream().map(VariantEntry::shortName).toList());
        assertTrue(engine.calls.contains("optimize pruned80-float"), engine.calls.toString());
        assertEquals(3, vm.compareView().measured().size());
        assertNotNull(vm.variants().get(1).measurement().accuracy());
        assertNotNull(vm.variants().get(2).measurement().latency());
    }

    @Test
    void aRecipeTheEngineCannotMakeIsReportedAndTheOthersStillAppear() {
        vm.drop(List.of(FakeEngine.writeModel(dir, "m.tflite")));
        engine.failingTags.add("qat-int8");
        dev.quanta.app.port.FineTune ft = new dev.quanta.app.port.FineTune("mnist-10k", 1, 128, 0.5, 0.8, 16);
        Recipe int8 = new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, true, IoType.FLOAT32);
        Recipe qat = new Recipe(QuantMode.FULL_INTEGER, null, 0, true, IoType.FLOAT32,
                List.of(dev.quanta.app.port.Training.QAT), ft);
        assertTrue(vm.production().produce(List.of(int8, qat), "mnist-10k"));
        assertEquals(List.of("m.tflite", "m-int8.tflite"), vm.variants().stream().map(VariantEntry::name).toList());
        assertNotNull(vm.variants().get(1).measurement());
        assertEquals("QAT int8 was not produced: Fine-tuning has no gradient for op GATHER_ND yet.",
                vm.tasks().errorProperty().get());

        engine.failingTags.add("int8");
        assertTrue(vm.production().produce(List.of(int8, qat), "mnist-10k"));
        assertEquals(2, vm.variants().size(), "nothing made: nothing added");
        assertTrue(vm.tasks().errorProperty().get().startsWith("int8 was not produced"), vm.tasks().errorProperty().get());
        assertEquals("Producing 2 variants failed.", vm.tasks().statusProperty().get());
    }

    /** The fashion_cnn run of docs/screenshots: file and gzipped bytes and top-1 of each variant. */
    private static dev.quanta.app.port.Measurement fashion(long bytes, long gzipped, double accuracy) {
        return new dev.quanta.app.port.Measurement(bytes, gzipped, null, accuracy, null, "SQNR (dB)", List.of(),
                "test");
    }

    @Test
    void theScatterAndItsFrontUseTheChosenSizeGzippedByDefaultAndTheChoiceIsRemembered() {
        vm.drop(List.of(FakeEngine.writeModel(dir, "m.tflite")));
        dev.quanta.app.port.FineTune ft = new dev.quanta.app.port.FineTune("mnist-10k", 1, 128, 0.5, 0.8, 16);
        Recipe int8 = new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, true, IoType.FLOAT32);
        Recipe pruned = new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, true, IoType.FLOAT32,
                List.of(dev.quanta.app.port.Training.PRUNING), ft);
        Recipe clustered = new Recipe(QuantMode.FULL_INTEGER, "mnist-10k", 100, true, IoType.FLOAT32,
                List.of(dev.quanta.app.port.Training.CLUSTERING), ft);
        assertTrue(vm.production().produce(List.of(int8, pruned, clustered), "mnist-10k"));
        List<VariantEntry> v = vm.variants();
        assertEquals(List.of("baseline", "int8", "pruned 80% + int8", "clustered 16 + int8"),
                v.stream().map(VariantEntry::shortName).toList());
        v.get(0).measurementProperty().set(fashion(36_944, 33_587, 0.892));
        v.get(1).measurementProperty().set(fashion(12_672, 9_523, 0.890));
        v.get(2).measurementProperty().set(fashion(12_672, 4_710, 0.830));
        v.get(3).measurementProperty().set(fashion(12_672, 7_475, 0.891));

        CompareViewModel c = vm.compareView();
        assertEquals(SizeAxis.GZIPPED, c.sizeAxisProperty().get());
        assertEquals(List.of(33_587.0, 9_523.0, 4_710.0, 7_475.0),
                c.scatterPoints().stream().map(Pareto.Point::size).toList());
        assertEquals(List.of("pruned 80% + int8", "clustered 16 + int8", "baseline"),
                Pareto.front(c.scatterPoints()).stream().map(Pareto.Point::name).toList());

        c.sizeAxisProperty().set(SizeAxis.FILE);
        assertEquals(List.of("clustered 16 + int8", "baseline"),
                Pareto.front(c.scatterPoints()).stream().map(Pareto.Point::name).toList());
        assertEquals("file", vm.settings().compareSizeAxis);
        vm.saveSettings();
        WorkbenchViewModel again = new WorkbenchViewModel(engine.ports(), new TaskRunner(Runnable::run, Runnable::run),
                new SettingsStore(dir.resolve("config")), dir.resolve("variants"), List.of());
        assertEquals(SizeAxis.FILE, again.compareView().sizeAxisProperty().get());
        assertEquals(SizeAxis.GZIPPED, SizeAxis.fromWord("nonsense"));
    }
}
