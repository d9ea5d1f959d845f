package aevb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The SIMD GEMM against its scalar twin, bit for bit: both sum over k in increasing order with
 * one fused multiply-add per term, so any difference at all is a bug (a lost tile, a wrong edge,
 * a reordered sum), not rounding.
 */
class KernelsGemmTest {

    /** The three layouts, each run through one kernel set. */
    enum Layout {
        AB, ABT, ATB;

        void run(TensorKernels kk, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
            switch (this) {
                case AB -> kk.gemm(a, b, c, m, k, n, acc);
                case ABT -> kk.gemmABt(a, b, c, m, k, n, acc);
                case ATB -> kk.gemmAtB(a, b, c, m, k, n, acc);
            }
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
        Kernels.SIMD.gemm(a, b, c, 2, 2, 2, true);
        assertEquals(java.util.Arrays.toString(new float[] {20, 23, 44, 51}), java.util.Arrays.toString(c));
        Kernels.SIMD.gemm(a, b, c, 2, 2, 2, false);
        assertEquals(java.util.Arrays.toString(new float[] {19, 22, 43, 50}), java.util.Arrays.toString(c));
    }

    @Example
    void tooSmallArraysAreRejectedWithTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.SIMD.gemmABt(new float[6], new float[6], new float[3], 2, 3, 2, false));
        assertTrue(e.getMessage().contains("gemmABt") && e.getMessage().contains("m=2 k=3 n=2"), e.getMessage());
    }

    static void assertSameAsScalar(Layout layout, int m, int k, int n, boolean acc, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = values(rnd, m * k);
        float[] b = values(rnd, k * n);
        float[] c = values(rnd, m * n);
        float[] expected = c.clone();
        layout.run(ScalarKernels.SCALAR, a, b, expected, m, k, n, acc);
        layout.run(Kernels.SIMD, a, b, c, m, k, n, acc);
        assertBitEqual(expected, c, layout + " m=" + m + " k=" + k + " n=" + n + " acc=" + acc);
    }

    /** Values of mixed sign and magnitude, so that any change of summation order shows. */
    static float[] values(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * Math.pow(2, rnd.nextInt(-6, 7)));
        }
        return x;
    }

    static void assertBitEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i]
                        + ", the scalar twin gives " + expected[i]);
            }
        }
    }
}
