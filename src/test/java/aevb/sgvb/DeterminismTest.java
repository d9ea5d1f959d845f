package aevb.sgvb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.nn.Adagrad;
import aevb.nn.Adam;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.tensor.Backend;
import aevb.tensor.Parallel;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training is a function of the seed alone: the same steps on 1, 2 and 3 threads leave the same
 * bits in every parameter and every optimiser state, and return the same bounds. The model is
 * the paper's MNIST one (784-500-20, M = 100), so that its GEMMs and fused kernels are large
 * enough to be split over the threads. The SIMD kernels and their scalar twins agree within a
 * tolerance (their transcendental functions differ in the last bits).
 */
class DeterminismTest {
    private static final int DEFAULT_THREADS = Parallel.threads();
    private static final int N = 600, M = 100;

    @AfterEach
    void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
        Backend.useSimd(true);
    }

    /** Parameters, optimiser state and the bounds of each step, after {@code steps} steps. */
    record Run(List<float[]> arrays, List<Double> bounds) {}

    static Run train(VaeConfig config, Supplier<Optimizer> optimizer, int steps, long seed) {
        Vae vae = Vae.initialised(config, seed);
        Tensor data = ModelFixtures.data(N, config.dataDim(), seed + 1);
        Aevb aevb = new Aevb(vae, new EstimatorB(), optimizer.get(), WeightDecay.priorPerDataPoint(N), 1, seed);
        List<Double> bounds = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int from = (s * M) % N;
            bounds.add(aevb.step(data.rowSlice(from, from + M)));
        }
        List<float[]> arrays = new ArrayList<>();
        for (Parameter p : vae.parameters()) {
            arrays.add(p.value.data.clone());
        }
        for (Map.Entry<String, float[]> e : aevb.optimizer().state(vae.parameters()).entrySet()) {
            arrays.add(e.getValue().clone());
        }
        return new Run(arrays, bounds);
    }

    static void assertSameBits(Run expected, Run actual, String what) {
        assertEquals(expected.bounds(), actual.bounds(), what + ": bounds");
        assertEquals(expected.arrays().size(), actual.arrays().size());
        for (int a = 0; a < expected.arrays().size(); a++) {
            float[] e = expected.arrays().get(a), g = actual.arrays().get(a);
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(g[i])) {
                    throw new AssertionError(what + ": array " + a + " element " + i + " is " + g[i]
                            + " instead of " + e[i]);
                }
            }
        }
    }

    @Test
    void theSameBitsOnOneTwoAndThreeThreads() {
        VaeConfig mnist = new VaeConfig(784, 500, 20, "bernoulli");
        for (Supplier<Optimizer> opt : List.<Supplier<Optimizer>>of(() -> new Adagrad(0.02), () -> new Adam(1e-3))) {
            Parallel.setThreads(1);
            Run one = train(mnist, opt, 20, 7);
            for (int threads = 2; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                assertSameBits(one, train(mnist, opt, 20, 7), opt.get().name() + " on " + threads + " threads");
            }
        }
    }

    /**
     * SIMD against the scalar twins on a smaller model. The twins compute exp, tanh and log1p in
     * double and round once; the SIMD kernels are within 1-2 ulps of that, and the GEMMs agree
     * to the bit, so after 10 steps the bound agrees to ~1e-5 relative and the parameters to
     * ~1e-5 of their norm (measured 2e-6); 1e-4 leaves a margin. Adagrad's first step is
     * lr·sign(g), so a gradient element at the rounding level could move by 2·lr: the norm
     * comparison absorbs a few such elements.
     */
    @Test
    void simdAndScalarAgreeWithinRounding() {
        VaeConfig small = new VaeConfig(64, 48, 6, "bernoulli");
        Run simd = train(small, () -> new Adagrad(0.02), 10, 3);
        Backend.useSimd(false);
        Run scalar = train(small, () -> new Adagrad(0.02), 10, 3);
        for (int s = 0; s < simd.bounds().size(); s++) {
            double e = scalar.bounds().get(s);
            assertEquals(e, simd.bounds().get(s), 1e-4 * Math.abs(e), "bound of step " + s);
        }
        double diff = 0, norm = 0;
        for (int a = 0; a < simd.arrays().size(); a++) {
            float[] e = scalar.arrays().get(a), g = simd.arrays().get(a);
            for (int i = 0; i < e.length; i++) {
                diff += (double) (g[i] - e[i]) * (g[i] - e[i]);
                norm += (double) e[i] * e[i];
            }
        }
        double rel = Math.sqrt(diff / norm);
        assertTrue(rel < 1e-4, "SIMD and scalar parameters differ by " + rel + " of their norm");
    }
}
