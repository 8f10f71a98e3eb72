package dev.quanta.app.port;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a variant is produced from the baseline.
 *
 * @param mode the quantization mode, or {@code null} for a fine-tuned variant kept in float (needs training, not QAT)
 * @param dataset representative dataset id for calibration, or {@code null}
 * @param calibrationSamples samples used for calibration (0 without a dataset)
 * @param floatFallback true when ops without integer kernels may stay float
 * @param ioType the type of model inputs and outputs
 * @param training fine-tuning techniques applied before quantization (need labeled data), in {@link Training} order
 * @param fineTune how to fine-tune; required when {@code training} is not empty, else {@code null}
 */
public record Recipe(QuantMode mode, String dataset, int calibrationSamples, boolean floatFallback, IoType ioType,
                     List<Training> training, FineTune fineTune) {
    public Recipe {
        training = training.stream().distinct().sorted().toList();
        if (!training.isEmpty() && fineTune == null) {
            throw new IllegalArgumentException("a recipe with training needs its fine-tuning settings");
        }
        if (training.isEmpty()) {
            fineTune = null;
        }
        if (training.contains(Training.QAT) && mode != QuantMode.FULL_INTEGER) {
            throw new IllegalArgumentException("quantization-aware training exports full-integer models only");
        }
        if (mode == null && training.isEmpty()) {
            throw new IllegalArgumentException("a variant without quantization needs fine-tuning to differ from the baseline");
        }
        if (mode == null && (dataset != null || ioType != IoType.FLOAT32)) {
            throw new IllegalArgumentException("a float variant has no calibration dataset and float32 I/O");
        }
    }

    /** A fine-tuned (pruned and/or clustered) variant that stays float: no quantization after training. */
    public static Recipe fineTunedFloat(List<Training> training, FineTune fineTune) {
        return new Recipe(null, null, 0, true, IoType.FLOAT32, training, fineTune);
    }

    /** True when the variant is quantized after any fine-tuning; false for a float fine-tuned variant. */
    public boolean quantized() {
        return mode != null;
    }

    /** A post-training recipe without fine-tuning. */
    public Recipe(QuantMode mode, String dataset, int calibrationSamples, boolean floatFallback, IoType ioType) {
        this(mode, dataset, calibrationSamples, floatFallback, ioType, List.of(), null);
    }

    /** True when activation ranges come from quantization-aware training rather than calibration. */
    public boolean learnedRanges() {
        return training.contains(Training.QAT);
    }

    /**
     * A short name for lists and chart axes: {@code int8}, {@code pruned 80% + int8},
     * {@code QAT int8}, {@code clustered 16 + int8}, {@code pruned 80% + clustered 16 + QAT int8},
     * {@code pruned 80% (float)}.
     */
    public String label() {
        List<String> parts = new ArrayList<>();
        if (training.contains(Training.PRUNING)) {
            parts.add("pruned " + FineTune.percent(fineTune.finalSparsity()));
        }
        if (training.contains(Training.CLUSTERING)) {
            parts.add("clustered " + fineTune.clusters());
        }
        if (!quantized()) {
            return String.join(" + ", parts) + " (float)";
        }
        parts.add((learnedRanges() ? "QAT " : "") + mode.tag());
        return String.join(" + ", parts);
    }

    /** A one-line description for the variants list and reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (training.contains(Training.PRUNING)) {
            sb.append("Pruned ").append(FineTune.percent(fineTune.initialSparsity())).append("→")
              .append(FineTune.percent(fineTune.finalSparsity())).append(" + ");
        }
        if (training.contains(Training.CLUSTERING)) {
            sb.append("Clustered to ").append(fineTune.clusters()).append(" values/layer + ");
        }
        if (learnedRanges()) {
            sb.append("QAT + ");
        }
        if (!quantized()) {
            sb.setLength(sb.length() - " + ".length());
            sb.append(", float32 (not quantized)");
        } else {
            sb.append(training.isEmpty() ? mode.title()
                    : mode.title().substring(0, 1).toLowerCase() + mode.title().substring(1));
        }
        if (learnedRanges()) {
            sb.append(", ranges learned by QAT");
        } else if (dataset != null && quantized() && mode.needsRepresentativeData()) {
            sb.append(", calibrated on ").append(Path.of(dataset).getFileName()).append(" (").append(calibrationSamples).append(" samples)");
        }
        if (mode == QuantMode.FULL_INTEGER || mode == QuantMode.INT16X8) {
            sb.append(floatFallback ? ", float fallback" : ", integer only");
            sb.append(", I/O ").append(ioType.name().toLowerCase());
        }
        if (fineTune != null) {
            sb.append("; fine-tuned ").append(fineTune.epochs()).append(fineTune.epochs() == 1 ? " epoch" : " epochs")
              .append(" on ").append(fineTune.samples()).append(" samples of ")
              .append(Path.of(fineTune.dataset()).getFileName());
        }
        return sb.toString();
    }

    /**
     * A file-name tag, e.g. {@code int8}, {@code pruned80-int8}, {@code qat-int8}, {@code clustered16-int8},
     * {@code pruned80-float}.
     */
    public String tag() {
        StringBuilder sb = new StringBuilder();
        if (training.contains(Training.PRUNING)) {
            sb.append("pruned").append(Math.round(fineTune.finalSparsity() * 100)).append('-');
        }
        if (training.contains(Training.CLUSTERING)) {
            sb.append("clustered").append(fineTune.clusters()).append('-');
        }
        if (learnedRanges()) {
            sb.append("qat-");
        }
        return sb.append(quantized() ? mode.tag() : "float").toString();
    }
}
