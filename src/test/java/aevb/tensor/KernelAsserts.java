package aevb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

/** What the kernel tests of every room share: generated values and the comparisons with a twin. */
public final class KernelAsserts {
    private KernelAsserts() {}

    /** Values of mixed sign and magnitude, so that any change of summation order shows. */
    public static float[] values(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * Math.pow(2, rnd.nextInt(-6, 7)));
        }
        return x;
    }

    public static void assertBitEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i]
                        + ", the scalar twin gives " + expected[i]);
            }
        }
    }

    public static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextDouble(lo, hi);
        }
        return x;
    }

    /** |actual - expected| <= tol[i] for every element. */
    public static void assertClose(float[] expected, float[] actual, double[] tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (!(d <= tol[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", the twin gives "
                        + expected[i] + " (difference " + d + ", allowed " + tol[i] + ")");
            }
        }
    }
}
