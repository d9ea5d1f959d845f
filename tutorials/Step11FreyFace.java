/*
 * Step 11. Frey Face and the Gaussian decoder (Appendix C.2): continuous pixels, a density for p(x|z), a 2-D face manifold
 *
 * MNIST pixels are treated as Bernoulli probabilities. The paper's second data set, the Frey Face
 * video frames (1,965 grey images of 28 x 20 pixels), is continuous, so the decoder is a Gaussian
 * MLP (Appendix C.2) instead:
 *
 *     h = tanh(W3 z + b3),   mu = sigmoid(W4 h + b4),   log σ² = W5 h + b5,
 *     log p(x|z) = log N(x; mu, diag(σ²)) = -½ Σ_j [log 2π + log σ_j² + (x_j - mu_j)² / σ_j²],
 *
 * "identical to the encoder, except that the means were constrained to the interval (0, 1) using a
 * sigmoidal activation function at the decoder output" (section 5), with 200 hidden units. The
 * paper trains it with Adagrad for millions of samples; in a tutorial's half minute Adam (step
 * size 0.001) gets much further, as in step 7.
 * A density is not a probability: a model that puts σ small around the right mu has log p(x|z)
 * far above zero, so the bound per image is a large POSITIVE number (the paper's Frey Face panels
 * of Figure 2 reach about 1,600 nats).
 *
 * Frey Face is not part of aevb (./aevb download frey fetches it, and ./aevb train --dataset frey
 * trains on it). So that this step needs no download, it makes face-like data whose latent
 * factors we know: each 28 x 20 image is drawn from two numbers, a "pose" that turns the face
 * sideways (and the light with it) and an "expression" from a smile to a frown (brows, cheeks,
 * mouth), plus pixel noise, in (0, 1). The Frey Face manifold of Figure 4a shows pose and
 * expression too. With --data-dir pointing at a folder
 * that holds frey_rawface.mat, this step uses the real faces instead.
 *
 * Check: the bound rises; data.png and manifold.png are written (the manifold should sweep pose
 * one way and expression the other, smoothly); and on generated data the latent plane has found
 * the two factors: held-out images that are neighbours in z are neighbours in (pose, expression).
 * (The short --quick run is too short to find both factors; it prints that number unchecked.)
 */
import aevb.data.DataUnavailableException;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.eval.SplitBound;
import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.run.Figures;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.util.SplittableRandom;

static final int H = 28, W = 20, N = 1965, TEST = 400;   // Frey Face's size and aevb's split of it

