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

    @Test
    void benchAgainstASecondModelAlternatesAndReportsTheRatio() throws Exception {
        Path small = dir.resolve("mnv1-tiny.tflite");
        Path wide = dir.resolve("mnv1-wide.tflite");
        assertEquals(0, run("generate", "mobilenet-v1", "-o", small.toString(), "--resolution", "32",
                "--width", "0.25").exit());
        assertEquals(0, run("generate", "mobilenet-v1", "-o", wide.toString(), "--resolution", "32",
                "--width", "0.5").exit());
        Run b = run("bench", small.toString(), "--against", wide.toString(), "--threads", "1", "--warmup", "1",
                "--runs", "4", "--json");
        assertEquals(0, b.exit(), b.err());
        JsonNode j = new ObjectMapper().readTree(b.out());
        assertEquals("mnv1-wide.tflite", j.get("against").asText());
        assertEquals(4, j.get("againstQuanta").get("runs").asInt());
        assertEquals(j.get("againstQuanta").get("medianMs").asDouble() / j.get("quanta").get("medianMs").asDouble(),
                j.get("againstRatio").asDouble(), 1e-9);
        Run text = run("bench", small.toString(), "--against", wide.toString(), "--threads", "1", "--warmup", "0",
                "--runs", "2");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("ratio mnv1-wide.tflite / mnv1-tiny.tflite (median): "), text.out());
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
