/*
 * Step 9. How good is it: log p(x) by importance sampling against the bound; the gap is the KL to the true posterior (eq. 1)
 *
 * Training maximised the bound L(θ, φ; x). How far below log p_θ(x) is it? Eq. 1 of the paper:
 *
 *     log p_θ(x) = KL(q_φ(z|x) || p_θ(z|x)) + L(θ, φ; x),
 *
 * so the gap is exactly how far the encoder's Gaussian q is from the true posterior, which is
 * not Gaussian in general. To see the gap we need log p(x), the integral of step 4. The encoder
 * makes it affordable: sample z_k from q(z|x) instead of the prior, and weight each by
 * w_k = p(x, z_k) / q(z_k|x) (importance sampling, eval/ImportanceSampledLikelihood):
 *
 *     log p(x) ≈ log (1/K) Σ_k w_k.
 *
 * Its expectation is a lower bound too (Jensen's inequality), which rises with K towards
 * log p(x) (Burda et al. 2015); K = 1 is estimator A. The average of log w_k over the same samples
 * is the bound L, estimated with K samples. This step does it for held-out images with step 7's
 * model. Because that model has a two-dimensional z, step 4's brute force is affordable for a few
 * images: a fine grid around q's mean gives log p(x) itself, the posterior p(z|x) on the grid,
 * and with it KL(q || p(z|x)) directly, to set beside the gap log p(x) - L.
 *
 * Check: the estimate rises with K; with the largest K it agrees with the brute-force log p(x)
 * (within its standard error, which is small where q fits the posterior well and large where it
 * does not); and log p(x) - L, with L estimated from q's samples, equals the KL to the true
 * posterior computed on the grid, as eq. 1 says.
 */
import aevb.autodiff.Tape;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.prob.DiagonalGaussian;
import aevb.run.ModelCheckpoint;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;

static final double LOG_2PI = Math.log(2 * Math.PI);

