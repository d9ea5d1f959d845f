package aevb.tensor.gemm;

import static aevb.tensor.KernelAsserts.assertBitEqual;
import static aevb.tensor.KernelAsserts.values;

import aevb.tensor.Parallel;
import aevb.tensor.gemm.GemmTest.Layout;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Determinism: the same GEMM on 1, 2 and 3 threads gives the same bits, and those of the scalar
 * twin. Each output element is summed by one thread in k order, so the split cannot matter.
 */
class GemmThreadsTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterContainer
    static void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
        Gemm.parallelMinMacs(Gemm.PARALLEL_MIN_MACS);
    }

    /** The training step's GEMMs; each is above the size where the work is split. */
    @Example
    void trainingStepGemmsAreBitIdenticalOnAnyThreadCount() {
        int[][] shapes = {{100, 784, 500}, {100, 500, 20}, {100, 20, 500}, {100, 500, 784}};
        for (int[] s : shapes) {
            for (Layout layout : Layout.values()) {
                boolean atb = layout == Layout.ATB;
                // Aᵀ·B is a weight gradient: (out, M) x (M, in), so m and k trade places.
                int m = atb ? s[2] : s[0], k = atb ? s[0] : s[1], n = atb ? s[1] : s[2];
                assertSameOnEveryThreadCount(layout, m, k, n, true, 11);
            }
        }
    }

    /** Small, odd shapes, with the size threshold lowered so that they too are split. */
    @Property(tries = 100)
    void generatedShapesAreBitIdenticalOnAnyThreadCount(@ForAll Layout layout,
                                                        @ForAll @IntRange(min = 1, max = 60) int m,
                                                        @ForAll @IntRange(min = 0, max = 40) int k,
                                                        @ForAll @IntRange(min = 1, max = 150) int n,
                                                        @ForAll boolean accumulate,
                                                        @ForAll long seed) {
        Gemm.parallelMinMacs(0);
        try {
            assertSameOnEveryThreadCount(layout, m, k, n, accumulate, seed);
        } finally {
            Gemm.parallelMinMacs(Gemm.PARALLEL_MIN_MACS);
        }
    }

    private static void assertSameOnEveryThreadCount(Layout layout, int m, int k, int n, boolean acc, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = values(rnd, m * k);
        float[] b = values(rnd, k * n);
        float[] c0 = values(rnd, m * n);
        float[] expected = c0.clone();
        layout.twin.run(a, b, expected, m, k, n, acc);
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            float[] c = c0.clone();
            layout.simd.run(a, b, c, m, k, n, acc);
            assertBitEqual(expected, c, layout + " m=" + m + " k=" + k + " n=" + n + " on " + threads + " threads");
        }
    }
}
