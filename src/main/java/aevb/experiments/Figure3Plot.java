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
 */
final class Figure3Plot {
    static final int PANEL_WIDTH = 420;
    static final int PANEL_HEIGHT = 320;

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
        for (int n : sizes) {
            charts.add(panel(n, curves.stream().filter(c -> c.n() == n).toList()));
        }
        DataSetting s = cfg.setting();
        Png.write(file, Panels.render(s.label() + ": AEVB vs wake-sleep vs MCEM (" + s.hidden() + " hidden units, Nz = "
                + Figure3.PAPER_LATENT + ", M = " + cfg.batch() + "; log p(x) by Appendix D)", charts));
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
