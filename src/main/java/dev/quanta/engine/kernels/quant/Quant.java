package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.QuantParams;
import dev.quanta.engine.kernels.Broadcast;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.quant.ActivationRange;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.QuantizedMultiplier;

/** Prepare-time helpers shared by the integer kernels: quantization parameters, ranges, multipliers. */
final class Quant {
    private Quant() {
    }

    /**
     * {@code min(max(v, lo), hi)} without branches or {@code Math.min/max}, so that loops using it stay
     * vectorizable on JDK 17 (C2 leaves int min/max and conditional moves scalar there). Exact while
     * {@code v - lo} and {@code v - hi} do not overflow (callers keep all three far inside the int range).
     */
    static int clampBranchFree(int v, int lo, int hi) {
        int t = v - lo;
        int r = lo + (t & ~(t >> 31));
        t = r - hi;
        return hi + (t & (t >> 31));
    }

    /** True for the 8-bit and 16-bit quantized storage types these kernels handle. */
    static boolean isQuantized(DType t) {
        return t == DType.INT8 || t == DType.UINT8 || t == DType.INT16;
    }

    /** The per-tensor scale of {@code t} (its first scale), as TFLite's {@code params.scale}. */
    static float scale(TensorSlot t) {
        QuantParams q = t.quant();
        KernelException.require(q != null && q.hasScale(), "tensor " + t.name() + " has no quantization scale");
        return q.scale()[0];
    }

    /** The per-tensor zero point of {@code t}. */
    static int zeroPoint(TensorSlot t) {
        QuantParams q = t.quant();
        return q == null ? 0 : (int) q.zeroPoint(0);
    }

    /** The storage range of a quantized type. */
    static Affine.Range range(DType t) {
        return switch (t) {
            case INT8 -> Affine.Range.INT8;
            case UINT8 -> Affine.Range.UINT8;
            case INT16 -> Affine.Range.INT16;
            default -> throw new KernelException("type " + t + " is not a quantized integer type");
        };
    }

    /** The clamp range of the node's fused activation on its quantized output. */
    static Affine.Range activationRange(Node node, TensorSlot out) {
        int act = node.options().getInt("fused_activation_function");
        return ActivationRange.quantized(act, scale(out), zeroPoint(out), range(out.type()));
    }

    /**
     * Per-channel multipliers {@code (double) s_in * (double) s_w[c] / (double) s_out}, as TFLite's
     * {@code PopulateConvolutionQuantizationParams}; a per-tensor weight scale is broadcast.
     */
    static QuantizedMultiplier[] perChannel(float inScale, QuantParams weights, float outScale, int channels) {
        QuantizedMultiplier[] m = new QuantizedMultiplier[channels];
        for (int c = 0; c < channels; c++) {
            double ws = weights.scale().length > 1 ? weights.scale()[c] : weights.scale()[0];
            m[c] = QuantizedMultiplier.of((double) inScale * ws / (double) outScale);
        }
        return m;
    }

    /** Multipliers split into two arrays for tight loops. */
    static int[] multipliers(QuantizedMultiplier[] m) {
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].multiplier();
        }
        return out;
    }

    static int[] shifts(QuantizedMultiplier[] m) {
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].shift();
        }
        return out;
    }

    /** The values of an 8-bit tensor as ints (UINT8 unsigned, INT8 signed). */
    static int[] ints8(TensorSlot t) {
        byte[] b = t.bytes();
        int o = t.offset();
        int[] out = new int[t.size()];
        boolean unsigned = t.type() == DType.UINT8;
        for (int i = 0; i < out.length; i++) {
            out[i] = unsigned ? b[o + i] & 0xff : b[o + i];
        }
        return out;
    }

    /** A constant int32 bias (or zeros when absent), checked to have {@code n} elements. */
    static int[] bias32(TensorSlot bias, int n) {
        if (bias == null) {
            return new int[n];
        }
        KernelException.require(bias.type() == DType.INT32 && bias.size() == n,
                "bias must be INT32 with " + n + " elements, got " + bias);
        int[] out = new int[n];
        System.arraycopy(bias.ints(), bias.offset(), out, 0, n);
        return out;
    }

    /** A constant int64 bias (16x8 kernels; an INT32 bias is widened), or zeros when absent. */
    static long[] bias64(TensorSlot bias, int n) {
        long[] out = new long[n];
        if (bias == null) {
            return out;
        }
        KernelException.require(bias.size() == n, "bias must have " + n + " elements, got " + bias);
        for (int i = 0; i < n; i++) {
            out[i] = bias.longAt(i);
        }
        return out;
    }

    /** Requires {@code t} to be present with one of {@code types}. */
    static void requireType(TensorSlot t, String what, DType... types) {
        KernelException.require(t != null, what + " is missing");
        for (DType d : types) {
            if (t.type() == d) {
                return;
            }
        }
        throw new KernelException(what + " " + t.name() + " has type " + t.type() + ", expected one of "
                + java.util.Arrays.toString(types));
    }

    /** A per-element function of two stored bytes, giving the stored output byte. */
    @FunctionalInterface
    interface ByteBinary {
        int apply(byte x, byte y);
    }

    /** {@code out = op(a, b)} over 8-bit tensors with NumPy broadcasting ({@code plan} from their shapes). */
    static void broadcastBytes(Broadcast plan, TensorSlot a, TensorSlot b, TensorSlot out, ByteBinary op) {
        byte[] x = a.bytes();
        byte[] y = b.bytes();
        byte[] z = out.bytes();
        for (int r = 0; r < plan.outer; r++) {
            int xi = a.offset() + plan.aOffset(r);
            int yi = b.offset() + plan.bOffset(r);
            int base = out.offset() + r * plan.inner;
            for (int i = 0; i < plan.inner; i++) {
                z[base + i] = (byte) op.apply(x[xi], y[yi]);
                xi += plan.aInnerStride;
                yi += plan.bInnerStride;
            }
        }
    }
}
