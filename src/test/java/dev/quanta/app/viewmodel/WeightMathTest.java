package dev.quanta.app.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.port.WeightTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightMathTest {
    @Test
    void histogramPutsEveryValueInOneBin() {
        WeightMath.Histogram h = WeightMath.histogram(new float[] {0, 0.5f, 1, 1, 0.24f}, 4);
        assertArrayEquals(new long[] {2, 0, 1, 2}, h.counts());
        assertEquals(0.25, h.binWidth(), 1e-12);
    }

    @Test
    void previewGridIsSymmetricPerTensorWithScaleMaxAbsOver127() {
        WeightTensor t = new WeightTensor("w", "FLOAT32", new int[] {3}, new float[] {-2.54f, 1f, 0.1f}, null, null, 0);
        WeightMath.Grid g = WeightMath.grid(t, null, -1);
        assertFalse(g.actual());
        assertEquals(0.02, g.scale(), 1e-7);
        assertEquals(255, g.levels().length);
        assertEquals(-2.54, g.levels()[0], 1e-6);
        assertEquals(0, g.levels()[127], 0);
    }

    @Test
    void actualGridUsesTheChannelsScaleAndZeroPoint() {
        WeightTensor t = new WeightTensor("w", "INT8", new int[] {2, 1}, new float[] {0.5f, -1f},
                new float[] {0.5f, 0.25f}, new long[] {0, 3}, 0);
        WeightMath.Grid g = WeightMath.grid(t, null, 1);
        assertTrue(g.actual());
        assertEquals(256, g.levels().length);
        assertEquals(0.25 * (-128 - 3), g.levels()[0], 1e-9);
        assertEquals(0.25 * (127 - 3), g.levels()[255], 1e-9);
        assertNull(WeightMath.grid(new WeightTensor("w", "INT16", new int[] {1}, new float[] {1}, new float[] {1},
                new long[] {0}, 0), null, 0));
    }

    @Test
    void floatConvKernelsPreviewThePerChannelGridOfTheChosenChannel() {
        // CONV_2D kernel (2, 1, 1, 3): channel 0 = {-1.27, 0, 0.5}, channel 1 = {0.25, 2.54, 0}
        WeightTensor k = new WeightTensor("k", "FLOAT32", new int[] {2, 1, 1, 3},
                new float[] {-1.27f, 0, 0.5f, 0.25f, 2.54f, 0}, null, null, 0, 1);
        assertEquals(0, WeightMath.int8Axis("CONV_2D", k));
        assertEquals(-1, WeightMath.int8Axis("FULLY_CONNECTED", k));
        WeightMath.Grid all = WeightMath.grid(k, "CONV_2D", -1);
        assertEquals(0, all.levels().length, "no single grid over every channel");
        assertTrue(all.description().contains("per channel (2 on axis 0)"), all.description());
        WeightMath.Grid c0 = WeightMath.grid(k, "CONV_2D", 0);
        assertEquals(0.01, c0.scale(), 1e-7);
        WeightMath.Grid c1 = WeightMath.grid(k, "CONV_2D", 1);
        assertEquals(0.02, c1.scale(), 1e-7);
        assertTrue(c1.description().contains("channel 1 of 2 (axis 0)"), c1.description());
        // the same tensor under FULLY_CONNECTED: one per-tensor grid whatever the channel
        assertEquals(0.02, WeightMath.grid(k, "FULLY_CONNECTED", 0).scale(), 1e-7);
        // DEPTHWISE_CONV_2D (1, 1, 2, 3): channels along axis 3
        WeightTensor d = new WeightTensor("d", "FLOAT32", new int[] {1, 1, 2, 3},
                new float[] {1.27f, 0, 0, 0, 0, -0.127f}, null, null, 0, 1);
        assertEquals(3, WeightMath.int8Axis("DEPTHWISE_CONV_2D", d));
        assertEquals(0.01, WeightMath.grid(d, "DEPTHWISE_CONV_2D", 0).scale(), 1e-7);
        assertEquals(0.001, WeightMath.grid(d, "DEPTHWISE_CONV_2D", 2).scale(), 1e-8);
    }

    @Test
    void biasesGetANoteInsteadOfAnInt8Grid() {
        WeightTensor b = new WeightTensor("b", "FLOAT32", new int[] {2}, new float[] {0.5f, -3f}, null, null, 0, 2);
        WeightMath.Grid g = WeightMath.grid(b, "CONV_2D", -1);
        assertEquals(0, g.levels().length);
        assertTrue(g.description().contains("int32"), g.description());
        assertEquals(255, WeightMath.grid(b, "ADD", -1).levels().length, "a constant of another op keeps the preview");
    }

    @Test
    void perChannelQuantizedTensorsShowNoGridOverAllChannels() {
        WeightTensor t = new WeightTensor("w", "INT8", new int[] {2, 1}, new float[] {0.5f, -1f},
                new float[] {0.5f, 0.25f}, new long[] {0, 0}, 0, 1);
        WeightMath.Grid all = WeightMath.grid(t, "FULLY_CONNECTED", -1);
        assertTrue(all.actual());
        assertEquals(0, all.levels().length);
        assertEquals(0.25, WeightMath.grid(t, "FULLY_CONNECTED", 1).scale(), 1e-9);
    }

    @Test
    void statsAndChannelValues() {
        WeightMath.Stats s = WeightMath.stats(new float[] {2, 4, 4, 4, 5, 5, 7, 9, 0, 0});
        assertEquals(10, s.count());
        assertEquals(0, s.min());
        assertEquals(9, s.max());
        assertEquals(4, s.mean(), 1e-12);
        assertEquals(Math.sqrt(7.2), s.std(), 1e-12);
        assertEquals(0.2, s.zeros(), 1e-12);
        // shape (2, 2, 3): axis 0 slices of 6, axis 2 strided
        float[] v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, WeightMath.channelValues(v, new int[] {2, 2, 3}, 0, 1));
        assertArrayEquals(new float[] {2, 5, 8, 11}, WeightMath.channelValues(v, new int[] {2, 2, 3}, 2, 2));
        assertArrayEquals(new float[] {3, 4, 5, 9, 10, 11}, WeightMath.channelValues(v, new int[] {2, 2, 3}, 1, 1));
    }

    @Test
    void channelRangesAndSlicesFollowRowMajorLayout() {
        // shape (2, 3): channel 0 = {1, -2, 3}, channel 1 = {4, 5, -6}
        float[] v = {1, -2, 3, 4, 5, -6};
        double[][] r = WeightMath.channelRange(v, new int[] {2, 3}, 0);
        assertArrayEquals(new double[] {-2, 3}, r[0]);
        assertArrayEquals(new double[] {-6, 5}, r[1]);
        double[][] cols = WeightMath.channelRange(v, new int[] {2, 3}, 1);
        assertArrayEquals(new double[] {1, 4}, cols[0]);
        float[][] t = WeightMath.slice(v, new int[] {2, 3}, 1, 0, new int[2]);
        assertArrayEquals(new float[] {1, 4}, t[0]);
        assertArrayEquals(new float[] {3, -6}, t[2]);
        // (2, 1, 1, 3) kernel sliced out-channel x in-channel
        float[][] s = WeightMath.slice(v, new int[] {2, 1, 1, 3}, 0, 3, new int[4]);
        assertArrayEquals(new float[] {4, 5, -6}, s[1]);
        assertEquals(1.0 / 3, WeightMath.zeros(new float[] {0, 1, 2}), 1e-12);
    }

    @Test
    void paretoFrontKeepsUndominatedPointsBySize() {
        Pareto.Point base = new Pareto.Point("base", 400, 0.97);
        Pareto.Point fp16 = new Pareto.Point("fp16", 200, 0.97);
        Pareto.Point int8 = new Pareto.Point("int8", 100, 0.96);
        Pareto.Point bad = new Pareto.Point("bad", 150, 0.90);
        assertEquals(List.of(int8, fp16), Pareto.front(List.of(base, fp16, int8, bad)));
    }
}
