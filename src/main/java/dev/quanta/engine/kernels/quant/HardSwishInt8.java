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
 * HARD_SWISH ({@code x * relu6(x + 3) / 6}) on int8 with TFLite 2.6.2's 16-bit fixed-point arithmetic
 * ({@code reference_ops::HardSwish}, which its optimized kernel reproduces):
 *
 * <ol>
 *   <li>{@code x = (q - zp_in) << 7} on a "hires" input scale {@code s_in / 128} (int16);</li>
 *   <li>{@code pre = SRDHM16(x, m_out)} with {@code m_out} = {@code (s_in / 128) / s_out} (float) as a
 *       16-bit multiplier, its exponent must be &lt;= 0;</li>
 *   <li>the "reluish" factor: {@code x} rescaled by {@code (s_in / 128) / (3 / 32768)} with saturating
 *       shifts (all but one bit of a left shift before the multiply, the last bit after; a right shift
 *       rounds), mapped from [-1, 1] to [0, 1] by {@code (r + 2^15) >> 1};</li>
 *   <li>{@code out = RoundingDivideByPOT(SDHM16(reluish, pre), -exp_out) + zp_out}, clamped to int8, where
 *       SDHM16 is the truncating (non-rounding) doubling high multiply.</li>
 * </ol>
 * 16-bit multipliers are the 32-bit ones rounded to their top 16 bits ({@code DownScaleInt32ToInt16Multiplier}).
 * The output depends on the input byte only, so prepare tabulates all 256 bytes.
 */
public final class HardSwishInt8 implements Kernel {

    /** Prepared multipliers. */
    record Params(int zpIn, int zpOut, short outMultiplier, int outExponent, short reluishMultiplier,
                  int reluishExponent) {
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8);
        Quant.requireType(out, "output", DType.INT8);
        out.resize(in.shape());
        Params p = params(Quant.scale(in), Quant.zeroPoint(in), Quant.scale(out), Quant.zeroPoint(out));
        byte[] lut = new byte[256];
        for (int q = -128; q <= 127; q++) {
            lut[q & 0xff] = (byte) apply(p, q);
        }
        return par -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            int xo = in.offset();
            int yo = out.offset();
            for (int i = 0; i < in.size(); i++) {
                y[yo + i] = lut[x[xo + i] & 0xff];
            }
        };
    }

    static Params params(float sIn, int zpIn, float sOut, int zpOut) {
        float hiresInputScale = (1.0f / 128.0f) * sIn;
        float reluishScale = 3.0f / 32768.0f;
        QuantizedMultiplier out = QuantizedMultiplier.of(hiresInputScale / sOut);
        KernelException.require(out.shift() <= 0, "HARD_SWISH needs an output scale of at least the input scale / 128");
        QuantizedMultiplier reluish = QuantizedMultiplier.of(hiresInputScale / reluishScale);
        return new Params(zpIn, zpOut, downScale(out.multiplier()), out.shift(), downScale(reluish.multiplier()),
                reluish.shift());
    }

    /** {@code DownScaleInt32ToInt16Multiplier}: the top 16 bits, rounded, saturating at 32767. */
    static short downScale(int m) {
        if (m >= Integer.MAX_VALUE - (1 << 15)) {
            return Short.MAX_VALUE;
        }
        return (short) ((m + (1 << 15)) >> 16);
    }

    /** The int8 output for stored input {@code q}. */
    static int apply(Params p, int q) {
        short value = (short) (q - p.zpIn());
        short hires = (short) (value * (1 << 7));
        short preshift = FixedPoint.saturatingRoundingDoublingHighMul(hires, p.outMultiplier());
        short reluish = hires;
        if (p.reluishExponent() > 0) {
            reluish = saturatingLeftShift(reluish, p.reluishExponent() - 1);
        }
        reluish = FixedPoint.saturatingRoundingDoublingHighMul(reluish, p.reluishMultiplier());
        if (p.reluishExponent() > 0) {
            reluish = saturatingLeftShift(reluish, 1);
        }
        if (p.reluishExponent() < 0) {
            reluish = (short) FixedPoint.roundingDivideByPOT(reluish, -p.reluishExponent());
        }
        reluish = (short) ((reluish + (1 << 15)) >> 1);
        short preshiftOut = saturatingDoublingHighMul(reluish, preshift);
        short result = (short) FixedPoint.roundingDivideByPOT(preshiftOut, -p.outExponent());
        result = (short) (result + p.zpOut());
        return Math.min(Math.max(result, -128), 127);
    }

    /** {@code value * 2^amount} saturated to int16. */
    static short saturatingLeftShift(short value, int amount) {
        int r = value * (1 << amount);
        return (short) Math.min(Math.max(r, Short.MIN_VALUE), Short.MAX_VALUE);
    }

    /** The doubling high multiply without rounding: {@code (a * b) / 2^15} truncated; -1 * -1 saturates. */
    static short saturatingDoublingHighMul(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        return (short) ((a * b) / (1 << 15));
    }
}
