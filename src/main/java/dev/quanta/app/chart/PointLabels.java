package dev.quanta.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * The names of a scatter's points, laid out when the chart is drawn (in pixels, with the real font),
 * so that no two labels overlap and no label covers a point: each label goes right of its point,
 * else left, else one line further up or down with a thin leader line back to its point.
 */
final class PointLabels extends AbstractXYAnnotation {
    /** Gap between a point's centre and its label, in pixels. */
    static final double GAP = 11;
    /** Radius around each point a label must keep clear of, in pixels (the Pareto front's rings are 8). */
    static final double MARKER = 8;

    private final List<String> names;
    private final double[] xs;
    private final double[] ys;
    private final Font font;

    /** Labels drawn in {@code font}, in the color of the range axis' tick labels (so they follow the theme). */
    PointLabels(List<String> names, double[] xs, double[] ys, Font font) {
        this.names = List.copyOf(names);
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.font = font;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        int n = names.size();
        double[] px = new double[n];
        double[] py = new double[n];
        double[] w = new double[n];
        g2.setFont(font);
        FontMetrics fm = g2.getFontMetrics();
        for (int i = 0; i < n; i++) {
            px[i] = domainAxis.valueToJava2D(xs[i], dataArea, plot.getDomainAxisEdge());
            py[i] = rangeAxis.valueToJava2D(ys[i], dataArea, plot.getRangeAxisEdge());
            w[i] = fm.stringWidth(names.get(i));
        }
        double h = fm.getHeight();
        Rectangle2D[] boxes = layout(px, py, w, h, dataArea);
        for (int i = 0; i < n; i++) {
            Rectangle2D b = boxes[i];
            if (Math.abs(b.getCenterY() - py[i]) > h / 2) {
                double edge = b.getX() >= px[i] ? b.getX() : b.getMaxX();
                g2.setPaint(new Color(120, 120, 120));
                g2.setStroke(new BasicStroke(0.8f));
                g2.draw(new Line2D.Double(px[i], py[i], edge, b.getCenterY()));
            }
            // Over the plot's own background, so a grid or front line behind the text does not cross it.
            if (plot.getBackgroundPaint() instanceof Color bg) {
                g2.setPaint(new Color(bg.getRed(), bg.getGreen(), bg.getBlue(), 210));
                g2.fill(new Rectangle2D.Double(b.getX() - 1, b.getY() + 1, b.getWidth() + 2, b.getHeight() - 2));
            }
            g2.setPaint(rangeAxis.getTickLabelPaint());
            g2.drawString(names.get(i), (float) b.getX(), (float) (b.getY() + fm.getAscent()));
        }
    }

    /**
     * Label boxes for points at pixels ({@code px}, {@code py}) with label widths {@code w} and line
     * height {@code h}: inside {@code area} where possible, never overlapping each other, never over
     * a point. Points are placed top to bottom; each takes the first free slot of: right of its
     * point, left of it, then one line lower, higher, two lines lower... (right before left).
     */
    static Rectangle2D[] layout(double[] px, double[] py, double[] w, double h, Rectangle2D area) {
        int n = px.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> py[a] != py[b] ? Double.compare(py[a], py[b]) : Double.compare(px[a], px[b]));
        Rectangle2D[] out = new Rectangle2D[n];
        List<Rectangle2D> placed = new ArrayList<>();
        for (int i : order) {
            Rectangle2D chosen = null;
            for (int k = 0; k <= 2 * n + 2 && chosen == null; k++) {
                int lines = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);
                for (int side = 0; side < 2 && chosen == null; side++) {
                    double x = side == 0 ? px[i] + GAP : px[i] - GAP - w[i];
                    Rectangle2D b = new Rectangle2D.Double(x, py[i] - h / 2 + lines * h, w[i], h);
                    if (fits(b, area) && free(b, placed, px, py)) {
                        chosen = b;
                    }
                }
            }
            if (chosen == null) {
                // Nowhere free: right of the point, pulled inside the area.
                double x = Math.min(px[i] + GAP, area.getMaxX() - w[i]);
                double y = Math.max(area.getY(), Math.min(py[i] - h / 2, area.getMaxY() - h));
                chosen = new Rectangle2D.Double(x, y, w[i], h);
            }
            placed.add(chosen);
            out[i] = chosen;
        }
        return out;
    }

    private static boolean fits(Rectangle2D b, Rectangle2D area) {
        return b.getX() >= area.getX() && b.getMaxX() <= area.getMaxX() && b.getY() >= area.getY()
                && b.getMaxY() <= area.getMaxY();
    }

    private static boolean free(Rectangle2D b, List<Rectangle2D> placed, double[] px, double[] py) {
        for (Rectangle2D p : placed) {
            if (b.intersects(p)) {
                return false;
            }
        }
        for (int j = 0; j < px.length; j++) {
            if (b.intersects(px[j] - MARKER, py[j] - MARKER, 2 * MARKER, 2 * MARKER)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
