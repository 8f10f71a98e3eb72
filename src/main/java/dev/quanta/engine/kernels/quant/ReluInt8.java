package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;
import dev.quanta.engine.quant.Rounding;

/**
 * RELU, RELU6 and LEAKY_RELU on int8/uint8 and int16 (RELU_N1_TO_1 shares the code; TFLite 2.6.2 has no int8 kernel for it), as TFLite 2.6.2's {@code QuantizedReluX} and
 * {@code QuantizeLeakyRelu}: {@code out = zp_out + MBQM(q - zp_in, s_in / s_out)} (LEAKY_RELU uses
 * {@code s_in * alpha / s_out} below zero, and forms both of its quotients in float as {@code LeakyReluPrepare}
 * does), clamped to the activation's quantized bounds
 * {@code zp_out + (int) roundf(bound / s_out)}.
 */
public final class ReluInt8 implements Kernel {
    private final int op;

    /** @param op RELU, RELU6, RELU_N1_TO_1 or LEAKY_RELU */
    public ReluInt8(int op) {
        this.op = op;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8, DType.UINT8, DType.INT16);
        Quant.requireType(out, "output", in.type());
        out.resize(in.shape());
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        int zpIn = Quant.zeroPoint(in);
        int zpOut = Quant.zeroPoint(out);
        Affine.Range type = Quant.range(out.type());
        QuantizedMultiplier identity;
        int lo;
        int hi;
        QuantizedMultiplier below;
        if (op == BuiltinOp.LEAKY_RELU) {
            float alpha = node.options().getFloat("alpha");
            identity = QuantizedMultiplier.of(sIn / sOut);
            below = QuantizedMultiplier.of(sIn * alpha / sOut);
            lo = type.min();
            hi = type.max();
        } else {
            identity = QuantizedMultiplier.of((double) sIn / (double) sOut);
            below = identity;
            float min = op == BuiltinOp.RELU_N1_TO_1 ? -1f : 0f;
            lo = Math.max(type.min(), zpOut + Rounding.castToIntX86(Rounding.roundHalfAway(min / sOut)));
            hi = op == BuiltinOp.RELU ? type.max() : Math.min(type.max(), zpOut
                    + Rounding.castToIntX86(Rounding.roundHalfAway((op == BuiltinOp.RELU6 ? 6f : 1f) / sOut)));
        }
        if (in.type() == DType.INT16) {
            int min = lo;
            int max = hi;
            return par -> {
                short[] x = in.shorts();
                short[] y = out.shorts();
                for (int i = 0; i < in.size(); i++) {
                    int v = x[in.offset() + i] - zpIn;
                    QuantizedMultiplier m = v >= 0 ? identity : below;
                    int r = zpOut + FixedPoint.multiplyByQuantizedMultiplier(v, m.multiplier(), m.shift());
                    y[out.offset() + i] = (short) Math.min(Math.max(r, min), max);
                }
            };
        }
        int mask = in.type() == DType.UINT8 ? 0xff : -1;
        return par -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            int n = in.size();
            for (int i = 0; i < n; i++) {
                int v = (x[in.offset() + i] & mask) - zpIn;
                QuantizedMultiplier m = v >= 0 ? identity : below;
                int r = zpOut + FixedPoint.multiplyByQuantizedMultiplier(v, m.multiplier(), m.shift());
                y[out.offset() + i] = (byte) Math.min(Math.max(r, lo), hi);
            }
        };
    }
}
