package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;
import dev.quanta.engine.quant.Rounding;

/**
 * QUANTIZE: float32 to int8/uint8/int16 ({@code q = clamp((int) round(v / scale) + zp)}), and
 * requantization between int8, uint8 and int16 ({@code q = clamp(MBQM(x - zp_in, s_in / s_out) + zp_out)},
 * the multiplier from {@code (double) s_in / (double) s_out}).
 *
 * <p>TFLite 2.6.2's default kernel divides by the scale in double precision
 * ({@code optimized_ops::AffineQuantize}); its reference kernel divides in float. The two differ only
 * when the float quotient rounds onto a .5 tie.
 */
public final class Quantize implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.FLOAT32, DType.INT8, DType.UINT8, DType.INT16);
        Quant.requireType(out, "output", DType.INT8, DType.UINT8, DType.INT16);
        KernelException.require(out.quant() != null && out.quant().hasScale(), "QUANTIZE output has no scale");
        KernelException.require(!out.quant().isPerAxis(), "per-channel QUANTIZE output is not supported");
        out.resize(in.shape());
        Affine.Range range = Quant.range(out.type());
        int zp = Quant.zeroPoint(out);
        DType ot = out.type();
        if (in.type() == DType.FLOAT32) {
            double scale = Quant.scale(out);
            boolean reference = node.reference();
            float fscale = Quant.scale(out);
            if (!reference && ot != DType.INT16) {
                int lo = range.min();
                int hi = range.max();
                return par -> quantize8(in.floats(), in.offset(), in.size(), scale, zp, lo, hi, out.bytes(),
                        out.offset());
            }
            if (!reference) {
                return par -> {
                    float[] x = in.floats();
                    int xo = in.offset();
                    int n = in.size();
                    for (int i = 0; i < n; i++) {
                        write(out, ot, i, range.clamp((long) roundToInt(x[xo + i] / scale) + zp));
                    }
                };
            }
            return par -> {
                float[] x = in.floats();
                int xo = in.offset();
                int n = in.size();
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    int q = Rounding.castToIntX86(Rounding.roundHalfAway(v / fscale));
                    write(out, ot, i, range.clamp((long) q + zp));
                }
            };
        }
        QuantizedMultiplier m = QuantizedMultiplier.of((double) Quant.scale(in) / (double) Quant.scale(out));
        int zpIn = Quant.zeroPoint(in);
        DType it = in.type();
        return par -> {
            int n = in.size();
            for (int i = 0; i < n; i++) {
                int x = PoolInt8.read(in, it, i) - zpIn;
                int q = FixedPoint.multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift()) + zp;
                write(out, ot, i, range.clamp(q));
            }
        };
    }

    /**
     * Float to 8-bit: {@code clamp(roundToInt(x / scale) + zp)} into {@code y} directly (the same
     * values as the generic loop, without its per-element type dispatch). Quotients below 2^30 in
     * magnitude (all but huge inputs) clamp branch-free in int arithmetic: on inputs of which a good
     * share clamps (a float input in [-1, 1] onto [0, 1] calibration) a compare-and-branch clamp
     * mispredicts about every other element, five times the cost of the rest of the loop.
     */
    static void quantize8(float[] x, int xo, int n, double scale, int zp, int lo, int hi, byte[] y, int yo) {
        for (int i = 0; i < n; i++) {
            double d = x[xo + i] / scale;
            double a = Math.abs(d);
            int v;
            if (a < 0x1p30) {
                // |roundToInt(d) + zp| < 2^30 + 256: the clamp's differences cannot overflow
                v = Quant.clampBranchFree(roundToInt(d) + zp, lo, hi);
            } else {
                v = (int) Math.min(Math.max((long) roundToInt(d) + zp, lo), hi);
            }
            y[yo + i] = (byte) v;
        }
    }

    /**
     * {@code castToIntX86(roundHalfAway(d))}, the same integer for every {@code d}: below 2^30 in
     * magnitude the truncating cast is the floor of {@code |d|} and the tie test is exact, which runs
     * several times faster on JDK 17 than the general helpers; NaN, infinities and large values take
     * the helpers.
     */
    static int roundToInt(double d) {
        double a = Math.abs(d);
        if (a < 0x1p30) {
            // branch-free (the tie test on random data mispredicts): f = a - t is exact (Sterbenz, or t = 0),
            // so is 2f, and (int) (2f) is 1 exactly when f >= 0.5; the sign is applied as (r ^ s) - s
            int t = (int) a;
            double f = a - t;
            int r = t + (int) (f + f);
            int s = (int) (Double.doubleToRawLongBits(d) >> 63);
            return (r ^ s) - s;
        }
        return Rounding.castToIntX86(Rounding.roundHalfAway(d));
    }

    static void write(TensorSlot s, DType t, int i, int v) {
        PoolInt8.write(s, t, i, v);
    }
}
