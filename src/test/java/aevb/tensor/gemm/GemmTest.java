package aevb.tensor.gemm;

import static aevb.tensor.KernelAsserts.assertBitEqual;
import static aevb.tensor.KernelAsserts.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.tensor.Parallel;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The GEMM room against its scalar twin ({@link Gemm} against {@link ScalarGemm}), bit for bit:
 * both sum over k in increasing order with one fused multiply-add per term, so any difference at
 * all is a bug (a lost tile, a wrong edge, a reordered sum), not rounding. Also the two pairs of
 * products a training step runs side by side, on 1, 2 and 3 threads.
 */
class GemmTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterContainer
    static void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
        Gemm.parallelMinMacs(Gemm.PARALLEL_MIN_MACS);
    }

    /** One product: C (m,n) [+]= the layout's product of A and B. */
    interface Product {
        void run(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc);
    }

    /** The three layouts, each as the SIMD GEMM and its scalar twin. */
    enum Layout {
        AB(Gemm::gemm, ScalarGemm::gemm), ABT(Gemm::gemmABt, ScalarGemm::gemmABt), ATB(Gemm::gemmAtB, ScalarGemm::gemmAtB);

        final Product simd, twin;

        Layout(Product simd, Product twin) {
            this.simd = simd;
            this.twin = twin;
        }
    }

    /**
     * Generated shapes cover the edges of the tiling: 0 and 1, rows not a multiple of the 8-row
     * tile, columns not a multiple of the 16-lane vector nor of the 48-column panel, k = 0; the
     * larger ones cross the threshold where the work is split over threads.
     */
    @Property(tries = 200)
    void everyLayoutMatchesTheScalarTwinBitForBit(@ForAll Layout layout,
                                                  @ForAll @IntRange(min = 0, max = 37) int m,
                                                  @ForAll @IntRange(min = 0, max = 70) int k,
                                                  @ForAll @IntRange(min = 0, max = 103) int n,
                                                  @ForAll boolean accumulate,
                                                  @ForAll long seed) {
        assertSameAsScalar(layout, m, k, n, accumulate, seed);
    }

    /**
     * Long sums cut in k-blocks (k beyond one 128-step block, and not a multiple of it) over
     * several panels, so A is packed, including its padded last tile: each element must still be
     * one sum in k order.
     */
    @Property(tries = 60)
    void kBlocksOfPackedTilesMatchTheScalarTwinBitForBit(@ForAll Layout layout,
                                                         @ForAll @IntRange(min = 1, max = 21) int m,
                                                         @ForAll @IntRange(min = 120, max = 300) int k,
                                                         @ForAll @IntRange(min = 49, max = 110) int n,
                                                         @ForAll boolean accumulate,
                                                         @ForAll long seed) {
        assertSameAsScalar(layout, m, k, n, accumulate, seed);
    }

    /** The paper's MNIST shapes at minibatch M = 100, large enough to run on every thread. */
    @Example
    void paperShapesMatchTheScalarTwinBitForBit() {
        int[][] shapes = {{100, 784, 500}, {100, 500, 20}, {100, 20, 500}, {100, 500, 784}};
        for (int[] s : shapes) {
            assertSameAsScalar(Layout.ABT, s[0], s[1], s[2], false, 1);
            assertSameAsScalar(Layout.AB, s[0], s[1], s[2], true, 2);
            assertSameAsScalar(Layout.ATB, s[2], s[0], s[1], true, 3);
        }
    }

    @Example
    void accumulateAddsToWhatIsThere() {
        // 2x2 by hand: [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50], added to C = 1.
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {1, 1, 1, 1};
        Gemm.gemm(a, b, c, 2, 2, 2, true);
        assertEquals(java.util.Arrays.toString(new float[] {20, 23, 44, 51}), java.util.Arrays.toString(c));
        Gemm.gemm(a, b, c, 2, 2, 2, false);
        assertEquals(java.util.Arrays.toString(new float[] {19, 22, 43, 50}), java.util.Arrays.toString(c));
    }

    @Example
    void tooSmallArraysAreRejectedWithTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemmABt(new float[6], new float[6], new float[3], 2, 3, 2, false));
        assertTrue(e.getMessage().contains("gemmABt") && e.getMessage().contains("m=2 k=3 n=2"), e.getMessage());
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
        float[] d = values(rnd, m * out), x = values(rnd, m * in);
        float[] w = values(rnd, out * in);
        float[] dx0 = values(rnd, m * in), dw0 = values(rnd, out * in);
        float[] dxE = dx0.clone(), dwE = dw0.clone();
        ScalarGemm.linearBackward(d, x, w, inputGradient ? dxE : null, dwE, m, in, out, accumulate, accumulate);
        Gemm.parallelMinMacs(0);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] dx = dx0.clone(), dw = dw0.clone();
                Gemm.linearBackward(d, x, w, inputGradient ? dx : null, dw, m, in, out, accumulate, accumulate);
                assertBitEqual(dxE, dx, "dx " + m + "x" + in + "x" + out + " on " + threads + " threads");
                assertBitEqual(dwE, dw, "dW " + m + "x" + in + "x" + out + " on " + threads + " threads");
            }
        } finally {
            Gemm.parallelMinMacs(Gemm.PARALLEL_MIN_MACS);
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
        float[] a = values(rnd, m * k);
        float[] b1 = values(rnd, n1 * k), b2 = values(rnd, n2 * k);
        float[] e1 = new float[m * n1], e2 = new float[m * n2];
        ScalarGemm.gemmABtPair(a, b1, e1, n1, b2, e2, n2, m, k);
        Gemm.parallelMinMacs(2L * m * k * Math.max(n1, n2) + 1);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] c1 = new float[m * n1], c2 = new float[m * n2];
                Gemm.gemmABtPair(a, b1, c1, n1, b2, c2, n2, m, k);
                assertBitEqual(e1, c1, "head 1 on " + threads + " threads");
                assertBitEqual(e2, c2, "head 2 on " + threads + " threads");
            }
        } finally {
            Gemm.parallelMinMacs(Gemm.PARALLEL_MIN_MACS);
            Parallel.setThreads(DEFAULT_THREADS);
        }
    }

    static void assertSameAsScalar(Layout layout, int m, int k, int n, boolean acc, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = values(rnd, m * k);
        float[] b = values(rnd, k * n);
        float[] c = values(rnd, m * n);
        float[] expected = c.clone();
        layout.twin.run(a, b, expected, m, k, n, acc);
        layout.simd.run(a, b, c, m, k, n, acc);
        assertBitEqual(expected, c, layout + " m=" + m + " k=" + k + " n=" + n + " acc=" + acc);
    }
}
