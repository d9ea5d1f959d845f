package aevb.tensor;

import static aevb.tensor.KernelsGemmTest.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The element-wise kernels and reductions against their scalar twins.
 *
 * <p>Arithmetic that works lane by lane (add, sub, mul, scale, square, the fused axpy and mulAdd,
 * the row-broadcast bias add, column sums) rounds exactly as the twin does: compared bit for bit.
 * The transcendental maps and the reductions that regroup a sum get an explicit tolerance, each
 * justified where it is declared.
 */
class KernelsElementwiseTest {
    private static final TensorKernels SIMD = Kernels.SIMD;
    private static final TensorKernels SCALAR = ScalarKernels.SCALAR;

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

    /** One map: its name, how to run it, and the inputs it is tested on. */
    enum MapOp {
        TANH(ULPS_MATH), EXP(ULPS_MATH), LOG(ULPS_MATH),
        SIGMOID(ULPS_COMPOSED), SOFTPLUS(ULPS_COMPOSED), LOG_SIGMOID(ULPS_COMPOSED);

        final double ulps;

        MapOp(double ulps) {
            this.ulps = ulps;
        }

        void run(TensorKernels kk, float[] x, float[] out, int n) {
            switch (this) {
                case TANH -> kk.tanh(x, out, n);
                case EXP -> kk.exp(x, out, n);
                case LOG -> kk.log(x, out, n);
                case SIGMOID -> kk.sigmoid(x, out, n);
                case SOFTPLUS -> kk.softplus(x, out, n);
                case LOG_SIGMOID -> kk.logSigmoid(x, out, n);
            }
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
                op.run(SIMD, x, y, x.length);
            }
        }
    }

    // ---- exact: lane-wise arithmetic ----

    @Property(tries = 100)
    void laneWiseArithmeticIsExact(@ForAll @IntRange(min = 0, max = 200) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = KernelsGemmTest.values(rnd, n);
        float[] b = KernelsGemmTest.values(rnd, n);
        float[] y = KernelsGemmTest.values(rnd, n);
        float s = (float) rnd.nextDouble(-3, 3);
        float[] e = new float[n];
        float[] o = new float[n];
        SCALAR.add(a, b, e, n);
        SIMD.add(a, b, o, n);
        assertBitEqual(e, o, "add n=" + n);
        SCALAR.sub(a, b, e, n);
        SIMD.sub(a, b, o, n);
        assertBitEqual(e, o, "sub n=" + n);
        SCALAR.mul(a, b, e, n);
        SIMD.mul(a, b, o, n);
        assertBitEqual(e, o, "mul n=" + n);
        SCALAR.scale(a, s, e, n);
        SIMD.scale(a, s, o, n);
        assertBitEqual(e, o, "scale n=" + n);
        SCALAR.square(a, e, n);
        SIMD.square(a, o, n);
        assertBitEqual(e, o, "square n=" + n);
        float[] ey = y.clone();
        float[] oy = y.clone();
        SCALAR.axpy(s, a, ey, n);
        SIMD.axpy(s, a, oy, n);
        assertBitEqual(ey, oy, "axpy n=" + n);
        SCALAR.mulAdd(a, b, ey, n);
        SIMD.mulAdd(a, b, oy, n);
        assertBitEqual(ey, oy, "mulAdd n=" + n);
    }

    /** out may be an input: every lane is read before it is written. */
    @Property(tries = 50)
    void outputMayAliasAnInput(@ForAll @IntRange(min = 0, max = 100) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = KernelsGemmTest.values(rnd, n);
        float[] b = KernelsGemmTest.values(rnd, n);
        float[] e = new float[n];
        SCALAR.add(a, b, e, n);
        float[] inPlace = a.clone();
        SIMD.add(inPlace, b, inPlace, n);
        assertBitEqual(e, inPlace, "add in place");
        SCALAR.tanh(b, e, n);
        float[] t = b.clone();
        SIMD.tanh(t, t, n);
        assertWithinUlps(b, e, t, ULPS_MATH, "tanh in place");
    }

    @Property(tries = 100)
    void addRowVectorIsExact(@ForAll @IntRange(min = 0, max = 9) int rows,
                             @ForAll @IntRange(min = 0, max = 70) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = KernelsGemmTest.values(rnd, rows * cols);
        float[] bias = KernelsGemmTest.values(rnd, cols);
        float[] e = new float[rows * cols];
        float[] o = new float[rows * cols];
        SCALAR.addRowVector(x, bias, e, rows, cols);
        SIMD.addRowVector(x, bias, o, rows, cols);
        assertBitEqual(e, o, "addRowVector " + rows + "x" + cols);
    }

    /** Column sums keep the twin's order (rows in turn, lanes across columns): exact. */
    @Property(tries = 100)
    void colSumsAreExact(@ForAll @IntRange(min = 0, max = 30) int rows,
                         @ForAll @IntRange(min = 0, max = 70) int cols,
                         @ForAll boolean accumulate, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = KernelsGemmTest.values(rnd, rows * cols);
        float[] e = KernelsGemmTest.values(rnd, cols);
        float[] o = e.clone();
        SCALAR.colSums(x, e, rows, cols, accumulate);
        SIMD.colSums(x, o, rows, cols, accumulate);
        assertBitEqual(e, o, "colSums " + rows + "x" + cols + " acc=" + accumulate);
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
        op.run(SCALAR, x, e, n);
        op.run(SIMD, x, o, n);
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
        SIMD.sigmoid(x, sig, n);
        SIMD.softplus(x, sp, n);
        SIMD.logSigmoid(x, ls, n);
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

    // ---- within a tolerance: reductions that regroup the sum ----

    /**
     * sum and dot accumulate in double, in lanes: both orders are within n·2⁻⁵³·Σ|terms| of the
     * exact sum, so within twice that of each other. A float accumulator would miss by ~2⁻²⁴.
     */
    @Property(tries = 150)
    void sumAndDotAgreeToDoubleRounding(@ForAll @IntRange(min = 0, max = 1000) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = KernelsGemmTest.values(rnd, n);
        float[] b = KernelsGemmTest.values(rnd, n);
        double absSum = 0;
        double absDot = 0;
        for (int i = 0; i < n; i++) {
            absSum += Math.abs(a[i]);
            absDot += Math.abs((double) a[i] * b[i]);
        }
        double u = Math.ulp(1.0) / 2;
        assertEquals(SCALAR.sum(a, n), SIMD.sum(a, n), 2 * n * u * absSum + Double.MIN_VALUE, "sum n=" + n);
        assertEquals(SCALAR.dot(a, b, n), SIMD.dot(a, b, n), 2 * n * u * absDot + Double.MIN_VALUE, "dot n=" + n);
    }

    /** rowSums accumulate in float, in lanes: within 2·cols·2⁻²⁴·Σ|row| of the twin's sum. */
    @Property(tries = 100)
    void rowSumsAgreeToFloatRounding(@ForAll @IntRange(min = 0, max = 9) int rows,
                                     @ForAll @IntRange(min = 0, max = 300) int cols, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = KernelsGemmTest.values(rnd, rows * cols);
        float[] e = new float[rows];
        float[] o = new float[rows];
        SCALAR.rowSums(x, e, rows, cols);
        SIMD.rowSums(x, o, rows, cols);
        double u = Math.ulp(1f) / 2;
        for (int r = 0; r < rows; r++) {
            double abs = 0;
            for (int c = 0; c < cols; c++) {
                abs += Math.abs(x[r * cols + c]);
            }
            assertEquals(e[r], o[r], 2 * cols * u * abs, "row " + r + " of " + rows + "x" + cols);
        }
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
