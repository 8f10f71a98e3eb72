package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.BuiltinOp;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.array.Reduce;
import dev.quanta.engine.quant.Rounding;
import java.util.Arrays;

/**
 * SUM, REDUCE_MIN and REDUCE_MAX on int8/uint8, and REDUCE_MIN/REDUCE_MAX on int16, as TFLite 2.6.2's
 * {@code reduce.cc} computes them.
 *
 * <ul>
 *   <li>REDUCE_MIN/REDUCE_MAX fold the stored integers (quantization parameters are not consulted; the
 *       passes give input and output the same ones). int16 goes through the same generic reducer
 *       ({@code EvalType<int16_t>}).</li>
 *   <li>SUM with equal input and output quantization adds the stored integers in the storage type, so
 *       the sum wraps around in 8 bits, as TFLite's generic reducer does.</li>
 *   <li>SUM with different quantization is {@code QuantizedMeanOrSum(compute_sum)}: the int32 sum of
 *       the stored integers, then in float {@code round(sum * (s_in / s_out) - zp_in * (s_in / s_out) * n)}
 *       plus {@code zp_out}, converted to the storage type without clamping.</li>
 * </ul>
 */
public final class ReduceInt8 implements Kernel {
    private final int op;

    /** @param op SUM, REDUCE_MIN or REDUCE_MAX */
    public ReduceInt8(int op) {
        this.op = op;
    }

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot axesT = node.input(1);
        TensorSlot out = node.output(0);
        if (op == BuiltinOp.SUM) {
            Quant.requireType(in, "input", DType.INT8, DType.UINT8);
        } else {
            Quant.requireType(in, "input", DType.INT8, DType.UINT8, DType.INT16);
        }
        Quant.requireType(out, "output", in.type());
        KernelException.require(axesT != null && axesT.isConstant(), "quantized " + BuiltinOp.name(op)
                + " needs constant axes");
        int[] axes = Reduce.axes(axesT.toIntArray(), in.rank());
        boolean keep = node.options().getBool("keep_dims");
        out.resize(Reduce.outputShape(in.shape(), axes, keep));
        int[] index = Reduce.outputIndex(in.shape(), axes);
        int outSize = out.size();
        int count = outSize == 0 ? 0 : index.length / outSize;
        boolean unsigned = in.type() == DType.UINT8;
        float sIn = Quant.scale(in);
        float sOut = Quant.scale(out);
        int zpIn = Quant.zeroPoint(in);
        int zpOut = Quant.zeroPoint(out);
        boolean rescale = op == BuiltinOp.SUM && !(sIn == sOut && zpIn == zpOut);
        int[] acc = new int[outSize];
        if (in.type() == DType.INT16) {
            boolean max = op == BuiltinOp.REDUCE_MAX;
            return par -> {
                short[] x = in.shorts();
                Arrays.fill(acc, max ? Short.MIN_VALUE : Short.MAX_VALUE);
                for (int i = 0; i < index.length; i++) {
                    int v = x[in.offset() + i];
                    acc[index[i]] = max ? Math.max(acc[index[i]], v) : Math.min(acc[index[i]], v);
                }
                short[] y = out.shorts();
                for (int o = 0; o < outSize; o++) {
                    y[out.offset() + o] = (short) acc[o];
                }
            };
        }
        return par -> {
            byte[] x = in.bytes();
            int xo = in.offset();
            int init = switch (op) {
                case BuiltinOp.REDUCE_MIN -> unsigned ? 255 : 127;
                case BuiltinOp.REDUCE_MAX -> unsigned ? 0 : -128;
                default -> 0;
            };
            Arrays.fill(acc, init);
            for (int i = 0; i < index.length; i++) {
                int v = unsigned ? x[xo + i] & 0xff : x[xo + i];
                int o = index[i];
                acc[o] = switch (op) {
                    case BuiltinOp.REDUCE_MIN -> Math.min(acc[o], v);
                    case BuiltinOp.REDUCE_MAX -> Math.max(acc[o], v);
                    default -> rescale ? acc[o] + v : wrap(acc[o] + v, unsigned);
                };
            }
            byte[] y = out.bytes();
            for (int o = 0; o < outSize; o++) {
                y[out.offset() + o] = (byte) (rescale ? rescaledSum(acc[o], count, sIn, sOut, zpIn, zpOut) : acc[o]);
            }
        };
    }

    /** The value {@code v} as the 8-bit storage type holds it after wrapping. */
    static int wrap(int v, boolean unsigned) {
        return unsigned ? v & 0xff : (byte) v;
    }

    /** {@code QuantizedMeanOrSum} with {@code compute_sum}: float rescale of the integer sum, no clamp. */
    static int rescaledSum(int sum, int count, float sIn, float sOut, int zpIn, int zpOut) {
        float scale = sIn / sOut;
        float bias = -zpIn * scale * (float) count;
        return Rounding.castToIntX86(Rounding.roundHalfAway(sum * scale + bias)) + zpOut;
    }
}
