package dev.quanta.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.runtime.Flops;
import dev.quanta.engine.runtime.Interpreter;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.runtime.LatencyStats;
import dev.quanta.engine.runtime.OpProfile;
import dev.quanta.engine.runtime.OpTiming;
import dev.quanta.engine.runtime.RandomInputs;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.util.QuantaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quanta bench MODEL...}: latency of Quanta's interpreter on random inputs (median, p10, p90,
 * GFLOP/s) and a per-op-type profile, optionally against TensorFlow Lite 2.6.2 timed in the same
 * process with runs alternating. With several models, runs alternate between the models too (one run
 * of each per round, so load changes hit all of them alike) and each median is also given relative to
 * the first model's.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time models in Quanta's interpreter: median/p10/p90 latency and a per-op profile.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "MODEL",
            description = "the .tflite file(s); with several, runs alternate and medians are compared with the first")
    List<Path> models;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--warmup", defaultValue = "5", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--runs", defaultValue = "50", description = "timed runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random inputs")
    long seed;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--compare-tflite", description = "also time TensorFlow Lite 2.6.2 (needs its Java API and"
            + " native library on the class path), alternating runs, and print the ratio")
    boolean compareTflite;

    @Option(names = "--xnnpack", description = "with --compare-tflite: turn TFLite's XNNPACK delegate on")
    boolean xnnpack;

    /** One model under test: its interpreters, inputs and timings. */
    private static final class Subject implements AutoCloseable {
        final Path path;
        final Model model;
        final Interpreter it;
        final List<TensorValue> inputs;
        TfliteJavaApi tflite;
        long[] quanta;
        long[] lite;
        final List<List<OpTiming>> perRun = new ArrayList<>();

        Subject(Path path, int threads, long seed) {
            this.path = path;
            this.model = TfliteReader.read(path);
            this.it = new Interpreter(model, InterpreterOptions.defaults().withThreads(threads));
            this.inputs = RandomInputs.of(it, seed);
        }

        @Override
        public void close() {
            if (tflite != null) {
                tflite.close();
            }
            it.close();
        }
    }

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmup < 0) {
            throw new QuantaException("--runs must be at least 1 and --warmup at least 0");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new QuantaException("--threads must be at least 1");
        }
        List<Subject> subjects = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            for (Path p : models) {
                Subject s = new Subject(p, n, seed);
                subjects.add(s);
                if (compareTflite) {
                    List<byte[]> bytes = new ArrayList<>();
                    for (TensorValue v : s.inputs) {
                        bytes.add(v.toLittleEndian());
                    }
                    s.tflite = new TfliteJavaApi(Files.readAllBytes(p), n, xnnpack, bytes);
                }
                s.quanta = new long[runs];
                s.lite = new long[runs];
            }
            for (int i = 0; i < warmup; i++) {
                for (Subject s : subjects) {
                    s.it.run(s.inputs);
                    if (s.tflite != null) {
                        s.tflite.runOnce();
                    }
                }
            }
            for (int i = 0; i < runs; i++) {
                for (Subject s : subjects) {
                    long t0 = System.nanoTime();
                    s.it.run(s.inputs);
                    s.quanta[i] = System.nanoTime() - t0;
                    s.perRun.add(s.it.timings());
                    if (s.tflite != null) {
                        s.lite[i] = s.tflite.runOnce();
                    }
                }
            }
            for (Subject s : subjects) {
                results.add(result(s, n));
            }
        } finally {
            for (Subject s : subjects) {
                s.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Object whole = results.size() == 1 ? results.get(0) : comparison(results);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(whole));
        } else {
            for (Map<String, Object> r : results) {
                printText(out, r);
            }
            if (results.size() > 1) {
                printRelative(out, results);
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> result(Subject s, int n) {
        Map<String, Object> result = new LinkedHashMap<>();
        long flops = Flops.of(s.it);
        LatencyStats q = LatencyStats.of(s.quanta);
        result.put("model", s.path.getFileName().toString());
        result.put("operators", s.model.main().operators().size());
        result.put("flops", flops);
        result.put("arenaBytes", s.it.memoryPlan().arenaBytes());
        result.put("threads", n);
        result.put("warmup", warmup);
        result.put("runs", runs);
        result.put("quanta", q);
        result.put("quantaGflops", flops / (q.medianMs() * 1e6));
        result.put("ops", OpProfile.aggregate(s.perRun));
        if (s.tflite != null) {
            LatencyStats t = LatencyStats.of(s.lite);
            result.put("tflite", t);
            result.put("tfliteXnnpack", xnnpack);
            result.put("ratio", q.medianMs() / t.medianMs());
        }
        return result;
    }

    /** Several models: each one's result plus its medians relative to the first model's. */
    private static Map<String, Object> comparison(List<Map<String, Object>> results) {
        LatencyStats q0 = (LatencyStats) results.get(0).get("quanta");
        LatencyStats t0 = (LatencyStats) results.get(0).get("tflite");
        for (Map<String, Object> r : results) {
            r.put("quantaRelativeToFirst", ((LatencyStats) r.get("quanta")).medianMs() / q0.medianMs());
            if (t0 != null) {
                r.put("tfliteRelativeToFirst", ((LatencyStats) r.get("tflite")).medianMs() / t0.medianMs());
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("alternating", true);
        all.put("models", results);
        return all;
    }

    private static void printRelative(PrintWriter out, List<Map<String, Object>> results) {
        comparison(results);
        out.printf("medians relative to %s (runs alternating between the models):%n", results.get(0).get("model"));
        for (Map<String, Object> r : results) {
            out.printf("  %-40s Quanta %.3f", r.get("model"), (Double) r.get("quantaRelativeToFirst"));
            if (r.containsKey("tfliteRelativeToFirst")) {
                out.printf("  TFLite 2.6.2 %.3f", (Double) r.get("tfliteRelativeToFirst"));
            }
            out.println();
        }
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> r) {
        LatencyStats q = (LatencyStats) r.get("quanta");
        out.printf("%s: %d operators, %.3f GFLOP per run, arena %.2f MB%n", r.get("model"), r.get("operators"),
                (Long) r.get("flops") / 1e9, (Long) r.get("arenaBytes") / 1e6);
        out.printf("Quanta        threads %d: median %.3f ms  p10 %.3f  p90 %.3f  (%d runs, %.2f GFLOP/s)%n",
                r.get("threads"), q.medianMs(), q.p10Ms(), q.p90Ms(), q.runs(), (Double) r.get("quantaGflops"));
        if (r.containsKey("tflite")) {
            LatencyStats t = (LatencyStats) r.get("tflite");
            out.printf("TFLite 2.6.2  threads %d: median %.3f ms  p10 %.3f  p90 %.3f  (XNNPACK %s)%n",
                    r.get("threads"), t.medianMs(), t.p10Ms(), t.p90Ms(), (Boolean) r.get("tfliteXnnpack") ? "on" : "off");
            out.printf("ratio Quanta / TFLite (median): %.2f%n", (Double) r.get("ratio"));
        }
        out.println("op profile (Quanta, per run):");
        out.printf("  %-24s %5s %10s %7s%n", "op type", "count", "ms", "share");
        for (OpProfile p : (List<OpProfile>) r.get("ops")) {
            out.printf("  %-24s %5d %10.3f %6.1f%%%n", p.opName(), p.count(), p.msPerRun(), 100 * p.share());
        }
    }
}
