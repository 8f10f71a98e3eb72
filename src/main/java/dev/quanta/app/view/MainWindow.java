package dev.quanta.app.view;

import dev.quanta.app.viewmodel.DropPlan;
import dev.quanta.app.viewmodel.VariantEntry;
import dev.quanta.app.viewmodel.WorkbenchViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The workbench window: menus, the start view or the variants list with the Model, Weights and
 * Compare views, an error banner and the status bar. Files dropped anywhere on it are opened.
 */
public final class MainWindow {
    private final Stage stage;
    private final WorkbenchViewModel vm;
    private final Function<List<Path>, Optional<WorkbenchViewModel.OpenMode>> askReplaceOrAdd;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final ModelView modelView;
    private final WeightsView weightsView;
    private final CompareView compareView;
    private final ExportActions export;
    private final Scene scene;
    private Runnable openWizard = () -> { };
    private FileDialogs dialogs = FileDialogs.system();

    /**
     * @param askReplaceOrAdd asks what a second drop should do; empty means cancel
     */
    public MainWindow(Stage stage, WorkbenchViewModel vm,
                      Function<List<Path>, Optional<WorkbenchViewModel.OpenMode>> askReplaceOrAdd) {
        this.stage = stage;
        this.vm = vm;
        this.askReplaceOrAdd = askReplaceOrAdd;
        java.util.function.Consumer<String> errors = vm.tasks()::reportError;
        export = new ExportActions(vm, this::currentCharts, () -> stage, () -> dialogs);
        modelView = new ModelView(vm.modelView());
        weightsView = new WeightsView(vm.weightsView(), vm.modelView(), errors);
        String unavailable = vm.ports().measurer().isPresent() ? null
                : "Measuring needs the interpreter's benchmark and the eval API, which this build's engine lacks.";
        compareView = new CompareView(vm.compareView(), () -> vm.production().measure(),
                () -> this.export.reportWithDialog(), unavailable, errors);

        tabs.setId("viewTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(new Tab("Model", modelView), new Tab("Weights", weightsView),
                new Tab("Compare", compareView));
        ListView<VariantEntry> variants = variantsList();
        SplitPane work = new SplitPane(variants, tabs);
        work.setDividerPositions(vm.settings().sidebarDivider);
        SplitPane.setResizableWithParent(variants, false);
        work.getDividers().get(0).positionProperty().addListener((o, a, p) -> vm.settings().sidebarDivider = p.doubleValue());
        StartView start = new StartView(vm, this::openDialog, this::openFiles);
        StackPane center = new StackPane(start, work);
        start.visibleProperty().bind(vm.modelOpenBinding().not());
        work.visibleProperty().bind(vm.modelOpenBinding());

        MainMenu menu = new MainMenu(vm, this);
        root.setTop(new VBox(menu.bar(), new ErrorBanner(vm.tasks())));
        root.setCenter(center);
        root.setBottom(new StatusBar(vm.tasks()));
        scene = new Scene(root, vm.settings().windowWidth, vm.settings().windowHeight);
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dragDropped);
        setTheme(vm.settings().theme);
        for (ChartPane p : weightsView.charts()) {
            p.setExporter(export::inBackground);
        }
        for (ChartPane p : compareView.charts()) {
            p.setExporter(export::inBackground);
        }
        stage.titleProperty().bind(Bindings.createStringBinding(() -> title(vm.baseline()), vm.variants()));
    }

    /** "fashion_cnn.tflite — Quanta" with a model open, else "Quanta". */
    static String title(VariantEntry baseline) {
        return baseline == null ? "Quanta" : baseline.file().getFileName() + " — Quanta";
    }

    private ListView<VariantEntry> variantsList() {
        ListView<VariantEntry> list = new ListView<>(vm.variants());
        list.setId("variantsList");
        list.setMinWidth(200);
        list.setPrefWidth(260);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(VariantEntry v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(v.name());
                name.getStyleClass().add("variant-name");
                // A long file name keeps its start and its end (the technique tags) in a narrow sidebar.
                name.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                name.setTooltip(new javafx.scene.control.Tooltip(v.name()));
                name.maxWidthProperty().bind(l.widthProperty().subtract(30));
                Label recipe = new Label(v.recipeText());
                recipe.getStyleClass().add("variant-recipe");
                recipe.setWrapText(true);
                recipe.maxWidthProperty().bind(l.widthProperty().subtract(30));
                VBox box = new VBox(1, name, recipe);
                box.setPadding(new Insets(2, 0, 2, 0));
                setGraphic(box);
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.selectedProperty().set(v);
            }
        });
        vm.selectedProperty().addListener((o, a, v) -> list.getSelectionModel().select(v));
        return list;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            List<Path> paths = new ArrayList<>();
            for (File f : e.getDragboard().getFiles()) {
                paths.add(f.toPath());
            }
            // Ask outside the drop handler so the drag gesture completes first.
            Platform.runLater(() -> openFiles(paths));
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /** Opens files as a drop does: rejects non-models, asks replace/add when a model is open. */
    public void openFiles(List<Path> files) {
        DropPlan plan = vm.drop(files);
        if (plan.action() == DropPlan.Action.ASK_REPLACE_OR_ADD) {
            askReplaceOrAdd.apply(plan.models()).ifPresent(mode -> vm.open(plan.models(), mode));
        }
    }

    void openDialog() {
        List<Path> files = dialogs.openModels(stage);
        if (!files.isEmpty()) {
            openFiles(files);
        }
    }

    /** Replaces the system file choosers (tests answer without native dialogs). */
    public void setFileDialogs(FileDialogs dialogs) {
        this.dialogs = dialogs;
    }

    /** The charts of the selected tab. */
    public List<ChartPane> currentCharts() {
        int i = tabs.getSelectionModel().getSelectedIndex();
        return i == 1 ? weightsView.charts() : i == 2 ? compareView.charts() : List.of();
    }

    /** Switches between the light and the dark theme. */
    public void setTheme(String theme) {
        String name = "dark".equals(theme) ? "dark" : "light";
        vm.settings().theme = name;
        scene.getStylesheets().setAll(MainWindow.class.getResource("/dev/quanta/app/" + name + ".css").toExternalForm());
        boolean dark = name.equals("dark");
        for (ChartPane p : weightsView.charts()) {
            p.setDark(dark);
        }
        for (ChartPane p : compareView.charts()) {
            p.setDark(dark);
        }
    }

    /** Selects a tab: 0 Model, 1 Weights, 2 Compare. */
    public void showTab(int index) {
        tabs.getSelectionModel().select(index);
    }

    public void setWizardAction(Runnable openWizard) {
        this.openWizard = openWizard;
    }

    void openWizard() {
        openWizard.run();
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public ExportActions export() {
        return export;
    }

    public ModelView modelView() {
        return modelView;
    }

    public WeightsView weightsView() {
        return weightsView;
    }

    public CompareView compareView() {
        return compareView;
    }
}
