package aevb.run;

import aevb.autodiff.Tape;
import aevb.prob.DiagonalGaussian;
import aevb.random.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.Caption;
import aevb.viz.ImageGrid;
import aevb.viz.LineChart;
import aevb.viz.Manifold;
import aevb.viz.ManifoldFigure;
import aevb.viz.Palette;
import aevb.viz.Scatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of a trained model, as the paper draws them: samples from the prior (Figure 5),
 * the learned manifold (Figure 4), reconstructions, the latent means of held-out images, and the
 * bound against training samples seen on a log axis (Figure 2).
 */
public final class Figures {
    private Figures() {}

    /** Figure 5: decoder means E[x|z] for n draws z ~ p(z). */
    public static void samples(Path file, Vae vae, int height, int width, int n, long seed, String title) throws IOException {
        Tensor z = new Tensor(n, vae.config.latent());
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 0, z.data, z.data.length);
        Tensor x = vae.decoder.mean(z);
        grid(height, width, columns(n, height, width)).title(title).write(file, x.data, n);
    }

    /**
     * Figure 4: decoder means over a K x K grid of z through the inverse Gaussian CDF. For Nz > 2 the
     * grid spans the two latent dimensions given, the others held at 0 (the prior mean). The axes
     * name both dimensions and give the z of every column (dimX, across) and row (dimY, up).
     */
    public static void manifold(Path file, Vae vae, int height, int width, int k, int dimX, int dimY, String title)
            throws IOException {
        double pMin = 0.05, pMax = 0.95;
        double[][][] zGrid = Manifold.grid(Manifold.linspace(pMin, pMax, k));
        float[] grid2 = Manifold.asMatrix(zGrid);
        int nz = vae.config.latent();
        Tensor z = new Tensor(k * k, nz);
        for (int i = 0; i < k * k; i++) {
            z.set(i, dimX, grid2[2 * i]);
            z.set(i, dimY, grid2[2 * i + 1]);
        }
        Tensor x = vae.decoder.mean(z);
        double[] across = new double[k], up = new double[k];
        for (int i = 0; i < k; i++) {
            across[i] = zGrid[0][i][0];     // the top row's z1, column by column
            up[i] = zGrid[k - 1 - i][0][1]; // the first column's z2, from the bottom row up
        }
        String of = nz > 2 ? " of " + nz : "";
        String note = "z = inverse normal CDF of p, p evenly from " + pMin + " to " + pMax
                + (nz > 2 ? "; the other " + (nz - 2) + " dimensions at 0" : "");
        new ManifoldFigure(height, width, height * k > 600 ? 1 : 2, 1).write(file, x.data, across, up,
                "z" + (dimX + 1) + " (latent dimension " + (dimX + 1) + of + "), runs across",
                "z" + (dimY + 1) + " (latent dimension " + (dimY + 1) + of + "), runs up", title, note);
    }

    /** Originals (odd rows) above their reconstructions E[x | z = mu(x)] (even rows). */
    public static void reconstructions(Path file, Vae vae, Tensor originals, int height, int width, String title)
            throws IOException {
        int n = originals.rows, cols = Math.min(n, 10), pairs = (n + cols - 1) / cols;
        Tensor recon = vae.decoder.mean(posterior(vae, originals)[0]);
        int d = originals.cols;
        float[] both = new float[2 * pairs * cols * d];
        String[] labels = new String[2 * pairs];
        for (int p = 0; p < pairs; p++) {
            for (int c = 0; c < cols; c++) {
                int i = p * cols + c;
                if (i < n) {
                    System.arraycopy(originals.data, i * d, both, (2 * p * cols + c) * d, d);
                    System.arraycopy(recon.data, i * d, both, ((2 * p + 1) * cols + c) * d, d);
                }
            }
            labels[2 * p] = "data";
            labels[2 * p + 1] = "recon.";
        }
        grid(height, width, cols).title(title).rowLabels(labels).write(file, both, 2 * pairs * cols);
    }

    /** Latent means of held-out images on two latent dimensions, coloured by label. */
    public static void latentScatter(Path file, Vae vae, Tensor x, int[] labels, int dimX, int dimY, String title)
            throws IOException {
        Tensor mu = posterior(vae, x)[0];
        double[] px = new double[x.rows], py = new double[x.rows];
        for (int i = 0; i < x.rows; i++) {
            px[i] = mu.get(i, dimX);
            py[i] = mu.get(i, dimY);
        }
        Scatter.write(file, px, py, labels, title, "mu_" + (dimX + 1), "mu_" + (dimY + 1));
    }

    /** Figure 2 for one run: train and test bound per data point against training samples, log x. */
    public static void boundCurve(Path file, Path metricsCsv, String title) throws IOException {
        boundCurve(file, metricsCsv, title, "held-out");
    }

    /** As above, the held-out curve named by its split ("validation", "test"), as the console names it. */
    public static void boundCurve(Path file, Path metricsCsv, String title, String heldOutName) throws IOException {
        // Latin-1 reads any bytes; a damaged row (not UTF-8, not numbers) is skipped, not an error
        List<String> lines = Files.readAllLines(metricsCsv, StandardCharsets.ISO_8859_1);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",");
            if (f.length >= 5) {
                try {
                    rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[3]), Double.parseDouble(f[4])});
                } catch (NumberFormatException e) {
                    // skip it
                }
            }
        }
        double[] samples = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] trainB = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] testB = rows.stream().mapToDouble(r -> r[2]).toArray();
        // Adagrad's first step moves every weight by the full step size (its accumulator holds
        // only that step's g², so the update is lr·g/|g|), 2x the initial standard deviation of
        // 0.01: at step 2 the bound dips to about -7,500 nats before it recovers. Frame the curve
        // on the points from the 20th step on; when earlier points fall below that frame, leave
        // them out, start the x axis at the first point shown, and say so under the chart.
        double from = samples.length == 0 ? 0 : 20 * samples[0];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < samples.length; i++) {
            for (double v : new double[] {trainB[i], testB[i]}) {
                if (Double.isFinite(v) && samples[i] >= from) {
                    hi = Math.max(hi, v);
                    lo = Math.min(lo, v);
                }
            }
        }
        double yMin = lo - 0.1 * (hi - lo), yMax = hi + 0.05 * (hi - lo);
        int first = 0; // the first point shown: after the last early point outside the frame
        double dip = Double.POSITIVE_INFINITY, dipAt = 0;
        for (int i = 0; i < samples.length && samples[i] < from; i++) {
            for (double v : new double[] {trainB[i], testB[i]}) {
                if (!(v >= yMin && v <= yMax)) {
                    first = i + 1;
                }
                if (v < dip) {
                    dip = v;
                    dipAt = samples[i];
                }
            }
        }
        if (first >= samples.length) {
            first = 0; // nothing after the cut: show everything
        }
        LineChart chart = new LineChart();
        if (lo < hi) {
            chart.yRange(first > 0 ? yMin : Math.min(yMin, dip), yMax);
        }
        double[] x = java.util.Arrays.copyOfRange(samples, first, samples.length);
        chart.title(title).xLabel("# training samples evaluated").yLabel("lower bound per data point (nats)")
                .logX(true)
                .add(new LineChart.Series("AEVB (train)", x, java.util.Arrays.copyOfRange(trainB, first, samples.length),
                        Palette.categorical(3), false))
                .add(new LineChart.Series("AEVB (" + heldOutName + ")", x, java.util.Arrays.copyOfRange(testB, first, samples.length),
                        Palette.categorical(3), true));
        if (first == 0) {
            chart.write(file);
            return;
        }
        String cut = String.format(java.util.Locale.ROOT, "The x axis starts at the first point shown (%,.0f samples): "
                + "the %d earlier %s below the frame, down to %,.0f nats at %,.0f samples.",
                x[0], first, first == 1 ? "point lies" : "points lie", dip, dipAt);
        boolean fell = dip < Math.min(trainB[0], testB[0]) - 100; // the bound got much worse after the first point
        if (fell) {
            Caption.write(file, chart, cut, "That dip is the optimiser's first step: Adagrad (as Adam) moves every "
                    + "weight by the full step size (lr * g / |g|), with the paper's 0.02 twice the initial spread of "
                    + "the weights; the bound recovers within about ten steps.");
        } else {
            Caption.write(file, chart, cut);
        }
    }

    /** The two latent dimensions with the largest average KL from the prior: where the model put its information. */
    public static int[] mostActiveDims(Vae vae, Tensor x) {
        Tensor[] q = posterior(vae, x);
        int nz = vae.config.latent();
        if (nz < 2) {
            return new int[] {0, 0};
        }
        double[] kl = new double[nz];
        for (int i = 0; i < x.rows; i++) {
            for (int j = 0; j < nz; j++) {
                double mu = q[0].get(i, j), lv = q[1].get(i, j);
                kl[j] += -0.5 * (1 + lv - mu * mu - Math.exp(lv));
            }
        }
        int a = 0;
        for (int j = 1; j < nz; j++) {
            if (kl[j] > kl[a]) a = j;
        }
        int b = a == 0 ? 1 : 0;
        for (int j = 0; j < nz; j++) {
            if (j != a && kl[j] > kl[b]) b = j;
        }
        return new int[] {Math.min(a, b), Math.max(a, b)};
    }

    /** mu and log σ² of q(z|x) for each row of x, no gradients. */
    static Tensor[] posterior(Vae vae, Tensor x) {
        Tape tape = new Tape();
        DiagonalGaussian q = vae.encoder.encode(tape.constant(x));
        return new Tensor[] {q.mu().value.copy(), q.logVar().value.copy()};
    }

    private static ImageGrid grid(int height, int width, int columns) {
        return ImageGrid.of(height, width).columns(columns).scale(2).gap(1);
    }

    /** Columns for n tiles so the grid is roughly square on screen. */
    private static int columns(int n, int height, int width) {
        return Math.max(1, (int) Math.round(Math.sqrt(n * (double) height / width)));
    }
}
