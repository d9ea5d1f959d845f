package aevb.experiments;

import aevb.eval.ActiveUnits;
import aevb.infer.Codes;
import aevb.infer.Traversal;
import aevb.io.AtomicFiles;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import aevb.viz.LineChart;
import aevb.viz.Palette;
import aevb.viz.Panels;
import aevb.viz.Png;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What a {@link RateDistortionSweep} shows: the (R, D) plane with one point per β and the line
 * D + R = -ELBO through the best bound (every point above it has a lower ELBO); the traversals of
 * one held-out image at β = 1 and β = 4 side by side (the pair; the smallest and the
 * largest β when either is missing); the reconstructions of ten held-out images per β; and a
 * summary that checks, from the numbers, each thing a learner is told to expect.
 */
final class RateDistortionReport {
    static final String PNG = "rate-distortion.png";
    static final String TRAVERSALS = "traversals.png";
    static final String RECONSTRUCTIONS = "reconstructions.png";
    static final String SUMMARY = "summary.md";
    /** Latent dimensions shown per traversal, most active first; steps from -3 to +3. */
    static final int TRAVERSAL_DIMS = 8, TRAVERSAL_STEPS = 9, RECONSTRUCTED = 10;

    private final RateDistortionSweep.Config cfg;
    private final List<RateDistortionSweep.Point> points; // β ascending
    private final List<Vae> models;
    private final Tensor x;                               // the held-out images, (N, D)

    RateDistortionReport(RateDistortionSweep.Config cfg, List<RateDistortionSweep.Point> points, List<Vae> models, Tensor x) {
        this.cfg = cfg;
        this.points = points;
        this.models = models;
        this.x = x;
    }

    Path writeChart() throws IOException {
        double[] r = points.stream().mapToDouble(p -> p.heldOut().rate()).toArray();
        double[] d = points.stream().mapToDouble(p -> p.heldOut().distortion()).toArray();
        RateDistortionSweep.Point best = best();
        double maxR = java.util.Arrays.stream(r).max().orElse(1) * 1.05;
        double negElbo = -best.heldOut().elbo();
        LineChart chart = new LineChart().size(560, 420)
                .title("β-VAE on " + cfg.setting().label() + ", Nz = " + cfg.latent() + ": held-out rate against distortion")
                .xLabel("rate R = KL(q(z|x) || p(z)), nats").yLabel("distortion D = -E_q log p(x|z), nats")
                .add(new LineChart.Series("β from " + RateDistortionSweep.label(points.getFirst().beta()) + " (right) to "
                        + RateDistortionSweep.label(points.getLast().beta()) + " (left)", r, d, new Color(150, 150, 150), false))
                .add(new LineChart.Series(String.format(Locale.ROOT, "D + R = %.1f, the best -ELBO (β = %s)", negElbo,
                        RateDistortionSweep.label(best.beta())), new double[] {0, Math.min(maxR, negElbo)},
                        new double[] {negElbo, negElbo - Math.min(maxR, negElbo)}, new Color(90, 90, 90), true));
        for (int i = 0; i < points.size(); i++) {
            RateDistortionSweep.Point p = points.get(i);
            chart.add(new LineChart.Markers(String.format(Locale.ROOT, "β = %s: %d active", RateDistortionSweep.label(p.beta()),
                    p.activeUnits()), new double[] {r[i]}, new double[] {d[i]}, Palette.categorical(i), false));
        }
        Path file = cfg.out().resolve(PNG);
        Panels.write(file, "rate-distortion (Alemi et al. 2018): each point a model trained on D + βR", List.of(chart));
        return file;
    }

    Path writeTraversals() throws IOException {
        int[] which = traversalPair();
        List<BufferedImage> panels = new ArrayList<>();
        for (int i : which) {
            Vae vae = models.get(i);
            ActiveUnits.Result a = ActiveUnits.of(vae, x);
            double[] v = a.variance();
            int[] dims = IntStream.range(0, v.length).boxed().sorted((p, q) -> Double.compare(v[q], v[p]))
                    .limit(TRAVERSAL_DIMS).mapToInt(Integer::intValue).toArray();
            Tensor pics = Traversal.of(vae, x.rowSlice(0, 1), dims, TRAVERSAL_STEPS);
            String[] labels = IntStream.of(dims).mapToObj(j -> String.format(Locale.ROOT, "z%d %s", j + 1,
                    a.isActive(j) ? String.format(Locale.ROOT, "(var %.2f)", v[j]) : "(inactive)")).toArray(String[]::new);
            panels.add(ImageGrid.of(cfg.setting().data().train().height(), cfg.setting().data().train().width())
                    .columns(TRAVERSAL_STEPS).scale(2).gap(1).rowLabels(labels)
                    .title(String.format(Locale.ROOT, "β = %s: %d of %d units active, z_j from -3 to +3",
                            RateDistortionSweep.label(points.get(i).beta()), a.active(), cfg.latent()))
                    .render(pics.data, dims.length * TRAVERSAL_STEPS));
        }
        Path file = cfg.out().resolve(TRAVERSALS);
        Png.write(file, Layout.grey(Layout.sideBySide(panels, 24)));
        return file;
    }

