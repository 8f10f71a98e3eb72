package dev.quanta.app.backend;

import dev.quanta.app.port.ModelLoader;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.engine.tflite.TfliteReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The engine's capabilities as the workbench's ports. */
public final class EngineBackend {
    private EngineBackend() {
    }

    /** The engine with datasets from the default folders ({@code $QUANTA_DATASETS}, ../shared/datasets...). */
    public static WorkbenchPorts ports() {
        return ports(EngineDatasets.defaultRoots(), EngineMeasurer.EVAL_SAMPLES);
    }

    /** The engine offering the datasets found in {@code datasetRoots}, evaluating on their first samples. */
    public static WorkbenchPorts ports(List<Path> datasetRoots, long evalSamples) {
        EngineMeasurer measurer = new EngineMeasurer(evalSamples);
        return new WorkbenchPorts(loader(), Optional.of(new EngineOptimizer(evalSamples)), Optional.of(measurer),
                Optional.of(new EngineDatasets(datasetRoots)), Optional.of(measurer));
    }

    /** Reads a model with the engine's .tflite reader. */
    public static ModelLoader loader() {
        return (file, progress, cancel) -> {
            progress.update(0, -1, "Reading " + file.getFileName());
            return TfliteModel.read(file, progress, cancel);
        };
    }
}
