package dev.quanta.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quanta.engine.data.Npy;
import dev.quanta.engine.graph.DType;
import dev.quanta.engine.graph.Model;
import dev.quanta.engine.report.ModelRef;
import dev.quanta.engine.tflite.TfliteWriter;
import dev.quanta.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} and {@code compare} end to end on a model written to disk. */
class EvalCompareCliTest {
    @TempDir
    Path dir;
    Path model;

    /** Output of one CLI run. */
    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = QuantaCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeEach
    void writeModel() throws Exception {
        Model m = dev.quanta.engine.eval.CentroidModelAccess.build(500);
        model = dir.resolve("centroid.tflite");
        Files.write(model, TfliteWriter.toBytes(m));
    }

    @Test
    void evalPrintsAccuracy() {
        Run r = cli("eval", model.toString(), "--dataset", SharedData.mnist().toString(), "--samples", "300");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(": 300 samples in "), r.out());
        assertTrue(r.out().matches("(?s).*top-1 accuracy 0\\.[78]\\d{3}\n.*"), r.out());
    }

    @Test
    void convFcMnistScoresWhatTfliteScoresOnAllOfMnist() {
        Run r = cli("eval", SharedData.model("aeq/conv_fc_mnist.tflite").toString(), "--dataset",
                SharedData.mnist().toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(": 10000 samples in "), r.out());
        assertTrue(r.out().contains("top-1 accuracy 0.9673\n"), r.out());
    }

    @Test
    void evalJsonIdentifiesTheModelBySha256() throws Exception {
        Run r = cli("eval", model.toString(), "--dataset", SharedData.mnist().toString(), "--samples", "50", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(ModelRef.of(model).sha256(), j.at("/model/model/sha256").asText());
        assertEquals("Quanta", j.at("/tool/name").asText());
        assertEquals(50, j.at("/dataset/samples").asLong());
        assertEquals("50", j.at("/settings/samples").asText());
        assertEquals(Files.size(model), j.at("/model/size/bytes").asLong());
        assertEquals(7850, j.at("/model/size/parameters/FLOAT32").asLong());
    }

    @Test
    void badDatasetExitsOneWithOneLine() throws Exception {
        Path npy = dir.resolve("x.npy");
        Npy.write(npy, new Npy.NpyArray(DType.FLOAT32, new int[] {5, 3}, ByteBuffer.allocate(60)));
        Run r = cli("eval", model.toString(), "--dataset", npy.toString());
        assertEquals(1, r.code());
        assertEquals("error: Dataset samples are 3 but input 'serving_default_x:0' of centroid.tflite expects "
                + "[1,28,28,1].\n", r.err());
        Path half = dir.resolve("h.npy");
        byte[] b = Npy.encode(new Npy.NpyArray(DType.INT16, new int[] {2}, ByteBuffer.allocate(4)));
        b[10 + "{'descr': '<".length()] = 'f';
        Files.write(half, b);
        r = cli("eval", model.toString(), "--dataset", half.toString());
        assertEquals(1, r.code());
        assertEquals("error: " + half + " has dtype '<f2', which Quanta cannot read; use float32, float64, uint8, int8, "
                + "int16, int32, int64 or bool.\n", r.err());
    }

    @Test
    void emptyFolderLabelMismatchAndCorruptImageExitOneWithOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty/cats"));
        Run r = cli("eval", model.toString(), "--dataset", empty.getParent().toString());
        assertEquals(1, r.code());
        assertEquals("error: Image folder " + empty.getParent() + " holds no images: expected one subfolder per class "
                + "with png/bmp/jpg/jpeg files.\n", r.err());

        Path images = dir.resolve("x-images-idx3-ubyte");
        Files.write(images, idx(0x08, new int[] {2, 28, 28}, new byte[2 * 784]));
        Path labels = dir.resolve("x-labels-idx1-ubyte");
        Files.write(labels, idx(0x08, new int[] {3}, new byte[3]));
        r = cli("eval", model.toString(), "--dataset", images.toString(), "--labels", labels.toString());
        assertEquals(1, r.code());
        assertEquals("error: Label count 3 in " + labels + " does not match sample count 2 in " + images + ".\n",
                r.err());

        Path folder = Files.createDirectories(dir.resolve("digits/7"));
        Files.write(folder.resolve("a.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3});
        r = cli("eval", model.toString(), "--dataset", folder.getParent().toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + folder.resolve("a.jpg") + " is a corrupt JPEG"), r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
    }

    @Test
    void jpegFoldersAreReadThroughTheCliDecoder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("jpg/3"));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 8; y < 20; y++) {
            img.getRaster().setSample(14, y, 0, 255);
        }
        assertTrue(javax.imageio.ImageIO.write(img, "jpg", folder.resolve("one.jpg").toFile()));
        Run r = cli("eval", model.toString(), "--dataset", folder.getParent().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(": 1 samples in "), r.out());
    }

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    @Test
    void compareWritesJsonCsvAndHtml() throws Exception {
        Path copy = dir.resolve("copy.tflite");
        Files.copy(model, copy);
        for (String ext : new String[] {"json", "csv", "html"}) {
            Path out = dir.resolve("report." + ext);
            Run r = cli("compare", model.toString(), copy.toString(), "--dataset", SharedData.mnist().toString(),
                    "--samples", "40", "--layers", "--report", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.size(out) > 100);
        }
        JsonNode j = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(1.0, j.at("/variants/0/fidelity/top1Agreement").asDouble());
        assertEquals("Infinity", j.at("/variants/0/fidelity/sqnrDb").asText());
        assertEquals(2, j.at("/variants/0/layers/layers").size());
        String csv = Files.readString(dir.resolve("report.csv"));
        assertEquals(3, csv.split("\n").length);
        assertTrue(csv.startsWith("role,name,sha256,bytes,gzip_bytes,"), csv);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<td>copy.tflite</td>"));
        // a float copy's layers have no quantization step: shown as a dash, never NaN; unset options are left out
        assertTrue(html.contains("<td>–</td>") && !html.contains("NaN") && !html.contains("null"), html);
    }
}
