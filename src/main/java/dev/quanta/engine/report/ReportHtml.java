package dev.quanta.engine.report;

import dev.quanta.engine.eval.LayerError;

/** A self-contained HTML page for a comparison: settings, a model table and per-layer tables. */
final class ReportHtml {
    private ReportHtml() {
    }

    static String of(ComparisonReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Quanta comparison</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}</style></head><body>\n");
        b.append("<h1>Comparison on ").append(esc(r.dataset().source())).append("</h1>\n<p>")
                .append(r.dataset().samples()).append(" samples; ").append(esc(r.dataset().preprocessing()))
                .append("; ").append(esc(r.tool().name())).append(' ').append(esc(r.tool().version()))
                .append("; ").append(esc(r.created())).append("</p>\n<table>\n<tr>");
        for (String h : ReportCsv.COLUMNS) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (java.util.List<String> row : ReportCsv.rows(r)) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(esc(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        for (VariantResult v : r.variants()) {
            if (v.layers() == null) {
                continue;
            }
            b.append("<h2>Layers of ").append(esc(v.result().model().name())).append("</h2>\n<table>\n")
                    .append("<tr><th>#</th><th>op</th><th>tensor</th><th>type</th><th>SQNR dB</th><th>RMSE</th>")
                    .append("<th>RMSE/scale</th><th>max abs error</th></tr>\n");
            for (LayerError l : v.layers().layers()) {
                b.append("<tr><td>").append(l.index()).append("</td><td>").append(esc(l.op())).append("</td><td>")
                        .append(esc(l.tensor())).append("</td><td>").append(esc(l.variantType())).append("</td><td>")
                        .append(ReportCsv.num(l.sqnrDb())).append("</td><td>").append(ReportCsv.num(l.rmse()))
                        .append("</td><td>").append(Double.isNaN(l.rmseOverScale()) ? "–" : ReportCsv.num(l.rmseOverScale()))
                        .append("</td><td>")
                        .append(ReportCsv.num(l.maxAbsError())).append("</td></tr>\n");
            }
            b.append("</table>\n");
            if (v.layers().sweep() != null) {
                b.append("<p>Keep float: ").append(esc(String.join(", ", v.layers().sweep().keepFloat())))
                        .append("</p>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
