package aevb.run;

import aevb.autodiff.Tape;
import aevb.prob.DiagonalGaussian;
import aevb.prob.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import aevb.viz.LineChart;
import aevb.viz.Manifold;
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
     * grid spans the two latent dimensions given, the others held at 0 (the prior mean).
     */
    public static void manifold(Path file, Vae vae, int height, int width, int k, int dimX, int dimY, String title)
            throws IOException {
        float[] grid2 = Manifold.asMatrix(Manifold.grid(Manifold.linspace(0.05, 0.95, k)));
        Tensor z = new Tensor(k * k, vae.config.latent());
        for (int i = 0; i < k * k; i++) {
            z.set(i, dimX, grid2[2 * i]);
            z.set(i, dimY, grid2[2 * i + 1]);
        }
        Tensor x = vae.decoder.mean(z);
        grid(height, width, k).scale(height * k > 600 ? 1 : 2).title(title).write(file, x.data, k * k);
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
        // Adagrad's first steps (each weight moves by about the step size) can dip hundreds of
        // nats below the rest of the curve; frame the curve from the 20th step on, as the paper's
        // plots do, so that the learning is readable.
        double from = samples.length == 0 ? 0 : 20 * samples[0];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < samples.length; i++) {
            for (double v : new double[] {trainB[i], testB[i]}) {
                if (Double.isFinite(v)) {
                    hi = Math.max(hi, v);
                    lo = samples[i] >= from ? Math.min(lo, v) : lo;
                }
            }
        }
        LineChart chart = new LineChart();
        if (lo < hi) {
            chart.yRange(lo - 0.1 * (hi - lo), hi + 0.05 * (hi - lo));
        }
        chart.title(title).xLabel("# training samples evaluated").yLabel("lower bound per data point (nats)")
                .logX(true)
                .add(new LineChart.Series("AEVB (train)", samples, trainB, Palette.categorical(3), false))
                .add(new LineChart.Series("AEVB (test)", samples, testB, Palette.categorical(3), true))
                .write(file);
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
