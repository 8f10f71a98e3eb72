package dev.quanta.engine.runtime;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.kernels.TensorSlot;

/**
 * Floating-point operations of one inference, counted the usual way for CNN benchmarks: 2 per
 * multiply-accumulate of CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, FULLY_CONNECTED, BATCH_MATMUL and
 * the gate and projection matrix products of UNIDIRECTIONAL_SEQUENCE_LSTM (bias, activations,
 * pooling, element-wise ops and the LSTM's cell update are not counted). Uses the prepared shapes.
 */
public final class Flops {
    private Flops() {
    }

    /** FLOPs of one run of {@code interpreter} at its current input shapes. */
    public static long of(Interpreter interpreter) {
        long total = 0;
        for (PreparedNode n : interpreter.plan().nodes) {
            total += of(n);
        }
        return total;
    }

    static long of(PreparedNode n) {
        TensorSlot out = n.outputs.length == 0 ? null : n.outputs[0];
        if (out == null) {
            return 0;
        }
        long o = out.size();
        return switch (n.op.builtin()) {
            case BuiltinOp.CONV_2D -> 2 * o * n.input(1).dim(1) * n.input(1).dim(2) * n.input(1).dim(3);
            case BuiltinOp.DEPTHWISE_CONV_2D -> 2 * o * n.input(1).dim(1) * n.input(1).dim(2);
            case BuiltinOp.FULLY_CONNECTED -> 2 * o * n.input(1).dim(1);
            case BuiltinOp.BATCH_MATMUL -> {
                TensorSlot lhs = n.input(0);
                boolean adjX = n.options().getBool("adj_x");
                yield 2 * o * (adjX ? lhs.dim(-2) : lhs.dim(-1));
            }
            case BuiltinOp.TRANSPOSE_CONV -> 2L * n.input(2).size() * n.input(1).dim(0) * n.input(1).dim(1)
                    * n.input(1).dim(2);
            case BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM -> {
                // per time step and batch row: each gate's [cell, input] and [cell, output] products
                TensorSlot rec = n.input(6);
                long rows = o / rec.dim(1);
                long gates = n.input(1) == null ? 3 : 4;
                long perRow = gates * rec.dim(0) * (n.input(0).dim(2) + rec.dim(1));
                if (n.input(16) != null) {
                    perRow += (long) rec.dim(1) * rec.dim(0);
                }
                yield 2 * rows * perRow;
            }
            default -> 0;
        };
    }
}
