package aevb.tensor;

import static aevb.tensor.KernelAsserts.assertBitEqual;
import static aevb.tensor.KernelAsserts.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The element-wise room against its twin ({@link Maps} against {@link ScalarMaps}), which also
 * tests {@link ExactMath}, the passes the maps are built from.
 *
 * <p>Arithmetic that works lane by lane (add, sub, mul, scale, square, the fused axpy and mulAdd,
 * the row-broadcast bias add) rounds exactly as the twin does: compared bit for bit. The
 * transcendental maps get an explicit tolerance, justified where it is declared.
 */
class MapsTest {
    /**
     * tanh, exp, log: the Vector API's float routines (SVML on x86) measure within 1 ulp of the
     * twin, which rounds a double result once (<= 0.5 ulp from exact); 2 ulps leaves a margin.
     */
    static final double ULPS_MATH = 2;

    /**
     * sigmoid, softplus, log-sigmoid compose exp with a division or log1p and an add in float:
     * about 0.5 ulp per step over 3-4 steps (measured: 2, 1, 1); 4 ulps.
     */
    static final double ULPS_COMPOSED = 4;

    /** One map, out = f(x) over n elements. */
    interface MapKernel {
        void run(float[] x, float[] out, int n);
    }

    /** One map: its name, how to run it, and the inputs it is tested on. */
    enum MapOp {
        TANH(ULPS_MATH, Maps::tanh, ScalarMaps::tanh), EXP(ULPS_MATH, Maps::exp, ScalarMaps::exp),
        LOG(ULPS_MATH, Maps::log, ScalarMaps::log),
        SIGMOID(ULPS_COMPOSED, Maps::sigmoid, ScalarMaps::sigmoid),
        SOFTPLUS(ULPS_COMPOSED, Maps::softplus, ScalarMaps::softplus),
        LOG_SIGMOID(ULPS_COMPOSED, Maps::logSigmoid, ScalarMaps::logSigmoid);

        final double ulps;
        /** The SIMD map and its twin. */
        final MapKernel simd, twin;

        MapOp(double ulps, MapKernel simd, MapKernel twin) {
            this.ulps = ulps;
            this.simd = simd;
            this.twin = twin;
        }


        /** Inputs where the map is defined and interesting: log on (1e-30, 1e30), the rest on ±90. */
        float input(SplittableRandom rnd) {
            if (this == LOG) {
                return (float) Math.exp(rnd.nextDouble(-69, 69));
            }
            double scale = rnd.nextBoolean() ? 90 : 6;
            return (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
    }

    static {
        // Compare the compiled code, not only the interpreter's fallback: run each map hot first.
        float[] x = new float[4096];
        float[] y = new float[4096];
        SplittableRandom rnd = new SplittableRandom(0);
        for (MapOp op : MapOp.values()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = op.input(rnd);
            }
            for (int rep = 0; rep < 300; rep++) {
                op.simd.run(x, y, x.length);
            }
        }
    }

    // ---- exact: lane-wise arithmetic ----

    @Property(tries = 100)
    void laneWiseArithmeticIsExact(@ForAll @IntRange(min = 0, max = 200) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = values(rnd, n);
        float[] b = values(rnd, n);
        float[] y = values(rnd, n);
        float s = (float) rnd.nextDouble(-3, 3);
        float[] e = new float[n];
        float[] o = new float[n];
        ScalarMaps.add(a, b, e, n);
        Maps.add(a, b, o, n);
        assertBitEqual(e, o, "add n=" + n);
        ScalarMaps.sub(a, b, e, n);
        Maps.sub(a, b, o, n);
        assertBitEqual(e, o, "sub n=" + n);
        ScalarMaps.mul(a, b, e, n);
        Maps.mul(a, b, o, n);
        assertBitEqual(e, o, "mul n=" + n);
        ScalarMaps.scale(a, s, e, n);
        Maps.scale(a, s, o, n);
        assertBitEqual(e, o, "scale n=" + n);
        ScalarMaps.square(a, e, n);
        Maps.square(a, o, n);
        assertBitEqual(e, o, "square n=" + n);
        float[] ey = y.clone();
        float[] oy = y.clone();
        ScalarMaps.axpy(s, a, ey, n);
        Maps.axpy(s, a, oy, n);
        assertBitEqual(ey, oy, "axpy n=" + n);
        ScalarMaps.mulAdd(a, b, ey, n);
        Maps.mulAdd(a, b, oy, n);
        assertBitEqual(ey, oy, "mulAdd n=" + n);
    }

