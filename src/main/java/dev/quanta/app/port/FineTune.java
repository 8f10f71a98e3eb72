package dev.quanta.app.port;

import dev.quanta.engine.util.QuantaException;

/**
 * How a recipe fine-tunes on labeled data before quantizing (the numbers the wizard lets the user
 * edit). Training samples are taken after the samples the workbench evaluates on, so the measured
 * accuracy is never on data the variant was trained with.
 *
 * @param dataset id of the labeled dataset
 * @param epochs passes over the training samples
 * @param samples training samples
 * @param initialSparsity pruning's sparsity at the first step (TFMOT {@code PolynomialDecay initial_sparsity})
 * @param finalSparsity pruning's sparsity at the end of the schedule ({@code final_sparsity})
 * @param clusters clusters per layer for weight clustering ({@code number_of_clusters})
 */
public record FineTune(String dataset, int epochs, int samples, double initialSparsity, double finalSparsity,
                       int clusters) {
    /** Samples per training step. */
    public static final int BATCH = 32;
    /** Adam's learning rate (the rate of the README's fine-tuning experiment). */
    public static final float LEARNING_RATE = 5e-4f;
    /** Desktop defaults: one short epoch, TFMOT's usual 50% to 80% schedule, 16 clusters. */
    public static final int DEFAULT_EPOCHS = 1;
    public static final int DEFAULT_SAMPLES = 4000;
    public static final double DEFAULT_INITIAL_SPARSITY = 0.5;
    public static final double DEFAULT_FINAL_SPARSITY = 0.8;
    public static final int DEFAULT_CLUSTERS = 16;

    public FineTune {
        if (dataset == null) {
            throw new QuantaException("Fine-tuning needs a labeled dataset.");
        }
        if (epochs < 1 || samples < 2 * BATCH) {
            throw new QuantaException("Fine-tuning needs at least 1 epoch and " + 2 * BATCH + " samples (got "
                    + epochs + " epochs, " + samples + " samples).");
        }
        if (!(initialSparsity >= 0 && initialSparsity <= finalSparsity && finalSparsity < 1)) {
            throw new QuantaException("Pruning needs 0 <= initial sparsity <= final sparsity < 1 (got "
                    + initialSparsity + " and " + finalSparsity + ").");
        }
        if (clusters < 2) {
            throw new QuantaException("Clustering needs at least 2 clusters (got " + clusters + ").");
        }
    }

    /** Training steps of the whole run. */
    public int steps() {
        return (samples + BATCH - 1) / BATCH * epochs;
    }

    /**
     * The last step of the pruning schedule: two thirds into the run (the rest fine-tunes with the
     * final masks held), rounded down to a multiple of {@link #pruningFrequency()} so the final
     * sparsity is applied.
     */
    public int pruningEndStep() {
        int end = Math.max(1, steps() * 2 / 3);
        int f = pruningFrequency();
        return Math.max(f, end / f * f);
    }

    /** Steps between mask updates: about ten updates over the schedule, at most every 100 steps (TFMOT's default). */
    public int pruningFrequency() {
        return Math.max(1, Math.min(100, steps() * 2 / 3 / 10));
    }

    /** {@code 80%}. */
    public static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
