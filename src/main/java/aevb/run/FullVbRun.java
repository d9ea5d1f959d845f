package aevb.run;

import aevb.data.Binarization;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.eval.SplitBound;
import aevb.io.MetricsLog;
import aevb.nn.Optimizers;
import aevb.random.Randomness;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.FullVb;
import aevb.sgvb.NonFiniteException;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb train --full-vb}: Appendix F's full variational Bayes (Algorithm 2, {@link FullVb})
 * driven over epochs, a demonstration for small models. It writes {@code metrics.csv} (the bound
 * of eq. 32 per data point, the KL of q(θ) per data point, the rms of σ_θ, and the held-out bound
 * of the decoder at mu_θ) and the sample figure of the decoder at mu_θ; the loop is {@link TrainingLoop}. No checkpoints: the paper
 * reports no experiment, and this is meant to be watched, not resumed.
 */
public final class FullVbRun {
    /** Decoder sizes above this are refused: each weight gets a mean and a variance, and it is a demonstration. */
    public static final int MAX_DECODER_PARAMETERS = 1_000_000;
    public static final List<String> COLUMNS =
            List.of("step", "samples", "bound", "kl_theta_per_point", "rms_sigma_theta", "test_bound_at_mu_theta", "seconds");

    private FullVbRun() {}

    public static void run(RunConfig cfg, DataSplits data, Path dir, Progress progress) throws IOException {
        Dataset train = data.train();
        Vae vae = Vae.initialised(cfg.model(), cfg.seed());
        long decoderSize = vae.theta().stream().mapToLong(p -> p.size()).sum();
        if (decoderSize > MAX_DECODER_PARAMETERS) {
            throw new IllegalArgumentException("--full-vb is a demonstration for small models; this decoder has "
                    + decoderSize + " parameters (at most " + MAX_DECODER_PARAMETERS + "): lower --hidden or --latent");
        }
        if (train.size() < cfg.batch()) {
            throw new IllegalArgumentException("--batch " + cfg.batch() + " is larger than the training set");
        }
        Files.createDirectories(dir);
        FullVb vb = new FullVb(vae, train.size(), Optimizers.create(cfg.optimizer(), cfg.learningRate()),
                FullVb.DEFAULT_INITIAL_LOG_VAR_THETA, cfg.samples(), cfg.seed());
        Binarization bin = Binarization.parse(cfg.binarization());
        long binSeed = Randomness.key(cfg.seed(), Randomness.Stream.BINARIZE, 0);
        Dataset held = data.heldOut() != null ? data.heldOut() : train;
        Tensor test = bin.applyTo(held.slice(held.name(), 0, Math.min(cfg.evalPoints(), held.size())), binSeed, 0).asTensor();
        long total = TrainingLoop.steps(cfg.budget(), cfg.batch());
        TrainingLoop loop = new TrainingLoop(vb, new Minibatches(train, cfg.batch(), cfg.seed(), bin, binSeed), total);
        long t0 = System.nanoTime();
        try (MetricsLog metrics = MetricsLog.open(dir.resolve(TrainingRun.METRICS), COLUMNS)) {
            loop.run((s, bound) -> {
                if (s % cfg.logEvery() == 0 || s == total) {
                    progress.pause();   // measuring is not training: no part of the speed or the ETA
                    double testBound = atMeanTheta(vb, test, cfg.seed());
                    progress.resume();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    metrics.append(s, s * cfg.batch(), bound, vb.klTheta() / train.size(), vb.rmsSigmaTheta(), testBound, seconds);
                    progress.message(String.format(Locale.ROOT,
                            "step %,d  bound %.2f  KL(q(θ)||p(θ))/N %.2f  rms σ_θ %.4f  held-out bound at mu_θ %.2f",
                            s, bound, vb.klTheta() / train.size(), vb.rmsSigmaTheta(), testBound));
                }
                progress.update(s, s * cfg.batch(), bound, false);
                return false;
            });
        } catch (NonFiniteException e) {
            progress.finish();
            throw new TrainingFailedException("full VB stopped: " + e.getMessage(), e);
        }
        progress.finish();
        vb.useMeanTheta();
        Figures.samples(dir.resolve("figures").resolve("samples.png"), vae, held.height(), held.width(), 100,
                Randomness.key(cfg.seed(), Randomness.Stream.SAMPLE, 1),
                "Full VB: samples from the decoder at mu_θ (" + cfg.dataset() + ", Nz = " + cfg.model().latent() + ")");
    }

    /** The held-out bound (estimator B) of the decoder at θ = mu_θ; the next step draws θ again. */
    private static double atMeanTheta(FullVb vb, Tensor test, long seed) {
        vb.useMeanTheta();
        return new SplitBound(vb.vae(), new EstimatorB(), 1, seed).evaluate(test).summary().mean();
    }
}
