/*
 * Step 8. What was learned: the 2-D latent manifold (Figure 4), samples (Figure 5) and the latent space of held-out digits
 *
 * Step 7 trained a VAE with a two-dimensional z. Its decoder p_θ(x|z) turns any point of the
 * plane into a picture, and its encoder q_φ(z|x) puts any picture somewhere in the plane. This
 * step looks at both, as the paper's Appendix A does:
 *
 *   manifold.png (Figure 4): "linearly spaced coordinates on the unit square were transformed
 *     through the inverse CDF of the Gaussian to produce values of the latent variables z. For
 *     each of these values z, we plotted the corresponding generative p_θ(x|z)": here the mean
 *     E[x|z] of a 20 x 20 grid, probabilities 0.05 to 0.95, so z runs from -1.64 to 1.64. The
 *     inverse CDF makes every tile cover the same prior probability: the middle, where p(z) puts
 *     most of its mass, is spread out, and the tails are squeezed.
 *   samples.png (Figure 5): E[x|z] for 100 draws z ~ p(z) = N(0, I), the model's own digits.
 *   latent.png: the encoder's mean mu(x) of 1,000 held-out images, coloured by their labels, which
 *     the model never saw: digits that look alike land together.
 *
 * The model is runs/tutorial-07/model.aevb. If step 7 has not run, this step trains the same model
 * first with the code of ./aevb train (identical steps, the same result as step 7 gives).
 *
 * Check: the three PNGs are written (look at them: the manifold morphs smoothly from one digit to
 * another), and the latent space sorts the digits: labelling each held-out image by the nearest
 * digit's average mu (computed on other images) is right far more often than chance (10%).
 */
import aevb.autodiff.Tape;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.prob.DiagonalGaussian;
import aevb.run.Figures;
import aevb.run.ModelCheckpoint;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import aevb.viz.InverseNormalCdf;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs"));
    Path out = runs.resolve("tutorial-08");
    Files.createDirectories(out);
    DataSplits data = Datasets.load("sample", null, false, System.err);
    Vae vae = stepSevenModel(runs.resolve("tutorial-07"), data, quick);

    // Figure 4: the decoder over the inverse-CDF grid.
    System.out.print("the manifold's z axis, Φ⁻¹(p) for p = 0.05 ... 0.95 in 20 steps:");
    for (int i = 0; i < 20; i += 3) {
        System.out.printf(" %.2f", InverseNormalCdf.apply(0.05 + 0.9 * i / 19));
    }
    System.out.println(" ...");
    Path manifold = out.resolve("manifold.png"), samples = out.resolve("samples.png"), latent = out.resolve("latent.png");
    Figures.manifold(manifold, vae, 28, 28, 20, 0, 1, "Learned MNIST manifold, Nz = 2 (Figure 4b)");
    // Figure 5: decoder means of draws from the prior.
    Figures.samples(samples, vae, 28, 28, 100, 8, "Samples E[x|z], z ~ N(0, I), Nz = 2 (Figure 5a)");
    // The encoder: mu(x) of held-out images, by label.
    Dataset held = data.validation().slice("held-out", 0, 1000);
    Tensor x = held.asTensor();
    Figures.latentScatter(latent, vae, x, held.labels(), 0, 1, "mu(x) of 1,000 held-out images, by label");
    System.out.println("wrote " + manifold + ", " + samples + " and " + latent);

    System.out.println("\nE[x|z] at z = (0, 0), the centre of the manifold:");
    Tensor centre = vae.decoder.mean(new Tensor(1, 2));
    for (int r = 0; r < 28; r += 2) {                        // two pixel rows per text line
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < 28; c++) {
            float v = (centre.get(0, r * 28 + c) + centre.get(0, (r + 1) * 28 + c)) / 2;
            line.append(" .:-=+*#%@".charAt(Math.min(9, (int) (v * 10))));
        }
        System.out.println(line);
    }

    // Does the latent space sort the digits? Average mu per label on images 500..999, then label
    // images 0..499 by the nearest average.
    Tape tape = new Tape();
    DiagonalGaussian q = vae.encoder.encode(tape.constant(x));
    float[] mu = q.mu().data();                              // (1000, 2)
    double[][] centroid = new double[10][3];                 // Σ mu1, Σ mu2, count
    for (int i = 500; i < 1000; i++) {
        double[] c = centroid[held.label(i)];
        c[0] += mu[2 * i];
        c[1] += mu[2 * i + 1];
        c[2]++;
    }
    int right = 0;
    for (int i = 0; i < 500; i++) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int d = 0; d < 10; d++) {
            double[] c = centroid[d];
            double dx = mu[2 * i] - c[0] / c[2], dy = mu[2 * i + 1] - c[1] / c[2];
            if (c[2] > 0 && dx * dx + dy * dy < bestD) {
                bestD = dx * dx + dy * dy;
                best = d;
            }
        }
        right += best == held.label(i) ? 1 : 0;
    }
    double accuracy = right / 500.0;
    System.out.printf("%nnearest digit average in the latent plane: %d of 500 held-out images labelled right (%.0f%%)%n%n",
            right, 100 * accuracy);

    check(Files.size(manifold) > 0 && Files.size(samples) > 0 && Files.size(latent) > 0,
            "wrote " + manifold + ", " + samples + " and " + latent);
    check(accuracy > 0.25, String.format("the latent plane sorts the digits: %.0f%% right by the nearest average (chance 10%%) > 25%%",
            100 * accuracy));
}

/** Step 7's model from its checkpoint, or trained now as step 7 trains it (./aevb train's code). */
static Vae stepSevenModel(Path dir, DataSplits data, boolean quick) throws Exception {
    Path file = dir.resolve(TrainingRun.MODEL);
    if (!Files.exists(file)) {
        int steps = quick ? 200 : 2000;
        System.out.println("no " + file + " yet: training step 7's model first (" + steps + " steps; ./aevb tutorial 7 shows the loop)");
        RunConfig cfg = RunConfig.paper("sample").latent(2).optimizer("adam").learningRate(0.003).budget(steps * 100L);
        Files.deleteIfExists(dir.resolve(TrainingRun.CHECKPOINT));   // a run of ours cut short: start again
        TrainingRun run = TrainingRun.start(cfg, data, dir);
        run.run(new Progress(System.out, false, cfg.budget(), 5));
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
