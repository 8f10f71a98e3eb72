package dev.quanta.engine.data;

import dev.quanta.engine.graph.DType;
import dev.quanta.engine.util.QuantaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What happens to each sample between the dataset and the model, in this order: resize (bilinear),
 * colour (gray/RGB), value scaling, per-channel mean/std normalisation, layout (NHWC → NCHW).
 * Image steps see a sample as HWC; a rank-2 sample {@code [H, W]} is one gray channel. Quantization for
 * integer model inputs happens afterwards, in {@link InputEncoder}, with the model's own parameters.
 *
 * @param resize {@code [height, width]}, or {@code null} to keep the size
 * @param color the colour conversion
 * @param scale how raw values are scaled
 * @param mean per-channel (or one) mean subtracted after scaling, or {@code null}
 * @param std per-channel (or one) divisor applied after the mean, or {@code null}
 * @param layout the layout of image samples handed to the model
 */
public record Preprocessing(int[] resize, Color color, Scale scale, double[] mean, double[] std, Layout layout) {

    /** Colour conversion. */
    public enum Color { KEEP, GRAY, RGB }

    /** Value scaling. {@code AUTO} is {@code UNIT} for image datasets and {@code NONE} otherwise. */
    public enum Scale {
        AUTO, NONE, UNIT, SYMMETRIC;

        /** The option value as the CLI spells it. */
        public static Scale parse(String s) {
            return switch (s) {
                case "auto" -> AUTO;
                case "none" -> NONE;
                case "0,1", "unit", "[0,1]" -> UNIT;
                case "-1,1", "symmetric", "[-1,1]" -> SYMMETRIC;
                default -> throw new QuantaException("Unknown scaling '" + s + "'; use none, 0,1 or -1,1.");
            };
        }
    }

    /** Image sample layout. */
    public enum Layout { NHWC, NCHW }

    /** No resize or colour change, automatic scaling, NHWC. */
    public static final Preprocessing DEFAULT = new Preprocessing(null, Color.KEEP, Scale.AUTO, null, null, Layout.NHWC);

    public Preprocessing {
        resize = resize == null ? null : resize.clone();
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
        if (std != null) {
            for (double s : std) {
                if (s == 0) {
                    throw new QuantaException("A standard deviation of 0 would divide by zero.");
                }
            }
        }
    }

    public Preprocessing withResize(int[] size) {
        return new Preprocessing(size, color, scale, mean, std, layout);
    }

    public Preprocessing withColor(Color c) {
        return new Preprocessing(resize, c, scale, mean, std, layout);
    }

    public Preprocessing withScale(Scale s) {
        return new Preprocessing(resize, color, s, mean, std, layout);
    }

    public Preprocessing withLayout(Layout l) {
        return new Preprocessing(resize, color, scale, mean, std, l);
    }

    public Preprocessing withNormalization(double[] m, double[] s) {
        return new Preprocessing(resize, color, scale, m, s, layout);
    }

    /** True when only value steps apply (no resize, colour or layout change). */
    public boolean keepsShape() {
        return resize == null && color == Color.KEEP && layout == Layout.NHWC;
    }

    /** The scaling in effect for a dataset. */
    public Scale effectiveScale(boolean image) {
        return scale == Scale.AUTO ? (image ? Scale.UNIT : Scale.NONE) : scale;
    }

    /** The spec of samples after this pipeline (type FLOAT64 once any value step applies). */
    public SampleSpec apply(SampleSpec in, boolean image) {
        int[] s = in.shape();
        if (!keepsShape()) {
            int[] hwc = hwc(in);
            int h = resize == null ? hwc[0] : resize[0];
            int w = resize == null ? hwc[1] : resize[1];
            int c = switch (color) {
                case KEEP -> hwc[2];
                case GRAY -> 1;
                case RGB -> 3;
            };
            boolean keepRank2 = s.length == 2 && c == 1 && layout == Layout.NHWC;
            s = keepRank2 ? new int[] {h, w} : layout == Layout.NCHW ? new int[] {c, h, w} : new int[] {h, w, c};
        }
        boolean values = effectiveScale(image) != Scale.NONE || mean != null || std != null;
        return new SampleSpec(in.name(), s, values ? DType.FLOAT64 : in.dtype());
    }

