/*
 * Step 18. The conditional VAE: samples of a chosen digit, and a digit completed from one quadrant (Sohn, Lee & Yan 2015)
 *
 * Kingma & Welling's model draws digits, but not the digit you ask for, and it knows nothing of
 * a part of an image you already have. Sohn, Lee & Yan ("Learning Structured Output
 * Representation using Deep Conditional Generative Models", 2015) give both sides of the VAE a
 * context c,
 *
 *     q_φ(z | x, c): the Gaussian MLP on [x | c],     p_θ(x | z, c): the Bernoulli MLP on [z | c],
 *
 * and train the conditional bound (their eq. 4-5; here with the prior N(0, I), the simple variant
 * the Pyro CVAE tutorial also draws from; `./aevb train --model cvae --prior learned` trains their
 * prior network p(z | c) instead, see docs/after-the-paper/cvae.md):
 *
 *     log p(x | c) >= -KL(q_φ(z | x, c) || N(0, I)) + E_q[log p_θ(x | z, c)]
 *
 * estimator B of eq. (10) with c beside x and z (sgvb/Cvae, sgvb/CvaeBound, sgvb/CvaeLearner;
 * trained by the one run/TrainingLoop, as `./aevb train --model cvae` does). One class, two
 * contexts (sgvb/Condition):
 *   label:    c = the one-hot digit, x = the image. Decode z ~ N(0, I) with c = one-hot(7): sevens.
 *   quadrant: c = the lower-left quadrant's 196 pixels, x = the other 588. The model is trained on
 *             exactly the task: predict three quadrants from one. Its prediction is the decoder
 *             mean averaged over z ~ N(0, I) (infer/QuadrantCompletion).
 * The plain VAE can do the second task too, by inference: the posterior over z given the observed
 * quadrant only (step 13's inpainting, with the mask infer/Corruptions.quadrantObserved), by HMC
 * or MAP. Same images, same pixels scored, same mean-fill baseline.
 *
 * Check: samples drawn for digit d are classified as d by the nearest class mean of the training
 * images far more often than chance; the quadrant CVAE fills the missing quadrants better than the
 * mean fill (MSE per missing pixel and the log-likelihood of the true pixels), and the numbers
 * say how it does against the VAE's HMC and MAP.
 */
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.infer.*;
import aevb.run.*;
import aevb.sgvb.*;
import aevb.tensor.Tensor;
import aevb.random.Randomness;
import aevb.io.Checkpoint;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs")).resolve("tutorial-18");
    DataSplits data = Datasets.load("sample", null, false, System.err);
    int steps = quick ? 300 : 1000;
    // One setting for all three models: 200 hidden units, Nz = 10, Adam 0.003, M = 100, seed 1.
    RunConfig cfg = RunConfig.paper("sample").hidden(200).latent(10).optimizer("adam").learningRate(0.003)
            .weightDecay(1.0 / data.train().size()).budget(steps * 100L).logEvery(steps).evalPoints(500);
    Cvae label = cvae(Condition.LABEL, runs.resolve("label"), cfg, data);
    Cvae quadrant = cvae(Condition.QUADRANT, runs.resolve("quadrant"), cfg, data);
    Vae vae = vae(runs.resolve("vae"), cfg, data);
    System.out.println();

    // 1. Samples of a chosen digit, classified by the nearest class mean of the training images.
    Tensor means = classMeans(data.train());
    int perDigit = 50, right = 0;
    Tensor z = new Tensor(perDigit, 10);
    Randomness.gaussian(18, Randomness.Stream.SAMPLE, 0, z.data, z.data.length);
    StringBuilder line = new StringBuilder();
    for (int d = 0; d < 10; d++) {
        Tensor c = new Tensor(perDigit, Condition.CLASSES);
        for (int i = 0; i < perDigit; i++) {
            c.set(i, d, 1f);
        }
        Tensor x = label.mean(z, c);
        int ok = 0;
        for (int i = 0; i < perDigit; i++) {
            ok += nearest(means, x, i) == d ? 1 : 0;
        }
        right += ok;
        line.append(String.format(" %d:%d", d, ok));
    }
    double accuracy = right / (10.0 * perDigit);
    System.out.printf("samples E[x | z, digit d], z ~ N(0, I), %d per digit, classified by the nearest class mean:%n  right of %d per digit:%s%n",
            perDigit, perDigit, line);
    System.out.printf("  overall %.1f%% (chance: 10%%)%n", 100 * accuracy);
    Path digits = runs.resolve("digits.png");
    CvaeFigures.digitSamples(digits, label, new int[] {7, 7, 7, 0, 1, 2, 3, 4, 5, 6, 8, 9}, 12, 18,
            "CVAE samples of a chosen digit (sevens first), the same z down each column");
    System.out.println("wrote " + digits);
    System.out.println();

    // 2. Completion from the lower-left quadrant: the CVAE against the VAE's inpainting.
    int n = quick ? 30 : 100;
    Tensor truth = data.validation().slice("validation", 0, n).asTensor();
    PosteriorPredictive.Settings hmc = quick ? new PosteriorPredictive.Settings(15, 15, 10, 0.8, 18)
            : PosteriorPredictive.Settings.defaults(18);
    Inpainting.Settings s = new Inpainting.Settings(2, 100, hmc);
    Map<String, Tensor> done = QuadrantCompletion.complete(quadrant, vae, truth, 28, 28,
            Baselines.pixelMean(data.train().asTensor()), s);
    Map<String, RestorationError> e = QuadrantCompletion.errors(done, truth, 28, 28);
    System.out.printf("completing %d validation images from their lower-left quadrant (588 missing pixels each):%n", n);
    System.out.printf("  %-28s %14s %18s%n", "method", "MSE per pixel", "log p(truth), nats");
    e.forEach((k, v) -> System.out.printf("  %-28s %14.4f %18.1f%n", k, v.mse().mean(), v.logLikelihood().mean()));
    Tensor shown = new Tensor(4 * 8, 784);
    Tensor observed = truth.copy();
    Tensor mask = Corruptions.quadrantObserved(n, 28, 28);
    for (int j = 0; j < observed.data.length; j++) {
        if (mask.data[j] == 0f) {
            observed.data[j] = Float.NaN;
        }
    }
    String cvaeKey = "CVAE, mean over 100 z ~ p(z)";
    Tensor[] rows = {observed, done.get(cvaeKey), done.get("VAE, HMC"), truth};
    for (int r = 0; r < rows.length; r++) {
        System.arraycopy(rows[r].data, 0, shown.data, r * 8 * 784, 8 * 784);
    }
    Path png = runs.resolve("completion.png");
    aevb.viz.ImageGrid.of(28, 28).columns(8).scale(2).gap(1).title("from the lower-left quadrant: CVAE against the VAE's HMC")
            .rowLabels("observed", "CVAE", "VAE, HMC", "truth").write(png, shown.data, 32);
    System.out.println("wrote " + png);
    System.out.println();

    double cvaeMse = e.get(cvaeKey).mse().mean(), fillMse = e.get("mean fill").mse().mean();
    double hmcMse = e.get("VAE, HMC").mse().mean(), mapMse = e.get("VAE, MAP").mse().mean();
    check(accuracy > 0.5, String.format("samples of a chosen digit are classified as that digit in %.1f%% of cases (> 50%%; chance 10%%)",
            100 * accuracy));
    check(cvaeMse < fillMse && e.get(cvaeKey).logLikelihood().mean() > e.get("mean fill").logLikelihood().mean(),
            String.format("the quadrant CVAE fills better than the mean fill (MSE %.4f < %.4f, and a higher log p(truth))", cvaeMse, fillMse));
    check(cvaeMse < Math.min(hmcMse, mapMse), String.format("the CVAE, trained for this task, beats the VAE's inference on it"
            + " (MSE %.4f < HMC %.4f, MAP %.4f)", cvaeMse, hmcMse, mapMse));
}

