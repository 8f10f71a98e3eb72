package dev.quanta.app.viewmodel;

import dev.quanta.app.port.WeightTensor;

/**
 * Presentation arithmetic over a weight tensor's real values: histogram bins, the int8 grid to
 * overlay, per-channel ranges and values, summary statistics, zeros and 2-D slices for the heatmap.
 */
public final class WeightMath {
    private WeightMath() {
    }

    /**
     * Equal-width bins over [min, max].
     *
     * @param min lower edge of the first bin
     * @param max upper edge of the last bin
     * @param counts elements per bin
     */
    public record Histogram(double min, double max, long[] counts) {
        public double binWidth() {
            return (max - min) / counts.length;
        }
    }

    /**
     * Quantization levels to overlay on the histogram.
     *
     * @param levels real values of the representable levels within the data's range
     * @param scale the scale used
     * @param actual true for a quantized tensor's real grid, false for the previewed int8 grid
     * @param description one line for the chart subtitle
     */
    public record Grid(double[] levels, double scale, boolean actual, String description) {
    }

    public static Histogram histogram(float[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) {
            return new Histogram(0, 1, new long[bins]);
        }
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.01;
            min -= pad;
            max += pad;
        }
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        for (float v : values) {
            int b = (int) ((v - min) / width);
            counts[Math.min(bins - 1, Math.max(0, b))]++;
        }
        return new Histogram(min, max, counts);
    }

    /**
     * The grid for {@code t}, an input of an {@code op} ({@code null} when unknown), shown with the
     * values of {@code channel} (-1: all channels).
     *
     * <ul>
     *   <li>Quantized to 8 bits or fewer: its own levels; a per-channel tensor shows the chosen
     *   channel's, and with all channels shown a grid-less note (one channel's grid over every
     *   channel's values would mislead).</li>
     *   <li>Float: the int8 grid Quanta's int8 passes (like TensorFlow's converter) would use:
     *   symmetric, scale max|w| / 127, per channel for CONV_2D (axis 0) and DEPTHWISE_CONV_2D
     *   (axis 3) kernels ({@link #int8Axis}), per tensor otherwise. The bias of CONV_2D,
     *   DEPTHWISE_CONV_2D, FULLY_CONNECTED and TRANSPOSE_CONV becomes int32, so it gets a note, not a grid.</li>
     * </ul>
     * A note is a grid without levels. Returns {@code null} for 16-bit tensors, whose 65536 levels are
     * finer than any histogram.
     */
    public static Grid grid(WeightTensor t, String op, int channel) {
        if (t.isQuantized()) {
            long[] range = switch (t.dtype()) {
                case "INT8" -> new long[] {-128, 127};
                case "UINT8" -> new long[] {0, 255};
                case "INT4" -> new long[] {-8, 7};
                default -> null;
            };
            if (range == null) {
                return null;
            }
            int n = t.scales().length;
            if (n > 1 && channel < 0) {
                return new Grid(new double[0], 0, true, String.format(java.util.Locale.ROOT,
                        "%s per channel: %d scales on axis %d; choose a channel to overlay its grid", t.dtype(), n,
                        t.quantizedDimension()));
            }
            int c = n == 1 ? 0 : Math.min(channel, n - 1);
            double scale = t.scales()[c];
            long zp = t.zeroPoints() == null || t.zeroPoints().length == 0 ? 0
                    : t.zeroPoints()[Math.min(c, t.zeroPoints().length - 1)];
            if (scale <= 0) {
                return null;
            }
            double[] levels = new double[(int) (range[1] - range[0] + 1)];
            for (long q = range[0]; q <= range[1]; q++) {
                levels[(int) (q - range[0])] = scale * (q - zp);
            }
            String where = n == 1 ? "per-tensor" : "channel " + c + " of " + n;
            return new Grid(levels, scale, true, String.format(java.util.Locale.ROOT,
                    "%s grid (%s): scale %.3g, zero point %d", t.dtype(), where, scale, zp));
        }
        if (isBias(op, t)) {
            return new Grid(new double[0], 0, false,
                    "bias: int32 in the integer modes (scale = input scale x weight scale), no 8-bit grid");
        }
        int axis = int8Axis(op, t);
        if (axis >= 0 && channel < 0) {
            return new Grid(new double[0], 0, false, String.format(java.util.Locale.ROOT,
                    "int8 modes quantize this kernel per channel (%d on axis %d); choose a channel to preview its grid",
                    t.shape()[axis], axis));
        }
        float[] v = axis >= 0 ? channelValues(t.values(), t.shape(), axis, channel) : t.values();
        double maxAbs = 0;
        for (float x : v) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        if (maxAbs == 0) {
            return null;
        }
        double scale = maxAbs / 127.0;
        double[] levels = new double[255];
        for (int k = -127; k <= 127; k++) {
            levels[k + 127] = k * scale;
        }
        String where = axis >= 0 ? ", channel " + channel + " of " + t.shape()[axis] + " (axis " + axis + ")" : " per-tensor";
        return new Grid(levels, scale, false, String.format(java.util.Locale.ROOT,
                "previewed int8 grid: symmetric%s, scale max|w|/127 = %.3g", where, scale));
    }

    /**
     * The axis along which Quanta's int8 passes quantize {@code t} per channel when it is the kernel
     * (input 1) of {@code op}: 0 for CONV_2D, 3 for DEPTHWISE_CONV_2D; -1 (per tensor) otherwise,
     * FULLY_CONNECTED included (per-channel FULLY_CONNECTED is an option needing a newer runtime).
     */
    public static int int8Axis(String op, WeightTensor t) {
        if (t.operand() != 1 || t.shape().length != 4 || op == null) {
            return -1;
        }
        return switch (op) {
            case "CONV_2D" -> 0;
            case "DEPTHWISE_CONV_2D" -> 3;
            default -> -1;
        };
    }

    /** True when {@code t} is the bias of a CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED or TRANSPOSE_CONV. */
    public static boolean isBias(String op, WeightTensor t) {
        if (op == null) {
            return false;
        }
        return switch (op) {
            case "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED" -> t.operand() == 2;
            case "TRANSPOSE_CONV" -> t.operand() == 3;
            default -> false;
        };
    }

    /** The values of slice {@code channel} along {@code axis}, in row-major order. */
    public static float[] channelValues(float[] values, int[] shape, int axis, int channel) {
        if (shape.length == 0) {
            return values.clone();
        }
        int channels = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        float[] out = new float[values.length / Math.max(1, channels)];
        int k = 0;
        for (int start = channel * inner; start < values.length; start += channels * inner) {
            System.arraycopy(values, start, out, k, inner);
            k += inner;
        }
        return out;
    }

    /**
     * Summary of real values.
     *
     * @param count elements
     * @param min smallest value
     * @param max largest value
     * @param mean arithmetic mean
     * @param std population standard deviation
     * @param zeros fraction of elements exactly zero
     */
    public record Stats(int count, double min, double max, double mean, double std, double zeros) {
    }

    /** Count, min, max, mean, standard deviation and zeros of {@code values} (all 0 when empty). */
    public static Stats stats(float[] values) {
        if (values.length == 0) {
            return new Stats(0, 0, 0, 0, 0, 0);
        }
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            sum += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double mean = sum / values.length;
        double sq = 0;
        for (float v : values) {
            sq += (v - mean) * (v - mean);
        }
        return new Stats(values.length, lo, hi, mean, Math.sqrt(sq / values.length), zeros(values));
    }

    /** [min, max] of each slice along {@code axis}: result[c] = {min, max}. */
    public static double[][] channelRange(float[] values, int[] shape, int axis) {
        if (shape.length == 0) {
            return new double[][] {range(values)};
        }
        int channels = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[][] out = new double[channels][];
        for (int c = 0; c < channels; c++) {
            out[c] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        }
        for (int i = 0; i < values.length; i++) {
            int c = (i / inner) % channels;
            out[c][0] = Math.min(out[c][0], values[i]);
            out[c][1] = Math.max(out[c][1], values[i]);
        }
        return out;
    }

    private static double[] range(float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    /** Fraction of elements that are exactly zero. */
    public static double zeros(float[] values) {
        if (values.length == 0) {
            return 0;
        }
        long z = 0;
        for (float v : values) {
            if (v == 0f) {
                z++;
            }
        }
        return (double) z / values.length;
    }

    /**
     * A 2-D slice: {@code rows} along {@code rowAxis}, columns along {@code colAxis}, every other axis
     * fixed at {@code fixed[axis]}. A rank-1 tensor gives one row.
     */
    public static float[][] slice(float[] values, int[] shape, int rowAxis, int colAxis, int[] fixed) {
        if (shape.length <= 1) {
            return new float[][] {values.clone()};
        }
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        int base = 0;
        for (int a = 0; a < shape.length; a++) {
            if (a != rowAxis && a != colAxis) {
                base += Math.max(0, Math.min(fixed[a], shape[a] - 1)) * strides[a];
            }
        }
        float[][] out = new float[shape[rowAxis]][shape[colAxis]];
        for (int r = 0; r < shape[rowAxis]; r++) {
            for (int c = 0; c < shape[colAxis]; c++) {
                out[r][c] = values[base + r * strides[rowAxis] + c * strides[colAxis]];
            }
        }
        return out;
    }
}
