package dev.quanta.engine.kernels.quant;

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
 * SQUARED_DIFFERENCE on int8 as TFLite 2.6.2's {@code squared_difference.cc}: both inputs are rescaled to
 * half the larger input scale with 7 bits of headroom, {@code v_i = MBQM_<1((q_i - zp_i) << 7, s_i / (2 max(s)))},
 * and {@code out = MBQM_<1((v_1 - v_2)^2, (2 max(s))^2 / (2^14 s_out)) + zp_out}, clamped to int8. The
 * scale ratios are computed in double from the float scales. Broadcasting follows NumPy.
 */
public final class SquaredDifferenceInt8 implements Kernel {
    private static final int LEFT_SHIFT = 7;

    /** Prepared arithmetic. */
    record Params(int zp1, int m1, int s1, int zp2, int m2, int s2, int zpOut, int mOut, int sOut) {
        int apply(int a, int b) {
            int x1 = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp((a - zp1) * (1 << LEFT_SHIFT), m1, s1);
            int x2 = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp((b - zp2) * (1 << LEFT_SHIFT), m2, s2);
            int diff = x1 - x2;
            int r = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(diff * diff, mOut, sOut) + zpOut;
            return Math.min(Math.max(r, -128), 127);
        }
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot a = node.input(0);
        TensorSlot b = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(a, "input 1", DType.INT8);
        Quant.requireType(b, "input 2", DType.INT8);
        Quant.requireType(out, "output", DType.INT8);
        Broadcast plan = Broadcast.plan(a.shape(), b.shape());
        out.resize(plan.shape);
        float sa = Quant.scale(a);
        float sb = Quant.scale(b);
        double twiceMax = 2.0 * Math.max(sa, sb);
        QuantizedMultiplier m1 = QuantizedMultiplier.smallerThanOneExp(sa / twiceMax);
        QuantizedMultiplier m2 = QuantizedMultiplier.smallerThanOneExp(sb / twiceMax);
        double realOut = twiceMax * twiceMax / (double) ((1 << (2 * LEFT_SHIFT)) * Quant.scale(out));
        KernelException.require(realOut < 1.0, "output scale " + Quant.scale(out) + " is too small for the input scales");
        QuantizedMultiplier mo = QuantizedMultiplier.smallerThanOneExp(realOut);
        Params p = new Params(Quant.zeroPoint(a), m1.multiplier(), m1.shift(), Quant.zeroPoint(b), m2.multiplier(),
                m2.shift(), Quant.zeroPoint(out), mo.multiplier(), mo.shift());
        return par -> Quant.broadcastBytes(plan, a, b, out, p::apply);
    }
}
