package aevb.tensor;

import static aevb.tensor.KernelAsserts.assertBitEqual;
import static aevb.tensor.KernelAsserts.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The sums against their twin ({@link Reductions} against {@link ScalarReductions}): column sums
 * bit for bit (the twin's order), the sums that regroup their terms in lanes within the bound of
 * their rounding, stated at each check.
 */
class ReductionsTest {
    /** Column sums keep the twin's order (rows in turn, lanes across columns): exact. */
    @Property(tries = 100)
    void colSumsAreExact(@ForAll @IntRange(min = 0, max = 30) int rows,
                         @ForAll @IntRange(min = 0, max = 70) int cols,
                         @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = values(rnd, rows * cols);
        float[] e = values(rnd, cols);
        float[] o = e.clone();
        ScalarReductions.colSums(x, e, rows, cols, accumulate);
        Reductions.colSums(x, o, rows, cols, accumulate);
        assertBitEqual(e, o, "colSums " + rows + "x" + cols + " acc=" + accumulate);
    }

    // ---- within a tolerance: reductions that regroup the sum ----

    /**
     * sum and dot accumulate in double, in lanes: both orders are within n·2⁻⁵³·Σ|terms| of the
     * exact sum, so within twice that of each other. A float accumulator would miss by ~2⁻²⁴.
     */
    @Property(tries = 150)
    void sumAndDotAgreeToDoubleRounding(@ForAll @IntRange(min = 0, max = 1000) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = values(rnd, n);
        float[] b = values(rnd, n);
        double absSum = 0;
        double absDot = 0;
        for (int i = 0; i < n; i++) {
            absSum += Math.abs(a[i]);
            absDot += Math.abs((double) a[i] * b[i]);
        }
        double u = Math.ulp(1.0) / 2;
        assertEquals(ScalarReductions.sum(a, n), Reductions.sum(a, n), 2 * n * u * absSum + Double.MIN_VALUE, "sum n=" + n);
        assertEquals(ScalarReductions.dot(a, b, n), Reductions.dot(a, b, n), 2 * n * u * absDot + Double.MIN_VALUE, "dot n=" + n);
    }

    /** rowSums accumulate in float, in lanes: within 2·cols·2⁻²⁴·Σ|row| of the twin's sum. */
    @Property(tries = 100)
    void rowSumsAgreeToFloatRounding(@ForAll @IntRange(min = 0, max = 9) int rows,
                                     @ForAll @IntRange(min = 0, max = 300) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = values(rnd, rows * cols);
        float[] e = new float[rows];
        float[] o = new float[rows];
        ScalarReductions.rowSums(x, e, rows, cols);
        Reductions.rowSums(x, o, rows, cols);
        double u = Math.ulp(1f) / 2;
        for (int r = 0; r < rows; r++) {
            double abs = 0;
            for (int c = 0; c < cols; c++) {
                abs += Math.abs(x[r * cols + c]);
            }
            assertEquals(e[r], o[r], 2 * cols * u * abs, "row " + r + " of " + rows + "x" + cols);
        }
    }
}
