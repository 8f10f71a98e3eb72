package dev.quanta.engine.kernels.quant;

import dev.quanta.engine.quant.Rounding;

/**
 * The on-the-fly input quantization of TFLite's hybrid kernels ({@code tensor_utils::
 * SymmetricQuantizeFloats} and {@code AsymmetricQuantizeFloats}): one scale (and zero point) per batch
 * row, computed from the row's float range.
 */
final class HybridQuantizer {
    private HybridQuantizer() {
    }

    /**
     * Symmetric: {@code range = max(|min|, |max|)}, {@code scale = range / 127}, {@code q = clamp(round(v * (127
     * / range)), -127, 127)}; an all-zero row gives zeros and scale 1. Returns the scale.
     */
    static float symmetric(float[] x, int xo, int n, byte[] q, int qo) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = Math.max(Math.abs(min), Math.abs(max));
        if (n == 0 || range == 0) {
            java.util.Arrays.fill(q, qo, qo + n, (byte) 0);
            return 1f;
        }
        float inv = 127 / range;
        for (int i = 0; i < n; i++) {
            int v = Quantize.roundToInt(x[xo + i] * inv); // the float product, rounded as QUANTIZE rounds
            q[qo + i] = (byte) Math.min(127, Math.max(-127, v));
        }
        return range / 127;
    }

    /**
     * Asymmetric over [min(0, min), max(0, max)] in double: {@code scale = (rmax - rmin) / 255}, the zero
     * point from whichever end has the smaller error term, nudged into [-128, 127];
     * {@code q = clamp(round(zp + v * (1f / scale)))} in float. Writes the scale (as float) to
     * {@code scaleOut[i]} and the zero point to {@code zpOut[i]}.
     */
    static void asymmetric(float[] x, int xo, int n, byte[] q, int qo, float[] scaleOut, int[] zpOut, int i) {
        float fmin = Float.POSITIVE_INFINITY;
        float fmax = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            fmin = Math.min(fmin, x[xo + k]);
            fmax = Math.max(fmax, x[xo + k]);
        }
        double rmin = Math.min(0.0, fmin);
        double rmax = Math.max(0.0, fmax);
        if (rmin == rmax) {
            java.util.Arrays.fill(q, qo, qo + n, (byte) 0);
            scaleOut[i] = 1f;
            zpOut[i] = 0;
            return;
        }
        double qmin = -128;
        double qmax = 127;
        double scale = (rmax - rmin) / (qmax - qmin);
        double zpFromMin = qmin - rmin / scale;
        double zpFromMax = qmax - rmax / scale;
        double errMin = Math.abs(qmin) + Math.abs(rmin / scale);
        double errMax = Math.abs(qmax) + Math.abs(rmax / scale);
        double zpd = errMin < errMax ? zpFromMin : zpFromMax;
        int zp;
        if (zpd <= qmin) {
            zp = -128;
        } else if (zpd >= qmax) {
            zp = 127;
        } else {
            zp = (byte) Rounding.roundHalfAway(zpd);
        }
        float fscale = (float) scale;
        scaleOut[i] = fscale;
        zpOut[i] = zp;
        float inv = 1.0f / fscale;
        for (int k = 0; k < n; k++) {
            int v = Quantize.roundToInt(zp + x[xo + k] * inv);
            q[qo + k] = (byte) Math.min(127, Math.max(-128, v));
        }
    }

    /** True when every element is exactly zero ({@code tensor_utils::IsZeroVector}). */
    static boolean isZero(float[] x, int xo, int n) {
        for (int i = 0; i < n; i++) {
            if (x[xo + i] != 0f) {
                return false;
            }
        }
        return true;
    }
}
