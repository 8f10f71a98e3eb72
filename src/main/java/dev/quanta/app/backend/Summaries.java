package dev.quanta.app.backend;

import dev.quanta.app.port.ConstantInput;
import dev.quanta.app.port.IoTensor;
import dev.quanta.app.port.LayerRow;
import dev.quanta.app.port.ModelSummary;
import dev.quanta.app.viewmodel.Format;
import dev.quanta.app.viewmodel.WeightLayers;
import dev.quanta.engine.eval.FileSizes;
import dev.quanta.engine.eval.ModelInspector;
import dev.quanta.engine.eval.TensorStats;
import dev.quanta.engine.eval.WeightStatistics;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The engine's model summary ({@link ModelInspector}, as {@code quanta inspect} prints it) in the workbench's records. */
final class Summaries {
    record Result(ModelSummary summary, List<LayerRow> layers) {
    }

    private Summaries() {
    }

    static Result of(Path file, Model m, Progress progress, Cancellation cancel) {
        dev.quanta.engine.eval.ModelSummary s = ModelInspector.summarize(m, file.getFileName().toString(),
                FileSizes.of(file), progress, cancel);
        List<LayerRow> rows = new ArrayList<>();
        Map<Tensor, ConstantInput> seen = new IdentityHashMap<>();
        for (dev.quanta.engine.eval.ModelSummary.LayerRow r : s.layers()) {
            if (r.subgraph() == 0) {
                cancel.check();
                rows.add(row(r, constants(m.main().operators().get(r.index()), seen)));
            }
        }
        ModelSummary summary = new ModelSummary(s.file(), s.fileBytes(), s.gzipBytes(), s.paramsByDtype(),
                io(s.inputs()), io(s.outputs()), rows.size());
        return new Result(summary, rows);
    }

    /** The op's constant operands at their operand positions (omitted optional inputs still count). */
    private static List<ConstantInput> constants(Operator op, Map<Tensor, ConstantInput> seen) {
        List<ConstantInput> out = new ArrayList<>();
        List<Tensor> inputs = op.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t == null || !t.isConstant()) {
                continue;
            }
            ConstantInput c = seen.computeIfAbsent(t, x -> {
                TensorStats st = WeightStatistics.of(x, 0, -1, 1);
                return new ConstantInput(-1, x.name(), st.dtype(), x.shape() == null ? new int[0] : x.shape(),
                        st.elements(), st.zeroFraction(), x.isQuantized());
            });
            out.add(new ConstantInput(i, c.name(), c.dtype(), c.shape(), c.elements(), c.sparsity(), c.quantized()));
        }
        return out;
    }

    private static LayerRow row(dev.quanta.engine.eval.ModelSummary.LayerRow r, List<ConstantInput> constants) {
        StringBuilder in = new StringBuilder();
        List<String> inTypes = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (var t : r.inputs()) {
            in.append(in.length() == 0 ? "" : " ").append(shape(t));
            if (!inTypes.contains(t.dtype())) {
                inTypes.add(t.dtype());
            }
            details.add((t.constant() ? "const  " : "input  ") + describe(t));
        }
        StringBuilder out = new StringBuilder();
        List<String> outTypes = new ArrayList<>();
        for (var t : r.outputs()) {
            out.append(out.length() == 0 ? "" : " ").append(shape(t));
            if (!outTypes.contains(t.dtype())) {
                outTypes.add(t.dtype());
            }
            details.add("output " + describe(t));
        }
        String weightType = r.inputs().stream().filter(t -> t.constant() && t.quant() != null)
                .map(dev.quanta.engine.eval.ModelSummary.TensorInfo::dtype).findFirst().orElse(null);
        boolean weights = constants.stream().anyMatch(c -> WeightLayers.isWeight(r.op(), c));
        String quant = r.weightQuant() == null ? (weights ? "float" : "–")
                : quant(r.weightQuant(), weightType);
        return new LayerRow(r.index(), r.op(), r.version(), in.toString(), out.toString(),
                String.join(",", inTypes) + " → " + String.join(",", outTypes), r.parameters(), r.bytes(),
                r.sparsity(), quant, details, constants);
    }

    private static String shape(dev.quanta.engine.eval.ModelSummary.TensorInfo t) {
        return t.shape() == null ? "[?]" : Format.shape(t.shape());
    }

    private static String describe(dev.quanta.engine.eval.ModelSummary.TensorInfo t) {
        return "#" + t.index() + " " + t.name() + "  " + t.dtype() + shape(t)
                + (t.quant() == null ? "" : "  " + quant(t.quant(), t.dtype()));
    }

    /** Quantization in words: per-tensor scale and zero point, or per-axis channel count and scale range. */
    static String quant(dev.quanta.engine.eval.ModelSummary.QuantInfo q, String dtype) {
        String prefix = dtype == null ? "" : dtype + " ";
        if (q.channels() > 1) {
            return String.format(Locale.ROOT, "%sper-axis: %d scales on dim %d (%.3g..%.3g)", prefix, q.channels(),
                    q.axis(), q.scaleMin(), q.scaleMax());
        }
        return String.format(Locale.ROOT, "%sscale %.3g, zero point %d", prefix, q.scaleMin(), q.zeroPointMin());
    }

    static List<IoTensor> io(List<dev.quanta.engine.eval.ModelSummary.TensorInfo> tensors) {
        List<IoTensor> out = new ArrayList<>();
        for (var t : tensors) {
            out.add(new IoTensor(t.name(), t.dtype(), t.shape() == null ? new int[0] : t.shape(),
                    t.quant() == null ? "" : quant(t.quant(), null)));
        }
        return out;
    }
}
