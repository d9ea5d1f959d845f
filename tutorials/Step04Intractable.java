/*
 * Step 4. The problem (section 2.1): log p(x) = log ∫ p(x|z) p(z) dz by brute force, and its cost as Nz grows
 *
 * Section 2.1's model: a latent z is drawn from the prior p(z) = N(0, I), then a data point x from
 * p_θ(x|z), here the paper's Bernoulli MLP decoder (Appendix C.1, a tiny one: 20 binary pixels).
 * To learn θ by maximum likelihood we need the marginal likelihood
 *
 *     p_θ(x) = ∫ p_θ(x|z) p(z) dz,
 *
 * and to say which z explains x we need the posterior p_θ(z|x) = p_θ(x|z) p(z) / p_θ(x). With an
 * MLP inside p_θ(x|z) the integral has no closed form: "intractable", in the paper's word. For a
 * two-dimensional z we can still do it by brute force: put G points on each axis of [-6, 6]
 * (spacing Δ), evaluate the decoder at every point of the grid and add up
 *
 *     p(x) ≈ Σ_grid p(x|z) p(z) Δ^Nz        (in logs, with a log-sum-exp),
 *
 * and the same sums give the posterior's mean and spread. Part 1 does this for Nz = 2 and watches
 * the estimate settle as G grows. Part 2 counts the cost: the grid has G^Nz points, so every
 * latent dimension multiplies the work by G. The paper's MNIST models have Nz up to 200.
 *
 * This is why the paper does not integrate: it learns q_φ(z|x), a Gaussian guess of the posterior
 * (step 6), and optimises a bound on log p(x) that needs one sample of z per data point.
 *
 * Check: the Nz = 2 estimates with 64² and 128² points agree closely (the integral is right), and
 * the printed cost of Nz = 20 at the measured speed, which is not something to wait for.
 */
import aevb.autodiff.Tape;
import aevb.nn.Init;
import aevb.prob.BernoulliDecoder;
import aevb.random.Randomness;
import aevb.tensor.Tensor;

static final int D = 20, HIDDEN = 32, ROWS = 4096;   // pixels, hidden units, grid points per decoder pass
static final double LOG_2PI = Math.log(2 * Math.PI);

/** A random decoder p(x|z) with Nz latent dimensions, and one x drawn from it (z ~ p(z), x ~ p(x|z)). */
record Model(BernoulliDecoder decoder, Tensor x) {
    static Model random(int nz, long seed) {
        BernoulliDecoder dec = new BernoulliDecoder(nz, HIDDEN, D);
        Init.gaussian(dec.parameters(), 1.0, seed);
        Tensor z = new Tensor(1, nz);
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 0, z.data, nz);
        float[] y = dec.mean(z).data;                     // P(x_j = 1 | z)
        var rnd = Randomness.rng(seed, Randomness.Stream.SAMPLE, 1);
        Tensor x = new Tensor(1, D);
        for (int j = 0; j < D; j++) {
            x.data[j] = rnd.nextDouble() < y[j] ? 1f : 0f;
        }
        return new Model(dec, x);
    }
}

/** The grid sums: log p(x), and the posterior mean and standard deviation of each z_j. */
record Integral(double logPx, double[] mean, double[] sd, long evaluations, double seconds) {}

