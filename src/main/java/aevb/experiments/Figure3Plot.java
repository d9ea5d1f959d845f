package aevb.experiments;

import aevb.experiments.Figure3.Curve;
import aevb.experiments.Figure3.Method;
import aevb.experiments.Figure3.Point;
import aevb.viz.LineChart;
import aevb.viz.Palette;
import aevb.viz.Panels;
import aevb.viz.Png;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of Figure 3 as the paper lays it out: a panel per training-set size N, each with
 * AEVB, wake-sleep and MCEM, train solid and test dashed, the Appendix D estimate of the marginal
 * log-likelihood per data point against the number of training samples evaluated (log axis).
 * The y range frames the points from 2% of the budget on, so the first measurements (hundreds of
 * nats lower) leave through the bottom edge instead of flattening the curves.
 *
 * <p>On MNIST the panels also carry the paper's own curves as grey dots ({@link PaperCurves}:
 * dark AEVB, mid-grey wake-sleep, light MCEM; filled train, hollow test), and their axes take in
 * the paper's whole range: x to the end of the paper's axis (60 million samples at N = 1,000,
 * 68 million at N = 50,000; the paper's axis is linear, ours stays logarithmic so that a short run
 * is visible at all), y up to the top of the paper's panel (-100 and -125) and down to -160 or
 * our lowest point.
 */
final class Figure3Plot {
    static final int PANEL_WIDTH = 420;
    static final int PANEL_HEIGHT = 320;
    static final Color PAPER_AEVB = new Color(70, 70, 70);
    static final Color PAPER_WAKE_SLEEP = new Color(135, 135, 135);
    static final Color PAPER_MCEM = new Color(190, 190, 190);
    /** The paper's panels: the end of the x axis (samples) and the y range (nats), per N. */
    static final double PAPER_BOTTOM = -160;

    private Figure3Plot() {}

    static Color color(Method m) {
        return switch (m) {
            case AEVB -> Palette.categorical(3);       // red, as in Figure 2
            case WAKE_SLEEP -> Palette.categorical(0); // blue
            case MCEM -> Palette.categorical(2);       // green
        };
    }

    static void write(Path file, Figure3.Config cfg, List<Curve> curves) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (Curve c : curves) {
            if (!sizes.contains(c.n())) {
                sizes.add(c.n());
            }
        }
        List<LineChart> charts = new ArrayList<>();
        DataSetting s = cfg.setting();
        boolean paper = s.name().equals("mnist");
        for (int n : sizes) {
            LineChart chart = panel(n, curves.stream().filter(c -> c.n() == n).toList());
            if (paper) {
                onPaperAxes(chart, n, PaperCurves.figure3());
            }
            charts.add(chart);
        }
        Png.write(file, Panels.render(s.label() + ": AEVB vs wake-sleep vs MCEM (" + s.hidden() + " hidden units, Nz = "
                + Figure3.PAPER_LATENT + ", M = " + cfg.batch() + "; log p(x) by Appendix D)", charts));
    }

    /** The end of the paper's x axis and the top of its y axis for N, or null for an N the paper has no panel for. */
    static double[] paperAxes(int n) {
        return switch (n) {
            case 1000 -> new double[] {60e6, -100};
            case 50000 -> new double[] {68e6, -125};
            default -> null;
        };
    }

    /**
     * Widens the panel of N to the paper's range (keeping ours inside) and adds the paper's six
     * curves as grey dots; leaves a panel for an N the paper has not drawn alone.
     */
    static void onPaperAxes(LineChart chart, int n, List<PaperCurves> paper) {
        double[] axes = paperAxes(n);
        if (axes == null) {
            return;
        }
        aevb.viz.Axis x = chart.xAxis(), y = chart.yAxis();
        chart.xRange(Math.min(x.min, 1e4), Math.max(x.max, axes[0]));
        chart.yRange(Math.min(y.min, PAPER_BOTTOM), Math.max(y.max, axes[1]));
        for (Method m : Method.values()) {
            Color color = switch (m) {
                case AEVB -> PAPER_AEVB;
                case WAKE_SLEEP -> PAPER_WAKE_SLEEP;
                case MCEM -> PAPER_MCEM;
            };
            for (boolean test : new boolean[] {false, true}) {
                List<PaperCurves> c = PaperCurves.curve(paper, Integer.toString(n), m.id, test);
                double[] px = new double[c.size()], py = new double[c.size()];
                for (int i = 0; i < px.length; i++) {
                    px[i] = c.get(i).samples();
                    py[i] = c.get(i).value();
                }
                if (px.length > 0) {
                    chart.add(new LineChart.Markers(test ? "" : "paper: " + m.label, px, py, color, test));
                }
            }
        }
    }

    /** One panel: the six curves of one N. */
    static LineChart panel(int n, List<Curve> curves) {
        LineChart chart = new LineChart().title(String.format(java.util.Locale.ROOT, "N_train = %,d", n))
                .size(PANEL_WIDTH, PANEL_HEIGHT).logX(true).xLabel("# training samples evaluated")
                .yLabel("marginal log-likelihood");
        double last = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (Point p : c.points()) {
                last = Math.max(last, p.samples());
            }
        }
        for (Curve c : curves) {
            for (Point p : c.points()) {
                if (p.finite() && p.samples() >= last / 50) {
                    lo = Math.min(lo, Math.min(p.trainD(), p.testD()));
                    hi = Math.max(hi, Math.max(p.trainD(), p.testD()));
                }
            }
        }
        if (lo < hi) {
            chart.yRange(lo - 0.08 * (hi - lo), hi + 0.05 * (hi - lo));
        }
        for (Curve c : curves) {
            List<Point> ps = c.points().stream().filter(Point::finite).toList();
            if (ps.isEmpty()) {
                continue;
            }
            double[] x = new double[ps.size()], train = new double[x.length], test = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = ps.get(i).samples();
                train[i] = ps.get(i).trainD();
                test[i] = ps.get(i).testD();
            }
            String name = c.method().label + (c.diverged() ? " (diverged)" : "");
            chart.add(new LineChart.Series(name + " (train)", x, train, color(c.method()), false));
            chart.add(new LineChart.Series(name + " (test)", x, test, color(c.method()), true));
        }
        return chart;
    }
}
