package aevb.experiments;

import aevb.experiments.Figure2.Curve;
import aevb.experiments.Figure2.Method;
import aevb.experiments.Figure2.Point;
import java.util.List;
import java.util.Locale;

/**
 * The short markdown report of a Figure 2 run: its settings, and per data set and Nz the final
 * train and test bound of each method, their difference, and the training time of each; then
 * whether AEVB ends above wake-sleep at every Nz, which is the paper's claim; then ours against
 * the paper's curves at the decade marks and a verdict on each claim ({@link Figure2VsPaper}).
 */
final class Figure2Summary {
    private Figure2Summary() {}

    static String markdown(Figure2.Config cfg, List<Curve> curves, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Figure 2: AEVB against wake-sleep\n\n");
        sb.append(String.format(Locale.ROOT, "%,d training samples per curve (M = %d, %,d steps), seed %d. "
                + "Both methods: the same architecture, the same initial parameters, the same minibatches in the "
                + "same order, Adagrad, weight decay 1/N (the prior on θ).%n%n",
                cfg.steps() * cfg.batch(), cfg.batch(), cfg.steps(), cfg.seed()));
        for (Figure2.Row r : cfg.rows()) {
            DataSetting s = r.setting();
            int nTrain = s.data().train().size();
            int nTest = s.data().heldOut() != null ? s.data().heldOut().size() : nTrain;
            sb.append(String.format(Locale.ROOT, "- %s: %d hidden units, %s decoder, N = %,d training images; "
                    + "Adagrad step size %s (AEVB) and %s (wake-sleep); bounds measured on the first %,d training "
                    + "and %,d test images.%n", s.label(), s.hidden(), s.decoder(), nTrain, s.aevbLr(),
                    s.wakeSleepLr(), Math.min(cfg.evalPoints(), nTrain), Math.min(cfg.evalPoints(), nTest)));
        }
        sb.append(String.format(Locale.ROOT, "%nBounds: estimator B (eq. 10, L = 1) in nats per data point, the same "
                + "noise for every measurement, after the last step.%n%n"));
        sb.append("| data set | Nz | AEVB train | AEVB test | wake-sleep train | wake-sleep test "
                + "| AEVB − wake-sleep (test) | training s (AEVB / WS) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        int compared = 0, wins = 0;
        StringBuilder losses = new StringBuilder();
        for (Figure2.Row r : cfg.rows()) {
            for (int nz : r.latents()) {
                Curve a = Figure2.find(curves, r.setting().name(), nz, Method.AEVB);
                Curve w = Figure2.find(curves, r.setting().name(), nz, Method.WAKE_SLEEP);
                Point pa = a == null ? null : a.last(), pw = w == null ? null : w.last();
                String diff = "–";
                if (pa != null && pw != null && !a.diverged() && !w.diverged()) {
                    compared++;
                    double d = pa.testBound() - pw.testBound();
                    diff = String.format(Locale.ROOT, "%+.2f", d);
                    if (d > 0) {
                        wins++;
                    } else {
                        losses.append(losses.isEmpty() ? "" : ", ").append(r.setting().label()).append(" Nz = ").append(nz);
                    }
                } else if (a != null && !a.diverged() && w != null && w.diverged()) {
                    compared++;
                    wins++;
                    diff = "wake-sleep diverged";
                }
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s / %s |%n",
                        r.setting().label(), nz, bound(a, pa, true), bound(a, pa, false), bound(w, pw, true),
                        bound(w, pw, false), diff, secs(pa), secs(pw)));
            }
        }
        sb.append('\n');
        if (compared > 0) {
            sb.append(String.format(Locale.ROOT, "AEVB ends with the higher test bound at %d of %d latent sizes%s.%n",
                    wins, compared, wins == compared ? " (all of them, as the paper reports)"
                            : "; not at " + losses));
        }
        sb.append(Figure2VsPaper.markdown(cfg, curves));
        double training = 0;
        for (Curve c : curves) {
            Point p = c.points().isEmpty() ? null : c.points().getLast();
            training += p == null ? 0 : p.seconds();
        }
        sb.append(String.format(Locale.ROOT, "%nTraining time, all curves: %.0f s (the last column summed; measuring "
                + "the bounds not included). Wall time of this invocation: %.0f s (panels reused from an earlier run "
                + "cost nothing here).%n", training, seconds));
        return sb.toString();
    }

    private static String bound(Curve c, Point p, boolean train) {
        if (c == null) {
            return "–";
        }
        String v = p == null ? "–" : String.format(Locale.ROOT, "%.2f", train ? p.trainBound() : p.testBound());
        return c.diverged() ? v + " (diverged at " + String.format(Locale.ROOT, "%,d", c.points().getLast().samples())
                + ")" : v;
    }

    private static String secs(Point p) {
        return p == null ? "–" : String.format(Locale.ROOT, "%.0f", p.seconds());
    }
}
