package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;

/**
 * RSQRT on int8 with TFLite 2.6.2's fixed-point arithmetic ({@code elementwise.cc}): for
 * {@code v = q - zp_in > 0}, {@code 1/sqrt(v)} comes from {@code GetInvSqrtQuantizedMultiplierExp} (five
 * Newton-Raphson steps in Q3.28), is applied to 1 with 20 extra bits of left shift, and the result is
 * rescaled by {@code M = 1 / (sqrtf(s_in) * s_out)} with the 20 bits taken back:
 * {@code out = MBQM(MBQM(1, m_v, shift_v + 20), M, shift_M - 20) + zp_out}, clamped to int8. {@code v == 0}
 * gives 127; an input below the zero point is an error, as in TFLite.
 *
 * <p>The output depends on the input byte only, so prepare evaluates that formula for all 256 bytes
 * and eval looks results up.
 */
public final class RsqrtInt8 implements Kernel {
    private static final int K_SHIFT = 20;

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8);
        Quant.requireType(out, "output", DType.INT8);
        out.resize(in.shape());
        int zpIn = Quant.zeroPoint(in);
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        double real = 1.0 / (double) ((float) Math.sqrt(sIn) * sOut);
        QuantizedMultiplier m = QuantizedMultiplier.of(real);
        byte[] lut = new byte[256];
        for (int q = -128; q <= 127; q++) {
            lut[q & 0xff] = q < zpIn ? 0 : (byte) apply(q, zpIn, m.multiplier(), m.shift(), Quant.zeroPoint(out));
        }
        return par -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            int xo = in.offset();
            int yo = out.offset();
            for (int i = 0; i < in.size(); i++) {
                byte q = x[xo + i];
                if (q < zpIn) {
                    throw new KernelException("RSQRT is only defined for positive values (input " + q
                            + " is below the zero point " + zpIn + ")");
                }
                y[yo + i] = lut[q & 0xff];
            }
        };
    }

    /** The int8 result for input {@code q >= zpIn}. */
    static int apply(int q, int zpIn, int multiplier, int shift, int zpOut) {
        int v = q - zpIn;
        if (v == 0) {
            return 127;
        }
        long inv = invSqrtQuantizedMultiplierExp(v, -1);
        int invMultiplier = (int) (inv >> 32);
        int invShift = (int) inv;
        int data = FixedPoint.multiplyByQuantizedMultiplier(1, invMultiplier, invShift + K_SHIFT);
        int r = FixedPoint.multiplyByQuantizedMultiplier(data, multiplier, shift - K_SHIFT) + zpOut;
        return Math.min(Math.max(r, -128), 127);
    }

    /**
     * TFLite's {@code GetInvSqrtQuantizedMultiplierExp}: {@code 1/sqrt(input)} as a Q31 multiplier and a
     * shift (multiplied by {@code reverseShift}), returned packed as {@code multiplier << 32 | shift}.
     * Inputs 0 and 1 give {@code (INT32_MAX, 0)}.
     */
    static long invSqrtQuantizedMultiplierExp(int input, int reverseShift) {
        if (input <= 1) {
            return pack(Integer.MAX_VALUE, 0);
        }
        int shift = 11;
        while (input >= (1 << 29)) {
            input /= 4;
            shift++;
        }
        int maxLeftShiftBits = Integer.numberOfLeadingZeros(input) - 1;
        int leftShiftBitPairs = maxLeftShiftBits / 2 - 1;
        shift -= leftShiftBitPairs;
        input <<= 2 * leftShiftBitPairs;
        // Q3.28 fixed point (3 integer bits); products of two Q3 values are Q6, of three Q9.
        int halfInput = FixedPoint.roundingDivideByPOT(input >> 1, 1);
        int halfThree = (1 << 28) + (1 << 27);
        int x = 1 << 28; // 1.0
        for (int i = 0; i < 5; i++) {
            int x3 = FixedPoint.saturatingRoundingMultiplyByPOT(mul(mul(x, x), x), 6); // Q9 -> Q3
            x = FixedPoint.saturatingRoundingMultiplyByPOT(mul(halfThree, x) - mul(halfInput, x3), 3); // Q6 -> Q3
        }
        int halfSqrt2 = 1518500250; // sqrt(2)/2 in Q0.31
        int result = mul(x, halfSqrt2);
        if (shift < 0) {
            result <<= -shift;
            shift = 0;
        }
        return pack(result, shift * reverseShift);
    }

    private static int mul(int a, int b) {
        return FixedPoint.saturatingRoundingDoublingHighMul(a, b);
    }

    private static long pack(int multiplier, int shift) {
        return ((long) multiplier << 32) | (shift & 0xffffffffL);
    }
}
