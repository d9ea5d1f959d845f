package aevb.experiments;

import aevb.experiments.Figure2.Curve;
import aevb.experiments.Figure2.Method;
import aevb.experiments.Figure2.Point;
import aevb.viz.LineChart;
import aevb.viz.Palette;
import aevb.viz.Panels;
import aevb.viz.Png;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of Figure 2 as the paper lays it out: a row of panels per data set (MNIST above,
 * Frey Face below), one panel per Nz, each with AEVB and wake-sleep, train solid and test
 * dashed, the lower bound per data point L against the number of training samples evaluated on
 * a log axis.
 *
 * <p>On MNIST and Frey Face the panels use the paper's own axes (10^5 to 10^8 training samples
 * evaluated; L from -150 to -95 on MNIST, 0 to 1600 on Frey Face) and carry the paper's curves as
 * grey dots ({@link PaperCurves}: dark AEVB, light wake-sleep, filled train, hollow test), so a
 * reader sees at a glance whether our curve is the paper's. Other data sets (the embedded sample)
 * have no paper curve: their panels frame the points from 1% of the budget on, so the first
 * steps, which start hundreds of nats lower, leave through the bottom edge instead of flattening
 * the curves.
 */
final class Figure2Plot {
    static final Color AEVB_COLOR = Palette.categorical(3);       // red
    static final Color WAKE_SLEEP_COLOR = Palette.categorical(0); // blue
    static final int PANEL_WIDTH = 380;
    static final int PANEL_HEIGHT = 300;
    static final Color PAPER_AEVB = new Color(80, 80, 80);
    static final Color PAPER_WAKE_SLEEP = new Color(165, 165, 165);
    /** The paper's x axis: 10^5 to 10^8 training samples evaluated. */
    static final double[] PAPER_X = {1e5, 1e8};

    private Figure2Plot() {}

    static void write(Path file, Figure2.Config cfg, List<Curve> curves) throws IOException {
        List<BufferedImage> rows = new ArrayList<>();
        for (Figure2.Row row : cfg.rows()) {
            List<LineChart> charts = new ArrayList<>();
            String dataset = row.setting().name();
            for (int nz : row.latents()) {
                LineChart chart = panel(nz, Figure2.find(curves, dataset, nz, Method.AEVB),
                        Figure2.find(curves, dataset, nz, Method.WAKE_SLEEP));
                double[] paperY = paperYRange(dataset);
                if (paperY != null) {
                    chart.xRange(PAPER_X[0], PAPER_X[1]).yRange(paperY[0], paperY[1]);
                    addPaperCurves(chart, PaperCurves.figure2(), dataset + ":" + nz);
                }
                charts.add(chart);
            }
            DataSetting s = row.setting();
            String paper = paperYRange(dataset) == null ? "" : "; grey: paper, hollow = test";
            rows.add(Panels.render(s.label() + ": AEVB vs wake-sleep (" + s.hidden() + " hidden, M = "
                    + cfg.batch() + ", Adagrad" + paper + ")", charts));
        }
        Png.write(file, Layout.stack(rows));
    }

    /** One panel: the four curves of one Nz. */
    static LineChart panel(int nz, Curve aevb, Curve wakeSleep) {
        LineChart chart = new LineChart().title("Nz = " + nz).size(PANEL_WIDTH, PANEL_HEIGHT).logX(true)
                .xLabel("# training samples evaluated").yLabel("L");
        List<Curve> both = new ArrayList<>();
        if (aevb != null) {
            both.add(aevb);
        }
        if (wakeSleep != null) {
            both.add(wakeSleep);
        }
        double[] range = yRange(both);
        if (range != null) {
            chart.yRange(range[0], range[1]);
        }
        for (Curve c : both) {
            Color color = c.method() == Method.AEVB ? AEVB_COLOR : WAKE_SLEEP_COLOR;
            double[] x = new double[c.points().size()], train = new double[x.length], test = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                Point p = c.points().get(i);
                x[i] = p.samples();
                train[i] = p.trainBound();
                test[i] = p.testBound();
            }
            String name = c.method().label + (c.diverged() ? " (diverged)" : "");
            chart.add(new LineChart.Series(name + " (train)", x, train, color, false));
            chart.add(new LineChart.Series(name + " (test)", x, test, color, true));
        }
        return chart;
    }

    /** The y range of the paper's panels for a data set it has, else null. */
    static double[] paperYRange(String dataset) {
        return switch (dataset) {
            case "mnist" -> new double[] {-150, -95};
            case "frey" -> new double[] {0, 1600};
            default -> null;
        };
    }

    /** The paper's four curves of one panel as grey dots; adds nothing when the paper has no such panel. */
    static void addPaperCurves(LineChart chart, List<PaperCurves> paper, String key) {
        for (Method m : Method.values()) {
            Color color = m == Method.AEVB ? PAPER_AEVB : PAPER_WAKE_SLEEP;
            for (boolean test : new boolean[] {false, true}) {
                List<PaperCurves> c = PaperCurves.curve(paper, key, m.id, test);
                if (c.isEmpty()) {
                    continue;
                }
                double[] x = new double[c.size()], y = new double[c.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = c.get(i).samples();
                    y[i] = c.get(i).value();
                }
                chart.add(new LineChart.Markers(test ? "" : "paper: " + m.label, x, y, color, test));
            }
        }
    }

    /** The finite bounds from 1% of the last sample count on, padded; null when there are none. */
    static double[] yRange(List<Curve> curves) {
        double last = 0;
        for (Curve c : curves) {
            for (Point p : c.points()) {
                last = Math.max(last, p.samples());
            }
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (Point p : c.points()) {
                if (p.finite() && p.samples() >= last / 100) {
                    lo = Math.min(lo, Math.min(p.trainBound(), p.testBound()));
                    hi = Math.max(hi, Math.max(p.trainBound(), p.testBound()));
                }
            }
        }
        if (!(lo < hi)) {
            return null;
        }
        return new double[] {lo - 0.08 * (hi - lo), hi + 0.05 * (hi - lo)};
    }
}
