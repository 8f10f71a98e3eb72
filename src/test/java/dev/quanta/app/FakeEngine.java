package dev.quanta.app;

import dev.quanta.app.port.ConstantInput;
import dev.quanta.app.port.DatasetCatalog;
import dev.quanta.app.port.DatasetInfo;
import dev.quanta.app.port.IoTensor;
import dev.quanta.app.port.LayerError;
import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.Latency;
import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.Measurement;
import dev.quanta.app.port.ModelLoader;
import dev.quanta.app.port.ModelSummary;
import dev.quanta.app.port.QuantMode;
import dev.quanta.app.port.Recipe;
import dev.quanta.app.port.SamplePreview;
import dev.quanta.app.port.Training;
import dev.quanta.app.port.VariantMeasurer;
import dev.quanta.app.port.VariantOptimizer;
import dev.quanta.app.port.WeightTensor;
import dev.quanta.app.port.WorkbenchPorts;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test double of the engine for view-model tests: "reads" any file that starts with "FAKE" as a
 * two-layer model (CONV_2D with a (2,1,1,3) kernel, FULLY_CONNECTED), rejects others like the
 * reader does, and records every call.
 */
public final class FakeEngine {
    public final List<String> calls = new ArrayList<>();
    /** Recipe tags the fake optimizer refuses, as the engine refuses a model it cannot fine-tune. */
    public final java.util.Set<String> failingTags = new java.util.HashSet<>();

    public static Path writeModel(Path dir, String name) {
        try {
            return Files.write(dir.resolve(name), "FAKE model".getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WorkbenchPorts ports() {
        return new WorkbenchPorts(loader(), Optional.of(optimizer()), Optional.of(measurer()),
                Optional.of(datasets()), Optional.empty());
    }

    public ModelLoader loader() {
        return (file, progress, cancel) -> {
            calls.add("open " + file.getFileName());
            try {
                byte[] b = Files.readAllBytes(file);
                if (b.length < 4 || !new String(b, 0, 4).equals("FAKE")) {
                    throw new QuantaException(file.getFileName() + " is not a valid TensorFlow Lite model (bad header).");
                }
                return new Model(file, Files.size(file));
            } catch (IOException e) {
                throw new QuantaException("Cannot read " + file.getFileName() + ".");
            }
        };
    }

    public VariantOptimizer optimizer() {
        return new VariantOptimizer() {
            @Override
            public Set<QuantMode> supportedModes() {
                return EnumSet.of(QuantMode.FULL_INTEGER, QuantMode.FLOAT16, QuantMode.DYNAMIC_RANGE);
            }

            @Override
            public Set<Training> supportedTraining() {
                return EnumSet.allOf(Training.class);
            }

            @Override
            public Path optimize(LoadedModel baseline, Recipe recipe, Path output, Progress p, Cancellation c) {
                calls.add("optimize " + recipe.tag());
                if (failingTags.contains(recipe.tag())) {
                    throw new QuantaException("Fine-tuning has no gradient for op GATHER_ND yet.");
                }
                try {
                    Files.createDirectories(output.getParent());
                    return Files.write(output, ("FAKE " + recipe.tag()).getBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    public VariantMeasurer measurer() {
        return (baseline, variants, dataset, p, c) -> {
            List<Measurement> out = new ArrayList<>();
            out.add(measure(baseline, true, dataset));
            for (LoadedModel v : variants) {
                out.add(measure(v, false, dataset));
            }
            return out;
        };
    }

    private Measurement measure(LoadedModel model, boolean base, String dataset) {
        calls.add("measure " + model.file().getFileName() + " on " + dataset);
        long size = model.summary().bytes();
        return new Measurement(size, size / 2, new Latency(1.2, 1.0, 1.5, 50),
                dataset == null ? null : base ? 0.97 : 0.95, base ? 1.0 : 0.99, "relative RMSE",
                base ? List.of() : List.of(new LayerError(0, "0 CONV_2D", 0.01), new LayerError(1, "1 FULLY_CONNECTED", 0.02)),
                "fake measurement");
    }

    public DatasetCatalog datasets() {
        return new DatasetCatalog() {
            @Override
            public List<DatasetInfo> datasets() {
                return List.of(new DatasetInfo("mnist-10k", "MNIST test", 10000, true, "28x28 grayscale scaled to [0,1]"));
            }

            @Override
            public List<SamplePreview> preview(String id, int count) {
                List<SamplePreview> out = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    out.add(new SamplePreview(2, 2, new float[] {0, 1, 1, 0}, Integer.toString(i)));
                }
                return out;
            }
        };
    }

    /** The two-layer fake model. */
    public static final class Model implements LoadedModel {
        private final Path file;
        private final long bytes;

        Model(Path file, long bytes) {
            this.file = file;
            this.bytes = bytes;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public ModelSummary summary() {
            Map<String, Long> params = new LinkedHashMap<>();
            params.put("FLOAT32", 16L);
            return new ModelSummary(file.getFileName().toString(), bytes, bytes / 2, params,
                    List.of(new IoTensor("input", "FLOAT32", new int[] {1, 4, 4, 3}, "")),
                    List.of(new IoTensor("logits", "FLOAT32", new int[] {1, 2}, "")), 2);
        }

        @Override
        public List<LayerRow> layers() {
            return List.of(
                    new LayerRow(0, "CONV_2D", 3, "[1,4,4,3] [2,1,1,3] [2]", "[1,4,4,2]", "FLOAT32 -> FLOAT32", 8, 32,
                            0.25, "float", List.of("kernel: conv/w"), List.of(
                            new ConstantInput(1, "conv/w", "FLOAT32", new int[] {2, 1, 1, 3}, 6, 2 / 6.0, false),
                            new ConstantInput(2, "conv/b", "FLOAT32", new int[] {2}, 2, 0, false))),
                    new LayerRow(1, "FULLY_CONNECTED", 9, "[1,4] [2,4]", "[1,2]", "FLOAT32 -> FLOAT32", 8, 32,
                            0.25, "int8 per-channel", List.of(), List.of(
                            new ConstantInput(1, "fc/w", "INT8", new int[] {2, 4}, 8, 0.25, true))));
        }

        @Override
        public List<WeightTensor> weights(int layer) {
            if (layer == 0) {
                return List.of(new WeightTensor("conv/w", "FLOAT32", new int[] {2, 1, 1, 3},
                        new float[] {-1.27f, 0, 0.5f, 0.25f, 1f, 0}, null, null, 0));
            }
            return List.of(new WeightTensor("fc/w", "INT8", new int[] {2, 4},
                    new float[] {-0.2f, 0, 0.1f, 0.3f, 0.4f, -0.4f, 0, 0.2f}, new float[] {0.1f, 0.2f},
                    new long[] {0, 0}, 0));
        }
    }
}