/** One face-like image: pose a and expression b in [-1, 1], pixels in (0, 1), into out[off ..]. */
static void face(double a, double b, SplittableRandom rnd, float[] out, int off) {
    double hx = 9.5 + 1.5 * a, cx = 9.5 + 2.8 * a;              // the head moves, the features more: it turns
    for (int r = 0; r < H; r++) {
        for (int c = 0; c < W; c++) {
            double head = Math.exp(-2 * Math.pow((c - hx) / 7.5, 2) - 2 * Math.pow((r - 14) / 12.5, 2));
            double v = 0.12 + 0.7 * Math.min(1, 1.6 * head);
            double dx = c - cx;
            v += 0.12 * b * Math.exp(-((Math.abs(dx) - 4) * (Math.abs(dx) - 4) / 3 + (r - 17) * (r - 17) / 4));  // cheeks lift
            for (int side = -1; side <= 1; side += 2) {
                double ex = cx + side * 3.4 * (1 - 0.3 * a * side);
                v -= 0.55 * Math.exp(-((c - ex) * (c - ex) / 2.5 + (r - 11) * (r - 11) / 1.4));          // an eye
                double brow = 8 - 1.2 * b + 0.4 * b * side * (c - ex);                                  // a brow, raised in a smile
                v -= 0.4 * Math.exp(-((c - ex) * (c - ex) / 4 + (r - brow) * (r - brow) / 0.5));
            }
            double mouth = 20.5 + 0.22 * b * (9 - dx * dx);            // a smile (b > 0) or a frown
            if (Math.abs(dx) < 5) {
                v -= 0.55 * Math.exp(-(r - mouth) * (r - mouth) / 1.2);
            }
            v += 0.15 * a * (c - 9.5) / 9.5 + 0.15 * b * (14 - r) / 14;   // light: from the side it turns to, from above as it smiles
            v += 0.03 * rnd.nextGaussian();                      // pixel noise
            out[off + r * W + c] = (float) Math.min(0.98, Math.max(0.02, v));
        }
    }
}

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path out = Path.of(System.getProperty("aevb.tutorial.runs", "runs"), "tutorial-11");
    Files.createDirectories(out);

    // The data: real Frey Face if --data-dir has it, else N generated faces with known factors.
    Dataset train = null, test = null;
    double[][] factors = null;                                   // (pose, expression) of each test image
    String dataDir = System.getProperty("aevb.tutorial.dataDir");
    if (dataDir != null) {
        try {
            var frey = Datasets.load("frey", Path.of(dataDir), false, System.err);
            train = frey.train();
            test = frey.test();
            System.out.println("Frey Face from " + dataDir + ": " + frey.summary());
        } catch (DataUnavailableException e) {
            System.out.println("no Frey Face in " + dataDir + " (./aevb download frey --data-dir " + dataDir
                    + " fetches it); using generated faces");
        }
    }
    if (train == null) {
        float[] x = new float[N * H * W];
        factors = new double[TEST][];
        SplittableRandom rnd = Randomness.rng(11, Randomness.Stream.SAMPLE, 0);
        for (int i = 0; i < N; i++) {
            double pose = 2 * rnd.nextDouble() - 1, expression = 2 * rnd.nextDouble() - 1;
            face(pose, expression, rnd, x, i * H * W);
            if (i >= N - TEST) {
                factors[i - (N - TEST)] = new double[] {pose, expression};
            }
        }
        Dataset all = new Dataset("faces", N, H, W, x, null);
        train = all.slice("faces/train", 0, N - TEST);           // the first 1,565, as aevb splits Frey Face
        test = all.slice("faces/test", N - TEST, N);
        System.out.printf("%,d generated face-like images of %d x %d (pose and expression in [-1, 1], noise 0.03),"
                + " %,d for training and %,d held out%n", N, H, W, train.size(), test.size());
    }
    Path dataPng = out.resolve("data.png");
    ImageGrid.of(H, W).columns(10).scale(3).title("Training images").write(dataPng, train.images(), 30);

    // Section 5's Frey Face model: 200 hidden units, Nz = 2, a Gaussian decoder.
    int n = train.size(), m = 100, stepsPerEpoch = n / m, steps = quick ? 300 : 3000, report = steps / 10;
    Vae vae = Vae.initialised(new VaeConfig(H * W, 200, 2, "gaussian"), 1);
    Aevb aevb = new Aevb(vae, new EstimatorB(), new Adam(0.001), WeightDecay.priorPerDataPoint(n), 1, 1);
    Tensor heldOut = test.asTensor();
    SplitBound bound = new SplitBound(vae, new EstimatorB(), 1, 1);
    double start = bound.evaluate(heldOut).summary().mean(), last = start;
    System.out.printf("%n   step   held-out bound (nats per image)%n  %5d   %10.1f%n", 0, start);
    Tensor x = new Tensor(m, H * W);
    int[] order = null;
    for (int t = 0; t < steps; t++) {
        if (t % stepsPerEpoch == 0) {
            order = Randomness.permutation(1, Randomness.Stream.SHUFFLE, t / stepsPerEpoch, n);
        }
        train.copyBatch(order, (t % stepsPerEpoch) * m, x);
        aevb.step(x);
        if ((t + 1) % report == 0) {
            last = bound.evaluate(heldOut).summary().mean();
            System.out.printf("  %5d   %10.1f%n", t + 1, last);
        }
    }

    Path manifold = out.resolve("manifold.png");
    Figures.manifold(manifold, vae, H, W, 12, 0, 1, "Learned face manifold, Gaussian decoder, Nz = 2 (Figure 4a)");
    System.out.println("\nwrote " + dataPng + " and " + manifold);
    System.out.println("the real thing: ./aevb download frey, then ./aevb train --dataset frey (or this step with --data-dir)\n");

    check(last > start + 100, String.format("the held-out bound rose from %.1f to %.1f nats per image", start, last));
    check(Files.size(dataPng) > 0 && Files.size(manifold) > 0, "wrote " + dataPng + " and " + manifold);
    if (factors != null) {
        double[] near = neighbourDistances(vae, heldOut, factors);
        String found = String.format("neighbours in z are neighbours in (pose, expression): their factors differ by %.3f"
                + " on average, random pairs by %.3f (less than half)", near[0], near[1]);
        if (quick) {
            System.out.println("(a quick run is too short to find both factors: " + found.replace("(less than half)", "") + ")");
        } else {
            check(near[0] < 0.5 * near[1], found);
        }
    }
}

/** The mean factor distance between each test image and its nearest neighbour in mu(x), and between random pairs. */
static double[] neighbourDistances(Vae vae, Tensor x, double[][] factors) {
    float[] mu = vae.encoder.encode(new aevb.autodiff.Tape().constant(x)).mu().data();   // (n, 2)
    int n = x.rows;
    double nearSum = 0, randomSum = 0;
    for (int i = 0; i < n; i++) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double d0 = mu[2 * i] - mu[2 * j], d1 = mu[2 * i + 1] - mu[2 * j + 1];
            if (j != i && d0 * d0 + d1 * d1 < bestD) {
                bestD = d0 * d0 + d1 * d1;
                best = j;
            }
        }
        nearSum += Math.hypot(factors[i][0] - factors[best][0], factors[i][1] - factors[best][1]);
        int other = (i * 7 + 13) % n == i ? (i + 1) % n : (i * 7 + 13) % n;   // a fixed, arbitrary partner
        randomSum += Math.hypot(factors[i][0] - factors[other][0], factors[i][1] - factors[other][1]);
    }
    return new double[] {nearSum / n, randomSum / n};
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
