package aevb.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * aevb's own exp, log, tanh, sigmoid and softplus: the SIMD kernels equal their scalar twins to
 * the last bit (same operations, same order), and both stay within a few ulps of Math in double.
 */
class ScalarMathTest {
    interface Map {
        void apply(TensorKernels k, float[] x, float[] out, int n);
    }

    static final Map[] MAPS = {
        TensorKernels::exp, TensorKernels::tanh, TensorKernels::sigmoid, TensorKernels::softplus, TensorKernels::logSigmoid,
        (k, x, o, n) -> {
            float[] pos = new float[n];
            for (int i = 0; i < n; i++) pos[i] = Math.abs(x[i]);
            k.log(pos, o, n);
        }
    };

    @Property(tries = 200)
    void simdEqualsScalarBitForBit(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> (float) rnd.nextDouble(-1, 1);
                case 1 -> (float) rnd.nextDouble(-30, 30);
                case 2 -> (float) rnd.nextDouble(-150, 150);
                default -> Float.intBitsToFloat(rnd.nextInt());
            };
        }
        for (Map m : MAPS) {
            float[] a = new float[n], b = new float[n];
            m.apply(Kernels.SIMD, x, a, n);
            m.apply(ScalarKernels.SCALAR, x, b, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(b[i]), Float.floatToIntBits(a[i]), "x = " + x[i]);
            }
        }
    }

    static void assertUlps(DoubleUnaryOperator ref, float got, float x, double maxUlps, String name) {
        double r = ref.applyAsDouble(x);
        if (Double.isNaN(r)) {
            assertTrue(Float.isNaN(got), name + "(" + x + ") should be NaN, got " + got);
            return;
        }
        float rf = (float) r;
        if (Float.isInfinite(rf) || rf == 0f || Math.abs(rf) < Float.MIN_NORMAL) {
            assertEquals(rf, got, Math.ulp(Float.MIN_NORMAL), name + "(" + x + ")");
            return;
        }
        double ulps = Math.abs(got - r) / Math.ulp(rf);
        assertTrue(ulps <= maxUlps, name + "(" + x + ") = " + got + ", exact " + r + ": " + ulps + " ulps");
    }

    @Property(tries = 2000)
    void accurateToAFewUlps(@ForAll @FloatRange(min = -120f, max = 120f) float x) {
        assertUlps(Math::exp, ScalarMath.exp(x), x, 1, "exp");
        assertUlps(Math::tanh, ScalarMath.tanh(x), x, 3, "tanh");
        assertUlps(d -> 1 / (1 + Math.exp(-d)), ScalarMath.sigmoid(x), x, 2.5, "sigmoid");
        assertUlps(d -> d > 30 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)), ScalarMath.softplus(x), x, 3.5,
                "softplus");
        float pos = Math.abs(x) + Float.MIN_VALUE;
        assertUlps(Math::log, ScalarMath.log(pos), pos, 3, "log");
    }

    @Test
    void specialValues() {
        assertEquals(0f, ScalarMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.exp(89f));
        assertEquals(1f, ScalarMath.exp(0f));
        assertTrue(Float.isNaN(ScalarMath.exp(Float.NaN)));
        assertEquals(Float.NEGATIVE_INFINITY, ScalarMath.log(0f));
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.log(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(ScalarMath.log(-1f)));
        assertEquals(Math.log(Float.MIN_VALUE), ScalarMath.log(Float.MIN_VALUE), 1e-4);
        assertEquals(0f, ScalarMath.log(1f));
        assertEquals(1f, ScalarMath.tanh(50f));
        assertEquals(-1f, ScalarMath.tanh(-50f));
        assertEquals(0f, ScalarMath.tanh(0f));
        assertEquals(1f, ScalarMath.sigmoid(100f));
        assertEquals(0f, ScalarMath.sigmoid(-200f));
        assertEquals(100f, ScalarMath.softplus(100f));
        assertEquals(0f, ScalarMath.softplus(-200f));
        assertTrue(ScalarMath.softplus(-50f) > 0f, "softplus keeps tiny values instead of flushing them");
    }
}