    /** out may be an input: every lane is read before it is written. */
    @Property(tries = 50)
    void outputMayAliasAnInput(@ForAll @IntRange(min = 0, max = 100) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = values(rnd, n);
        float[] b = values(rnd, n);
        float[] e = new float[n];
        ScalarMaps.add(a, b, e, n);
        float[] inPlace = a.clone();
        Maps.add(inPlace, b, inPlace, n);
        assertBitEqual(e, inPlace, "add in place");
        ScalarMaps.tanh(b, e, n);
        float[] t = b.clone();
        Maps.tanh(t, t, n);
        assertWithinUlps(b, e, t, ULPS_MATH, "tanh in place");
    }

    @Property(tries = 100)
    void addRowVectorIsExact(@ForAll @IntRange(min = 0, max = 9) int rows,
                             @ForAll @IntRange(min = 0, max = 70) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = values(rnd, rows * cols);
        float[] bias = values(rnd, cols);
        float[] e = new float[rows * cols];
        float[] o = new float[rows * cols];
        ScalarMaps.addRowVector(x, bias, e, rows, cols);
        Maps.addRowVector(x, bias, o, rows, cols);
        assertBitEqual(e, o, "addRowVector " + rows + "x" + cols);
    }

    // ---- within a tolerance: the maps ----

    @Property(tries = 200)
    void mapsAreWithinTheirUlpsOfTheTwin(@ForAll MapOp op, @ForAll @IntRange(min = 0, max = 150) int n,
                                         @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = op.input(rnd);
        }
        float[] e = new float[n];
        float[] o = new float[n];
        op.twin.run(x, e, n);
        op.simd.run(x, o, n);
        assertWithinUlps(x, e, o, op.ulps, op + " n=" + n);
    }

    /** σ, softplus and log σ at large |x|: finite, and at their limits, in the SIMD lanes too. */
    @Example
    void stableAtExtremeInputs() {
        float[] extremes = {50, -50, 100, -100, 1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE, 0, -0f};
        int n = 64;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = extremes[i % extremes.length];
        }
        float[] sig = new float[n];
        float[] sp = new float[n];
        float[] ls = new float[n];
        Maps.sigmoid(x, sig, n);
        Maps.softplus(x, sp, n);
        Maps.logSigmoid(x, ls, n);
        for (int i = 0; i < n; i++) {
            String at = " at x=" + x[i];
            assertTrue(Float.isFinite(sig[i]) && Float.isFinite(sp[i]) && Float.isFinite(ls[i]),
                    "not finite" + at + ": " + sig[i] + " " + sp[i] + " " + ls[i]);
            assertTrue(sig[i] >= 0 && sig[i] <= 1, "sigmoid" + at + " = " + sig[i]);
            assertTrue(sp[i] >= 0 && sp[i] >= x[i], "softplus" + at + " = " + sp[i]);
            assertTrue(ls[i] <= 0 && ls[i] <= x[i] + 1e-6f * Math.abs(x[i]), "logSigmoid" + at + " = " + ls[i]);
            if (x[i] >= 50) {
                assertEquals(1f, sig[i], "sigmoid" + at);
                assertEquals(x[i], sp[i], "softplus" + at);
            }
            if (x[i] <= -50) {
                assertEquals(x[i], ls[i], "logSigmoid" + at);
            }
        }
        assertEquals(0.5f, sig[8]);
        assertEquals((float) Math.log(2), sp[8], Math.ulp((float) Math.log(2)) * 2);
    }

    /** |got - expected| <= ulps · ulp(expected); infinities and NaN must match exactly. */
    static void assertWithinUlps(float[] x, float[] expected, float[] actual, double ulps, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = Float.isFinite(e)
                    ? Math.abs((double) a - e) <= ulps * Math.ulp(e)
                    : Float.compare(a, e) == 0;
            if (!ok) {
                throw new AssertionError(what + ": at x=" + x[i] + " got " + a + ", the twin gives " + e
                        + " (" + Math.abs((double) a - e) / Math.ulp(e) + " ulps, allowed " + ulps + ")");
            }
        }
    }
}
