package aevb.experiments;

import aevb.eval.ActiveUnits;
import aevb.eval.RateDistortion;
import aevb.infer.Codes;
import aevb.io.AtomicFiles;
import aevb.run.PaperSettings;
import aevb.run.RunConfig;
import aevb.sgvb.BetaEstimatorB;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * β-VAE's rate-distortion curve: one model per β, each trained to minimise D + βR (Higgins et
 * al. 2017, {@link BetaEstimatorB}), each measured on held-out images as Alemi et al. (2018,
 * "Fixing a broken ELBO") read the two terms of eq. (10):
 * <pre>  R = E_x D_KL(q_φ(z|x) || p(z))          the rate: nats the code carries about x
 *   D = -E_x E_q log p_θ(x|z)               the distortion: what the decoder fails to explain
 *   ELBO = -(D + R)                         best at β = 1, the only β that maximises it</pre>
 * A learner should see: as β grows, the rate falls, fewer latent units stay active
 * ({@link ActiveUnits}), and the reconstructions blur (D and their squared error rise); at β &lt;
 * 1 the code carries more than the bound pays for. {@link RateDistortionReport} draws the (R, D)
 * plane, the traversals at β = 1 and β = 4, the reconstructions per β, and checks each of those
 * claims in the summary.
 *
 * <p>Each model is an ordinary run folder ({@code beta-<β>/}, {@link TrainedModel}): 784-500-Nz
 * (the paper's MNIST model), estimator B with the KL weighted by β, M = 100, Adam with step size
 * 10⁻³ (Higgins et al. trained with Adam; the paper's Adagrad climbs too slowly for a sweep of
 * short runs, README "The paper's optimiser is slow at first"), weight decay 1/N, the same seed
 * for every β. A resumed sweep reuses the finished models and continues an unfinished one.
 */
public final class RateDistortionSweep {
    /** The grid of β. */
    public static final List<Double> DEFAULT_BETAS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
    public static final int DEFAULT_LATENT = 20;
    /** Training epochs per model when no budget is given. */
    public static final int DEFAULT_EPOCHS = 10;
    /** Samples of z per image for the distortion. */
    public static final int DISTORTION_SAMPLES = 10;
    public static final String CSV = "rate-distortion.csv";
    public static final String COLUMNS = "beta,rate,distortion,elbo,active_units,reconstruction_mse,training_seconds";

    private RateDistortionSweep() {}

    /**
     * @param betas       the β of each model, each > 0, no repeats
     * @param samples     training samples per model
     * @param evalPoints  the first held-out images R, D and the active units are measured on
     */
    public record Config(DataSetting setting, int latent, List<Double> betas, long samples, long seed, Path out,
                         boolean resume, int evalPoints) {
        public Config {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(out, "out");
            betas = List.copyOf(betas);
            if (betas.isEmpty() || betas.stream().anyMatch(b -> !(b > 0) || !Double.isFinite(b))
                    || betas.stream().distinct().count() != betas.size()) {
                throw new IllegalArgumentException("the sweep needs distinct, finite β > 0, got " + betas);
            }
            if (latent < 1 || samples < 1 || evalPoints < 2) {
                throw new IllegalArgumentException("the sweep needs Nz >= 1, samples >= 1 and >= 2 evaluation points");
            }
        }

        /** The sweep: β in {@link #DEFAULT_BETAS}, Nz = 20, 10 epochs, 1,000 held-out images. */
        public static Config of(DataSetting s, long seed, Path out) {
            return new Config(s, DEFAULT_LATENT, DEFAULT_BETAS, (long) DEFAULT_EPOCHS * s.data().train().size(), seed,
                    out, false, 1000);
        }

        public Config withBetas(List<Double> b) {
            return new Config(setting, latent, b, samples, seed, out, resume, evalPoints);
        }

        public Config withLatent(int nz) {
            return new Config(setting, nz, betas, samples, seed, out, resume, evalPoints);
        }

        public Config withSamples(long n) {
            return new Config(setting, latent, betas, n, seed, out, resume, evalPoints);
        }

        public Config withResume(boolean r) {
            return new Config(setting, latent, betas, samples, seed, out, r, evalPoints);
        }

        public Config withEvalPoints(int n) {
            return new Config(setting, latent, betas, samples, seed, out, resume, n);
        }

        /** The β in the order of the curve, smallest first. */
        List<Double> sorted() {
            return betas.stream().sorted().toList();
        }
    }

    /** One trained β: its held-out rate, distortion and ELBO, its active units and reconstruction error. */
    public record Point(double beta, RateDistortion heldOut, int activeUnits, double reconstructionMse,
                        double trainingSeconds, Path run) {}

    public record Result(List<Point> points, Path csv, Path png, Path traversals, Path reconstructions, Path summary) {}

    /** The training run of one β. */
    public static RunConfig config(Config c, double beta) {
        DataSetting s = c.setting();
        int n = s.data().train().size();
        return RunConfig.paper(s.name()).dataDir(s.dataDir()).model(s.model(c.latent()))
                .estimator(BetaEstimatorB.nameFor(beta)).optimizer("adam").learningRate(PaperSettings.ADAM_LR)
                .weightDecay(1.0 / n).budget(c.samples()).seed(c.seed())
                .logEvery((int) Math.max(1, n / Math.min(PaperSettings.BATCH, n))).evalPoints(Math.min(c.evalPoints(), 1000));
    }

    /** The run folder of one β under the sweep's folder: beta-0.25, beta-1, beta-8. */
    public static Path dir(Path out, double beta) {
        return out.resolve("beta-" + new BigDecimal(Double.toString(beta)).stripTrailingZeros().toPlainString());
    }

    /** Trains (or reuses) every β's model, measures it, and writes the CSV, the figures and the summary. */
    public static Result run(Config c, PrintStream log) throws IOException {
        Files.createDirectories(c.out());
        Tensor x = heldOut(c);
        List<Point> points = new ArrayList<>();
        List<Vae> models = new ArrayList<>();
        for (double beta : c.sorted()) {
            Path dir = dir(c.out(), beta);
            long t0 = System.nanoTime();
            Vae vae = TrainedModel.train(config(c, beta), c.setting(), dir, c.resume(), log);
            double seconds = (System.nanoTime() - t0) / 1e9;
            RateDistortion rd = RateDistortion.of(vae, x, DISTORTION_SAMPLES, c.seed());
            int active = ActiveUnits.of(vae, x).active();
            double mse = reconstructionMse(vae, x);
            points.add(new Point(beta, rd, active, mse, seconds, dir));
            models.add(vae);
            log.printf(Locale.ROOT, "β = %-5s R %7.2f  D %8.2f  ELBO %8.2f nats  %2d of %d units active  MSE %.4f%n",
                    label(beta), rd.rate(), rd.distortion(), rd.elbo(), active, c.latent(), mse);
        }
        Path csv = c.out().resolve(CSV);
        AtomicFiles.write(csv, w -> {
            w.write((COLUMNS + "\n").getBytes(StandardCharsets.UTF_8));
            for (Point p : points) {
                w.write(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%d,%.6f,%.1f%n", label(p.beta()), p.heldOut().rate(),
                        p.heldOut().distortion(), p.heldOut().elbo(), p.activeUnits(), p.reconstructionMse(),
                        p.trainingSeconds()).getBytes(StandardCharsets.UTF_8));
            }
        });
        RateDistortionReport report = new RateDistortionReport(c, points, models, x);
        return new Result(points, csv, report.writeChart(), report.writeTraversals(), report.writeReconstructions(),
                report.writeSummary());
    }

    /** The first evalPoints held-out images. */
    static Tensor heldOut(Config c) {
        Tensor all = c.setting().data().heldOut().asTensor();
        return all.rowSlice(0, Math.min(all.rows, c.evalPoints()));
    }

    /** Mean squared error per pixel of the decoder mean at z = mu(x) against x. */
    static double reconstructionMse(Vae vae, Tensor x) {
        Tensor r = Codes.reconstruction(vae, x);
        double sum = 0;
        for (int i = 0; i < x.data.length; i++) {
            double d = r.data[i] - x.data[i];
            sum += d * d;
        }
        return sum / x.data.length;
    }

    /** β as written in folders, tables and legends: 0.25, 1, 8. */
    static String label(double beta) {
        return new BigDecimal(Double.toString(beta)).stripTrailingZeros().toPlainString();
    }
}
