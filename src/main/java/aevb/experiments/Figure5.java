package aevb.experiments;

import aevb.random.Randomness;
import aevb.run.RunConfig;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
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
 * Figure 5 of the paper: "Random samples from learned generative models of MNIST for different
 * dimensionalities of latent space." One AEVB model per Nz in {2, 5, 10, 20} with the paper's
 * settings ({@link TrainedModel}); for each, 100 draws z ~ p(z) = N(0, I) decoded to their means
 * E[x|z], a 10 x 10 grid per Nz, side by side in {@value #PNG}. The draws of z come from the
 * seed's SAMPLE stream, so the figure is the same for the same models.
 */
public final class Figure5 {
    public static final String PNG = "figure5.png";
    public static final List<Integer> LATENTS = List.of(2, 5, 10, 20);
    public static final long QUICK_SAMPLES = 1_000_000L;
    public static final long PAPER_SAMPLES = 100_000_000L;
    public static final int SAMPLES_PER_PANEL = 100;

    private Figure5() {}

    public record Config(DataSetting setting, List<Integer> latents, long samples, long seed, Path out,
                         boolean resume) {
        public Config {
            latents = List.copyOf(latents);
            Objects.requireNonNull(out, "out");
            if (latents.isEmpty() || samples < 1) {
                throw new IllegalArgumentException("figure 5 needs a latent size and samples >= 1");
            }
        }

        public static Config forBudget(Budget b, DataSetting setting, long seed, Path out) {
            return new Config(setting, LATENTS, b == Budget.PAPER ? PAPER_SAMPLES : QUICK_SAMPLES, seed, out, false);
        }

        public Config withLatents(List<Integer> l) {
            return new Config(setting, l, samples, seed, out, resume);
        }

        public Config withSamples(long n) {
            return new Config(setting, latents, n, seed, out, resume);
        }

        public Config withResume(boolean r) {
            return new Config(setting, latents, samples, seed, out, r);
        }
    }

    public record Result(Path png, List<Path> runs) {}

    public static Result run(Config cfg, PrintStream log) throws IOException {
        Files.createDirectories(cfg.out());
        DataSetting s = cfg.setting();
        List<BufferedImage> panels = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        for (int nz : cfg.latents()) {
            RunConfig rc = TrainedModel.config(s, nz, cfg.samples(), cfg.seed());
            Path dir = cfg.out().resolve(s.name() + "-z" + nz);
            Vae vae = TrainedModel.train(rc, s, dir, cfg.resume(), log);
            runs.add(dir);
            panels.add(samples(vae, s.data().train().height(), s.data().train().width(), SAMPLES_PER_PANEL,
                    cfg.seed(), "(" + (char) ('a' + panels.size()) + ") Nz = " + nz));
        }
        Path png = cfg.out().resolve(PNG);
        Png.write(png, Layout.grey(Layout.sideBySide(panels, 16)));
        return new Result(png, runs);
    }

    /** E[x|z] for n draws z ~ N(0, I), in a grid of 10 columns. */
    static BufferedImage samples(Vae vae, int h, int w, int n, long seed, String title) {
        Tensor z = new Tensor(n, vae.config.latent());                                    // (n, Nz)
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, vae.config.latent(), z.data, z.data.length);
        Tensor x = vae.decoder.mean(z);                                                   // (n, D)
        return ImageGrid.of(h, w).columns(10).scale(1).gap(1).title(title).render(x.data, n);
    }
}
