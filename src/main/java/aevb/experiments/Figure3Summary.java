package aevb.experiments;

import aevb.experiments.Figure3.Curve;
import aevb.experiments.Figure3.Method;
import aevb.experiments.Figure3.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary of a Figure 3 run: the settings, the final estimates and what they say about the paper's claim. */
final class Figure3Summary {
    private Figure3Summary() {}

    static String markdown(Figure3.Config cfg, List<Curve> curves, double seconds) {
        StringBuilder sb = new StringBuilder("# Figure 3: AEVB vs wake-sleep vs Monte Carlo EM (marginal likelihood)\n\n");
        DataSetting s = cfg.setting();
        var d = cfg.appendixD();
        sb.append(String.format(Locale.ROOT, "%s, %d hidden units, Nz = %d, %s decoder; %,d training samples per method "
                + "and N (M = %d, %,d steps), seed %d. All three start from the same decoder (AEVB and wake-sleep also "
                + "from the same encoder), see the same minibatches and use Adagrad (%s; step sizes: AEVB %s, wake-sleep %s, "
                + "MCEM %s) with weight decay 1/N. MCEM: Appendix E's %d leapfrog steps, 90%% target acceptance, "
                + "%d weight updates per E-step; %s.%n%n", s.label(), s.hidden(), Figure3.PAPER_LATENT, s.decoder(),
                cfg.steps() * cfg.batch(), cfg.batch(), cfg.steps(), cfg.seed(), cfg.schedule().id(), s.aevbLr(),
                s.wakeSleepLr(), cfg.mcemLr(), cfg.mcem().leapfrogSteps(), cfg.mcem().weightUpdates(),
                (cfg.mcem().eStep() == aevb.baselines.Mcem.EStep.ALL ? "the authors' batch E-step (every chain each iteration)"
                        : "the on-line E-step (the minibatch's chains)") + ", an iteration counting the points "
                        + cfg.counting().id() + (cfg.counting() == McemCounting.POINTS_SAMPLED ? " (M on-line, N batch)" : "")));
        sb.append(String.format(Locale.ROOT, "log p(x) in nats per data point on the first %,d training and the first %,d "
                + "test images, by the Appendix D estimator (HMC: warm-up %d, L = %d, %d leapfrog steps) and, for the "
                + "methods with an encoder, by importance sampling with the encoder (K = %,d); the same seed for every "
                + "measurement. Values after the last step.%n%n", cfg.evalPoints(), cfg.evalPoints(), d.warmUp(),
                d.samples(), d.leapfrogSteps(), cfg.isSamples()));
        sb.append("| N | method | train (App. D) | test (App. D) | train (IS) | test (IS) | training s |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|\n");
        List<Integer> sizes = new ArrayList<>();
        for (Curve c : curves) {
            if (!sizes.contains(c.n())) {
                sizes.add(c.n());
            }
            Point p = c.last();
            sb.append(String.format(Locale.ROOT, "| %,d | %s%s | %s | %s | %s | %s | %s |%n", c.n(), c.method().label,
                    c.diverged() ? " (diverged)" : "", f(p == null ? Double.NaN : p.trainD()),
                    f(p == null ? Double.NaN : p.testD()), f(p == null ? Double.NaN : p.trainIs()),
                    f(p == null ? Double.NaN : p.testIs()), p == null ? "–" : String.format(Locale.ROOT, "%.0f", p.seconds())));
        }
        sb.append("\nWhat this run shows (test set, Appendix D):\n\n");
        for (int n : sizes) {
            Method best = null;
            double bestV = Double.NEGATIVE_INFINITY;
            StringBuilder order = new StringBuilder();
            List<Curve> ranked = curves.stream().filter(c -> c.n() == n && c.last() != null && c.last().finite())
                    .sorted((a, b) -> Double.compare(b.last().testD(), a.last().testD())).toList();
            for (Curve c : ranked) {
                order.append(order.isEmpty() ? "" : " > ").append(c.method().label)
                        .append(String.format(Locale.ROOT, " (%.1f)", c.last().testD()));
                if (c.last().testD() > bestV) {
                    bestV = c.last().testD();
                    best = c.method();
                }
            }
            sb.append(String.format(Locale.ROOT, "- N = %,d: final ranking %s.", n, order));
            Curve a = Figure3.find(curves, n, Method.AEVB);
            if (a != null && best != null) {
                sb.append(best == Method.AEVB ? " AEVB ends highest." : " AEVB does not end highest here.");
                long first = firstAhead(curves, n);
                if (first > 0) {
                    sb.append(String.format(Locale.ROOT, " AEVB leads both others from %,d samples on.", first));
                }
            }
            Curve m = Figure3.find(curves, n, Method.MCEM);
            if (a != null && m != null && a.last() != null && m.last() != null && a.last().seconds() > 0) {
                sb.append(String.format(Locale.ROOT, " MCEM's training took %.1f× AEVB's time.",
                        m.last().seconds() / a.last().seconds()));
            }
            Curve tr = Figure3.find(curves, n, Method.AEVB);
            if (tr != null && tr.last() != null) {
                sb.append(String.format(Locale.ROOT, " AEVB train − test gap: %.1f nats.", tr.last().trainD() - tr.last().testD()));
            }
            sb.append('\n');
        }
        if (cfg.setting().name().equals("mnist")) {
            sb.append(Figure3VsPaper.markdown(curves));
        }
        sb.append(String.format(Locale.ROOT, "%nSettings that decide the ordering (see docs/figures/README.md, \"Figure 3\"): MCEM's "
                + "E-step %s, %d θ-updates per E-step, x axis counts the points %s; Adagrad %s%s. The paper's x axis counts training "
                + "samples; per sample MCEM costs 11 gradient evaluations of its E-step (the last column gives the seconds).%n",
                cfg.mcem().eStep() == aevb.baselines.Mcem.EStep.ALL ? "over all N points (the authors' batch MCEM)"
                        : "over the minibatch (on-line)", cfg.mcem().weightUpdates(), cfg.counting().id(),
                cfg.schedule().annealed() ? "annealed (sqrt of the sum of squares)" : "not annealed (sqrt of the mean of squares)",
                cfg.schedule().warmUp() > 0 ? ", warm-up " + cfg.schedule().warmUp() + " steps" : ""));
        double training = 0;
        for (Curve c : curves) {
            training += c.last() == null ? 0 : c.last().seconds();
        }
        sb.append(String.format(Locale.ROOT, "%nTraining time, all curves: %.0f s (measuring not included). Wall time of "
                + "this invocation: %.0f s.%n", training, seconds));
        return sb.toString();
    }

    /** The first measured sample count from which AEVB's test estimate stays above the other methods', or -1. */
    static long firstAhead(List<Curve> curves, int n) {
        Curve a = Figure3.find(curves, n, Method.AEVB);
        long from = -1;
        for (Point p : a.points()) {
            boolean ahead = p.finite();
            for (Method m : new Method[] {Method.WAKE_SLEEP, Method.MCEM}) {
                Curve o = Figure3.find(curves, n, m);
                if (o == null) {
                    continue;
                }
                for (Point q : o.points()) {
                    if (q.samples() == p.samples() && q.finite() && q.testD() >= p.testD()) {
                        ahead = false;
                    }
                }
            }
            if (ahead && from < 0) {
                from = p.samples();
            } else if (!ahead) {
                from = -1;
            }
        }
        return from;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
