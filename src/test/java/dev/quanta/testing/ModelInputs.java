package dev.quanta.testing;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Operator;
import dev.quanta.engine.graph.Subgraph;
import dev.quanta.engine.graph.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reproducible inputs for a model's main subgraph, by dtype, from a fixed seed: floats uniform in
 * [-1, 1) ([0, 1) for an input of RSQRT or SQRT), 8/16-bit integers over their full range, bools at
 * random. 32/64-bit integer inputs are
 * usually indices, so they get small non-negative values: below the size of the axis they index when
 * they reach (directly or through RESHAPE/ADD/SELECT/...) a GATHER, GATHER_ND or EMBEDDING_LOOKUP, and
 * in [0, 4) otherwise. SLICE's begin and size inputs get 0 and 1 (a valid one-element slice).
 * {@link #zeros} is the fallback for models that reject random values in TFLite.
 */
public final class ModelInputs {
    private static final int DEFAULT_INT_BOUND = 4;

    private ModelInputs() {
    }

    /** One buffer per input of subgraph 0, in input order. */
    public static List<ByteBuffer> random(Model model, long seed) {
        Random rnd = new Random(seed);
        Subgraph sg = model.main();
        List<ByteBuffer> out = new ArrayList<>();
        for (Tensor t : sg.inputs()) {
            int n = (int) dev.quanta.engine.graph.Shapes.elementCount(shape(sg, t));
            DType type = t.type();
            ByteBuffer b = ByteBuffer.allocate((int) type.byteSize(n)).order(ByteOrder.LITTLE_ENDIAN);
            int bound = indexBound(sg, t, 0);
            Integer fixed = sliceArgument(sg, t);
            boolean nonNegative = feedsSquareRoot(sg, t);
            for (int i = 0; i < n; i++) {
                switch (type) {
                    case FLOAT32 -> b.putFloat(nonNegative ? rnd.nextFloat() : rnd.nextFloat() * 2 - 1);
                    case INT8, UINT8 -> b.put((byte) rnd.nextInt(256));
                    case INT16 -> b.putShort((short) rnd.nextInt(65536));
                    case BOOL -> b.put((byte) rnd.nextInt(2));
                    case INT32 -> b.putInt(fixed != null ? fixed : rnd.nextInt(bound));
                    case INT64 -> b.putLong(rnd.nextInt(bound));
                    default -> throw new IllegalArgumentException("no random inputs for " + type);
                }
            }
            out.add(b.flip());
        }
        return out;
    }

    /** All-zero inputs. */
    public static List<ByteBuffer> zeros(Model model) {
        List<ByteBuffer> out = new ArrayList<>();
        for (Tensor t : model.main().inputs()) {
            long n = dev.quanta.engine.graph.Shapes.elementCount(shape(model.main(), t));
            out.add(ByteBuffer.allocate((int) t.type().byteSize(n)));
        }
        return out;
    }

    /**
     * The shape to feed each input of subgraph 0. It is the model's own shape, except for a SLICE
     * begin/size input shorter than the sliced tensor's rank: TFLite 2.6.2 reads one value per
     * dimension (past the end of a shorter tensor), so such inputs are resized to the rank.
     */
    public static List<int[]> shapes(Model model) {
        List<int[]> out = new ArrayList<>();
        for (Tensor t : model.main().inputs()) {
            out.add(shape(model.main(), t));
        }
        return out;
    }

    static int[] shape(Subgraph sg, Tensor t) {
        for (Operator op : sg.consumers(t)) {
            int pos = op.inputs().indexOf(t);
            if (op.builtin() == BuiltinOp.SLICE && pos > 0 && t.rank() == 1 && t.dim(0) < op.input(0).rank()) {
                return new int[] {op.input(0).rank()};
            }
        }
        return t.shape();
    }

    /**
     * True when {@code t} feeds an RSQRT or SQRT directly: such inputs get values in [0, 1), the ops'
     * domain (TFLite 2.6.2's int8 RSQRT fails on an input below its zero point).
     */
    static boolean feedsSquareRoot(Subgraph sg, Tensor t) {
        for (Operator op : sg.consumers(t)) {
            if (op.builtin() == BuiltinOp.RSQRT || op.builtin() == BuiltinOp.SQRT) {
                return true;
            }
        }
        return false;
    }

    /** 0 for a SLICE begin input, 1 for a SLICE size input, else {@code null}. */
    static Integer sliceArgument(Subgraph sg, Tensor t) {
        for (Operator op : sg.consumers(t)) {
            if (op.builtin() == BuiltinOp.SLICE && op.inputs().indexOf(t) > 0) {
                return op.inputs().indexOf(t) == 1 ? 0 : 1;
            }
        }
        return null;
    }

    /** The exclusive upper bound for values of {@code t} that keeps every index it feeds valid. */
    static int indexBound(Subgraph sg, Tensor t, int depth) {
        int bound = DEFAULT_INT_BOUND;
        if (depth > 8) {
            return bound;
        }
        for (Operator op : sg.consumers(t)) {
            int pos = op.inputs().indexOf(t);
            switch (op.builtin()) {
                case BuiltinOp.GATHER -> {
                    if (pos == 1) {
                        int axis = op.options() == null ? 0 : op.options().getInt("axis");
                        Tensor params = op.input(0);
                        bound = Math.min(bound == DEFAULT_INT_BOUND ? Integer.MAX_VALUE : bound,
                                params.dim(axis < 0 ? params.rank() + axis : axis));
                    }
                }
                case BuiltinOp.GATHER_ND -> {
                    if (pos == 1) {
                        Tensor params = op.input(0);
                        int k = t.dim(-1);
                        int min = Integer.MAX_VALUE;
                        for (int i = 0; i < k && i < params.rank(); i++) {
                            min = Math.min(min, params.dim(i));
                        }
                        bound = Math.min(bound == DEFAULT_INT_BOUND ? Integer.MAX_VALUE : bound, min);
                    }
                }
                case BuiltinOp.EMBEDDING_LOOKUP -> {
                    if (pos == 0) {
                        bound = Math.min(bound == DEFAULT_INT_BOUND ? Integer.MAX_VALUE : bound, op.input(1).dim(0));
                    }
                }
                case BuiltinOp.RESHAPE, BuiltinOp.SELECT, BuiltinOp.SELECT_V2, BuiltinOp.ADD, BuiltinOp.SQUEEZE,
                        BuiltinOp.EXPAND_DIMS, BuiltinOp.CONCATENATION, BuiltinOp.PACK -> {
                    if (pos == 0 || op.builtin() != BuiltinOp.RESHAPE) {
                        int next = indexBound(sg, op.output(0), depth + 1);
                        if (next != DEFAULT_INT_BOUND) {
                            bound = Math.min(bound == DEFAULT_INT_BOUND ? Integer.MAX_VALUE : bound, next);
                        }
                    }
                }
                default -> {
                }
            }
        }
        return Math.max(bound, 1);
    }
}
