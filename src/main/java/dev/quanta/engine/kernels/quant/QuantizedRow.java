package dev.quanta.engine.kernels.quant;

/** A float row quantized on the fly. */
final class QuantizedRow {
    final byte[] bytes;
    final int[] q;
    final float[] scale = new float[1];
    final int[] zp = new int[1];
    boolean zero;

    QuantizedRow(int n) {
        bytes = new byte[n];
        q = new int[n];
    }

    void quantize(float[] x, int off, boolean asymmetric) {
        int n = q.length;
        zero = HybridQuantizer.isZero(x, off, n);
        if (zero) {
            return;
        }
        if (asymmetric) {
            HybridQuantizer.asymmetric(x, off, n, bytes, 0, scale, zp, 0);
        } else {
            scale[0] = HybridQuantizer.symmetric(x, off, n, bytes, 0);
            zp[0] = 0;
        }
        for (int i = 0; i < n; i++) {
            q[i] = bytes[i];
        }
    }
}