static Integral integrate(Model m, int nz, int g) {
    double delta = 12.0 / g;
    long points = Math.round(Math.pow(g, nz));
    double logCell = nz * Math.log(delta);
    double max = Double.NEGATIVE_INFINITY, sum = 0;      // running log-sum-exp: Σ exp(l) = exp(max) · sum
    double[] s1 = new double[nz], s2 = new double[nz];   // Σ w z and Σ w z², scaled like sum
    Tensor x = new Tensor(ROWS, D), z = new Tensor(ROWS, nz);
    for (int r = 0; r < ROWS; r++) {
        System.arraycopy(m.x().data, 0, x.data, r * D, D);
    }
    Tape tape = new Tape();
    long t0 = System.nanoTime();
    for (long first = 0; first < points; first += ROWS) {
        int rows = (int) Math.min(ROWS, points - first);
        for (int r = 0; r < rows; r++) {                   // grid point number → its Nz coordinates
            long index = first + r;
            for (int j = 0; j < nz; j++, index /= g) {
                z.data[r * nz + j] = (float) (-6 + delta * (index % g + 0.5));
            }
        }
        tape.reset();
        float[] logPxGivenZ = m.decoder().logLikelihood(tape.constant(x), tape.constant(z)).data();  // (ROWS, 1)
        for (int r = 0; r < rows; r++) {
            double logPz = 0;
            for (int j = 0; j < nz; j++) {
                double zj = z.data[r * nz + j];
                logPz -= 0.5 * (zj * zj + LOG_2PI);
            }
            double l = logPxGivenZ[r] + logPz + logCell;   // log [p(x|z) p(z) Δ^Nz]
            if (l > max) {                                 // rescale what we have to the new max
                double scale = Math.exp(max - l);
                sum *= scale;
                for (int j = 0; j < nz; j++) {
                    s1[j] *= scale;
                    s2[j] *= scale;
                }
                max = l;
            }
            double w = Math.exp(l - max);
            sum += w;
            for (int j = 0; j < nz; j++) {
                double zj = z.data[r * nz + j];
                s1[j] += w * zj;
                s2[j] += w * zj * zj;
            }
        }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] mean = new double[nz], sd = new double[nz];
    for (int j = 0; j < nz; j++) {
        mean[j] = s1[j] / sum;
        sd[j] = Math.sqrt(Math.max(0, s2[j] / sum - mean[j] * mean[j]));
    }
    return new Integral(max + Math.log(sum), mean, sd, points, seconds);
}

void main() {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");

    System.out.println("Part 1: Nz = 2, a decoder with random weights and one x drawn from it");
    Model m2 = Model.random(2, 42);
    Integral fine = null, finer = null;
    for (int g : new int[] {4, 8, 16, 32, 64, 128}) {
        Integral it = integrate(m2, 2, g);
        System.out.printf("  G = %3d: %,6d decoder evaluations   log p(x) = %.6f nats%n", g, it.evaluations(), it.logPx());
        fine = finer;
        finer = it;
    }
    System.out.printf("  the posterior p(z|x): mean (%.2f, %.2f), sd (%.2f, %.2f); the prior N(0, I) has sd 1%n%n",
            finer.mean()[0], finer.mean()[1], finer.sd()[0], finer.sd()[1]);

    System.out.println("Part 2: the cost grows as G^Nz (G = 16 points per axis)");
    double rate = 0;
    for (int nz = 1; nz <= (quick ? 4 : 5); nz++) {
        Model m = Model.random(nz, 42 + nz);
        Integral coarse = integrate(m, nz, 8), it = integrate(m, nz, 16);
        rate = it.evaluations() / Math.max(it.seconds(), 1e-6);
        System.out.printf("  Nz = %d: %,10d evaluations, %6.2f s   log p(x) = %9.4f (G = 8 gives %9.4f)%n",
                nz, it.evaluations(), it.seconds(), it.logPx(), coarse.logPx());
    }
    System.out.println("  (for Nz >= 3, G = 8 and G = 16 still disagree by up to a nat: an accurate grid needs more points)");
    double years = Math.pow(16, 20) / rate / (3600 * 24 * 365.25);
    System.out.printf("  Nz = 20 (one of the paper's MNIST models): 16^20 = %.1e evaluations, about %.1e years at %,.0f a second%n%n",
            Math.pow(16, 20), years, rate);

    double diff = Math.abs(finer.logPx() - fine.logPx());
    check(diff < 1e-3, String.format("Nz = 2: the estimates with 64² and 128² grid points agree to %.1e nats (< 1e-3)", diff));
    check(years > 1e6, String.format("brute force at Nz = 20 would take %.1e years (more than a million)", years));
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
