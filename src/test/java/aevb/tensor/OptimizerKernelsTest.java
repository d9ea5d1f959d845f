package aevb.tensor;

import static aevb.tensor.KernelAsserts.assertBitEqual;
import static aevb.tensor.KernelAsserts.uniform;
import static aevb.tensor.KernelAsserts.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The optimiser kernels against their twins ({@link OptimizerKernels} against
 * {@link ScalarOptimizerKernels}): the Adagrad and Adam updates bit for bit (sqrt and division are
 * correctly rounded in both), one parameter at a time and all at once, and the finiteness check,
 * on 1, 2 and 3 threads.
 */
class OptimizerKernelsTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterContainer
    static void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
        RangeJob.parallelMinElements(RangeJob.PARALLEL_MIN_ELEMENTS);
    }

    // ---- the optimisers and the finiteness check ----

    @Property(tries = 100)
    void adagradAndAdamAreExact(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll boolean decay,
                                @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float lambda = decay ? 1f / 60000 : 0f;
        float[] w0 = values(rnd, n), g0 = values(rnd, n);
        float[] s0 = uniform(rnd, n, 0, 2), v0 = uniform(rnd, n, 0, 2), m0 = values(rnd, n);

        float[] we = w0.clone(), ge = g0.clone(), se = s0.clone();
        float[] wo = w0.clone(), go = g0.clone(), so = s0.clone();
        ScalarOptimizerKernels.adagrad(we, ge, se, 0.02f, lambda, 1e-8f, n);
        OptimizerKernels.adagrad(wo, go, so, 0.02f, lambda, 1e-8f, n);
        assertBitEqual(we, wo, "adagrad w n=" + n);
        assertBitEqual(se, so, "adagrad G n=" + n);
        assertBitEqual(ge, go, "adagrad g n=" + n);
        assertBitEqual(new float[n], go, "adagrad zeroes g");

        we = w0.clone(); ge = g0.clone();
        wo = w0.clone(); go = g0.clone();
        float[] me = m0.clone(), ve = v0.clone(), mo = m0.clone(), vo = v0.clone();
        ScalarOptimizerKernels.adam(we, ge, me, ve, 0.9f, 0.999f, 1e-3f, 1e-8f, lambda, n);
        OptimizerKernels.adam(wo, go, mo, vo, 0.9f, 0.999f, 1e-3f, 1e-8f, lambda, n);
        assertBitEqual(we, wo, "adam w n=" + n);
        assertBitEqual(me, mo, "adam m n=" + n);
        assertBitEqual(ve, vo, "adam v n=" + n);
        assertBitEqual(ge, go, "adam g n=" + n);
    }

    @Property(tries = 100)
    void allFiniteFindsEveryNanAndInfinity(@ForAll @IntRange(min = 0, max = 100) int n,
                                           @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = values(rnd, n);
        if (n > 0 && kind > 0) {
            x[rnd.nextInt(n)] = kind == 1 ? Float.NaN : kind == 2 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        assertEquals(ScalarOptimizerKernels.allFinite(x, n), OptimizerKernels.allFinite(x, n), "n=" + n + " kind=" + kind);
        assertEquals(n == 0 || kind == 0, OptimizerKernels.allFinite(x, n));
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
            w[p] = values(rnd, n);
            g[p] = values(rnd, n);
            s[p] = uniform(rnd, n, 0, 2);
            lambda[p] = rnd.nextBoolean() ? 1f / 60000 : 0f;
        }
        float[][] we = deepCopy(w), ge = deepCopy(g), se = deepCopy(s);
        float[][] ae = deepCopy(w), be = deepCopy(g), me = deepCopy(g), ve = deepCopy(s);   // Adam's
        for (int p = 0; p < count; p++) {
            ScalarOptimizerKernels.adagrad(we[p], ge[p], se[p], 0.02f, lambda[p], 1e-8f, we[p].length);
            ScalarOptimizerKernels.adam(ae[p], be[p], me[p], ve[p], 0.9f, 0.999f, 1e-3f, 1e-8f, lambda[p], ae[p].length);
        }
        RangeJob.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[][] wo = deepCopy(w), go = deepCopy(g), so = deepCopy(s);
                OptimizerKernels.adagrad(wo, go, so, 0.02f, lambda, 1e-8f);
                float[][] ao = deepCopy(w), bo = deepCopy(g), mo = deepCopy(g), vo = deepCopy(s);
                OptimizerKernels.adam(ao, bo, mo, vo, 0.9f, 0.999f, 1e-3f, 1e-8f, lambda);
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
            RangeJob.parallelMinElements(RangeJob.PARALLEL_MIN_ELEMENTS);
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
            xs[p] = values(rnd, rnd.nextInt(80));
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
        RangeJob.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                assertEquals(expected, OptimizerKernels.firstNonFinite(xs), "on " + threads + " threads");
                assertEquals(expected, ScalarKernels.SCALAR.firstNonFinite(xs));
            }
        } finally {
            RangeJob.parallelMinElements(RangeJob.PARALLEL_MIN_ELEMENTS);
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

    // ---- determinism over threads ----

    /** Each element range is one thread's: the same bits on 1-3 threads. */
    @Property(tries = 30)
    void optimisersAreBitIdenticalOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 40) int rows,
                                                     @ForAll @IntRange(min = 1, max = 90) int cols,
                                                     @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rows * cols;
        float[] x = uniform(rnd, n, -3, 3), g = values(rnd, n), s = uniform(rnd, n, 0, 1);
        float[][] reference = null;
        RangeJob.parallelMinElements(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] w = x.clone(), gw = g.clone(), ss = s.clone();
                OptimizerKernels.adagrad(w, gw, ss, 0.02f, 1e-4f, 1e-8f, n);
                float[] w2 = x.clone(), gw2 = g.clone(), m = g.clone(), v = s.clone();
                OptimizerKernels.adam(w2, gw2, m, v, 0.9f, 0.999f, 1e-3f, 1e-8f, 1e-4f, n);
                float[][] got = {w, ss, w2, m, v};
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