    Path writeReconstructions() throws IOException {
        int n = Math.min(RECONSTRUCTED, x.rows), dim = x.cols;
        float[] pixels = new float[(models.size() + 1) * n * dim];
        System.arraycopy(x.data, 0, pixels, 0, n * dim);
        String[] labels = new String[models.size() + 1];
        labels[0] = "data";
        for (int m = 0; m < models.size(); m++) {
            Tensor rec = Codes.reconstruction(models.get(m), x.rowSlice(0, n));
            System.arraycopy(rec.data, 0, pixels, (m + 1) * n * dim, n * dim);
            labels[m + 1] = "β = " + RateDistortionSweep.label(points.get(m).beta());
        }
        Path file = cfg.out().resolve(RECONSTRUCTIONS);
        Png.write(file, Layout.grey(ImageGrid.of(cfg.setting().data().train().height(), cfg.setting().data().train().width())
                .columns(n).scale(2).gap(1).rowLabels(labels).title("held-out images and their reconstructions E[x | z = mu(x)] per β")
                .render(pixels, (models.size() + 1) * n)));
        return file;
    }

    Path writeSummary() throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "# β-VAE rate-distortion: %s, %d-%d-%d, %,d training samples per β, seed %d%n%n",
                cfg.setting().label(), cfg.setting().data().train().dim(), cfg.setting().hidden(), cfg.latent(), cfg.samples(),
                cfg.seed()));
        s.append(String.format(Locale.ROOT, "Measured on the first %,d held-out images; D with %d samples of z per image.%n%n",
                x.rows, RateDistortionSweep.DISTORTION_SAMPLES));
        s.append("| β | rate R | distortion D | ELBO = -(D + R) | active units | reconstruction MSE | training s |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RateDistortionSweep.Point p : points) {
            s.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d of %d | %.4f | %.0f |%n",
                    RateDistortionSweep.label(p.beta()), p.heldOut().rate(), p.heldOut().distortion(), p.heldOut().elbo(),
                    p.activeUnits(), cfg.latent(), p.reconstructionMse(), p.trainingSeconds()));
        }
        s.append("\nWhat a learner should see, checked on these numbers:\n\n");
        for (String claim : claims()) {
            s.append("- ").append(claim).append('\n');
        }
        Path file = cfg.out().resolve(SUMMARY);
        AtomicFiles.write(file, w -> w.write(s.toString().getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    /** Each expectation with its verdict (yes / no) and the numbers it rests on. */
    List<String> claims() {
        List<String> out = new ArrayList<>();
        double[] r = points.stream().mapToDouble(p -> p.heldOut().rate()).toArray();
        double[] d = points.stream().mapToDouble(p -> p.heldOut().distortion()).toArray();
        double[] mse = points.stream().mapToDouble(RateDistortionSweep.Point::reconstructionMse).toArray();
        double[] active = points.stream().mapToDouble(RateDistortionSweep.Point::activeUnits).toArray();
        String range = "β " + RateDistortionSweep.label(points.getFirst().beta()) + " → "
                + RateDistortionSweep.label(points.getLast().beta());
        out.add(verdict(falls(r), "more β, less rate: R falls at every step of " + range, r, "%.1f"));
        out.add(verdict(falls(negate(d)), "more β, more distortion: D rises at every step", d, "%.1f"));
        out.add(verdict(falls(active), "more β, fewer active units (never more)", active, "%.0f"));
        out.add(verdict(falls(negate(mse)), "more β, blurrier reconstructions: their squared error rises at every step", mse, "%.4f"));
        RateDistortionSweep.Point best = best();
        boolean hasOne = points.stream().anyMatch(p -> p.beta() == 1.0);
        if (hasOne) {
            out.add(String.format(Locale.ROOT, "**%s**: the best held-out ELBO is at β = 1 (it is at β = %s, %.2f nats)",
                    best.beta() == 1.0 ? "yes" : "no", RateDistortionSweep.label(best.beta()), best.heldOut().elbo()));
        }
        return out;
    }

    /** The model with the highest held-out ELBO. */
    private RateDistortionSweep.Point best() {
        RateDistortionSweep.Point b = points.getFirst();
        for (RateDistortionSweep.Point p : points) {
            if (p.heldOut().elbo() > b.heldOut().elbo()) {
                b = p;
            }
        }
        return b;
    }

    /** The indices of β = 1 and β = 4, or of the smallest and the largest β. */
    private int[] traversalPair() {
        int one = -1, four = -1;
        for (int i = 0; i < points.size(); i++) {
            one = points.get(i).beta() == 1.0 ? i : one;
            four = points.get(i).beta() == 4.0 ? i : four;
        }
        if (one >= 0 && four >= 0) {
            return new int[] {one, four};
        }
        return points.size() == 1 ? new int[] {0} : new int[] {0, points.size() - 1};
    }

    /** True when v never rises from one entry to the next (ties allowed for counts). */
    static boolean falls(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static double[] negate(double[] v) {
        return java.util.Arrays.stream(v).map(a -> -a).toArray();
    }

    private static String verdict(boolean holds, String claim, double[] v, String fmt) {
        StringBuilder s = new StringBuilder("**").append(holds ? "yes" : "no").append("**: ").append(claim).append(" (");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, fmt, v[i]));
        }
        return s.append(")").toString();
    }
}
