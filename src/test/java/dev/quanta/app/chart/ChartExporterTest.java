package dev.quanta.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quanta.app.port.WeightTensor;
import dev.quanta.app.viewmodel.WeightMath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chart export without the toolkit: each format is valid (decodes, parses, has the PDF trailer). */
class ChartExporterTest {
    @TempDir
    Path dir;

    @Test
    void writesValidPngSvgAndPdf() throws Exception {
        float[] v = {-1, -0.5f, 0, 0.25f, 0.5f, 1};
        WeightTensor t = new WeightTensor("w", "FLOAT32", new int[] {2, 3}, v, null, null, 0);
        JFreeChart chart = WeightCharts.histogram("w", WeightMath.histogram(v, 10), WeightMath.grid(t, null, -1));
        Path png = dir.resolve("h.png");
        Path svg = dir.resolve("h.svg");
        Path pdf = dir.resolve("h.pdf");
        ChartExporter.export(chart, png);
        ChartExporter.export(chart, svg);
        ChartExporter.export(chart, pdf);
        var img = ImageIO.read(png.toFile());
        assertEquals(ChartExporter.WIDTH, img.getWidth());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(Files.readString(svg).contains("Weight histogram: w"));
        String pdfText = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(pdfText.startsWith("%PDF-"));
        assertTrue(pdfText.stripTrailing().endsWith("%%EOF"));
    }
}
