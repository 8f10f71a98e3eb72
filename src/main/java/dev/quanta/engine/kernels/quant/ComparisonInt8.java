package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER and GREATER_EQUAL on int8/uint8 as TFLite 2.6.2's
 * {@code ComparisonQuantized}: each input is brought to a common real scale before comparing,
 * {@code v_i = MBQM_<1((q_i - zp_i) << 8, s_i)} with {@code s_i} quantized by
 * {@code QuantizeMultiplierSmallerThanOneExp}, whatever the two inputs' parameters (equal parameters
 * included, so distinct stored values that land on the same scaled value compare equal). The output
 * is BOOL; broadcasting follows NumPy.
 */
public final class ComparisonInt8 implements Kernel {
    private static final int LEFT_SHIFT = 8;
    private final int op;

    /** @param op one of the six comparison builtins */
    public ComparisonInt8(int op) {
        this.op = op;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot a = node.input(0);
        TensorSlot b = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(a, "input 1", DType.INT8, DType.UINT8);
        Quant.requireType(b, "input 2", a.type());
        Quant.requireType(out, "output", DType.BOOL);
        Broadcast plan = Broadcast.plan(a.shape(), b.shape());
        out.resize(plan.shape);
        int[] sa = scaled(a);
        int[] sb = scaled(b);
        return par -> Quant.broadcastBytes(plan, a, b, out, (x, y) -> test(sa[x & 0xff], sb[y & 0xff]) ? 1 : 0);
    }

    /** The scaled value of each of the 256 stored bytes of {@code t} (indexed by the byte as unsigned). */
    static int[] scaled(TensorSlot t) {
        float s = Quant.scale(t);
        KernelException.require(s < 1f, "quantized comparison needs input scales below 1, got " + s);
        QuantizedMultiplier m = QuantizedMultiplier.smallerThanOneExp(s);
        int zp = Quant.zeroPoint(t);
        boolean unsigned = t.type() == DType.UINT8;
        int[] table = new int[256];
        for (int byteValue = 0; byteValue < 256; byteValue++) {
            int q = unsigned ? byteValue : (byte) byteValue;
            table[byteValue] = scale(q, zp, m.multiplier(), m.shift());
        }
        return table;
    }

    /** {@code MultiplyByQuantizedMultiplierSmallerThanOneExp((q - zp) * 2^8, m, shift)}. */
    static int scale(int q, int zp, int multiplier, int shift) {
        return FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp((q - zp) * (1 << LEFT_SHIFT), multiplier,
                shift);
    }

    boolean test(int x, int y) {
        return switch (op) {
            case BuiltinOp.EQUAL -> x == y;
            case BuiltinOp.NOT_EQUAL -> x != y;
            case BuiltinOp.LESS -> x < y;
            case BuiltinOp.LESS_EQUAL -> x <= y;
            case BuiltinOp.GREATER -> x > y;
            case BuiltinOp.GREATER_EQUAL -> x >= y;
            default -> throw new IllegalStateException("not a comparison: " + BuiltinOp.name(op));
        };
    }
}
