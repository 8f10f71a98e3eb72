package dev.quanta.engine.kernels.float32;

import dev.quanta.engine.kernels.Activation;

/**
 * The float LSTM cell of TFLite's {@code LstmStepFloat}, one batch row at a time. Gates are
 * {@code i, f, g, o}; each pre-activation is {@code bias + Wx·x + Wh·h} (the bias is left out here
 * and added after normalization when layer norm is on), plus {@code peephole .* c} where present.
 *
 * <pre>
 *   i = sigmoid(ln_i(Wxi x + Whi h + pi .* c_prev))          (absent with CIFG)
 *   f = sigmoid(ln_f(Wxf x + Whf h + pf .* c_prev))
 *   g = act(ln_g(Wxg x + Whg h))
 *   c = clip(c_prev .* f + g .* (CIFG ? 1 - f : i), cell_clip)
 *   o = sigmoid(ln_o(Wxo x + Who h + po .* c))                (peephole on the new c)
 *   m = o .* act(c)
 *   h = projection ? clip(Wp m + bp, proj_clip) : m
 * </pre>
 *
 * where {@code ln(v) = coeff .* (v - mean(v)) / sqrt(var(v) + 1e-8) + bias} with layer norm and
 * {@code v + bias} without. A clip of 0 means no clipping. Weights are row-major {@code [out, in]}.
 *
 * @param nInput input features
 * @param nCell cell units
 * @param nOutput output units (nCell unless projected)
 * @param inputWeights per gate (i, f, g, o) {@code [nCell, nInput]}; entry 0 is null with CIFG (the hybrid
 *        kernel, which keeps its own int8 weights, passes all entries null)
 * @param recurrentWeights per gate {@code [nCell, nOutput]}; entry 0 is null with CIFG (all null: hybrid)
 * @param peephole per gate {@code [nCell]} or null (entry 2 is always null)
 * @param bias per gate {@code [nCell]}; entry 0 is null with CIFG
 * @param layerNorm per gate {@code [nCell]} coefficients, or null without layer norm
 * @param projection {@code [nOutput, nCell]} or null
 * @param projectionBias {@code [nOutput]} or null
 * @param activation the cell and output activation (usually TANH)
 * @param cellClip clip of the cell state, 0 for none
 * @param projClip clip of the projected output, 0 for none
 */
public record LstmCell(int nInput, int nCell, int nOutput, float[][] inputWeights, float[][] recurrentWeights,
                       float[][] peephole, float[][] bias, float[][] layerNorm, float[] projection,
                       float[] projectionBias, Activation activation, float cellClip, float projClip) {

    /** Gate indices. */
    public static final int I = 0;
    public static final int F = 1;
    public static final int G = 2;
    public static final int O = 3;

    /** True without an input gate (coupled input and forget gate): the input-gate bias is absent. */
    public boolean cifg() {
        return bias[I] == null;
    }

    /** Scratch floats {@link #step} needs. */
    public int scratchSize() {
        return 4 * nCell + nCell;
    }

    /**
     * Reference: one time step for one batch row. Reads {@code x[xOff..+nInput)}, updates
     * {@code h[hOff..+nOutput)} and {@code c[cOff..+nCell)} in place and writes the output row.
     */
    public void step(float[] x, int xOff, float[] h, int hOff, float[] c, int cOff, float[] out, int outOff,
                     float[] scratch) {
        for (int gate = 0; gate < 4; gate++) {
            if (gate == I && cifg()) {
                continue;
            }
            int base = gate * nCell;
            for (int j = 0; j < nCell; j++) {
                float acc = layerNorm == null ? bias[gate][j] : 0f;
                acc += dot(inputWeights[gate], j * nInput, x, xOff, nInput);
                acc += dot(recurrentWeights[gate], j * nOutput, h, hOff, nOutput);
                scratch[base + j] = acc;
            }
        }
        finish(h, hOff, c, cOff, out, outOff, scratch);
    }

    /**
     * The part of a step after the matrix products: {@code scratch[gate * nCell + j]} holds
     * {@code (layerNorm ? 0 : bias) + Wx·x + Wh·h} for each gate. Shared by the reference and the
     * batched path, which computes those products with {@link Gemm}.
     */
    void finish(float[] h, int hOff, float[] c, int cOff, float[] out, int outOff, float[] scratch) {
        int t = 4 * nCell;
        updateCell(c, cOff, scratch);
        if (projection == null) {
            System.arraycopy(scratch, t, h, hOff, nOutput);
        } else {
            for (int k = 0; k < nOutput; k++) {
                float acc = projectionBias == null ? 0f : projectionBias[k];
                acc += dot(projection, k * nCell, scratch, t, nCell);
                h[hOff + k] = projClip > 0 ? Math.max(-projClip, Math.min(projClip, acc)) : acc;
            }
        }
        System.arraycopy(h, hOff, out, outOff, nOutput);
    }

    /**
     * The gates and the cell update of a step, without the output projection: from the pre-activations
     * in {@code scratch[gate * nCell + j]} (see {@link #finish}) applies peephole, layer norm, bias and
     * the gate activations, updates {@code c[cOff..+nCell)} in place and leaves the cell output
     * {@code m = o .* act(c)} in {@code scratch[4 * nCell..5 * nCell)}. The hybrid LSTM kernel shares it
     * and projects {@code m} itself.
     */
    public void updateCell(float[] c, int cOff, float[] scratch) {
        int t = 4 * nCell;
        if (!cifg()) {
            gate(I, scratch, c, cOff);
        }
        gate(F, scratch, c, cOff);
        gate(G, scratch, c, cOff);
        for (int j = 0; j < nCell; j++) {
            float f = scratch[F * nCell + j];
            float g = scratch[G * nCell + j];
            float v = c[cOff + j] * f;
            v += g * (cifg() ? 1f - f : scratch[I * nCell + j]);
            c[cOff + j] = cellClip > 0 ? Math.max(-cellClip, Math.min(cellClip, v)) : v;
        }
        gate(O, scratch, c, cOff);
        for (int j = 0; j < nCell; j++) {
            scratch[t + j] = scratch[O * nCell + j] * activation.apply(c[cOff + j]);
        }
    }

    // peephole, layer norm + bias, activation of one gate, in place in scratch
    private void gate(int gate, float[] scratch, float[] c, int cOff) {
        int base = gate * nCell;
        if (peephole != null && peephole[gate] != null) {
            for (int j = 0; j < nCell; j++) {
                scratch[base + j] += peephole[gate][j] * c[cOff + j];
            }
        }
        if (layerNorm != null) {
            float sum = 0f;
            for (int j = 0; j < nCell; j++) {
                sum += scratch[base + j];
            }
            float mean = sum / nCell;
            float sq = 0f;
            for (int j = 0; j < nCell; j++) {
                float d = scratch[base + j] - mean;
                sq += d * d;
            }
            float inv = 1f / (float) Math.sqrt(sq / nCell + 1e-8f);
            for (int j = 0; j < nCell; j++) {
                scratch[base + j] = (scratch[base + j] - mean) * inv * layerNorm[gate][j] + bias[gate][j];
            }
        }
        for (int j = 0; j < nCell; j++) {
            float v = scratch[base + j];
            scratch[base + j] = gate == G ? activation.apply(v) : sigmoid(v);
        }
    }

    static float sigmoid(float x) {
        return 1f / (1f + (float) Math.exp(-x));
    }

    static float dot(float[] w, int wOff, float[] v, int vOff, int n) {
        float acc = 0f;
        for (int k = 0; k < n; k++) {
            acc += w[wOff + k] * v[vOff + k];
        }
        return acc;
    }
}
