package dev.quanta.engine.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.quanta.engine.kernels.Activation;
import org.junit.jupiter.api.Test;

/** Hand-computed steps of the hybrid SVDF reference (TFLite 2.6.2 judges it in HybridSvdfTest). */
class SvdfHybridTest {

    // 2 filters over input size 2, memory 2, rank 2 -> 1 unit; weights_feature q [1 2; 3 -1] scale 0.5
    private static final Int8Matrix FEATURE = new Int8Matrix(new int[] {1, 2, 3, -1}, 2, 2, 0.5f, new int[] {3, 2});
    // weights_time already dequantized: [1 10; 100 1000]
    private static final float[] TIME = {1, 10, 100, 1000};

    @Test
    void symmetricStepShiftsQuantizesAndReduces() {
        float[] state = {1, 2, 3, 4};
        float[] out = new float[1];
        // input [1, -1]: range 1, q = [127, -127], row scale 1/127
        SvdfHybrid.step(new float[] {1, -1}, 0, false, false, FEATURE, TIME, new float[] {0.5f}, 2, 2,
                Activation.NONE, state, 0, out, 0, new QuantizedRow(2), new float[2]);
        float s = (1f / 127) * 0.5f;
        float a0 = (127 - 254) * s; // filter 0: 1*127 + 2*(-127)
        float a1 = (381 + 127) * s; // filter 1: 3*127 - 1*(-127)
        // shifted left [2, 3 | 4, 4], then the new activations in each filter's last slot
        assertArrayEquals(new float[] {2, a0, 4, a1}, state);
        float t0 = 0f + 1 * 2f + 10 * a0;
        float t1 = 0f + 100 * 4f + 1000 * a1;
        assertArrayEquals(new float[] {(0f + t0 + t1) + 0.5f}, out);
    }

    @Test
    void asymmetricStepCorrectsByRowSumsAndZeroPoint() {
        float[] state = new float[4];
        float[] out = new float[1];
        // input [0.25, 1]: range [0, 1], scale 1/255, zero point -128, q = [round(-64.25), 127] = [-64, 127]
        SvdfHybrid.step(new float[] {0.25f, 1}, 0, false, true, FEATURE, TIME, null, 2, 2, Activation.NONE, state, 0,
                out, 0, new QuantizedRow(2), new float[2]);
        float s = (float) (1.0 / 255) * 0.5f;
        float a0 = (1 * -64 + 2 * 127 - 3 * -128) * s; // dot - rowSum * zp
        float a1 = (3 * -64 - 1 * 127 - 2 * -128) * s;
        assertArrayEquals(new float[] {0, a0, 0, a1}, state);
        assertArrayEquals(new float[] {(0f + 10 * a0) + 1000 * a1}, out);
    }

    @Test
    void allZeroBatchWritesZeroActivations() {
        float[] state = {1, 2, 3, 4};
        float[] out = new float[1];
        SvdfHybrid.step(new float[] {0, 0}, 0, true, true, FEATURE, TIME, null, 2, 2, Activation.RELU, state, 0, out,
                0, new QuantizedRow(2), new float[2]);
        assertArrayEquals(new float[] {2, 0, 4, 0}, state);
        assertArrayEquals(new float[] {Math.max(0f, (0f + 2f) + 400f)}, out);
    }
}
