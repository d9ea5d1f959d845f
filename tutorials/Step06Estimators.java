/*
 * Step 6. The bound (section 2.2, eq. 2-3) and its two estimators A and B (eq. 6-7, Appendix B): same mean, different variance
 *
 * The paper's objective is the variational lower bound of each data point, written two ways:
 *
 *     L(θ, φ; x) = E_q[ log p_θ(x, z) - log q_φ(z|x) ]                   (eq. 2)
 *                = -KL(q_φ(z|x) || p(z)) + E_q[ log p_θ(x|z) ]           (eq. 3)
 *
 * Estimating the expectations with samples z_l = mu + σ ⊙ ε_l (step 5) gives two estimators:
 *
 *     A (eq. 6):  (1/L) Σ_l  log p(x|z_l) + log p(z_l) - log q(z_l|x)      everything sampled
 *     B (eq. 7):  -KL(q || p)  +  (1/L) Σ_l log p(x|z_l)                   the KL in closed form
 *
 * For a Gaussian q and the N(0, I) prior the KL is exact (Appendix B):
 * -KL = ½ Σ_j (1 + log σ_j² - mu_j² - σ_j²). So A and B have the same expectation, the bound.
 * With the same ε, A - B is exactly the Monte Carlo error of A's KL term, zero on average.
 *
 * Which has the lower variance? What learning feels is the variance of the GRADIENT (Algorithm 1's
 * g). θ gets the same gradient from both (the KL term has no θ in it). φ gets the exact gradient
 * of the KL from B, and a sampled one from A: more variance. The VALUE of the estimate is another
 * story: by eq. 1, log p(x, z) - log q(z|x) = log p(x) - [log q(z|x) - log p(z|x)], which varies
 * with z only as much as q differs from the true posterior. Once q is good, A's value can vary
 * less than B's, whose log p(x|z) moves with z on its own. This step measures both, for a VAE at
 * its initialisation and after a few hundred steps of training on the embedded MNIST sample, each
 * estimator evaluated 100 times (fresh ε, L = 1) on the same 100 held-out images.
 *
 * Check: A and B agree on the mean (within 4 standard errors), and the variance ratio of the
 * φ gradient, var(A) / var(B), is above 1 at both stages. That is why B is the default (eq. 10).
 */
import static aevb.autodiff.Reductions.mean;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.nn.Adagrad;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.Estimator;
import aevb.sgvb.EstimatorA;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;

/** Over R draws of ε: the mean bound, the variance of one image's estimate, and the gradient variances. */
record Spread(double[] perDraw, double valueVariance, double phiVariance, double thetaVariance) {}

static Spread spread(Vae vae, Estimator estimator, Tensor x, int draws) {
    List<Parameter> params = vae.parameters();
    int images = x.rows, nPhi = vae.phi().size();
    double[] v = new double[images], v2 = new double[images], perDraw = new double[draws];
    double[][] g = new double[params.size()][], g2 = new double[params.size()][];
    Tensor eps = new Tensor(images, vae.config.latent());
    for (int r = 0; r < draws; r++) {
        Randomness.gaussian(6, Randomness.Stream.EVAL, r, eps.data, eps.size());   // draw r: the same for A and B
        Tape tape = new Tape();
        Var terms = estimator.terms(vae, tape.constant(x), eps, 1);  // (images, 1): one estimate per image
        Var bound = mean(terms);                                       // the bound per data point (eq. 8 / N)
        tape.backward(bound);                                          // fills p.grad of φ and θ
        perDraw[r] = bound.item();
        for (int i = 0; i < images; i++) {
            v[i] += terms.data()[i];
            v2[i] += (double) terms.data()[i] * terms.data()[i];
        }
        for (int p = 0; p < params.size(); p++) {
            float[] grad = params.get(p).grad.data;
            if (g[p] == null) {
                g[p] = new double[grad.length];
                g2[p] = new double[grad.length];
            }
            for (int j = 0; j < grad.length; j++) {
                g[p][j] += grad[j];
                g2[p][j] += (double) grad[j] * grad[j];
            }
            params.get(p).grad.zero();
        }
    }
    double value = 0, phi = 0, theta = 0;
    for (int i = 0; i < images; i++) {
        value += variance(v[i], v2[i], draws) / images;
    }
    for (int p = 0; p < params.size(); p++) {
        double total = 0;                                  // E ‖g - E g‖² over this parameter's elements
        for (int j = 0; j < g[p].length; j++) {
            total += variance(g[p][j], g2[p][j], draws);
        }
        if (p < nPhi) {
            phi += total;
        } else {
            theta += total;
        }
    }
    return new Spread(perDraw, value, phi, theta);
}

