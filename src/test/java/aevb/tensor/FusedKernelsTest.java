package aevb.tensor;

import static aevb.tensor.KernelAsserts.assertBitEqual;
import static aevb.tensor.KernelAsserts.assertClose;
import static aevb.tensor.KernelAsserts.uniform;
import static aevb.tensor.KernelAsserts.values;
import static aevb.tensor.MapsTest.ULPS_COMPOSED;
import static aevb.tensor.MapsTest.ULPS_MATH;
import static aevb.tensor.MapsTest.assertWithinUlps;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The fused kernels of the model (a tanh layer's activation and its backward step, the Bernoulli
 * log-likelihood from logits, the Gaussian KL, the reparameterisation) against their scalar twins
 * ({@link FusedKernels} against {@link ScalarFusedKernels}), on generated shapes whose sizes are
 * not multiples of the lane count.
 *
 * <p>What is plain arithmetic lane by lane is compared bit for bit: the tanh backward step with
 * its column sums, the KL's and the sampler's gradients with respect to mu. What goes through exp,
 * log1p or tanh, or sums a row in lanes, gets a tolerance built from the per-element bounds of
 * {@link MapsTest} and the float rounding of a regrouped sum, stated at each check.
 */
class FusedKernelsTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    /** Unit roundoff of float, 2⁻²⁴. */
    private static final double U = Math.ulp(1f) / 2;

    static {
        // Compare the compiled code (the JIT's SVML calls), not only the interpreter's fallback.
        SplittableRandom rnd = new SplittableRandom(0);
        int rows = 8, cols = 512, n = rows * cols;
        float[] x = uniform(rnd, n, -30, 30), p = uniform(rnd, n, 0, 1), g = uniform(rnd, n, -1, 1);
        float[] bias = uniform(rnd, cols, -1, 1), out = new float[n], row = new float[rows];
        for (int rep = 0; rep < 300; rep++) {
            FusedKernels.biasTanh(x, bias, out, rows, cols);
            FusedKernels.bernoulliLogLikelihood(p, x, row, out, rows, cols);
            FusedKernels.bernoulliLogLikelihoodBackward(p, out, row, g, rows, cols, rep % 2 == 0);
            FusedKernels.gaussianNegKl(g, g, row, rows, cols);
            FusedKernels.gaussianNegKlBackward(g, g, row, out, out.clone(), rows, cols);
            FusedKernels.reparameterize(g, g, p, out, n);
            FusedKernels.reparameterizeBackward(g, p, g, out, out.clone(), n);
        }
    }

    @AfterContainer
    static void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
        RangeJob.parallelMinElements(RangeJob.PARALLEL_MIN_ELEMENTS);
    }

    // ---- the tanh layer ----

    /** tanh(x + b): the add is the twin's, the tanh within ULPS_MATH; in place too. */
    @Property(tries = 100)
    void biasTanhIsWithinTheUlpsOfTanh(@ForAll @IntRange(min = 0, max = 9) int rows,
                                       @ForAll @IntRange(min = 0, max = 70) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = uniform(rnd, rows * cols, -4, 4);
        float[] bias = uniform(rnd, cols, -1, 1);
        float[] e = new float[rows * cols];
        ScalarFusedKernels.biasTanh(x, bias, e, rows, cols);
        float[] o = x.clone();
        FusedKernels.biasTanh(o, bias, o, rows, cols);
        float[] pre = new float[rows * cols];
        ScalarMaps.addRowVector(x, bias, pre, rows, cols);
        assertWithinUlps(pre, e, o, ULPS_MATH, "biasTanh " + rows + "x" + cols);
    }

    /** d = g ⊙ (1 - y²) and the column sums of d, in row order: exact. */
    @Property(tries = 100)
    void tanhBackwardIsExact(@ForAll @IntRange(min = 0, max = 30) int rows,
                             @ForAll @IntRange(min = 0, max = 70) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] g = values(rnd, rows * cols);
        float[] y = uniform(rnd, rows * cols, -1, 1);
        float[] db0 = values(rnd, cols);
        float[] de = new float[rows * cols], dbe = db0.clone();
        float[] d = new float[rows * cols], db = db0.clone();
        ScalarFusedKernels.tanhBackward(g, y, de, dbe, rows, cols);
        FusedKernels.tanhBackward(g, y, d, db, rows, cols);
        assertBitEqual(de, d, "tanhBackward d " + rows + "x" + cols);
        assertBitEqual(dbe, db, "tanhBackward db " + rows + "x" + cols);
    }

    // ---- the Bernoulli log-likelihood ----

    /**
     * Per row Σ x a - softplus(a): each softplus within ULPS_COMPOSED ulps, each term's subtraction
     * rounding once more, and the row summed in lanes instead of left to right, which moves a
     * float sum by at most 2·cols·u·Σ|terms|. The mean σ(a) within ULPS_COMPOSED ulps.
     */
    @Property(tries = 100)
    void bernoulliLogLikelihoodAgreesToRounding(@ForAll @IntRange(min = 0, max = 9) int rows,
                                                @ForAll @IntRange(min = 0, max = 100) int cols,
                                                @ForAll boolean wide, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = uniform(rnd, rows * cols, 0, 1);
        float[] a = uniform(rnd, rows * cols, wide ? -40 : -5, wide ? 40 : 5);
        float[] e = new float[rows], o = new float[rows];
        float[] meanE = new float[rows * cols], meanO = new float[rows * cols];
        ScalarFusedKernels.bernoulliLogLikelihood(x, a, e, meanE, rows, cols);
        FusedKernels.bernoulliLogLikelihood(x, a, o, meanO, rows, cols);
        assertWithinUlps(a, meanE, meanO, ULPS_COMPOSED, "bernoulliLogLikelihood mean " + rows + "x" + cols);
        float[] noMean = new float[rows];
        FusedKernels.bernoulliLogLikelihood(x, a, noMean, null, rows, cols);
        assertBitEqual(o, noMean, "bernoulliLogLikelihood without the mean");
        double[] tol = new double[rows];
        for (int r = 0; r < rows; r++) {
            double abs = 0, perTerm = 0;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                float sp = ScalarKernels.softplus(a[i]);
                float t = x[i] * a[i] - sp;
                abs += Math.abs(t);
                perTerm += ULPS_COMPOSED * Math.ulp(sp) + Math.ulp(t);
            }
            tol[r] = perTerm + 2 * cols * U * abs;
        }
        assertClose(e, o, tol, "bernoulliLogLikelihood " + rows + "x" + cols);
    }

    /** da [+]= g_r (x - y), from the mean y = σ(a) of the forward pass: plain arithmetic, exact. */
    @Property(tries = 100)
    void bernoulliBackwardIsExact(@ForAll @IntRange(min = 0, max = 9) int rows,
                                           @ForAll @IntRange(min = 0, max = 100) int cols,
                                           @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = uniform(rnd, rows * cols, 0, 1);
        float[] a = uniform(rnd, rows * cols, -30, 30);
        float[] g = uniform(rnd, rows, -3, 3);
        float[] da0 = values(rnd, rows * cols);
        float[] mean = new float[rows * cols];
        ScalarFusedKernels.bernoulliLogLikelihood(x, a, new float[rows], mean, rows, cols);
        float[] e = da0.clone(), o = da0.clone();
        ScalarFusedKernels.bernoulliLogLikelihoodBackward(x, mean, g, e, rows, cols, accumulate);
        FusedKernels.bernoulliLogLikelihoodBackward(x, mean, g, o, rows, cols, accumulate);
        assertBitEqual(e, o, "bernoulliLogLikelihoodBackward " + rows + "x" + cols + " acc=" + accumulate);
    }

    /** Far out in the tails the log-likelihood stays finite and its gradient exact: x - 1 or x - 0. */
    @Example
    void bernoulliIsStableForLargeLogits() {
        int cols = 37;
        float[] a = new float[2 * cols];
        float[] x = new float[2 * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 2 == 0 ? 1 : -1) * (100 + i * 1e3f);
            x[i] = (i % 3) / 2f;
        }
        float[] out = new float[2], mean = new float[a.length];
        FusedKernels.bernoulliLogLikelihood(x, a, out, mean, 2, cols);
        float[] da = new float[a.length];
        FusedKernels.bernoulliLogLikelihoodBackward(x, mean, new float[] {1, 1}, da, 2, cols, false);
        float[] expected = new float[2];
        ScalarFusedKernels.bernoulliLogLikelihood(x, a, expected, null, 2, cols);
        for (int r = 0; r < 2; r++) {
            assertEquals(expected[r], out[r], 1e-6 * Math.abs(expected[r]), "row " + r);
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(x[i] - (a[i] > 0 ? 1f : 0f), da[i], "gradient at a=" + a[i]);
        }
    }

    // ---- the Gaussian KL and the reparameterisation ----

    /**
     * ½ Σ (1 + lv - mu² - e^lv) per row: e^lv within ULPS_MATH ulps, the other roundings of a
     * term bounded by an ulp of the sum of the magnitudes of its parts, the row summed in lanes.
     */
    @Property(tries = 100)
    void gaussianNegKlAgreesToRounding(@ForAll @IntRange(min = 0, max = 9) int rows,
                                       @ForAll @IntRange(min = 1, max = 50) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] mu = uniform(rnd, rows * cols, -3, 3);
        float[] lv = uniform(rnd, rows * cols, -6, 3);
        float[] e = new float[rows], o = new float[rows];
        ScalarFusedKernels.gaussianNegKl(mu, lv, e, rows, cols);
        FusedKernels.gaussianNegKl(mu, lv, o, rows, cols);
        double[] tol = new double[rows];
        for (int r = 0; r < rows; r++) {
            double abs = 0, perTerm = 0;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double ex = Math.exp(lv[i]);
                double parts = 1 + Math.abs(lv[i]) + mu[i] * mu[i] + ex;
                abs += Math.abs(1 + lv[i] - mu[i] * mu[i] - ex);
                perTerm += ULPS_MATH * Math.ulp((float) ex) + 4 * Math.ulp((float) parts);
            }
            tol[r] = 0.5 * (perTerm + 2 * cols * U * abs) + Math.ulp(e[r]);
        }
        assertClose(e, o, tol, "gaussianNegKl " + rows + "x" + cols);
    }

    /** dmu -= g mu is exact; dlv += ½ g (1 - e^lv) carries the exp's ulps. */
    @Property(tries = 100)
    void gaussianNegKlBackwardAgreesToRounding(@ForAll @IntRange(min = 0, max = 9) int rows,
                                               @ForAll @IntRange(min = 1, max = 50) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] mu = uniform(rnd, rows * cols, -3, 3);
        float[] lv = uniform(rnd, rows * cols, -6, 3);
        float[] g = uniform(rnd, rows, -2, 2);
        float[] dmu0 = values(rnd, rows * cols), dlv0 = values(rnd, rows * cols);
        float[] dmuE = dmu0.clone(), dlvE = dlv0.clone(), dmuO = dmu0.clone(), dlvO = dlv0.clone();
        ScalarFusedKernels.gaussianNegKlBackward(mu, lv, g, dmuE, dlvE, rows, cols);
        FusedKernels.gaussianNegKlBackward(mu, lv, g, dmuO, dlvO, rows, cols);
        assertBitEqual(dmuE, dmuO, "gaussianNegKlBackward dmu " + rows + "x" + cols);
        double[] tol = new double[rows * cols];
        for (int i = 0; i < tol.length; i++) {
            double ex = Math.exp(lv[i]);
            tol[i] = 0.5 * Math.abs(g[i / cols]) * (ULPS_MATH * Math.ulp((float) ex) + Math.ulp((float) (1 + ex)))
                    + 2 * Math.ulp(dlvE[i]);
        }
        assertClose(dlvE, dlvO, tol, "gaussianNegKlBackward dlogVar " + rows + "x" + cols);
    }

    /** z = mu + e^(lv/2) eps: σ within ULPS_MATH ulps, then a product and an add. */
    @Property(tries = 100)
    void reparameterizationAgreesToRounding(@ForAll @IntRange(min = 0, max = 150) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] mu = uniform(rnd, n, -3, 3), lv = uniform(rnd, n, -6, 3), eps = uniform(rnd, n, -3, 3);
        float[] g = uniform(rnd, n, -2, 2);
        float[] e = new float[n], o = new float[n];
        ScalarFusedKernels.reparameterize(mu, lv, eps, e, n);
        FusedKernels.reparameterize(mu, lv, eps, o, n);
        double[] tol = new double[n];
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * lv[i]);
            tol[i] = Math.abs(eps[i]) * (ULPS_MATH + 1) * Math.ulp(sigma) + 2 * Math.ulp(e[i]);
        }
        assertClose(e, o, tol, "reparameterize n=" + n);

        float[] dmu0 = values(rnd, n), dlv0 = values(rnd, n);
        float[] dmuE = dmu0.clone(), dlvE = dlv0.clone(), dmuO = dmu0.clone(), dlvO = dlv0.clone();
        ScalarFusedKernels.reparameterizeBackward(lv, eps, g, dmuE, dlvE, n);
        FusedKernels.reparameterizeBackward(lv, eps, g, dmuO, dlvO, n);
        assertBitEqual(dmuE, dmuO, "reparameterizeBackward dmu n=" + n);
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * lv[i]);
            tol[i] = Math.abs(0.5 * g[i] * eps[i]) * (ULPS_MATH + 2) * Math.ulp(sigma) + 2 * Math.ulp(dlvE[i]);
        }
        assertClose(dlvE, dlvO, tol, "reparameterizeBackward dlogVar n=" + n);
    }

    // ---- determinism over threads ----

    /** Each row, column block or element is one thread's, in a fixed order: the same bits on 1-3 threads. */
    @Property(tries = 30)
    void fusedKernelsAreBitIdenticalOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 40) int rows,
                                                     @ForAll @IntRange(min = 1, max = 90) int cols,
                                                     @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rows * cols;
        float[] x = uniform(rnd, n, -3, 3), bias = uniform(rnd, cols, -1, 1), g = values(rnd, n);
        float[] px = uniform(rnd, n, 0, 1), gRows = uniform(rnd, rows, -2, 2);
        float[][] reference = null;
        RangeJob.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] y = new float[n];
                FusedKernels.biasTanh(x, bias, y, rows, cols);
                float[] d = new float[n], db = new float[cols];
                FusedKernels.tanhBackward(g, y, d, db, rows, cols);
                float[] ll = new float[rows], mean = new float[n];
                FusedKernels.bernoulliLogLikelihood(px, x, ll, mean, rows, cols);
                float[] da = g.clone();
                FusedKernels.bernoulliLogLikelihoodBackward(px, mean, gRows, da, rows, cols, true);
                float[][] got = {y, d, db, ll, mean, da};
                if (reference == null) {
                    reference = got;
                } else {
                    for (int i = 0; i < got.length; i++) {
                        assertBitEqual(reference[i], got[i], "output " + i + " of " + rows + "x" + cols + " on "
                                + threads + " threads");
                    }
                }
            }
        } finally {
            RangeJob.parallelMinElements(RangeJob.PARALLEL_MIN_ELEMENTS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }
}
