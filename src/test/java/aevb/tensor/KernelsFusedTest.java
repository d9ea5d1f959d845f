package aevb.tensor;

import static aevb.tensor.KernelsElementwiseTest.ULPS_COMPOSED;
import static aevb.tensor.KernelsElementwiseTest.ULPS_MATH;
import static aevb.tensor.KernelsElementwiseTest.assertWithinUlps;
import static aevb.tensor.KernelsGemmTest.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The fused kernels (a tanh layer's activation and its backward step, the Bernoulli
 * log-likelihood from logits, the Gaussian KL, the reparameterisation, the optimiser updates)
 * against their scalar twins, on generated shapes whose sizes are not multiples of the lane count.
 *
 * <p>What is plain arithmetic lane by lane is compared bit for bit: the tanh backward step with
 * its column sums, the KL's and the sampler's gradients with respect to mu, and the Adagrad and
 * Adam updates (sqrt and division are correctly rounded in both). What goes through exp, log1p
 * or tanh, or sums a row in lanes, gets a tolerance built from the per-element bounds of
 * {@link KernelsElementwiseTest} and the float rounding of a regrouped sum, stated at each check.
 */
class KernelsFusedTest {
    private static final TensorKernels SIMD = Kernels.SIMD;
    private static final TensorKernels SCALAR = ScalarKernels.SCALAR;
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
            SIMD.biasTanh(x, bias, out, rows, cols);
            SIMD.bernoulliLogLikelihood(p, x, row, out, rows, cols);
            SIMD.bernoulliLogLikelihoodBackward(p, out, row, g, rows, cols, rep % 2 == 0);
            SIMD.gaussianNegKl(g, g, row, rows, cols);
            SIMD.gaussianNegKlBackward(g, g, row, out, out.clone(), rows, cols);
            SIMD.reparameterize(g, g, p, out, n);
            SIMD.reparameterizeBackward(g, p, g, out, out.clone(), n);
        }
    }

    @AfterContainer
    static void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
        Kernels.parallelMinElements(Kernels.PARALLEL_MIN_ELEMENTS);
    }

    static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextDouble(lo, hi);
        }
        return x;
    }

    /** |actual - expected| <= tol[i] for every element. */
    static void assertClose(float[] expected, float[] actual, double[] tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (!(d <= tol[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", the twin gives "
                        + expected[i] + " (difference " + d + ", allowed " + tol[i] + ")");
            }
        }
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
        SCALAR.biasTanh(x, bias, e, rows, cols);
        float[] o = x.clone();
        SIMD.biasTanh(o, bias, o, rows, cols);
        float[] pre = new float[rows * cols];
        SCALAR.addRowVector(x, bias, pre, rows, cols);
        assertWithinUlps(pre, e, o, ULPS_MATH, "biasTanh " + rows + "x" + cols);
    }

    /** d = g ⊙ (1 - y²) and the column sums of d, in row order: exact. */
    @Property(tries = 100)
    void tanhBackwardIsExact(@ForAll @IntRange(min = 0, max = 30) int rows,
                             @ForAll @IntRange(min = 0, max = 70) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] g = KernelsGemmTest.values(rnd, rows * cols);
        float[] y = uniform(rnd, rows * cols, -1, 1);
        float[] db0 = KernelsGemmTest.values(rnd, cols);
        float[] de = new float[rows * cols], dbe = db0.clone();
        float[] d = new float[rows * cols], db = db0.clone();
        SCALAR.tanhBackward(g, y, de, dbe, rows, cols);
        SIMD.tanhBackward(g, y, d, db, rows, cols);
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
        SCALAR.bernoulliLogLikelihood(x, a, e, meanE, rows, cols);
        SIMD.bernoulliLogLikelihood(x, a, o, meanO, rows, cols);
        assertWithinUlps(a, meanE, meanO, ULPS_COMPOSED, "bernoulliLogLikelihood mean " + rows + "x" + cols);
        float[] noMean = new float[rows];
        SIMD.bernoulliLogLikelihood(x, a, noMean, null, rows, cols);
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
        float[] da0 = KernelsGemmTest.values(rnd, rows * cols);
        float[] mean = new float[rows * cols];
        SCALAR.bernoulliLogLikelihood(x, a, new float[rows], mean, rows, cols);
        float[] e = da0.clone(), o = da0.clone();
        SCALAR.bernoulliLogLikelihoodBackward(x, mean, g, e, rows, cols, accumulate);
        SIMD.bernoulliLogLikelihoodBackward(x, mean, g, o, rows, cols, accumulate);
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
        SIMD.bernoulliLogLikelihood(x, a, out, mean, 2, cols);
        float[] da = new float[a.length];
        SIMD.bernoulliLogLikelihoodBackward(x, mean, new float[] {1, 1}, da, 2, cols, false);
        float[] expected = new float[2];
        SCALAR.bernoulliLogLikelihood(x, a, expected, null, 2, cols);
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
        SCALAR.gaussianNegKl(mu, lv, e, rows, cols);
        SIMD.gaussianNegKl(mu, lv, o, rows, cols);
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
        float[] dmu0 = KernelsGemmTest.values(rnd, rows * cols), dlv0 = KernelsGemmTest.values(rnd, rows * cols);
        float[] dmuE = dmu0.clone(), dlvE = dlv0.clone(), dmuO = dmu0.clone(), dlvO = dlv0.clone();
        SCALAR.gaussianNegKlBackward(mu, lv, g, dmuE, dlvE, rows, cols);
        SIMD.gaussianNegKlBackward(mu, lv, g, dmuO, dlvO, rows, cols);
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
        SCALAR.reparameterize(mu, lv, eps, e, n);
        SIMD.reparameterize(mu, lv, eps, o, n);
        double[] tol = new double[n];
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * lv[i]);
            tol[i] = Math.abs(eps[i]) * (ULPS_MATH + 1) * Math.ulp(sigma) + 2 * Math.ulp(e[i]);
        }
        assertClose(e, o, tol, "reparameterize n=" + n);

        float[] dmu0 = KernelsGemmTest.values(rnd, n), dlv0 = KernelsGemmTest.values(rnd, n);
        float[] dmuE = dmu0.clone(), dlvE = dlv0.clone(), dmuO = dmu0.clone(), dlvO = dlv0.clone();
        SCALAR.reparameterizeBackward(lv, eps, g, dmuE, dlvE, n);
        SIMD.reparameterizeBackward(lv, eps, g, dmuO, dlvO, n);
        assertBitEqual(dmuE, dmuO, "reparameterizeBackward dmu n=" + n);
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * lv[i]);
            tol[i] = Math.abs(0.5 * g[i] * eps[i]) * (ULPS_MATH + 2) * Math.ulp(sigma) + 2 * Math.ulp(dlvE[i]);
        }
        assertClose(dlvE, dlvO, tol, "reparameterizeBackward dlogVar n=" + n);
    }

    // ---- the optimisers and the finiteness check ----

    @Property(tries = 100)
    void adagradAndAdamAreExact(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll boolean decay,
                                @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float lambda = decay ? 1f / 60000 : 0f;
        float[] w0 = KernelsGemmTest.values(rnd, n), g0 = KernelsGemmTest.values(rnd, n);
        float[] s0 = uniform(rnd, n, 0, 2), v0 = uniform(rnd, n, 0, 2), m0 = KernelsGemmTest.values(rnd, n);

        float[] we = w0.clone(), ge = g0.clone(), se = s0.clone();
        float[] wo = w0.clone(), go = g0.clone(), so = s0.clone();
        SCALAR.adagrad(we, ge, se, 0.02f, lambda, 1e-8f, n);
        SIMD.adagrad(wo, go, so, 0.02f, lambda, 1e-8f, n);
        assertBitEqual(we, wo, "adagrad w n=" + n);
        assertBitEqual(se, so, "adagrad G n=" + n);
        assertBitEqual(ge, go, "adagrad g n=" + n);
        assertBitEqual(new float[n], go, "adagrad zeroes g");

        we = w0.clone(); ge = g0.clone();
        wo = w0.clone(); go = g0.clone();
        float[] me = m0.clone(), ve = v0.clone(), mo = m0.clone(), vo = v0.clone();
        SCALAR.adam(we, ge, me, ve, 0.9f, 0.999f, 1e-3f, 1e-8f, lambda, n);
        SIMD.adam(wo, go, mo, vo, 0.9f, 0.999f, 1e-3f, 1e-8f, lambda, n);
        assertBitEqual(we, wo, "adam w n=" + n);
        assertBitEqual(me, mo, "adam m n=" + n);
        assertBitEqual(ve, vo, "adam v n=" + n);
        assertBitEqual(ge, go, "adam g n=" + n);
    }

    @Property(tries = 100)
    void allFiniteFindsEveryNanAndInfinity(@ForAll @IntRange(min = 0, max = 100) int n,
                                           @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = KernelsGemmTest.values(rnd, n);
        if (n > 0 && kind > 0) {
            x[rnd.nextInt(n)] = kind == 1 ? Float.NaN : kind == 2 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        assertEquals(SCALAR.allFinite(x, n), SIMD.allFinite(x, n), "n=" + n + " kind=" + kind);
        assertEquals(n == 0 || kind == 0, SIMD.allFinite(x, n));
    }

    /**
     * Adagrad and Adam on all parameters in one call, cut over threads wherever the chunks fall
     * (the threshold lowered so that small sets are split too): the bits of the scalar twin called
     * parameter by parameter, on 1, 2 and 3 threads.
     */
    @Property(tries = 60)
    void optimisersOverAllParametersAreTheTwinParameterByParameter(@ForAll @IntRange(min = 1, max = 6) int count,
                                                               @ForAll @IntRange(min = 0, max = 90) int most,
                                                               @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] w = new float[count][], g = new float[count][], s = new float[count][];
        float[] lambda = new float[count];
        for (int p = 0; p < count; p++) {
            int n = rnd.nextInt(most + 1);
            w[p] = KernelsGemmTest.values(rnd, n);
            g[p] = KernelsGemmTest.values(rnd, n);
            s[p] = uniform(rnd, n, 0, 2);
            lambda[p] = rnd.nextBoolean() ? 1f / 60000 : 0f;
        }
        float[][] we = deepCopy(w), ge = deepCopy(g), se = deepCopy(s);
        float[][] ae = deepCopy(w), be = deepCopy(g), me = deepCopy(g), ve = deepCopy(s);   // Adam's
        for (int p = 0; p < count; p++) {
            SCALAR.adagrad(we[p], ge[p], se[p], 0.02f, lambda[p], 1e-8f, we[p].length);
            SCALAR.adam(ae[p], be[p], me[p], ve[p], 0.9f, 0.999f, 1e-3f, 1e-8f, lambda[p], ae[p].length);
        }
        Kernels.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[][] wo = deepCopy(w), go = deepCopy(g), so = deepCopy(s);
                SIMD.adagrad(wo, go, so, 0.02f, lambda, 1e-8f);
                float[][] ao = deepCopy(w), bo = deepCopy(g), mo = deepCopy(g), vo = deepCopy(s);
                SIMD.adam(ao, bo, mo, vo, 0.9f, 0.999f, 1e-3f, 1e-8f, lambda);
                for (int p = 0; p < count; p++) {
                    String at = "parameter " + p + " of " + count + " on " + threads + " threads";
                    assertBitEqual(we[p], wo[p], "adagrad w, " + at);
                    assertBitEqual(se[p], so[p], "adagrad G, " + at);
                    assertBitEqual(ge[p], go[p], "adagrad g, " + at);
                    assertBitEqual(ae[p], ao[p], "adam w, " + at);
                    assertBitEqual(me[p], mo[p], "adam m, " + at);
                    assertBitEqual(ve[p], vo[p], "adam v, " + at);
                    assertBitEqual(be[p], bo[p], "adam g, " + at);
                }
            }
        } finally {
            Kernels.parallelMinElements(Kernels.PARALLEL_MIN_ELEMENTS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }

    /** The first array holding a NaN or an infinity, over all of them at once, on 1 to 3 threads. */
    @Property(tries = 100)
    void firstNonFiniteNamesTheFirstBadArray(@ForAll @IntRange(min = 1, max = 6) int count,
                                             @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] xs = new float[count][];
        for (int p = 0; p < count; p++) {
            xs[p] = KernelsGemmTest.values(rnd, rnd.nextInt(80));
        }
        int expected = -1;
        if (kind > 0) {
            for (int p = count - 1; p >= 0; p--) {   // spoil some arrays; the lowest index wins
                if (xs[p].length > 0 && (p == 0 || rnd.nextBoolean())) {
                    xs[p][rnd.nextInt(xs[p].length)] =
                            kind == 1 ? Float.NaN : kind == 2 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                    expected = p;
                }
            }
        }
        Kernels.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                assertEquals(expected, SIMD.firstNonFinite(xs), "on " + threads + " threads");
                assertEquals(expected, SCALAR.firstNonFinite(xs));
            }
        } finally {
            Kernels.parallelMinElements(Kernels.PARALLEL_MIN_ELEMENTS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }

    private static float[][] deepCopy(float[][] x) {
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }

    // ---- a layer's backward products ----

    /** dx = d·W and dW = dᵀ·x, side by side or not: the twin's bits on 1, 2 and 3 threads. */
    @Property(tries = 40)
    void linearBackwardIsExactOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 30) int m,
                                               @ForAll @IntRange(min = 1, max = 40) int in,
                                               @ForAll @IntRange(min = 1, max = 40) int out,
                                               @ForAll boolean inputGradient, @ForAll boolean accumulate,
                                               @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = KernelsGemmTest.values(rnd, m * out), x = KernelsGemmTest.values(rnd, m * in);
        float[] w = KernelsGemmTest.values(rnd, out * in);
        float[] dx0 = KernelsGemmTest.values(rnd, m * in), dw0 = KernelsGemmTest.values(rnd, out * in);
        float[] dxE = dx0.clone(), dwE = dw0.clone();
        SCALAR.linearBackward(d, x, w, inputGradient ? dxE : null, dwE, m, in, out, accumulate, accumulate);
        Kernels.parallelMinMacs(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] dx = dx0.clone(), dw = dw0.clone();
                SIMD.linearBackward(d, x, w, inputGradient ? dx : null, dw, m, in, out, accumulate, accumulate);
                assertBitEqual(dxE, dx, "dx " + m + "x" + in + "x" + out + " on " + threads + " threads");
                assertBitEqual(dwE, dw, "dW " + m + "x" + in + "x" + out + " on " + threads + " threads");
            }
        } finally {
            Kernels.parallelMinMacs(Kernels.PARALLEL_MIN_MACS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }

    /** Two heads side by side (the size window where they pair is forced open): the twin's bits. */
    @Property(tries = 40)
    void headPairIsExactOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 30) int m,
                                         @ForAll @IntRange(min = 0, max = 40) int k,
                                         @ForAll @IntRange(min = 1, max = 40) int n1,
                                         @ForAll @IntRange(min = 1, max = 40) int n2, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = KernelsGemmTest.values(rnd, m * k);
        float[] b1 = KernelsGemmTest.values(rnd, n1 * k), b2 = KernelsGemmTest.values(rnd, n2 * k);
        float[] e1 = new float[m * n1], e2 = new float[m * n2];
        SCALAR.gemmABtPair(a, b1, e1, n1, b2, e2, n2, m, k);
        Kernels.parallelMinMacs(2L * m * k * Math.max(n1, n2) + 1);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] c1 = new float[m * n1], c2 = new float[m * n2];
                SIMD.gemmABtPair(a, b1, c1, n1, b2, c2, n2, m, k);
                assertBitEqual(e1, c1, "head 1 on " + threads + " threads");
                assertBitEqual(e2, c2, "head 2 on " + threads + " threads");
            }
        } finally {
            Kernels.parallelMinMacs(Kernels.PARALLEL_MIN_MACS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }

    // ---- determinism over threads ----

    /** Each row, column block or element is one thread's, in a fixed order: the same bits on 1-3 threads. */
    @Property(tries = 30)
    void fusedKernelsAreBitIdenticalOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 40) int rows,
                                                     @ForAll @IntRange(min = 1, max = 90) int cols,
                                                     @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rows * cols;
        float[] x = uniform(rnd, n, -3, 3), bias = uniform(rnd, cols, -1, 1), g = KernelsGemmTest.values(rnd, n);
        float[] px = uniform(rnd, n, 0, 1), gRows = uniform(rnd, rows, -2, 2), s = uniform(rnd, n, 0, 1);
        float[][] reference = null;
        Kernels.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] y = new float[n];
                SIMD.biasTanh(x, bias, y, rows, cols);
                float[] d = new float[n], db = new float[cols];
                SIMD.tanhBackward(g, y, d, db, rows, cols);
                float[] ll = new float[rows], mean = new float[n];
                SIMD.bernoulliLogLikelihood(px, x, ll, mean, rows, cols);
                float[] da = g.clone();
                SIMD.bernoulliLogLikelihoodBackward(px, mean, gRows, da, rows, cols, true);
                float[] w = x.clone(), gw = g.clone(), ss = s.clone();
                SIMD.adagrad(w, gw, ss, 0.02f, 1e-4f, 1e-8f, n);
                float[] w2 = x.clone(), gw2 = g.clone(), m = g.clone(), v = s.clone();
                SIMD.adam(w2, gw2, m, v, 0.9f, 0.999f, 1e-3f, 1e-8f, 1e-4f, n);
                float[][] got = {y, d, db, ll, mean, da, w, ss, w2, m, v};
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
            Kernels.parallelMinElements(Kernels.PARALLEL_MIN_ELEMENTS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }
}
