package aevb.tensor;

import static aevb.tensor.ExactMath.sumOf;
import static aevb.tensor.Simd.D;
import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.FH;
import static aevb.tensor.Simd.L;
import static aevb.tensor.Simd.load;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The sums of {@link TensorKernels}: Σ x and Σ a ⊙ b over n floats in double, and the row and
 * column sums of a (rows,cols) matrix in float. Their oracle is {@link ScalarReductions}.
 *
 * <p>Lanes hold partial sums, so the order of sum and dot differs from the twin's left-to-right
 * sum: equal up to rounding (the tests state the bound); the lanes are added up in a fixed order
 * ({@link ExactMath#sumOf}), so the result is the same on every run. colSums sums each column in
 * row order, lanes across columns, and so matches the twin exactly: it is a bias gradient, which
 * the training step must get to the same bits on any thread count.
 */
final class Reductions {
    private Reductions() {}

    /** Σ x in double: each half-vector of floats is widened to doubles and added lane-wise. */
    static double sum(float[] x, int n) {
        int h = FH.length();
        int bound = FH.loopBound(n);
        DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
        int i = 0;
        for (; i + 2 * h <= bound; i += 2 * h) {
            s0 = s0.add(widen(x, i));
            s1 = s1.add(widen(x, i + h));
        }
        for (; i < bound; i += h) {
            s0 = s0.add(widen(x, i));
        }
        double[] lanes = Scratch.get().doubleLanes;
        s0.add(s1).intoArray(lanes, 0);
        double s = sumOf(lanes);
        for (; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** Σ a ⊙ b in double; a float product is exact in double, so only the sum rounds. */
    static double dot(float[] a, float[] b, int n) {
        int h = FH.length();
        int bound = FH.loopBound(n);
        DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
        int i = 0;
        for (; i + 2 * h <= bound; i += 2 * h) {
            s0 = widen(a, i).fma(widen(b, i), s0);
            s1 = widen(a, i + h).fma(widen(b, i + h), s1);
        }
        for (; i < bound; i += h) {
            s0 = widen(a, i).fma(widen(b, i), s0);
        }
        double[] lanes = Scratch.get().doubleLanes;
        s0.add(s1).intoArray(lanes, 0);
        double s = sumOf(lanes);
        for (; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static DoubleVector widen(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FH, x, i).convertShape(VectorOperators.F2D, D, 0);
    }

    /** out (rows,1) = Σ over each row of x (rows,cols), in float like the twin. */
    static void rowSums(float[] x, float[] out, int rows, int cols) {
        int bound = F.loopBound(cols);
        float[] lanes = Scratch.get().lanes;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector acc = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += L) {
                acc = acc.add(load(x, o + c));
            }
            acc.intoArray(lanes, 0);
            float s = sumOf(lanes);
            for (; c < cols; c++) {
                s += x[o + c];
            }
            out[r] = s;
        }
    }

    /** out (1,cols) [+]= Σ over rows of x (rows,cols); each column in row order, as the twin. */
    static void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        int bound = F.loopBound(cols);
        int c = 0;
        for (; c < bound; c += L) {
            FloatVector s = accumulate ? load(out, c) : FloatVector.zero(F);
            for (int r = 0; r < rows; r++) {
                s = s.add(load(x, r * cols + c));
            }
            s.intoArray(out, c);
        }
        for (; c < cols; c++) {
            float s = accumulate ? out[c] : 0f;
            for (int r = 0; r < rows; r++) {
                s += x[r * cols + c];
            }
            out[c] = s;
        }
    }
}
