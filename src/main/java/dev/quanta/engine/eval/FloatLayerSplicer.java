package dev.quanta.engine.eval;

import dev.quanta.engine.graph.Buffer;
import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.ModelCopier;
import dev.quanta.engine.graph.OpCode;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.util.QuantaException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link VariantFactory} for an existing quantized model: layers named in the keep-float set are
 * replaced by the float model's own operator (with its float weights), with a DEQUANTIZE in front of
 * each quantized activation input and a QUANTIZE back to the original output tensor, so the rest of
 * the quantized graph is unchanged. Where a kept layer feeds another kept layer (or reads a float
 * model input, or is read by a float model output), the QUANTIZE → DEQUANTIZE round trip between them
 * is removed, so a run of kept layers computes in float end to end, as it would in a model quantized
 * with those layers excluded. Works on a copy; neither model is modified.
 */
public final class FloatLayerSplicer implements VariantFactory {
    private final Model floatModel;
    private final Model quantized;

    public FloatLayerSplicer(Model floatModel, Model quantized) {
        this.floatModel = floatModel;
        this.quantized = quantized;
    }

    @Override
    public Model build(Set<String> keepFloat) {
        Model copy = ModelCopier.copy(quantized);
        if (keepFloat.isEmpty()) {
            return copy;
        }
        Subgraph g = copy.main();
        LayerAlignment.Result alignment = LayerAlignment.align(floatModel.main(), g);
        int found = 0;
        for (LayerAlignment.Pair p : alignment.pairs()) {
            if (keepFloat.contains(p.baseOutput().name())) {
                splice(copy, g, p.base(), p.variant());
                found++;
            }
        }
        if (found != keepFloat.size()) {
            throw new QuantaException("Only " + found + " of the " + keepFloat.size() + " layers to keep float were "
                    + "found in both models: " + keepFloat + ".");
        }
        chainFloat(g);
        return copy;
    }

    /**
     * Replaces every {@code y = DEQUANTIZE(QUANTIZE(x))} with float {@code x}: readers of {@code y}
     * read {@code x} instead; when {@code y} is a subgraph output, {@code x}'s producer writes
     * {@code y} directly. QUANTIZE and DEQUANTIZE operators left without readers are dropped.
     */
    static void chainFloat(Subgraph g) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Operator deq : List.copyOf(g.operators())) {
                if (deq.builtin() != BuiltinOp.DEQUANTIZE || !g.operators().contains(deq)) {
                    continue;
                }
                Tensor q = deq.input(0);
                Operator quant = q == null ? null : g.producer(q);
                if (quant == null || quant.builtin() != BuiltinOp.QUANTIZE) {
                    continue;
                }
                Tensor x = quant.input(0);
                Tensor y = deq.output(0);
                if (x == null || x.type() != DType.FLOAT32 || y.type() != DType.FLOAT32
                        || !java.util.Arrays.equals(x.shape(), y.shape())) {
                    continue;
                }
                if (g.outputs().contains(y)) {
                    Operator producer = g.producer(x);
                    if (producer == null || g.outputs().contains(x)) {
                        continue; // y must stay a distinct output tensor; nothing float writes it directly
                    }
                    producer.outputs().set(producer.outputs().indexOf(x), y);
                    replaceReads(g, x, y);
                } else {
                    replaceReads(g, y, x);
                }
                g.operators().remove(deq);
                changed = true;
            }
            for (Operator quant : List.copyOf(g.operators())) {
                if (quant.builtin() == BuiltinOp.QUANTIZE && g.consumers(quant.output(0)).isEmpty()
                        && !g.outputs().contains(quant.output(0))) {
                    g.operators().remove(quant);
                    changed = true;
                }
            }
        }
    }

    private static void replaceReads(Subgraph g, Tensor from, Tensor to) {
        for (Operator op : g.operators()) {
            List<Tensor> in = op.inputs();
            for (int i = 0; i < in.size(); i++) {
                if (in.get(i) == from) {
                    in.set(i, to);
                }
            }
        }
    }

    private static void splice(Model m, Subgraph g, Operator floatOp, Operator q) {
        List<Operator> before = new ArrayList<>();
        Map<Tensor, Tensor> dequantized = new IdentityHashMap<>();
        List<Tensor> inputs = new ArrayList<>();
        for (int k = 0; k < floatOp.inputs().size(); k++) {
            Tensor fin = floatOp.input(k);
            Tensor qin = q.input(k);
            if (fin == null) {
                inputs.add(null);
            } else if (fin.isConstant()) {
                Tensor c = g.add(new Tensor(fin.name(), fin.type(), fin.shape()));
                Buffer b = new Buffer(fin.data());
                m.buffers().add(b);
                c.setBuffer(b);
                c.setQuant(fin.quant());
                inputs.add(c);
            } else if (qin == null) {
                throw new QuantaException("Cannot keep " + floatOp.opName() + " '" + floatOp.output(0).name()
                        + "' float: input " + k + " has no counterpart in the quantized model.");
            } else if (qin.type() == DType.FLOAT32) {
                inputs.add(qin);
            } else {
                Tensor d = dequantized.get(qin);
                if (d == null) {
                    d = g.add(new Tensor(qin.name() + "/dequantized", DType.FLOAT32, qin.shape()));
                    dequantized.put(qin, d);
                    before.add(new Operator(opCode(m, BuiltinOp.DEQUANTIZE, qin.type() == DType.INT16 ? 3 : 2),
                            List.of(qin), List.of(d), null));
                }
                inputs.add(d);
            }
        }
        Tensor qout = q.output(0);
        List<Operator> after = new ArrayList<>();
        Tensor out = qout;
        if (qout.type() != DType.FLOAT32) {
            out = g.add(new Tensor(qout.name() + "/float", DType.FLOAT32, qout.shape()));
            after.add(new Operator(opCode(m, BuiltinOp.QUANTIZE, 1), List.of(out), List.of(qout), null));
        }
        Operator replacement = new Operator(floatOp.opCode(), inputs, List.of(out), floatOp.options());
        int at = g.operators().indexOf(q);
        g.operators().remove(at);
        List<Operator> all = new ArrayList<>(before);
        all.add(replacement);
        all.addAll(after);
        g.operators().addAll(at, all);
        if (!m.opCodes().contains(floatOp.opCode())) {
            m.opCodes().add(floatOp.opCode());
        }
    }

    private static OpCode opCode(Model m, int builtin, int version) {
        for (OpCode c : m.opCodes()) {
            if (c.builtinCode() == builtin) {
                return c;
            }
        }
        OpCode c = OpCode.builtin(builtin, version);
        m.opCodes().add(c);
        return c;
    }
}