static double variance(double sum, double sumSq, int n) {
    double mean = sum / n;
    return Math.max(0, (sumSq - n * mean * mean) / (n - 1));
}

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    DataSplits data = Datasets.load("sample", null, false, System.err);
    int n = data.train().size(), m = 100, steps = quick ? 100 : 300, draws = 100;
    Tensor x = data.validation().slice("held-out", 0, 100).asTensor();   // (100, 784)

    // A VAE as in section 3 (200 hidden units to be quick), then Algorithm 1 (step 7) for a while.
    Vae vae = Vae.initialised(new VaeConfig(784, 200, 20, "bernoulli"), 1);
    Aevb aevb = new Aevb(vae, new EstimatorB(), new Adagrad(0.02), WeightDecay.priorPerDataPoint(n), 1, 1);
    Tensor batch = new Tensor(m, 784);
    int[] order = Randomness.permutation(1, Randomness.Stream.SHUFFLE, 0, n);
    double[] ratios = new double[2];
    double meanDiff = 0, seDiff = 0;
    for (int stage = 0; stage < 2; stage++) {
        if (stage == 1) {
            for (int t = 0; t < steps; t++) {
                data.train().copyBatch(order, (t * m) % (n - m), batch);
                aevb.step(batch);
            }
        }
        Spread a = spread(vae, new EstimatorA(), x, draws), b = spread(vae, new EstimatorB(), x, draws);
        double s = 0, ss = 0;                              // A - B per draw: A's KL noise, averaged over images
        for (int r = 0; r < draws; r++) {
            double d = a.perDraw()[r] - b.perDraw()[r];
            s += d;
            ss += d * d;
        }
        meanDiff = s / draws;
        seDiff = Math.sqrt(variance(s, ss, draws) / draws);
        ratios[stage] = a.phiVariance() / b.phiVariance();
        System.out.println(stage == 0 ? "At initialisation (weights from N(0, 0.01²), so q(z|x) is close to the prior):"
                : "After " + steps + " steps of AEVB (784-200-20, estimator B, Adagrad 0.02):");
        System.out.printf("  mean bound per image     A %9.3f   B %9.3f   A - B = %.3f ± %.3f%n",
                average(a.perDraw()), average(b.perDraw()), meanDiff, seDiff);
        System.out.printf("  variance of one estimate A %9.4f   B %9.4f   (the value, per image)%n",
                a.valueVariance(), b.valueVariance());
        System.out.printf("  variance of the φ grad.  A %9.4g   B %9.4g   ratio A / B = %.3g%n",
                a.phiVariance(), b.phiVariance(), ratios[stage]);
        System.out.printf("  variance of the θ grad.  A %9.4g   B %9.4g   (the same: the KL has no θ)%n%n",
                a.thetaVariance(), b.thetaVariance());
    }

    check(Math.abs(meanDiff) < 4 * seDiff, String.format("A and B have the same mean (A - B = %.3f, within 4 x %.3f)",
            meanDiff, seDiff));
    check(ratios[0] > 1 && ratios[1] > 1, String.format(
            "variance ratio of the φ gradient var(A) / var(B) = %.3g at the start and %.3g after training, > 1",
            ratios[0], ratios[1]));
}

static double average(double[] v) {
    double s = 0;
    for (double e : v) {
        s += e;
    }
    return s / v.length;
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
