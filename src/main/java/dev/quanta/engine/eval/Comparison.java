package dev.quanta.engine.eval;

import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.data.DatasetValidator;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.data.Sample;
import dev.quanta.engine.data.SampleStream;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.graph.Tensor;
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.runtime.RunResult;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a baseline and its variants on the same samples in one streaming pass: each model's own
 * accuracy, each variant's fidelity to the baseline, and optionally the per-layer errors (which
 * captures every intermediate tensor, so it is slower).
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * A model to compare.
     *
     * @param name the name used in messages and reports
     * @param model the model
     */
    public record Entry(String name, Model model) {
    }

    /**
     * What the variant did.
     *
     * @param own its own accuracy / regression error
     * @param fidelity its outputs against the baseline's
     * @param layers per-layer errors, or {@code null} when not asked for
     */
    public record VariantOutcome(Evaluator.Result own, Fidelity.Result fidelity, LayerAnalysis layers) {
    }

    /**
     * The comparison.
     *
     * @param samples samples every model ran on
     * @param baseline the baseline's accuracy / regression error
     * @param variants one outcome per variant, in the order given
     */
    public record Result(long samples, Evaluator.Result baseline, List<VariantOutcome> variants) {
    }

    /**
     * Compares {@code variants} with {@code baseline} on {@code data}, with as many sample workers as
     * {@link #sampleWorkers} allows.
     *
     * @param layers also compute per-layer errors for every variant
     */
    public static Result run(Entry baseline, List<Entry> variants, Dataset data, Preprocessing prep,
                             InterpreterOptions options, boolean layers, Progress progress, Cancellation cancel) {
        return run(baseline, variants, data, prep, options, layers, sampleWorkers(baseline, variants, options),
                progress, cancel);
    }

    /**
     * Sample workers for a comparison: the cores left when each interpreter uses
     * {@code options.threads()}, at most 4, and 1 when another copy of every model's constants would
     * take more than a quarter of the heap (each worker holds its own interpreters).
     */
    static int sampleWorkers(Entry baseline, List<Entry> variants, InterpreterOptions options) {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.max(1, Math.min(4, cores / options.threads()));
        long constants = constantBytes(baseline.model());
        for (Entry e : variants) {
            constants += constantBytes(e.model());
        }
        // decoded constants take up to 4x their stored bytes (int8 weights read as ints)
        while (workers > 1 && 4 * constants * (workers - 1) > Runtime.getRuntime().maxMemory() / 4) {
            workers--;
        }
        return workers;
    }

    private static long constantBytes(Model m) {
        long bytes = 0;
        for (var sg : m.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                if (t.isConstant()) {
                    bytes += t.data().remaining();
                }
            }
        }
        return bytes;
    }

    /** What one model gave for one sample: its first output as reals and, when asked, every intermediate. */
    private record Outcome(double[] output, java.util.Map<Tensor, TensorValue> intermediates) {
    }

    /**
     * Like {@link #run(Entry, List, Dataset, Preprocessing, InterpreterOptions, boolean, Progress,
     * Cancellation)} with {@code workers} sample workers. Samples are read in blocks; within a block
     * worker {@code w} runs every model on samples {@code w, w + workers, ...} with its own
     * interpreters, then the block's results are scored in sample order, so every sum (and so the
     * result) is the same for any number of workers.
     */
    static Result run(Entry baseline, List<Entry> variants, Dataset data, Preprocessing prep,
                      InterpreterOptions options, boolean layers, int workers, Progress progress, Cancellation cancel) {
        List<Entry> all = new ArrayList<>();
        all.add(baseline);
        all.addAll(variants);
        List<Feeds> feeds = new ArrayList<>();
        for (Entry e : all) {
            List<Tensor> inputs = e.model().subgraphs().get(options.subgraph()).inputs();
            DatasetValidator.requireFits(data, prep, inputs, e.name());
            feeds.add(new Feeds(prep, data.inputs(), data.isImage(), inputs));
        }
        List<List<Interpreter>> interpreters = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = null;
        long start = System.nanoTime();
        try {
            for (int w = 0; w < workers; w++) {
                List<Interpreter> mine = new ArrayList<>();
                interpreters.add(mine);
                for (Entry e : all) {
                    mine.add(new Interpreter(e.model(), options));
                }
            }
            List<Interpreter> first = interpreters.get(0);
            Tensor baseOut = first.get(0).outputs().get(0);
            for (int i = 1; i < all.size(); i++) {
                Tensor vo = first.get(i).outputs().get(0);
                if (vo.elementCount() != baseOut.elementCount()) {
                    throw new QuantaException(all.get(i).name() + " has " + vo.elementCount() + " output values but "
                            + baseline.name() + " has " + baseOut.elementCount() + "; they are not variants of one model.");
                }
            }
            List<Evaluator.Scoring> scoring = new ArrayList<>();
            List<Fidelity> fidelity = new ArrayList<>();
            List<LayerErrors> layerErrors = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                scoring.add(new Evaluator.Scoring());
                if (i > 0) {
                    fidelity.add(new Fidelity());
                    layerErrors.add(layers ? new LayerErrors(LayerAlignment.align(baseline.model().main(),
                            all.get(i).model().main())) : null);
                }
            }
            if (workers > 1) {
                pool = java.util.concurrent.Executors.newFixedThreadPool(workers - 1, r -> {
                    Thread t = new Thread(r, "quanta-compare");
                    t.setDaemon(true);
                    return t;
                });
            }
            // captured intermediates are large: then one sample per worker per block
            int blockSize = layers ? workers : 32 * workers;
            List<Sample> block = new ArrayList<>(blockSize);
            Outcome[][] outcomes = new Outcome[blockSize][all.size()];
            long n = 0;
            long total = data.size();
            try (SampleStream stream = data.open()) {
                boolean more = true;
                while (more) {
                    cancel.check();
                    block.clear();
                    Sample s;
                    while (block.size() < blockSize && (s = stream.next()) != null) {
                        block.add(s);
                    }
                    more = block.size() == blockSize;
                    runBlock(block, interpreters, feeds, layers, outcomes, pool, cancel);
                    for (int j = 0; j < block.size(); j++) {
                        Sample sample = block.get(j);
                        Outcome base = outcomes[j][0];
                        scoring.get(0).add(base.output(), sample);
                        for (int i = 1; i < all.size(); i++) {
                            Outcome o = outcomes[j][i];
                            scoring.get(i).add(o.output(), sample);
                            fidelity.get(i - 1).add(base.output(), o.output());
                            if (layers) {
                                layerErrors.get(i - 1).add(base.intermediates(), o.intermediates());
                            }
                        }
                        n++;
                        if (n % 100 == 0 || n == total) {
                            progress.update(n, total, (variants.isEmpty() ? "evaluated " : "compared ") + n
                                    + " samples");
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<VariantOutcome> results = new ArrayList<>();
            for (int i = 1; i < all.size(); i++) {
                results.add(new VariantOutcome(scoring.get(i).result(n, seconds), fidelity.get(i - 1).result(),
                        layers ? layerErrors.get(i - 1).result() : null));
            }
            return new Result(n, scoring.get(0).result(n, seconds), results);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            interpreters.forEach(list -> list.forEach(Interpreter::close));
        }
    }

    /** Runs every model on the block's samples, worker {@code w} taking samples {@code w, w + workers, ...}. */
    private static void runBlock(List<Sample> block, List<List<Interpreter>> interpreters, List<Feeds> feeds,
                                 boolean layers, Outcome[][] outcomes, java.util.concurrent.ExecutorService pool,
                                 Cancellation cancel) {
        int workers = interpreters.size();
        List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
        for (int w = 1; w < workers && w < block.size(); w++) {
            int worker = w;
            pending.add(pool.submit(() -> runShare(block, worker, workers, interpreters.get(worker), feeds, layers,
                    outcomes, cancel)));
        }
        RuntimeException failure = null;
        try {
            runShare(block, 0, workers, interpreters.get(0), feeds, layers, outcomes, cancel);
        } catch (RuntimeException e) {
            failure = e;
        }
        // every worker is done with its interpreters before anything is thrown (and they are closed)
        for (java.util.concurrent.Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new QuantaException("comparison interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new QuantaException("comparison failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void runShare(List<Sample> block, int worker, int workers, List<Interpreter> mine,
                                 List<Feeds> feeds, boolean layers, Outcome[][] outcomes, Cancellation cancel) {
        for (int j = worker; j < block.size(); j += workers) {
            cancel.check();
            Sample s = block.get(j);
            for (int i = 0; i < mine.size(); i++) {
                Interpreter it = mine.get(i);
                RunResult r = it.run(feeds.get(i).encode(s), layers);
                outcomes[j][i] = new Outcome(Feeds.real(r.outputs().get(0), it.outputs().get(0)),
                        layers ? r.intermediates() : null);
            }
        }
    }
}
