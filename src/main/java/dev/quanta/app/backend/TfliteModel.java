package dev.quanta.app.backend;

import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.LoadedModel;
import dev.quanta.app.port.ModelSummary;
import dev.quanta.app.port.WeightTensor;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A model read by the engine's reader, with its summary and layer rows computed once. */
final class TfliteModel implements LoadedModel {
    private final Path file;
    private final Model model;
    private final ModelSummary summary;
    private final List<LayerRow> layers;

    private TfliteModel(Path file, Model model, ModelSummary summary, List<LayerRow> layers) {
        this.file = file;
        this.model = model;
        this.summary = summary;
        this.layers = layers;
    }

    static TfliteModel read(Path file, Progress progress, Cancellation cancel) {
        Model m = TfliteReader.read(file);
        cancel.check();
        Summaries.Result r = Summaries.of(file, m, progress, cancel);
        return new TfliteModel(file, m, r.summary(), r.layers());
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public ModelSummary summary() {
        return summary;
    }

    @Override
    public List<LayerRow> layers() {
        return layers;
    }

    @Override
    public List<WeightTensor> weights(int layerIndex) {
        Subgraph sg = model.main();
        Operator op = sg.operators().get(layerIndex);
        List<WeightTensor> out = new ArrayList<>();
        for (int i = 0; i < op.inputs().size(); i++) {
            Tensor t = op.input(i);
            if (t != null && t.isConstant()) {
                WeightTensor w = Values.weightTensor(t, i);
                if (w != null) {
                    out.add(w);
                }
            }
        }
        // The largest constant first: the kernel, not the bias.
        out.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return out;
    }

    /** The engine's model (for the optimize, bench and eval adapters). */
    Model model() {
        return model;
    }
}
