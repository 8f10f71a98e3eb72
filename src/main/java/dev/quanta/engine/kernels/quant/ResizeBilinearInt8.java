package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.kernels.Eval;
import dev.quanta.engine.kernels.Kernel;
import dev.quanta.engine.kernels.KernelException;
import dev.quanta.engine.kernels.Node;
import dev.quanta.engine.kernels.TensorSlot;
import dev.quanta.engine.kernels.float32.ResizeBilinear;

/**
 * RESIZE_BILINEAR on int8 and int16 NHWC tensors as TFLite 2.6.2 runs them ({@code
 * reference_ops::ResizeBilinearInteger<T>}, the only kernel for both types, int16 through the same template with
 * the same int64 sums): positions in Q10 fixed point. The scale is {@code (2^10 * in + out / 2) / out}
 * (with {@code align_corners} and {@code out > 1}: {@code (2^10 (in - 1) + (out - 1) / 2) / (out - 1)}),
 * integer division; the source of output {@code y} is {@code y * scale}, or
 * {@code y * scale + scale / 2 - 2^9} with {@code half_pixel_centers}; {@code y0 = max(src / 2^10, 0)}
 * (division truncating), {@code y1 = min((src + 2^10 - 1) / 2^10, in - 1)}. The four corners are
 * weighted by {@code 2^10 - (src - 2^10 y0)} and {@code src - 2^10 y0} in each direction; the Q20 sum is
 * rounded half away from zero ({@code (v ± 2^19) / 2^20}, truncating) to the output, whose
 * quantization is the input's (stored values pass through unchanged in scale).
 */
public final class ResizeBilinearInt8 implements Kernel {

    @Override
    public Eval prepare(Node node) {
        TensorSlot in = node.input(0);
        TensorSlot size = node.input(1);
        TensorSlot out = node.output(0);
        Quant.requireType(in, "input", DType.INT8, DType.INT16);
        Quant.requireType(out, "output", in.type());
        KernelException.require(size != null && size.isConstant(), "quantized RESIZE_BILINEAR needs a constant size");
        boolean align = node.options().getBool("align_corners");
        boolean half = node.options().getBool("half_pixel_centers");
        int[] inShape = in.shape();
        int[] s = size.toIntArray();
        int[] outShape = ResizeBilinear.outputShape(inShape, s, align, half);
        out.resize(outShape);
        if (in.type() == DType.INT16) {
            return par -> {
                short[] x = in.shorts();
                short[] y = out.shorts();
                int xo = in.offset();
                int yo = out.offset();
                reference(i -> x[xo + i], (i, v) -> y[yo + i] = (short) v, inShape, outShape, align, half);
            };
        }
        return par -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            int xo = in.offset();
            int yo = out.offset();
            reference(i -> x[xo + i], (i, v) -> y[yo + i] = (byte) v, inShape, outShape, align, half);
        };
    }

    /** Writes element {@code index} of the output (the value already in the storage type's range). */
    @FunctionalInterface
    interface Sink {
        void put(int index, long value);
    }

    /** The Q10 scale of one dimension. */
    static int scale10(int inSize, int outSize, boolean alignCorners) {
        if (alignCorners && outSize > 1) {
            return ((1 << 10) * (inSize - 1) + (outSize - 1) / 2) / (outSize - 1);
        }
        return ((1 << 10) * inSize + outSize / 2) / outSize;
    }

    /** {source, lower, upper} of output coordinate {@code value}. */
    static int[] interpolation(int value, int scale10, boolean halfPixelCenters, int inSize) {
        int src = halfPixelCenters ? value * scale10 + scale10 / 2 - (1 << 9) : value * scale10;
        int lower = Math.max(src / (1 << 10), 0);
        int upper = Math.min((src + (1 << 10) - 1) / (1 << 10), inSize - 1);
        return new int[] {src, lower, upper};
    }

    /** The reference loops over input elements read through {@code x}, results written to {@code y}. */
    static void reference(java.util.function.IntUnaryOperator x, Sink y, int[] inShape, int[] outShape,
                          boolean align, boolean half) {
        int batches = inShape[0];
        int inH = inShape[1];
        int inW = inShape[2];
        int depth = inShape[3];
        int outH = outShape[1];
        int outW = outShape[2];
        int hScale = scale10(inH, outH, align);
        int wScale = scale10(inW, outW, align);
        for (int b = 0; b < batches; b++) {
            for (int oy = 0; oy < outH; oy++) {
                int[] iy = interpolation(oy, hScale, half, inH);
                long wy1 = iy[0] - (1L << 10) * iy[1];
                long wy0 = (1L << 10) - wy1;
                for (int ox = 0; ox < outW; ox++) {
                    int[] ix = interpolation(ox, wScale, half, inW);
                    long wx1 = ix[0] - (1L << 10) * ix[1];
                    long wx0 = (1L << 10) - wx1;
                    int r0 = ((b * inH + iy[1]) * inW) * depth;
                    int r1 = ((b * inH + iy[2]) * inW) * depth;
                    for (int c = 0; c < depth; c++) {
                        long v = x.applyAsInt(r0 + ix[1] * depth + c) * wy0 * wx0
                                + x.applyAsInt(r1 + ix[1] * depth + c) * wy1 * wx0
                                + x.applyAsInt(r0 + ix[2] * depth + c) * wy0 * wx1
                                + x.applyAsInt(r1 + ix[2] * depth + c) * wy1 * wx1;
                        long round = v > 0 ? (1 << 19) : -(1 << 19);
                        y.put(((b * outH + oy) * outW + ox) * depth + c, (v + round) / (1 << 20));
                    }
                }
            }
        }
    }
}