/** Brute force for one image x (1, D): log p(x) and KL(q || p(z|x)) on a G x G grid around q's mean. */
static double[] bruteForce(Vae vae, Tensor x, int g) {
    Tape tape = new Tape();
    DiagonalGaussian q = vae.encoder.encode(tape.constant(x));
    double[] mu = {q.mu().data()[0], q.mu().data()[1]};
    double[] sd = {Math.exp(0.5 * q.logVar().data()[0]), Math.exp(0.5 * q.logVar().data()[1])};
    double halfWidth = 12;                                  // in units of q's sd: far into the tails
    double[] h = {2 * halfWidth * sd[0] / g, 2 * halfWidth * sd[1] / g};
    Tensor z = new Tensor(g * g, 2), xs = new Tensor(g * g, x.cols);
    for (int i = 0; i < g * g; i++) {
        z.set(i, 0, (float) (mu[0] + h[0] * (i % g + 0.5 - g / 2.0)));
        z.set(i, 1, (float) (mu[1] + h[1] * (i / g + 0.5 - g / 2.0)));
        System.arraycopy(x.data, 0, xs.data, i * x.cols, x.cols);
    }
    float[] logPxGivenZ = vae.decoder.logLikelihood(tape.constant(xs), tape.constant(z)).data();
    double[] logJoint = new double[g * g], logQ = new double[g * g];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < g * g; i++) {
        double z0 = z.get(i, 0), z1 = z.get(i, 1);
        double logPz = -0.5 * (z0 * z0 + z1 * z1) - LOG_2PI;                       // log N(z; 0, I)
        logJoint[i] = logPxGivenZ[i] + logPz;                                       // log p(x, z)
        double e0 = (z0 - mu[0]) / sd[0], e1 = (z1 - mu[1]) / sd[1];
        logQ[i] = -0.5 * (e0 * e0 + e1 * e1) - LOG_2PI - Math.log(sd[0] * sd[1]);  // log q(z|x)
        max = Math.max(max, logJoint[i]);
    }
    double sum = 0, qMass = 0, kl = 0;
    for (int i = 0; i < g * g; i++) {
        sum += Math.exp(logJoint[i] - max);
    }
    double logPx = max + Math.log(sum * h[0] * h[1]);      // log Σ p(x, z) Δ²
    for (int i = 0; i < g * g; i++) {                     // KL = ∫ q (log q - log p(z|x))
        double qArea = Math.exp(logQ[i]) * h[0] * h[1];
        qMass += qArea;
        kl += qArea * (logQ[i] - (logJoint[i] - logPx));   // log p(z|x) = log p(x, z) - log p(x)
    }
    return new double[] {logPx, kl / qMass};
}

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs"));
    DataSplits data = Datasets.load("sample", null, false, System.err);
    Vae vae = stepSevenModel(runs.resolve("tutorial-07"), data, quick);
    int images = quick ? 20 : 100;
    Tensor x = data.validation().slice("held-out", 0, images).asTensor();

    System.out.printf("%nlog p(x) by importance sampling, averaged over %d held-out images:%n", images);
    int[] ks = quick ? new int[] {1, 10, 100, 1000} : new int[] {1, 10, 100, 1000, 5000};
    ImportanceSampledLikelihood.Result best = null;
    double first = 0, last = 0;
    for (int k : ks) {
        best = new ImportanceSampledLikelihood(vae, k, 9).evaluate(x);
        last = best.summary().mean();
        first = k == 1 ? last : first;
        System.out.printf("  K = %4d   %9.3f nats%n", k, last);
    }
    double bound = best.elboSummary().mean();              // mean of log w_k: the bound, K samples
    System.out.printf("  the bound L (mean log w over the same %d samples) %9.3f nats: the gap log p(x) - L = %.3f%n%n",
            ks[ks.length - 1], bound, last - bound);

    int shown = quick ? 2 : 4, g = quick ? 80 : 120, kBig = quick ? 10_000 : 20_000;
    System.out.printf("brute force on a %d x %d grid around q's mean, the first %d images (importance sampling with K = %,d):%n",
            g, g, shown, kBig);
    best = new ImportanceSampledLikelihood(vae, kBig, 9).evaluate(x.rowSlice(0, shown));
    System.out.println("  image   log p(x): grid   importance sampling   bound L   log p(x) - L   KL(q || p(z|x)): grid");
    boolean within = true;
    double worstGap = 0;
    for (int i = 0; i < shown; i++) {
        double[] bf = bruteForce(vae, x.rowSlice(i, i + 1), g);
        double is = best.logPx()[i], se = best.standardError()[i], gap = bf[0] - best.elbo()[i];
        System.out.printf("  %5d   %14.3f   %10.3f ± %.3f   %8.3f   %12.3f   %12.3f%n", i, bf[0], is, se, best.elbo()[i],
                gap, bf[1]);
        within &= Math.abs(is - bf[0]) <= 4 * se + 0.01;
        worstGap = Math.max(worstGap, Math.abs(gap - bf[1]));
    }
    System.out.println("  (± is the standard error of the importance-sampled estimate: large where q fits the posterior badly)");
    System.out.println();

    check(last > first, String.format("the importance-sampled estimate rises with K: %.3f (K = 1) < %.3f (K = %d)",
            first, last, ks[ks.length - 1]));
    check(within, "importance sampling agrees with the grid's log p(x) within 4 standard errors on every image shown");
    check(worstGap < 0.1, String.format("log p(x) - L equals KL(q || p(z|x)) to %.3f nats (< 0.1), as eq. 1 says",
            worstGap));
}

/** Step 7's model from its checkpoint, or trained now as step 7 trains it (./aevb train's code). */
static Vae stepSevenModel(Path dir, DataSplits data, boolean quick) throws Exception {
    Path file = dir.resolve(TrainingRun.MODEL);
    if (!Files.exists(file)) {
        int steps = quick ? 200 : 2000;
        System.out.println("no " + file + " yet: training step 7's model first (" + steps + " steps; ./aevb tutorial 7 shows the loop)");
        RunConfig cfg = RunConfig.paper("sample").latent(2).optimizer("adam").learningRate(0.003).budget(steps * 100L);
        Files.deleteIfExists(dir.resolve(TrainingRun.CHECKPOINT));   // a run of ours cut short: start again
        TrainingRun.start(cfg, data, dir).run(new Progress(System.out, false, cfg.budget(), 5));
    }
    System.out.println("model: " + file);
    return ModelCheckpoint.model(ModelCheckpoint.load(file));
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
