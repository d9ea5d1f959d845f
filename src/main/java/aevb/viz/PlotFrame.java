package aevb.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The frame shared by the charts: the layout of title, axis labels and tick labels around a plot
 * rectangle, the map from data to pixels, grid lines, ticks and a legend box.
 */
final class PlotFrame {
    static final float TITLE_SIZE = 15f;
    static final float LABEL_SIZE = 13f;
    static final float TICK_SIZE = 11f;
    static final float EXPONENT_SIZE = 8.5f;
    static final int PAD = 8;
    static final int TICK_LENGTH = 5;
    static final Color GRID = new Color(0xe6e6e6);
    static final Color FRAME = new Color(0x333333);

    final Axis x;
    final Axis y;
    /** The plot rectangle in pixels. */
    final double left, top, right, bottom;
    private final int width;
    private final String title, xLabel, yLabel;

    /** A legend line: a line sample (dashed or solid) or a dot, in colour. */
    record LegendEntry(String name, Color color, boolean dashed, boolean dot) {}

    /**
     * Lays out a chart of width x height: title on top, y label and y tick labels on the left,
     * x tick labels and x label below, and reserveRight pixels kept free on the right (a legend).
     */
    PlotFrame(Axis x, Axis y, int width, int height, String title, String xLabel, String yLabel, int reserveRight) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        double yTickWidth = 0;
        for (Axis.Tick t : y.ticks()) yTickWidth = Math.max(yTickWidth, labelWidth(t));
        double lastXTick = 0;
        for (Axis.Tick t : x.ticks()) if (t.major()) lastXTick = labelWidth(t);
        this.top = PAD + (has(title) ? Text.height(TITLE_SIZE) + PAD : 0) + 2;
        this.left = PAD + (has(yLabel) ? Text.height(LABEL_SIZE) + PAD : 0) + yTickWidth + TICK_LENGTH + 3;
        this.bottom = height - PAD - (has(xLabel) ? Text.height(LABEL_SIZE) + 4 : 0) - labelHeight(x)
                - TICK_LENGTH - 3;
        this.right = width - reserveRight - Math.max(PAD + 4, lastXTick / 2 + 2);
        if (right - left < 20 || bottom - top < 20) {
            throw new IllegalArgumentException("chart of " + width + " x " + height
                    + " is too small for its labels; make it larger");
        }
    }

    static boolean has(String s) {
        return s != null && !s.isEmpty();
    }

    /** Pixel column of data value v (NaN if it cannot be shown). */
    double px(double v) {
        return left + x.toUnit(v) * (right - left);
    }

    /** Pixel row of data value v (NaN if it cannot be shown); larger values are higher up. */
    double py(double v) {
        return bottom - y.toUnit(v) * (bottom - top);
    }

    Shape plotArea() {
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    /**
     * A chart's drawing order, the same for every chart: the grid, then {@code plot} clipped to
     * the plot area (nothing spills over the axes), then the axes and their labels over it.
     */
    void drawFramed(Graphics2D g, Runnable plot) {
        drawGrid(g);
        Shape savedClip = g.getClip();
        g.clip(plotArea());
        plot.run();
        g.setClip(savedClip);
        drawAxes(g);
    }

    /** Checks a chart's size in pixels (at least 100 x 80, room for the axes and labels). */
    static void checkSize(String chart, int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException(chart + ": size " + width + " x " + height
                    + " is too small (min 100 x 80)");
        }
    }

    /** Light grid lines at the labelled ticks, drawn before the data. */
    void drawGrid(Graphics2D g) {
        g.setColor(GRID);
        g.setStroke(new BasicStroke(1f));
        for (Axis.Tick t : x.ticks()) if (t.major()) g.draw(new Line2D.Double(px(t.value()), top, px(t.value()), bottom));
        for (Axis.Tick t : y.ticks()) if (t.major()) g.draw(new Line2D.Double(left, py(t.value()), right, py(t.value())));
    }

    /** Frame, ticks, tick labels, axis labels and title, drawn after the data. */
    void drawAxes(Graphics2D g) {
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(plotArea());
        for (Axis.Tick t : x.ticks()) {
            double px = px(t.value());
            int len = t.major() ? TICK_LENGTH : TICK_LENGTH - 2;
            g.draw(new Line2D.Double(px, bottom, px, bottom + len));
            if (t.major()) drawTickLabel(g, t, px, bottom + TICK_LENGTH + 3, 0.5, 0);
        }
        for (Axis.Tick t : y.ticks()) {
            double py = py(t.value());
            int len = t.major() ? TICK_LENGTH : TICK_LENGTH - 2;
            g.draw(new Line2D.Double(left - len, py, left, py));
            if (t.major()) drawTickLabel(g, t, left - TICK_LENGTH - 3, py, 1, 0.5);
        }
        g.setColor(Color.BLACK);
        double cx = (left + right) / 2;
        if (has(title)) Text.draw(g, title, width / 2.0, PAD, TITLE_SIZE, 0.5, 0);
        if (has(xLabel)) Text.draw(g, xLabel, cx, bottom + TICK_LENGTH + 3 + labelHeight(x) + 4, LABEL_SIZE, 0.5, 0);
        if (has(yLabel)) Text.drawVertical(g, yLabel, PAD + Text.height(LABEL_SIZE) / 2, (top + bottom) / 2, LABEL_SIZE);
    }

    // ---- tick labels: "0.5", or "10" with a raised exponent ----

    private static double raise() {
        return 0.4 * Text.ascent(TICK_SIZE);
    }

    static double labelWidth(Axis.Tick t) {
        return Text.width(t.text(), TICK_SIZE) + (t.exponent() == null ? 0 : Text.width(t.exponent(), EXPONENT_SIZE) + 1);
    }

    /** Height of the tallest tick label of the axis (room for a raised exponent on log axes). */
    static double labelHeight(Axis axis) {
        boolean exponents = axis.ticks().stream().anyMatch(t -> t.exponent() != null);
        return Text.height(TICK_SIZE) + (exponents ? raise() : 0);
    }

    /** Draws t's label with (x, y) at the anchor (ax, ay) of the label's box. */
    static void drawTickLabel(Graphics2D g, Axis.Tick t, double x, double y, double ax, double ay) {
        double w = labelWidth(t);
        double h = Text.height(TICK_SIZE) + (t.exponent() == null ? 0 : raise());
        double left = x - ax * w;
        double top = y - ay * h;
        Color saved = g.getColor();
        g.setColor(Color.BLACK);
        if (t.exponent() == null) {
            Text.draw(g, t.text(), left, top, TICK_SIZE, 0, 0);
        } else {
            Text.draw(g, t.text(), left, top + raise(), TICK_SIZE, 0, 0);
            Text.draw(g, t.exponent(), left + Text.width(t.text(), TICK_SIZE) + 1, top, EXPONENT_SIZE, 0, 0);
        }
        g.setColor(saved);
    }

    // ---- legend ----

    private static final int SWATCH = 24;

    static double legendWidth(List<LegendEntry> entries) {
        double w = 0;
        for (LegendEntry e : entries) w = Math.max(w, Text.width(e.name(), TICK_SIZE));
        return w + SWATCH + 3 * 6;
    }

    static double legendHeight(List<LegendEntry> entries) {
        return entries.size() * (Text.height(TICK_SIZE) + 2) + 8;
    }

    /** A white box at (x, y) with one line per entry: its swatch, then its name. */
    static void drawLegend(Graphics2D g, List<LegendEntry> entries, double x, double y) {
        double w = legendWidth(entries);
        double h = legendHeight(entries);
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(new Color(0xbbbbbb));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, h));
        double line = Text.height(TICK_SIZE) + 2;
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            double cy = y + 4 + line * i + line / 2;
            g.setColor(e.color());
            if (e.dot()) {
                g.fill(new Ellipse2D.Double(x + 6 + SWATCH / 2.0 - 3.5, cy - 3.5, 7, 7));
            } else {
                g.setStroke(stroke(e.dashed()));
                g.draw(new Line2D.Double(x + 6, cy, x + 6 + SWATCH, cy));
            }
            g.setColor(Color.BLACK);
            Text.draw(g, e.name(), x + 12 + SWATCH, cy, TICK_SIZE, 0, 0.5);
        }
    }

    /** The stroke of a data line. */
    static BasicStroke stroke(boolean dashed) {
        return dashed
                ? new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }
}
