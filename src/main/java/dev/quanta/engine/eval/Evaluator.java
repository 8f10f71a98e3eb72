package dev.quanta.engine.eval;

import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.data.Sample;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import java.util.List;

/**
 * Runs a model on every sample of a dataset with Quanta's interpreter, streaming (on the sample
 * workers of {@link Comparison}), and measures
 * accuracy (top-1/top-5 when samples carry class labels and the first output scores classes) or
 * regression error (MAE etc. when targets have as many values as the first output).
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * What an evaluation measured.
     *
     * @param samples samples run
     * @param accuracy top-1/top-5, or {@code null} without class labels
     * @param regression error against regression targets, or {@code null}
     * @param seconds wall-clock time of the whole pass
     */
    public record Result(long samples, Accuracy.Result accuracy, ErrorStats.Result regression, double seconds) {
    }

    /** Scores one model output against a sample's target; shared by evaluation and comparison. */
    static final class Scoring {
        private final Accuracy accuracy = new Accuracy();
        private final ErrorStats regression = new ErrorStats();

        void add(double[] output, Sample s) {
            if (s.target() == null) {
                return;
            }
            if (s.hasLabel() && output.length > 1 && s.label() < output.length) {
                accuracy.add(output, s.label());
            } else if (s.target().length == output.length) {
                regression.add(s.target(), output);
            }
        }

        Result result(long samples, double seconds) {
            Accuracy.Result a = accuracy.result();
            ErrorStats.Result r = regression.result();
            return new Result(samples, a.samples() == 0 ? null : a, r.elements() == 0 ? null : r, seconds);
        }
    }

    /**
     * Evaluates {@code model} on {@code data}.
     *
     * @param modelName the model's name for messages
     * @throws dev.quanta.engine.util.QuantaException when the dataset does not fit the model
     */
    public static Result evaluate(Model model, String modelName, Dataset data, Preprocessing prep,
                                  InterpreterOptions options, Progress progress, Cancellation cancel) {
        // a comparison without variants: the same validation, sample workers and scoring
        return Comparison.run(new Comparison.Entry(modelName, model), List.of(), data, prep, options, false, progress,
                cancel).baseline();
    }
}
