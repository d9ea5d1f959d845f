package aevb.experiments;

import aevb.run.RunConfig;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import aevb.viz.Manifold;
import aevb.viz.Png;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Figure 4 of the paper: "Visualisations of learned data manifold for generative models with
 * two-dimensional latent space, learned with AEVB. Since the prior of the latent space is
 * Gaussian, linearly spaced coordinates on the unit square were transformed through the inverse
 * CDF of the Gaussian to produce values of the latent variables z. For each of these values z,
 * we plotted the corresponding generative p_θ(x|z) with the learned parameters θ."
 *
 * <p>For each data set (the paper: (a) Frey Face, (b) MNIST) an AEVB model with Nz = 2 is
 * trained with the paper's settings ({@link TrainedModel}); its decoder means E[x|z] over a
 * K x K grid of z = Φ⁻¹(p), p from 0.05 to 0.95 ({@link Manifold}), are drawn side by side in
 * {@value #PNG}. The run folders {@code <name>-z2/} hold the models.
 */
public final class Figure4 {
    public static final String PNG = "figure4.png";
    /** Training samples per model: quick and paper budgets. */
    public static final long QUICK_SAMPLES = 1_000_000L;
    public static final long PAPER_SAMPLES = 100_000_000L;
    public static final int DEFAULT_GRID = 15;

    private Figure4() {}

    /**
     * @param settings  the data sets, in the order drawn (the paper: Frey Face, then MNIST)
     * @param samples   training samples per model
     * @param grid      K, tiles per side of the manifold
     */
    public record Config(List<DataSetting> settings, long samples, long seed, Path out, boolean resume, int grid) {
        public Config {
            settings = List.copyOf(settings);
            Objects.requireNonNull(out, "out");
            if (settings.isEmpty() || samples < 1 || grid < 1) {
                throw new IllegalArgumentException("figure 4 needs a data set, samples >= 1 and grid >= 1");
            }
        }

        public static Config forBudget(Budget b, List<DataSetting> settings, long seed, Path out) {
            return new Config(settings, b == Budget.PAPER ? PAPER_SAMPLES : QUICK_SAMPLES, seed, out, false,
                    DEFAULT_GRID);
        }

        public Config withSamples(long n) {
            return new Config(settings, n, seed, out, resume, grid);
        }

        public Config withResume(boolean r) {
            return new Config(settings, samples, seed, out, r, grid);
        }
    }

    /** The figure and the run folder of each model. */
    public record Result(Path png, List<Path> runs) {}

    public static Result run(Config cfg, PrintStream log) throws IOException {
        Files.createDirectories(cfg.out());
        List<BufferedImage> panels = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        for (DataSetting s : cfg.settings()) {
            RunConfig rc = TrainedModel.config(s, 2, cfg.samples(), cfg.seed());
            Path dir = cfg.out().resolve(s.name() + "-z2");
            Vae vae = TrainedModel.train(rc, s, dir, cfg.resume(), log);
            runs.add(dir);
            panels.add(manifold(vae, s.data().train().height(), s.data().train().width(), cfg.grid(),
                    "(" + (char) ('a' + panels.size()) + ") " + s.label() + ", Nz = 2"));
        }
        Path png = cfg.out().resolve(PNG);
        Png.write(png, Layout.grey(Layout.sideBySide(panels, 16)));
        return new Result(png, runs);
    }

    /** E[x|z] over the K x K grid z = (Φ⁻¹(p_c), Φ⁻¹(p_{K-1-r})), tiles h x w. */
    static BufferedImage manifold(Vae vae, int h, int w, int k, String title) {
        float[] z2 = Manifold.asMatrix(Manifold.grid(Manifold.linspace(0.05, 0.95, k))); // (K², 2)
        Tensor z = new Tensor(k * k, 2, z2);
        Tensor x = vae.decoder.mean(z);                                                   // (K², D)
        return ImageGrid.of(h, w).columns(k).scale(1).gap(1).title(title).render(x.data, k * k);
    }
}
