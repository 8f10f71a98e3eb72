package dev.quanta.engine.runtime;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelRegistry;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.util.QuantaException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subgraph made runnable: a {@link TensorSlot} per tensor, a kernel per operator in the file's
 * order, and the arena plan. Built once; {@link #prepare()} runs again when an input shape changes.
 */
final class ExecutionPlan {
    final Subgraph subgraph;
    final Map<Tensor, TensorSlot> slots = new IdentityHashMap<>();
    /** Variable tensors: their own storage, kept across runs (never in the arena). */
    private final Map<TensorSlot, Boolean> persistent = new IdentityHashMap<>();
    final List<PreparedNode> nodes = new ArrayList<>();
    final TensorSlot[] inputs;
    final TensorSlot[] outputs;
    ArenaPlanner.Result memory;

    ExecutionPlan(Subgraph subgraph, int threads, boolean reference) {
        this.subgraph = subgraph;
        for (Tensor t : subgraph.tensors()) {
            slot(t);
        }
        inputs = subgraph.inputs().stream().map(this::slot).toArray(TensorSlot[]::new);
        outputs = subgraph.outputs().stream().map(this::slot).toArray(TensorSlot[]::new);
        List<Operator> ops = subgraph.operators();
        for (int i = 0; i < ops.size(); i++) {
            Operator op = ops.get(i);
            TensorSlot[] in = op.inputs().stream().map(t -> t == null ? null : slot(t)).toArray(TensorSlot[]::new);
            TensorSlot[] out = op.outputs().stream().map(this::slot).toArray(TensorSlot[]::new);
            int ti = KernelRegistry.typeInput(op.builtin());
            DType firstType = ti < in.length && in[ti] != null ? in[ti].type() : null;
            Kernel kernel = op.opCode().isCustom() ? null : KernelRegistry.find(op.builtin(), firstType);
            PreparedNode node = new PreparedNode(i, op, kernel, in, out, threads, reference);
            if (kernel == null) {
                String type = firstType == null ? "" : " on " + firstType;
                throw new QuantaException(node.describe() + type + " is not supported by Quanta's interpreter");
            }
            if (foldable(op, in)) {
                node = fold(node, threads, reference);
            }
            nodes.add(node);
        }
    }

    /** Does nothing: the step of an operator whose output was computed once, at build time. */
    private static final Kernel FOLDED = node -> parallel -> { };

    /**
     * A DEQUANTIZE of a constant (the float16 or int8 weights of an fp16 or weight-only file) that is
     * not a graph output: its result never changes, so it is computed once here, as TensorFlow Lite's
     * DEQUANTIZE does for constant inputs, and readers see a constant FLOAT32 tensor (which lets
     * CONV_2D and FULLY_CONNECTED pack those weights once instead of on every run).
     */
    private boolean foldable(Operator op, TensorSlot[] in) {
        return op.builtin() == dev.quanta.engine.graph.BuiltinOp.DEQUANTIZE && in.length == 1 && in[0] != null
                && in[0].isConstant() && op.outputs().size() == 1 && op.output(0) != null
                && !subgraph.outputs().contains(op.output(0)) && !op.output(0).isVariable();
    }

    /** Runs {@code node} once on its constant input and makes its output a constant; the node becomes a no-op. */
    private PreparedNode fold(PreparedNode node, int threads, boolean reference) {
        Tensor outTensor = node.op.output(0);
        TensorSlot scratchOut = slotFor(outTensor);
        PreparedNode once = new PreparedNode(node.index, node.op, node.kernel, node.inputs,
                new TensorSlot[] {scratchOut}, 1, reference);
        try {
            once.prepare(false);
            scratchOut.bind(scratchOut.storage().allocate(Math.max(1, scratchOut.size())), 0);
            for (TensorSlot s : once.scratch) {
                s.bind(s.storage().allocate(Math.max(1, s.size())), 0);
            }
            once.eval.eval(dev.quanta.engine.kernels.Parallel.SERIAL);
        } catch (QuantaException e) {
            throw new QuantaException(node.describe() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new QuantaException(node.describe() + " cannot be prepared: " + e, e);
        }
        TensorSlot folded = TensorSlot.constantOf(scratchOut);
        slots.put(outTensor, folded);
        return new PreparedNode(node.index, node.op, FOLDED, node.inputs, new TensorSlot[] {folded}, threads,
                reference);
    }

    private TensorSlot slot(Tensor t) {
        TensorSlot s = slots.get(t);
        if (s == null) {
            s = slotFor(t);
            slots.put(t, s);
            if (t.isVariable() && !t.isConstant()) {
                s.bind(s.storage().allocate(Math.max(1, s.size())), 0);
                persistent.put(s, true);
            }
        }
        return s;
    }

    private static TensorSlot slotFor(Tensor t) {
        int[] shape = t.shape() == null ? new int[0] : t.shape();
        if (t.isConstant()) {
            return TensorSlot.constant(t.name(), t.type(), t.typeCode(), shape, t.quant(), t.data());
        }
        return new TensorSlot(t.name(), t.type(), shape, t.quant());
    }

    /** Prepares every node in order, then plans and binds the arena. */
    void prepare() {
        for (PreparedNode node : nodes) {
            node.deferred = false;
            for (TensorSlot in : node.inputs) {
                node.deferred |= in != null && in.isDynamic();
            }
            if (node.deferred) {
                // shapes are known only at eval; outputs live outside the arena
                for (TensorSlot out : node.outputs) {
                    out.markDynamic();
                }
                continue;
            }
            try {
                node.prepare(false);
            } catch (QuantaException e) {
                throw new QuantaException(node.describe() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new QuantaException(node.describe() + " cannot be prepared: " + e, e);
            }
        }
        memory = ArenaPlanner.plan(lifetimes());
    }

    /** Lifetime of every arena tensor: from its producer (or -1 for graph inputs) to its last reader. */
    private List<ArenaPlanner.Request> lifetimes() {
        Map<TensorSlot, int[]> life = new IdentityHashMap<>();
        int end = nodes.size();
        for (TensorSlot in : inputs) {
            life.put(in, new int[] {-1, -1});
        }
        for (PreparedNode node : nodes) {
            for (TensorSlot out : node.outputs) {
                if (!persistent.containsKey(out)) {
                    life.computeIfAbsent(out, k -> new int[] {node.index, node.index});
                }
            }
            for (TensorSlot in : node.inputs) {
                if (in == null || in.isConstant() || persistent.containsKey(in)) {
                    continue;
                }
                // a tensor read before anything writes it (not an input) lives from the start, zeroed
                life.computeIfAbsent(in, k -> new int[] {-1, node.index})[1] = node.index;
            }
            for (TensorSlot s : node.scratch) {
                life.put(s, new int[] {node.index, node.index});
            }
        }
        for (TensorSlot out : outputs) {
            int[] l = life.get(out);
            if (l != null) {
                l[1] = end;
            }
        }
        List<ArenaPlanner.Request> requests = new ArrayList<>();
        life.forEach((slot, l) -> {
            if (!slot.isConstant() && !slot.isDynamic() && !persistent.containsKey(slot)) {
                requests.add(new ArenaPlanner.Request(slot, l[0], l[1]));
            }
        });
        return requests;
    }
}
