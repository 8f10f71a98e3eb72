package dev.quanta.engine.kernels.array;

import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.util.QuantaException;

/**
 * BROADCAST_TO: NumPy broadcasting of the input to a given shape. The input's dimensions align with
 * the trailing dimensions of the target; each must equal the target's or be 1.
 */
public final class BroadcastTo implements Kernel {

    /** Checks that {@code in} broadcasts to {@code target}. */
    public static void check(int[] in, int[] target) {
        if (in.length > target.length) {
            throw new QuantaException("cannot broadcast " + Layout.str(in) + " to the lower-rank " + Layout.str(target));
        }
        int lead = target.length - in.length;
        for (int d = 0; d < in.length; d++) {
            if (in[d] != 1 && in[d] != target[lead + d]) {
                throw new QuantaException("cannot broadcast " + Layout.str(in) + " to " + Layout.str(target));
            }
        }
    }

    /** The gather map: output element {@code i} reads input element {@code map[i]}. */
    public static int[] map(int[] in, int[] target) {
        check(in, target);
        int n = Layout.size(target);
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = Broadcast.sourceIndex(i, target, in);
        }
        return map;
    }

    /** BROADCAST_TO (input, shape). */
    @Override
    public Eval prepare(Node node) {
        TensorSlot in = Operands.in(node, 0, "input");
        TensorSlot shape = Operands.in(node, 1, "shape");
        TensorSlot out = node.output(0);
        Operands.elementwise(in);
        Operands.sameType(in, out);
        if (shape.isConstant()) {
            int[] target = Operands.ints(shape);
            int[] map = map(in.shape(), target);
            out.resize(target);
            return p -> Layout.gather(map, in.array(), in.offset(), out.array(), out.offset());
        }
        out.markDynamic();
        return p -> {
            int[] target = Operands.ints(shape);
            int[] map = map(in.shape(), target);
            out.resize(target);
            Layout.gather(map, in.array(), in.offset(), out.array(), out.offset());
        };
    }
}
