package dev.quanta.cli;

import dev.quanta.engine.data.Dataset;
import dev.quanta.engine.data.Preprocessing;
import dev.quanta.engine.data.Sample;
import dev.quanta.engine.data.SampleStream;
import dev.quanta.engine.eval.Benchmark;
import dev.quanta.engine.eval.Comparison;
import dev.quanta.engine.eval.Feeds;
import dev.quanta.engine.eval.FloatLayerSplicer;
import dev.quanta.engine.eval.KeepFloatAdvisor;
import dev.quanta.engine.eval.SweepResult;
import dev.quanta.engine.eval.Latency;
import dev.quanta.engine.eval.LayerError;
import dev.quanta.engine.report.ComparisonReport;
import dev.quanta.engine.report.DatasetRef;
import dev.quanta.engine.report.ModelResult;
import dev.quanta.engine.report.ReportWriter;
import dev.quanta.engine.report.Reports;
import dev.quanta.engine.report.VariantResult;
import dev.quanta.engine.runtime.InterpreterOptions;
import dev.quanta.engine.tflite.TfliteReader;
import dev.quanta.engine.util.Cancellation;
import dev.quanta.engine.util.Progress;
import dev.quanta.engine.util.QuantaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quanta compare BASE VARIANT... --dataset D}: variants against a baseline on the same samples. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare variants with a baseline model: size, accuracy, fidelity, per-layer error, latency.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline .tflite model.")
    Path baseline;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "VARIANT", description = "Variant .tflite models.")
    List<Path> variants;

    @Mixin
    DataOptions data;

    @Option(names = "--layers", description = "Also measure the error of every layer (slower).")
    boolean layers;

    @Option(names = "--bench", description = "Also time inference (on the first sample).")
    boolean bench;

    @Option(names = "--bench-runs", paramLabel = "N", defaultValue = "50",
            description = "Timed runs per model with --bench. Default: ${DEFAULT-VALUE}.")
    int benchRuns;

    @Option(names = "--sweep", paramLabel = "BUDGET",
            description = "Propose layers to keep float so each variant reaches BUDGET (implies --layers).")
    Double sweep;

    @Option(names = "--sweep-metric", paramLabel = "M", defaultValue = "agreement",
            description = "What BUDGET measures: agreement (top-1 with the baseline), sqnr (dB) or accuracy. "
                    + "Default: ${DEFAULT-VALUE}.")
    String sweepMetric;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report to FILE (.json, .csv or .html).")
    Path report;

    @Override
    public Integer call() {
        Reports.ModelFile base = new Reports.ModelFile(baseline, TfliteReader.read(baseline));
        List<Reports.ModelFile> vs = new ArrayList<>();
        List<Comparison.Entry> entries = new ArrayList<>();
        for (Path p : variants) {
            Reports.ModelFile f = new Reports.ModelFile(p, TfliteReader.read(p));
            vs.add(f);
            entries.add(new Comparison.Entry(p.getFileName().toString(), f.model()));
        }
        Dataset d = data.open();
        Preprocessing prep = data.preprocessing();
        InterpreterOptions opts = data.interpreter();
        layers |= sweep != null;
        Comparison.Entry baseEntry = new Comparison.Entry(baseline.getFileName().toString(), base.model());
        Comparison.Result r = Comparison.run(baseEntry, entries, d, prep, opts, layers, Progress.NONE,
                Cancellation.NONE);
        if (sweep != null) {
            KeepFloatAdvisor.Metric metric = KeepFloatAdvisor.Metric.parse(sweepMetric);
            List<Comparison.VariantOutcome> swept = new ArrayList<>();
            for (int i = 0; i < vs.size(); i++) {
                Comparison.VariantOutcome o = r.variants().get(i);
                SweepResult s = KeepFloatAdvisor.advise(baseEntry, o.layers(),
                        new FloatLayerSplicer(base.model(), vs.get(i).model()), d, prep, opts, metric, sweep,
                        Progress.NONE, Cancellation.NONE);
                swept.add(new Comparison.VariantOutcome(o.own(), o.fidelity(), o.layers().withSweep(s)));
            }
            r = new Comparison.Result(r.samples(), r.baseline(), swept);
        }
        List<Latency> latencies = bench ? bench(base, vs, d, prep, opts) : null;
        Map<String, String> settings = data.settings();
        settings.put("layers", Boolean.toString(layers));
        settings.put("bench", bench ? benchRuns + " runs" : "off");
        if (sweep != null) {
            settings.put("sweep", sweepMetric + " >= " + sweep);
        }
        ComparisonReport rep = Reports.comparisonReport(base, vs, r, latencies,
                new DatasetRef(d.source(), r.samples(), r.baseline().accuracy() != null, prep.toString()), settings);
        print(rep);
        if (report != null) {
            ReportWriter.write(rep, report);
            System.out.println("report written to " + report);
        }
        return 0;
    }

    private List<Latency> bench(Reports.ModelFile base, List<Reports.ModelFile> vs, Dataset d, Preprocessing prep,
                                InterpreterOptions opts) {
        if (benchRuns < 1) {
            throw new QuantaException("--bench-runs must be at least 1.");
        }
        Sample first;
        try (SampleStream s = d.open()) {
            first = s.next();
        }
        List<Latency> out = new ArrayList<>();
        List<Reports.ModelFile> all = new ArrayList<>(List.of(base));
        all.addAll(vs);
        for (Reports.ModelFile f : all) {
            Feeds feeds = new Feeds(prep, d.inputs(), d.isImage(), f.model().main().inputs());
            out.add(Benchmark.run(f.model(), feeds.encode(first), opts, Math.min(10, benchRuns), benchRuns,
                    Cancellation.NONE));
        }
        return out;
    }

    private static void print(ComparisonReport rep) {
        System.out.println("compared on " + rep.dataset().samples() + " samples of " + rep.dataset().source());
        System.out.println(String.format(Locale.ROOT, "%-40s %10s %10s %8s %9s %9s %10s", "model", "bytes", "gzip",
                "top-1", "agree", "SQNR dB", "ms"));
        line(rep.baseline(), null, null);
        for (VariantResult v : rep.variants()) {
            line(v.result(), v.fidelity().top1Agreement(), v.fidelity().sqnrDb());
        }
        for (VariantResult v : rep.variants()) {
            if (v.layers() == null) {
                continue;
            }
            System.out.println("layers of " + v.result().model().name() + " (worst SQNR first):");
            for (LayerError l : v.layers().worst(v.layers().layers().size())) {
                // RMSE/scale (error in quantization steps) exists only for a quantized output
                String steps = Double.isNaN(l.rmseOverScale()) ? "    -"
                        : String.format(Locale.ROOT, "%.3f", l.rmseOverScale());
                System.out.println(String.format(Locale.ROOT, "  %3d %-18s %-6s SQNR %7.2f dB  RMSE %.4g  RMSE/scale %s"
                        + "  max %.4g  %s", l.index(), l.op(), l.variantType(), l.sqnrDb(), l.rmse(), steps,
                        l.maxAbsError(), l.tensor()));
            }
            SweepResult s = v.layers().sweep();
            if (s != null) {
                System.out.println(String.format(Locale.ROOT, "keep float (%s %.4f -> %.4f, budget %.4f%s): %s",
                        s.metric(), s.allQuantized(), s.achieved(), s.budget(), s.met() ? "" : ", NOT met",
                        String.join(" | ", s.keepFloat())));
            }
        }
    }

    private static void line(ModelResult m, Double agree, Double sqnr) {
        System.out.println(String.format(Locale.ROOT, "%-40s %10d %10d %8s %9s %9s %10s", m.model().name(),
                m.size().bytes(), m.size().gzipBytes(),
                m.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.accuracy().top1()),
                agree == null ? "-" : String.format(Locale.ROOT, "%.4f", agree),
                sqnr == null ? "-" : String.format(Locale.ROOT, "%.2f", sqnr),
                m.latency() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.latency().medianMs())));
    }
}
