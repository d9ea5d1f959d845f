package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A scatter plot of 2-D points coloured by an integer label: the latent means of test images,
 * one colour per digit, with a legend of the labels on the right. Without labels every point has
 * one colour and there is no legend. Points with a non-finite coordinate are skipped.
 *
 * <p>Points are drawn in a fixed shuffled order, so no class is painted over all the others just
 * because it comes last in the data.
 */
public final class Scatter implements Chart {
    static {
        Png.init();
    }

    private final double[] x, y;
    private final int[] labels; // may be null
    private String title, xLabel, yLabel;
    private int width = 560, height = 480;
    private double radius = 2.2;

    private Scatter(double[] x, double[] y, int[] labels) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("scatter: x has " + x.length + " values but y has " + y.length);
        }
        if (labels != null && labels.length != x.length) {
            throw new IllegalArgumentException("scatter: " + x.length + " points but " + labels.length + " labels");
        }
        this.x = x;
        this.y = y;
        this.labels = labels;
    }

    /** Points (x[i], y[i]) with label labels[i] (labels may be null: one colour). */
    public static Scatter of(double[] x, double[] y, int[] labels) {
        return new Scatter(x, y, labels);
    }

    /** Writes a scatter plot of the points in one call. */
    public static void write(Path file, double[] x, double[] y, int[] labels, String title,
                             String xLabel, String yLabel) throws IOException {
        of(x, y, labels).title(title).xLabel(xLabel).yLabel(yLabel).write(file);
    }

    public Scatter title(String title) {
        this.title = title;
        return this;
    }

    public Scatter xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public Scatter yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /** Size in pixels (default 560 x 480). */
    public Scatter size(int width, int height) {
        PlotFrame.checkSize("scatter", width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** Radius of a point in pixels (default 2.2). */
    public Scatter pointRadius(double radius) {
        this.radius = radius;
        return this;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    public Axis xAxis() {
        return Axis.fit(Axis.Scale.LINEAR, 0.05, finite(x));
    }

    public Axis yAxis() {
        return Axis.fit(Axis.Scale.LINEAR, 0.05, finite(y));
    }

    /** Coordinates of the points where both coordinates are finite. */
    private double[] finite(double[] v) {
        return java.util.stream.IntStream.range(0, x.length)
                .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .mapToDouble(i -> v[i]).toArray();
    }

    @Override
    public void draw(Graphics2D g) {
        List<PlotFrame.LegendEntry> legend = new ArrayList<>();
        if (labels != null) {
            for (int label : new TreeSet<>(java.util.Arrays.stream(labels).boxed().toList())) {
                legend.add(new PlotFrame.LegendEntry(Integer.toString(label), Palette.categorical(label), false, true));
            }
        }
        int legendW = legend.isEmpty() ? 0 : (int) Math.ceil(PlotFrame.legendWidth(legend)) + PlotFrame.PAD;
        PlotFrame frame = new PlotFrame(xAxis(), yAxis(), width, height, title, xLabel, yLabel, legendW);
        Color single = new Color(31, 119, 180, 170);
        Color[] colours = new Color[Palette.SIZE];
        for (int i = 0; i < colours.length; i++) {
            Color c = Palette.categorical(i);
            colours[i] = new Color(c.getRed(), c.getGreen(), c.getBlue(), 190);
        }
        frame.drawFramed(g, () -> {
            for (int i : drawingOrder(x.length)) {
                double px = frame.px(x[i]);
                double py = frame.py(y[i]);
                if (Double.isNaN(px) || Double.isNaN(py)) continue;
                g.setColor(labels == null ? single : colours[Math.floorMod(labels[i], Palette.SIZE)]);
                g.fill(new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius));
            }
        });
        if (!legend.isEmpty()) PlotFrame.drawLegend(g, legend, frame.right + PlotFrame.PAD, frame.top);
    }

    /** 0..n-1 in a fixed pseudo-random order (Fisher-Yates with a fixed seed). */
    static int[] drawingOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random random = new Random(12345);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
