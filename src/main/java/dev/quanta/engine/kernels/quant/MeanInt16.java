package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.array.Reduce;
import dev.quanta.engine.quant.Affine;
import dev.quanta.engine.quant.FixedPoint;
import dev.quanta.engine.quant.QuantizedMultiplier;
import java.util.Arrays;

/**
 * MEAN on int16 (16x8 mode) as TFLite 2.6.2's {@code reduce.cc} computes it; the sum is int32.
 *
 * <ul>
 *   <li>4-D input, keep_dims, axes {1, 2}: {@code reference_integer_ops::Mean}, integer only:
 *       {@code acc = MBQM(sum(q - zp_in), s_in / s_out)}, divided by the count rounding half away from zero
 *       ({@code (acc ± n/2) / n}), plus {@code zp_out}, clamped.</li>
 *   <li>Otherwise, with equal input and output quantization: the sum divided by the count, truncating.</li>
 *   <li>Otherwise {@code QuantizedMeanOrSum}: float mean of the sum, rescaled in float, rounded half away from
 *       zero and clamped (as {@link MeanInt8}).</li>
 * </ul>
 */
public final class MeanInt16 implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot axesT = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT16);
        Quant.requireType(out, "output", DType.INT16);
        KernelException.require(axesT != null && axesT.isConstant(), "quantized MEAN needs constant axes");
        int rank = in.rank();
        int[] axes = Reduce.axes(axesT.toIntArray(), rank);
        boolean keep = node.options().getBool("keep_dims");
        out.resize(Reduce.outputShape(in.shape(), axes, keep));
        int[] index = Reduce.outputIndex(in.shape(), axes);
        int outSize = out.size();
        int count = outSize == 0 ? 0 : index.length / outSize;
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        int zpIn = Quant.zeroPoint(in);
        int zpOut = Quant.zeroPoint(out);
        boolean spatial = rank == 4 && keep && Arrays.equals(axes, new int[] {1, 2});
        QuantizedMultiplier m = QuantizedMultiplier.of((double) sIn / (double) sOut);
        int[] sums = new int[outSize];
        return par -> {
            Arrays.fill(sums, 0);
            short[] x = in.shorts();
            int xo = in.offset();
            for (int i = 0; i < index.length; i++) {
                sums[index[i]] += spatial ? x[xo + i] - zpIn : x[xo + i];
            }
            short[] y = out.shorts();
            for (int o = 0; o < outSize; o++) {
                int v;
                if (spatial) {
                    v = integerMean(sums[o], count, m, zpOut, Quant.range(DType.INT16));
                } else if (sIn == sOut && zpIn == zpOut) {
                    v = sums[o] / count;
                } else {
                    v = MeanInt8.mean(sums[o], count, sIn, sOut, zpIn, zpOut, Quant.range(DType.INT16));
                }
                y[out.offset() + o] = (short) v;
            }
        };
    }

    /**
     * {@code reference_integer_ops::Mean} for one output: rescale, rounding division, offset, clamp to
     * {@code range} (also 2.6.2's int8 global average pooling, see {@link MeanInt8}).
     */
    static int integerMean(int centeredSum, int n, QuantizedMultiplier m, int zpOut, Affine.Range range) {
        int acc = FixedPoint.multiplyByQuantizedMultiplier(centeredSum, m.multiplier(), m.shift());
        acc = acc > 0 ? (acc + n / 2) / n : (acc - n / 2) / n;
        acc += zpOut;
        return range.clamp(acc);
    }
}
