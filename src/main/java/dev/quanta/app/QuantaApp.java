package dev.quanta.app;

import dev.quanta.app.backend.EngineBackend;
import dev.quanta.app.settings.AppSettings;
import dev.quanta.app.settings.SettingsStore;
import dev.quanta.app.viewmodel.TaskRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The Quanta workbench application. Arguments: {@code .tflite} files to open; hidden options
 * {@code --screenshots DIR} (write screenshots of every view and wizard page, then quit) and
 * {@code --config DIR} (settings folder instead of the user's config folder).
 */
public final class QuantaApp extends Application {
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    private ExecutorService background;
    private Workbench workbench;

    /**
     * JavaFX's own logger, held so that its filter stays installed (java.util.logging keeps loggers
     * only weakly).
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /** Starts the JavaFX application with the given command-line arguments (model files). */
    public static void launchApp(String[] args) {
        quietClassPathWarning();
        Application.launch(QuantaApp.class, args);
    }

    /**
     * {@code quanta.jar} carries JavaFX on the class path (one self-contained jar that {@code java -jar}
     * starts), and JavaFX logs "Unsupported JavaFX configuration: classes were loaded from 'unnamed
     * module'" at every start in that layout. The jar is built and tested that way, so that one line
     * says nothing actionable to a user; it is dropped, and every other JavaFX message is kept.
     */
    static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    @Override
    public void start(Stage stage) throws IOException {
        AppOptions options = AppOptions.parse(getParameters().getRaw());
        background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "quanta-engine");
            t.setDaemon(true);
            return t;
        });
        TaskRunner tasks = new TaskRunner(background, Platform::runLater);
        Path config = options.config() != null ? options.config() : SettingsStore.defaultDirectory();
        Path variants = Files.createTempDirectory("quanta-variants");
        workbench = new Workbench(stage, EngineBackend.ports(), tasks, new SettingsStore(config), variants,
                SampleModels.find(), files -> Workbench.askWithDialog(stage, files));
        AppSettings s = workbench.viewModel().settings();
        stage.setScene(workbench.window().scene());
        stage.getIcons().addAll(icons());
        restoreGeometry(stage, s);
        stage.setOnCloseRequest(e -> saveGeometry(stage, s));
        stage.show();
        if (options.screenshots() != null) {
            new ScreenshotTour(workbench, options.screenshots(), options.models()).start();
        } else if (!options.models().isEmpty()) {
            workbench.window().openFiles(options.models());
        }
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.viewModel().saveSettings();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }

    private static java.util.List<Image> icons() {
        java.util.List<Image> out = new java.util.ArrayList<>();
        for (int size : ICON_SIZES) {
            try (InputStream in = QuantaApp.class.getResourceAsStream("/icons/quanta-" + size + ".png")) {
                if (in != null) {
                    out.add(new Image(in));
                }
            } catch (IOException e) {
                // An icon is decoration; the window opens without it.
            }
        }
        return out;
    }

    private static void restoreGeometry(Stage stage, AppSettings s) {
        stage.setWidth(s.windowWidth);
        stage.setHeight(s.windowHeight);
        if (!Double.isNaN(s.windowX) && !Double.isNaN(s.windowY)
                && !Screen.getScreensForRectangle(s.windowX, s.windowY, 100, 100).isEmpty()) {
            stage.setX(s.windowX);
            stage.setY(s.windowY);
        }
        stage.setMaximized(s.maximized);
    }

    private static void saveGeometry(Stage stage, AppSettings s) {
        s.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            s.windowX = stage.getX();
            s.windowY = stage.getY();
            s.windowWidth = stage.getWidth();
            s.windowHeight = stage.getHeight();
        }
    }
}
