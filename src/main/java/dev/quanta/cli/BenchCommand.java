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
 * {@code quanta bench MODEL}: latency of Quanta's interpreter on random inputs (median, p10, p90,
 * GFLOP/s) and a per-op-type profile, optionally against TensorFlow Lite 2.6.2 or against a second
 * model in Quanta ({@code --against}, e.g. the float original of an int8 model), timed in the same
 * process with runs alternating so that both see the same machine load.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time a model in Quanta's interpreter: median/p10/p90 latency and a per-op profile.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .tflite file")
    Path model;

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

    @Option(names = "--against", paramLabel = "OTHER", description = "also time OTHER.tflite in Quanta (same"
            + " threads, its own random inputs), alternating runs, and print median(OTHER) / median(MODEL)")
    Path against;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmup < 0) {
            throw new QuantaException("--runs must be at least 1 and --warmup at least 0");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new QuantaException("--threads must be at least 1");
        }
        Model m = TfliteReader.read(model);
        Map<String, Object> result = new LinkedHashMap<>();
        try (Interpreter it = new Interpreter(m, InterpreterOptions.defaults().withThreads(n));
             Interpreter other = against == null ? null
                     : new Interpreter(TfliteReader.read(against), InterpreterOptions.defaults().withThreads(n))) {
            List<TensorValue> inputs = RandomInputs.of(it, seed);
            List<TensorValue> otherInputs = other == null ? null : RandomInputs.of(other, seed);
            TfliteJavaApi tflite = null;
            if (compareTflite) {
                List<byte[]> bytes = new ArrayList<>();
                for (TensorValue v : inputs) {
                    bytes.add(v.toLittleEndian());
                }
                tflite = new TfliteJavaApi(Files.readAllBytes(model), n, xnnpack, bytes);
            }
            try {
                for (int i = 0; i < warmup; i++) {
                    it.run(inputs);
                    if (other != null) {
                        other.run(otherInputs);
                    }
                    if (tflite != null) {
                        tflite.runOnce();
                    }
                }
                long[] quanta = new long[runs];
                long[] lite = new long[runs];
                long[] second = new long[runs];
                List<List<OpTiming>> perRun = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    it.run(inputs);
                    quanta[i] = System.nanoTime() - t0;
                    perRun.add(it.timings());
                    if (other != null) {
                        long t1 = System.nanoTime();
                        other.run(otherInputs);
                        second[i] = System.nanoTime() - t1;
                    }
                    if (tflite != null) {
                        lite[i] = tflite.runOnce();
                    }
                }
                long flops = Flops.of(it);
                LatencyStats q = LatencyStats.of(quanta);
                result.put("model", model.getFileName().toString());
                result.put("operators", m.main().operators().size());
                result.put("flops", flops);
                result.put("arenaBytes", it.memoryPlan().arenaBytes());
                result.put("threads", n);
                result.put("warmup", warmup);
                result.put("runs", runs);
                result.put("quanta", q);
                result.put("quantaGflops", flops / (q.medianMs() * 1e6));
                result.put("ops", OpProfile.aggregate(perRun));
                if (other != null) {
                    LatencyStats o = LatencyStats.of(second);
                    result.put("against", against.getFileName().toString());
                    result.put("againstQuanta", o);
                    result.put("againstRatio", o.medianMs() / q.medianMs());
                }
                if (tflite != null) {
                    LatencyStats t = LatencyStats.of(lite);
                    result.put("tflite", t);
                    result.put("tfliteXnnpack", xnnpack);
                    result.put("ratio", q.medianMs() / t.medianMs());
                }
            } finally {
                if (tflite != null) {
                    tflite.close();
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            printText(out, result);
        }
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> r) {
        LatencyStats q = (LatencyStats) r.get("quanta");
        out.printf("%s: %d operators, %.3f GFLOP per run, arena %.2f MB%n", r.get("model"), r.get("operators"),
                (Long) r.get("flops") / 1e9, (Long) r.get("arenaBytes") / 1e6);
        out.printf("Quanta        threads %d: median %.3f ms  p10 %.3f  p90 %.3f  (%d runs, %.2f GFLOP/s)%n",
                r.get("threads"), q.medianMs(), q.p10Ms(), q.p90Ms(), q.runs(), (Double) r.get("quantaGflops"));
        if (r.containsKey("againstQuanta")) {
            LatencyStats o = (LatencyStats) r.get("againstQuanta");
            out.printf("%s threads %d: median %.3f ms  p10 %.3f  p90 %.3f  (Quanta, alternating)%n", r.get("against"),
                    r.get("threads"), o.medianMs(), o.p10Ms(), o.p90Ms());
            out.printf("ratio %s / %s (median): %.2f%n", r.get("against"), r.get("model"), (Double) r.get("againstRatio"));
        }
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