    private static int[] hwc(SampleSpec in) {
        int[] s = in.shape();
        if (s.length == 2) {
            return new int[] {s[0], s[1], 1};
        }
        if (s.length == 3 && (s[2] == 1 || s[2] == 3)) {
            return s;
        }
        throw new QuantaException("Samples of " + in.name() + " are " + in.shapeText()
                + ", not an HxW or HxWxC image (C = 1 or 3), so they cannot be resized, recoloured or transposed.");
    }

    /** Applies the pipeline to one sample's values (row-major in {@code in}'s shape). */
    public double[] apply(double[] v, SampleSpec in, boolean image) {
        double[] out = v;
        int[] hwc = null;
        if (!keepsShape()) {
            hwc = hwc(in);
            if (resize != null) {
                out = ImageOps.resizeBilinear(out, hwc[0], hwc[1], hwc[2], resize[0], resize[1]);
                hwc = new int[] {resize[0], resize[1], hwc[2]};
            }
            if (color == Color.GRAY && hwc[2] == 3) {
                out = ImageOps.toGray(out);
                hwc[2] = 1;
            } else if (color == Color.RGB && hwc[2] == 1) {
                out = ImageOps.toRgb(out);
                hwc[2] = 3;
            }
        }
        Scale sc = effectiveScale(image);
        if (sc != Scale.NONE || mean != null || std != null) {
            out = out == v ? out.clone() : out;
            int channels = hwc != null ? hwc[2] : channelsOf(in);
            for (int i = 0; i < out.length; i++) {
                double x = switch (sc) {
                    case UNIT -> out[i] / 255.0;
                    case SYMMETRIC -> out[i] / 127.5 - 1.0;
                    default -> out[i];
                };
                int ch = i % channels;
                if (mean != null) {
                    x -= mean[mean.length == 1 ? 0 : ch];
                }
                if (std != null) {
                    x /= std[std.length == 1 ? 0 : ch];
                }
                out[i] = x;
            }
        }
        if (layout == Layout.NCHW) {
            out = toChw(out, hwc[0], hwc[1], hwc[2]);
        }
        return out;
    }

    /** Channels of a sample for mean/std: the last axis, checked against the number of means given. */
    private int channelsOf(SampleSpec in) {
        int[] s = in.shape();
        int last = s.length == 0 ? 1 : s[s.length - 1];
        for (double[] a : new double[][] {mean, std}) {
            if (a != null && a.length != 1 && a.length != last) {
                throw new QuantaException(a.length + " mean/std values were given but samples of " + in.name()
                        + " (" + in.shapeText() + ") have " + last + " channels on their last axis.");
            }
        }
        return last;
    }

    private static double[] toChw(double[] hwc, int h, int w, int c) {
        double[] out = new double[hwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(ch * h + y) * w + x] = hwc[(y * w + x) * c + ch];
                }
            }
        }
        return out;
    }

    /** The CLI options that reproduce this pipeline, e.g. {@code --resize 32x32 --rgb}. */
    public String toOptions() {
        List<String> o = new ArrayList<>();
        if (resize != null) {
            o.add("--resize " + resize[0] + "x" + resize[1]);
        }
        if (color != Color.KEEP) {
            o.add("--" + color.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (layout == Layout.NCHW) {
            o.add("--nchw");
        }
        return String.join(" ", o);
    }

    @Override
    public String toString() {
        return "resize=" + (resize == null ? "none" : resize[0] + "x" + resize[1]) + " color=" + color
                + " scale=" + scale + (mean == null ? "" : " mean=" + Arrays.toString(mean))
                + (std == null ? "" : " std=" + Arrays.toString(std)) + " layout=" + layout;
    }
}