/** The CVAE of this step in {@code dir}, trained first when it is not there yet. */
static Cvae cvae(Condition condition, Path dir, RunConfig cfg, DataSplits data) throws Exception {
    Path file = dir.resolve(TrainingRun.MODEL);
    if (!Files.exists(file)) {
        CvaeConfig model = new CvaeConfig(condition, 28, 28, cfg.model().hidden(), cfg.model().latent());
        System.out.println("training the CVAE on the " + condition.key() + " into " + dir);
        RunConfig c = cfg.model(new VaeConfig(model.dataDim(), model.hidden(), model.latent(), "bernoulli"));
        clear(dir);
        CvaeRun run = CvaeRun.start(c, model, data, dir);
        run.run(new Progress(System.out, false, c.budget(), 10));
        System.out.printf("  validation bound of log p(x | c): %.2f nats per image%n", run.lastHeldOutBound());
    }
    return CvaeCheckpoint.trained(Checkpoint.load(file));
}

/** The plain VAE of the same size and training, for the comparison. */
static Vae vae(Path dir, RunConfig cfg, DataSplits data) throws Exception {
    Path file = dir.resolve(TrainingRun.MODEL);
    if (!Files.exists(file)) {
        System.out.println("training the plain VAE into " + dir);
        clear(dir);
        TrainingRun run = TrainingRun.start(cfg, data, dir);
        run.run(new Progress(System.out, false, cfg.budget(), 10));
        System.out.printf("  validation bound of log p(x): %.2f nats per image%n", run.lastHeldOutBound());
    }
    return ModelCheckpoint.model(ModelCheckpoint.load(file));
}

/** What an interrupted training of this step left (a new run goes only into an empty folder). */
static void clear(Path dir) throws Exception {
    for (String f : List.of(TrainingRun.CHECKPOINT, TrainingRun.METRICS, "config.txt")) {
        Files.deleteIfExists(dir.resolve(f));
    }
}

/** The mean training image of each digit: (10, 784). */
static Tensor classMeans(Dataset train) {
    Tensor m = new Tensor(10, train.dim());
    int[] count = new int[10];
    for (int i = 0; i < train.size(); i++) {
        count[train.label(i)]++;
        for (int j = 0; j < train.dim(); j++) {
            m.data[train.label(i) * train.dim() + j] += train.images()[i * train.dim() + j];
        }
    }
    for (int d = 0; d < 10; d++) {
        for (int j = 0; j < train.dim(); j++) {
            m.data[d * train.dim() + j] /= Math.max(1, count[d]);
        }
    }
    return m;
}

/** The digit whose class mean is nearest (Euclidean) to row i of x. */
static int nearest(Tensor means, Tensor x, int i) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int d = 0; d < means.rows; d++) {
        double dist = 0;
        for (int j = 0; j < x.cols; j++) {
            double diff = x.get(i, j) - means.get(d, j);
            dist += diff * diff;
        }
        if (dist < bestD) {
            bestD = dist;
            best = d;
        }
    }
    return best;
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
