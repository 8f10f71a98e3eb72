package dev.quanta.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quanta.engine.data.Npy;
import dev.quanta.engine.runtime.TensorValue;
import dev.quanta.testing.TfliteRuntime;
import dev.quanta.testing.Tolerance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quanta generate}, {@code run} and {@code bench} end to end, judged by TFLite 2.6.2. */
class RunBenchGenerateCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = QuantaCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void generatedModelRunsFromNpyAndMatchesTflite() throws Exception {
        Path model = dir.resolve("mnv1-small.tflite");
        Run gen = run("generate", "mobilenet-v1", "-o", model.toString(), "--resolution", "64", "--width", "0.25");
        assertEquals(0, gen.exit(), gen.err());
        float[] x = new float[64 * 64 * 3];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        Path npy = dir.resolve("x.npy");
        Npy.write(npy, Npy.NpyArray.ofFloats(new int[] {64, 64, 3}, x)); // reshaped to [1, 64, 64, 3]
        Path npz = dir.resolve("out.npz");
        Run res = run("run", model.toString(), "--input", npy.toString(), "--output", npz.toString(), "--threads", "2");
        assertEquals(0, res.exit(), res.err());
        assertTrue(res.out().contains("Predictions: FLOAT32 [1, 1001]"), res.out());

        TensorValue written;
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            ZipEntry e = zip.getEntry("Predictions.npy");
            Path tmp = dir.resolve("p.npy");
            Files.write(tmp, zip.getInputStream(e).readAllBytes());
            written = Npy.toTensor(Npy.read(tmp));
        }
        try (TfliteRuntime tflite = TfliteRuntime.load(model)) {
            ByteBuffer in = ByteBuffer.wrap(TensorValue.ofFloats(new int[] {1, 64, 64, 3}, x).toLittleEndian());
            float[] expected = tflite.run(List.of(in)).get(0).floats();
            assertArrayEquals(new int[] {1, 1001}, written.shape());
            assertNull(Tolerance.CLOSE.mismatch(expected, written.floats()));
        }
    }

    @Test
    void benchReportsLatencyAndOpProfileAsJson() throws Exception {
        Path model = dir.resolve("mnv1-tiny.tflite");
        assertEquals(0, run("generate", "mobilenet-v1", "-o", model.toString(), "--resolution", "32",
                "--width", "0.25").exit());
        Run b = run("bench", model.toString(), "--threads", "1", "--warmup", "1", "--runs", "3", "--json");
        assertEquals(0, b.exit(), b.err());
        JsonNode j = new ObjectMapper().readTree(b.out());
        assertEquals(3, j.get("quanta").get("runs").asInt());
        assertTrue(j.get("quanta").get("p10Ms").asDouble() <= j.get("quanta").get("p90Ms").asDouble());
        assertTrue(j.get("flops").asLong() > 0);
        double share = 0;
        int ops = 0;
        for (JsonNode op : j.get("ops")) {
            share += op.get("share").asDouble();
            ops += op.get("count").asInt();
        }
        assertEquals(30, ops, "every operator is counted once");
        assertEquals(1.0, share, 1e-9, "shares add up to the whole");
    }

    /** {@code generate lstm}, then {@code optimize --mode dynamic}: both files run in TFLite 2.6.2 and Quanta alike. */
    @Test
    void generatedLstmAndItsDynamicRangeVersionMatchTflite() throws Exception {
        Path model = dir.resolve("lstm.tflite");
        Run gen = run("generate", "lstm", "-o", model.toString(), "--units", "32", "--steps", "7", "--features", "32");
        assertEquals(0, gen.exit(), gen.err());
        Path dynamic = dir.resolve("lstm-dynamic.tflite");
        Run opt = run("optimize", model.toString(), "--mode", "dynamic", "-o", dynamic.toString());
        assertEquals(0, opt.exit(), opt.err());
        float[] x = new float[7 * 32];
        Random r = new Random(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        float[] floatOut = null;
        for (Path p : List.of(model, dynamic)) {
            dev.quanta.engine.graph.Model m = dev.quanta.engine.tflite.TfliteReader.read(p);
            dev.quanta.engine.graph.Operator lstm = m.main().operators().get(0);
            assertEquals(p == dynamic ? dev.quanta.engine.graph.DType.INT8 : dev.quanta.engine.graph.DType.FLOAT32,
                    lstm.input(2).type());
            assertEquals(p == dynamic ? 3 : 1, lstm.opCode().version());
            float[] quanta;
            try (dev.quanta.engine.runtime.Interpreter it = new dev.quanta.engine.runtime.Interpreter(m)) {
                quanta = it.run(List.of(TensorValue.ofFloats(new int[] {1, 7, 32}, x))).get(0).floats();
            }
            try (TfliteRuntime tflite = TfliteRuntime.load(p)) {
                ByteBuffer in = ByteBuffer.wrap(TensorValue.ofFloats(new int[] {1, 7, 32}, x).toLittleEndian());
                assertNull(Tolerance.CLOSE.mismatch(tflite.run(List.of(in)).get(0).floats(), quanta), p.toString());
            }
            if (floatOut == null) {
                floatOut = quanta;
            } else {
                double worst = 0;
                for (int i = 0; i < x.length; i++) {
                    worst = Math.max(worst, Math.abs(floatOut[i] - quanta[i]));
                }
                assertTrue(worst > 0 && worst < 0.05, "int8 weights change the float result a little: " + worst);
            }
        }
    }

    @Test
    void benchAlternatesBetweenSeveralModels() throws Exception {
        Path a = dir.resolve("a.tflite");
        Path b = dir.resolve("b.tflite");
        assertEquals(0, run("generate", "lstm", "-o", a.toString(), "--units", "8", "--steps", "3", "--features", "4")
                .exit());
        assertEquals(0, run("generate", "lstm", "-o", b.toString(), "--units", "16", "--steps", "3", "--features", "4")
                .exit());
        Run r = run("bench", a.toString(), b.toString(), "--threads", "1", "--warmup", "1", "--runs", "3", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("alternating").asBoolean());
        assertEquals(2, j.get("models").size());
        JsonNode first = j.get("models").get(0);
        JsonNode second = j.get("models").get(1);
        assertEquals("a.tflite", first.get("model").asText());
        assertEquals(1.0, first.get("quantaRelativeToFirst").asDouble(), 1e-12);
        assertEquals(second.get("quanta").get("medianMs").asDouble() / first.get("quanta").get("medianMs").asDouble(),
                second.get("quantaRelativeToFirst").asDouble(), 1e-9);
        // 3 steps x 1 row x 4 gates x units x (4 inputs + units outputs) multiply-adds, 2 FLOPs each
        assertEquals(2L * 3 * 4 * 8 * (4 + 8), first.get("flops").asLong());
        assertEquals(2L * 3 * 4 * 16 * (4 + 16), second.get("flops").asLong());
    }

    @Test
    void wrongInputCountIsAUserError() throws Exception {
        Path model = dir.resolve("m.tflite");
        assertEquals(0, run("generate", "mobilenet-v1", "-o", model.toString(), "--resolution", "32",
                "--width", "0.25").exit());
        Path npy = dir.resolve("a.npy");
        Npy.write(npy, Npy.NpyArray.ofFloats(new int[] {1}, new float[] {1}));
        Run r = run("run", model.toString(), "--input", npy + "," + npy);
        assertEquals(QuantaCli.USER_ERROR, r.exit());
        assertEquals("error: m.tflite has 1 inputs but 2 .npy files were given", r.err().strip());
    }
}
