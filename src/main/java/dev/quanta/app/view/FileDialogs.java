package dev.quanta.app.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The file choosers the workbench asks the user with (the system's by default; tests answer
 * without a native dialog).
 */
public interface FileDialogs {
    /** The .tflite files to open, empty when the user cancels. */
    List<Path> openModels(Window owner);

    /** A folder, or {@code null} when the user cancels. */
    Path chooseDirectory(Window owner, String title);

    /** JavaFX's file and directory choosers. */
    static FileDialogs system() {
        return new FileDialogs() {
            @Override
            public List<Path> openModels(Window owner) {
                FileChooser fc = new FileChooser();
                fc.setTitle("Open a TensorFlow Lite model");
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("TensorFlow Lite models", "*.tflite"));
                List<File> files = fc.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files.stream().map(File::toPath).toList();
            }

            @Override
            public Path chooseDirectory(Window owner, String title) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle(title);
                File dir = dc.showDialog(owner);
                return dir == null ? null : dir.toPath();
            }
        };
    }
}
