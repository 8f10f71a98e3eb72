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
import java.util.Arrays;

/**
 * MEAN on int8/uint8 as TFLite 2.6.2 computes it (each case checked against 2.6.2 on one-op models).
 *
 * <ul>
 *   <li>4-D input, keep_dims, axes {1, 2} (global average pooling), int8: {@code reference_integer_ops::Mean}, as
 *       for int16 ({@link MeanInt16#integerMean}): {@code MBQM(sum(q - zp_in), s_in / s_out)}, divided by the
 *       count rounding half away from zero, plus {@code zp_out}, clamped. With equal quantization this is the
 *       rounded mean.</li>
 *   <li>The same case on uint8 takes 2.6.2's optimized uint8 kernel ({@code optimized_ops::Mean}), also
 *       integer but arranged differently: {@code MBQM(sum, s_in / (n * s_out))} (the real multiplier computed
 *       in float) plus {@code zp_out - (int) (zp_in * s_in / s_out ± 0.5)}, clamped to [0, 255], also when
 *       input and output share their quantization; rounding twice, a mean of k + 1/4 over four elements
 *       becomes k + 1 ({@link #spatialUint8}).</li>
 *   <li>Otherwise, with equal input and output quantization: the integer sum divided by the count,
 *       truncating ({@code reference_ops::Mean}).</li>
 *   <li>Otherwise TFLite's {@code QuantizedMeanOrSum}: float mean of the int32 sum, rescaled in float,
 *       rounded half away from zero and clamped.</li>
 * </ul>
 */
public final class MeanInt8 implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot axesT = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8, DType.UINT8);
        KernelException.require(axesT != null && axesT.isConstant(), "quantized MEAN needs constant axes");
        int rank = in.rank();
        boolean[] reduce = new boolean[rank];
        for (int a : axesT.toIntArray()) {
            int ax = a < 0 ? a + rank : a;
            KernelException.require(ax >= 0 && ax < rank, "axis " + a + " is out of range for rank " + rank);
            reduce[ax] = true;
        }
        boolean keep = node.options().getBool("keep_dims");
        int[] inShape = in.shape();
        int[] outShape = outShape(inShape, reduce, keep);
        out.resize(outShape);
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        int zpIn = Quant.zeroPoint(in);
        int zpOut = Quant.zeroPoint(out);
        Affine.Range range = Quant.range(out.type());
        boolean unsigned = in.type() == DType.UINT8;
        boolean spatial = rank == 4 && keep && reduce[1] && reduce[2] && !reduce[0] && !reduce[3];
        SpatialUint8 u8 = spatial && unsigned ? SpatialUint8.of(sIn, sOut, zpIn, zpOut, inShape[1] * inShape[2])
                : null;
        // Output element o accumulates input elements whose kept coordinates map to o.
        int[] inStrides = dev.quanta.engine.graph.Shapes.strides(inShape);
        int outSize = dev.quanta.engine.graph.Shapes.size(outShape);
        int[] keptDims = kept(inShape, reduce);
        int count = 1;
        for (int d = 0; d < rank; d++) {
            if (reduce[d]) {
                count *= inShape[d];
            }
        }
        int n = count;
        int[] sums = new int[outSize];
        QuantizedMultiplier qm = QuantizedMultiplier.of((double) sIn / (double) sOut); // int8 spatial
        return par -> {
            java.util.Arrays.fill(sums, 0);
            int[] idx = new int[rank];
            for (int i = 0; i < in.size(); i++) {
                int rem = i;
                int o = 0;
                for (int d = 0; d < rank; d++) {
                    idx[d] = rem / inStrides[d];
                    rem %= inStrides[d];
                }
                for (int d = 0; d < rank; d++) {
                    if (!reduce[d]) {
                        o = o * keptDims[d] + idx[d];
                    }
                }
                sums[o] += unsigned ? in.bytes()[in.offset() + i] & 0xff : in.bytes()[in.offset() + i];
            }
            byte[] y = out.bytes();
            for (int o = 0; o < outSize; o++) {
                int v;
                if (u8 != null) {
                    v = spatialUint8(sums[o], u8);
                } else if (spatial) {
                    v = MeanInt16.integerMean(sums[o] - n * zpIn, n, qm, zpOut, range);
                } else {
                    v = mean(sums[o], n, sIn, sOut, zpIn, zpOut, range);
                }
                y[out.offset() + o] = (byte) v;
            }
        };
    }

    /** One output of the non-spatial cases: truncating mean, or {@code QuantizedMeanOrSum} when quantization differs. */
    static int mean(int sum, int n, float sIn, float sOut, int zpIn, int zpOut, Affine.Range range) {
        if (zpIn == zpOut && sIn == sOut) {
            return sum / n; // reference_ops::Mean: truncating integer division of the sum
        }
        // QuantizedMeanOrSum: float arithmetic on the integer sum.
        float scale = sIn / sOut;
        float bias = -zpIn * scale;
        float mean = (float) sum / (float) n;
        float r = Rounding.roundHalfAway(mean * scale + bias) + zpOut;
        r = Math.max(Math.min(r, range.max()), range.min());
        return (int) r;
    }

    /** The multiplier and offset of 2.6.2's uint8 global-average-pooling MEAN. */
    record SpatialUint8(int multiplier, int shift, int bias) {
        static SpatialUint8 of(float sIn, float sOut, int zpIn, int zpOut, int count) {
            float temp = zpIn * sIn / sOut;
            temp = temp > 0 ? temp + 0.5f : temp - 0.5f;
            float realScale = sIn / ((float) count * sOut); // float, as TFLite's MeanImpl
            QuantizedMultiplier m = QuantizedMultiplier.of(realScale);
            return new SpatialUint8(m.multiplier(), m.shift(), zpOut - (int) temp);
        }
    }

    /** {@code optimized_ops::MeanImpl} on uint8 for one output: rescale the sum, add the offset, clamp. */
    static int spatialUint8(int sum, SpatialUint8 p) {
        int acc = FixedPoint.multiplyByQuantizedMultiplier(sum, p.multiplier(), p.shift()) + p.bias();
        return Math.min(Math.max(acc, 0), 255);
    }

    static int[] outShape(int[] in, boolean[] reduce, boolean keep) {
        int[] out = new int[in.length];
        int k = 0;
        for (int d = 0; d < in.length; d++) {
            if (!reduce[d]) {
                out[k++] = in[d];
            } else if (keep) {
                out[k++] = 1;
            }
        }
        return Arrays.copyOf(out, k);
    }

    static int[] kept(int[] in, boolean[] reduce) {
        int[] k = new int[in.length];
        for (int d = 0; d < in.length; d++) {
            k[d] = reduce[d] ? 1 : in[d];
        }
        return k;
    }
}
