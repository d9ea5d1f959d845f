package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A line chart of named series, for Figure 2: the lower bound per data point against the number
 * of training samples evaluated, on a log10 x axis ({@link #logX}), with train and test curves of
 * AEVB and wake-sleep. Axes fit the data with a little padding unless given; points that are not
 * finite (or not positive on a log axis) are skipped and break the line there. Several charts go
 * side by side in one PNG with {@link Panels}.
 *
 * <pre>{@code
 * new LineChart().title("Nz = 3").logX(true)
 *     .xLabel("# training samples evaluated").yLabel("L")
 *     .add(new Series("AEVB (train)", n, trainBound, Palette.categorical(3), false))
 *     .add(new Series("AEVB (test)", n, testBound, Palette.categorical(3), true))
 *     .write(Path.of("figure2.png"));
 * }</pre>
 */
public final class LineChart implements Chart {
    static {
        Png.init();
    }

    /** One curve: points (x[i], y[i]) joined in order, solid or dashed. */
    public record Series(String name, double[] x, double[] y, Color color, boolean dashed) {
        public Series {
            Objects.requireNonNull(name, "series name");
            Objects.requireNonNull(color, "series colour");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length
                        + " values but y has " + y.length);
            }
        }
    }

    /**
     * Points drawn as markers and not joined: published values beside our curves (the paper's
     * Figure 2 in grey). An empty name leaves them out of the legend.
     */
    public record Markers(String name, double[] x, double[] y, Color color, boolean hollow) {
        public Markers {
            Objects.requireNonNull(name, "markers name");
            Objects.requireNonNull(color, "markers colour");
            if (x.length != y.length) {
                throw new IllegalArgumentException("markers '" + name + "': x has " + x.length
                        + " values but y has " + y.length);
            }
        }
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Markers> markers = new ArrayList<>();
    private String title, xLabel, yLabel;
    private boolean logX;
    private int width = 480, height = 360;
    private double[] xRange, yRange; // null: fit the data

    public LineChart title(String title) {
        this.title = title;
        return this;
    }

    public LineChart xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public LineChart yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /** A log10 x axis with ticks at the powers of ten (default: linear). */
    public LineChart logX(boolean log) {
        this.logX = log;
        return this;
    }

    /** Size in pixels (default 480 x 360). */
    public LineChart size(int width, int height) {
        PlotFrame.checkSize("line chart", width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** A fixed x range instead of fitting the data. */
    public LineChart xRange(double min, double max) {
        this.xRange = new double[] {min, max};
        return this;
    }

    /** A fixed y range instead of fitting the data (e.g. the same range in every panel). */
    public LineChart yRange(double min, double max) {
        this.yRange = new double[] {min, max};
        return this;
    }

    public LineChart add(Series s) {
        series.add(Objects.requireNonNull(s));
        return this;
    }

    public LineChart add(Markers m) {
        markers.add(Objects.requireNonNull(m));
        return this;
    }

    public List<Markers> markers() {
        return List.copyOf(markers);
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The x axis this chart draws: the given range, or the finite points fitted with padding. */
    public Axis xAxis() {
        Axis.Scale scale = logX ? Axis.Scale.LOG10 : Axis.Scale.LINEAR;
        if (xRange != null) return logX ? Axis.log10(xRange[0], xRange[1]) : Axis.linear(xRange[0], xRange[1]);
        List<double[]> xs = new ArrayList<>();
        for (Series s : series) xs.add(shown(s, true));
        for (Markers m : markers) xs.add(shown(new Series(m.name(), m.x(), m.y(), m.color(), false), true));
        return Axis.fit(scale, 0.03, xs.toArray(new double[0][]));
    }

    /** The y axis this chart draws. */
    public Axis yAxis() {
        if (yRange != null) return Axis.linear(yRange[0], yRange[1]);
        List<double[]> ys = new ArrayList<>();
        for (Series s : series) ys.add(shown(s, false));
        for (Markers m : markers) ys.add(shown(new Series(m.name(), m.x(), m.y(), m.color(), false), false));
        return Axis.fit(Axis.Scale.LINEAR, 0.05, ys.toArray(new double[0][]));
    }

    /** The x (or y) values of the points that can be drawn: both coordinates finite, x > 0 on a log axis. */
    private double[] shown(Series s, boolean wantX) {
        double[] out = new double[s.x().length];
        int n = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (drawable(s.x()[i], s.y()[i])) out[n++] = wantX ? s.x()[i] : s.y()[i];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private boolean drawable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0);
    }

    @Override
    public void draw(Graphics2D g) {
        PlotFrame frame = new PlotFrame(xAxis(), yAxis(), width, height, title, xLabel, yLabel, 0);
        List<double[]> pixels = new ArrayList<>(); // every drawn point, to place the legend
        frame.drawFramed(g, () -> {
            for (Series s : series) drawSeries(g, frame, s, pixels);
            for (Markers m : markers) drawMarkers(g, frame, m, pixels);
        });
        if (!series.isEmpty() || !markers.isEmpty()) drawLegend(g, frame, pixels);
    }

    /** The series as polylines, broken at points that cannot be drawn; lone points as dots. */
    private void drawSeries(Graphics2D g, PlotFrame frame, Series s, List<double[]> pixels) {
        g.setColor(s.color());
        g.setStroke(PlotFrame.stroke(s.dashed()));
        Path2D.Double path = new Path2D.Double();
        int run = 0; // points in the current unbroken piece
        double lastX = 0, lastY = 0;
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && drawable(s.x()[i], s.y()[i]);
            if (!ok) {
                if (run == 1) g.fill(new Ellipse2D.Double(lastX - 2.5, lastY - 2.5, 5, 5));
                run = 0;
                continue;
            }
            double px = frame.px(s.x()[i]);
            double py = frame.py(s.y()[i]);
            if (run == 0) path.moveTo(px, py);
            else path.lineTo(px, py);
            if (run > 0) pixels.add(new double[] {(px + lastX) / 2, (py + lastY) / 2});
            pixels.add(new double[] {px, py});
            lastX = px;
            lastY = py;
            run++;
        }
        g.draw(path);
    }

    /** Each drawable point as a small circle, filled or hollow. */
    private void drawMarkers(Graphics2D g, PlotFrame frame, Markers m, List<double[]> pixels) {
        g.setColor(m.color());
        g.setStroke(PlotFrame.stroke(false));
        for (int i = 0; i < m.x().length; i++) {
            if (!drawable(m.x()[i], m.y()[i])) continue;
            double px = frame.px(m.x()[i]), py = frame.py(m.y()[i]);
            Ellipse2D.Double dot = new Ellipse2D.Double(px - 3, py - 3, 6, 6);
            if (m.hollow()) g.draw(dot);
            else g.fill(dot);
            pixels.add(new double[] {px, py});
        }
    }

    /** The legend in the corner of the plot that covers the fewest drawn points. */
    private void drawLegend(Graphics2D g, PlotFrame frame, List<double[]> pixels) {
        List<PlotFrame.LegendEntry> entries = new ArrayList<>();
        for (Series s : series) entries.add(new PlotFrame.LegendEntry(s.name(), s.color(), s.dashed(), false));
        for (Markers m : markers) {
            if (!m.name().isEmpty()) entries.add(new PlotFrame.LegendEntry(m.name(), m.color(), false, true));
        }
        double w = PlotFrame.legendWidth(entries);
        double h = PlotFrame.legendHeight(entries);
        double m = 6;
        double[][] corners = { // preferred first when equally good
            {frame.right - m - w, frame.bottom - m - h}, {frame.left + m, frame.top + m},
            {frame.right - m - w, frame.top + m}, {frame.left + m, frame.bottom - m - h},
        };
        double[] best = corners[0];
        int fewest = Integer.MAX_VALUE;
        for (double[] c : corners) {
            int covered = 0;
            for (double[] p : pixels) {
                if (p[0] >= c[0] - 2 && p[0] <= c[0] + w + 2 && p[1] >= c[1] - 2 && p[1] <= c[1] + h + 2) covered++;
            }
            if (covered < fewest) {
                fewest = covered;
                best = c;
            }
        }
        PlotFrame.drawLegend(g, entries, best[0], best[1]);
    }
}
