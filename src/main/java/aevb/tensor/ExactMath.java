package aevb.tensor;

import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;
import static aevb.tensor.Simd.load;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * aevb's own exp, log, log(1 + e), tanh, sigmoid and softplus over float arrays, exactly
 * rounded step by step, so that they give the same bits in every JIT tier and on every thread.
 *
 * <p>Why they exist: the Vector API's own {@code EXP}, {@code LOG}, {@code LOG1P} and
 * {@code TANH} call a native library (SVML) once the JIT has compiled a method, and
 * {@code Math.*} lane by lane before: results that differ in the last bit depending on when the
 * compiler finished, which made two identical training runs drift apart after a few hundred
 * steps (and would make them depend on the thread count, since each thread may be at another
 * stage). These are built from +, ×, fma, division and exponent-bit operations, exact IEEE
 * operations that give the same bits interpreted, compiled and on any thread. They are Cephes'
 * single-precision routines (S. Moshier), within 1 ulp of the correctly rounded result over the
 * float range; their oracle is {@code java.lang.Math} in double, rounded once (the scalar tails
 * below, and {@link ScalarMaps}), and the tests hold them within 2 ulps of it.
 *
 * <p>Why they are shaped so: each is a pass over arrays (x from offset xo, n elements, into y
 * from yo), one loop of Vector API calls and nothing else: a vector handed to a method the JIT
 * does not inline is boxed on the heap (~30x slower), and whether it inlines a vector-valued
 * helper depends on sizes and profile counts; a loop of the API's own calls it always compiles
 * whole. {@link Maps} and {@link FusedKernels} chain two or three passes over a block or a row
 * while it is in L1. Lane sums go through a small array in a fixed order ({@link #sumOf})
 * instead of {@code reduceLanes}, whose order is unspecified.
 */
final class ExactMath {
    private ExactMath() {}

    /** x + 1.5·2²³ - 1.5·2²³ rounds |x| < 2²² to the nearest integer (ties to even). */
    private static final float ROUND = 12582912f;
    /** The bits of ROUND: the bits of ROUND + n are ROUND_BITS + n for a whole n, |n| < 2²². */
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with few bits so that n·LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float SQRT_HALF = 0.70710678118654752440f, SQRT_TWO = 1.41421356237309504880f;
    /** Cephes expf: e^r ≈ 1 + r + r² P(r) on |r| <= ln 2 / 2, P's coefficients from r⁵ down. */
    private static final float E0 = 1.9875691500E-4f, E1 = 1.3981999507E-3f, E2 = 8.3334519073E-3f,
            E3 = 4.1665795894E-2f, E4 = 1.6666665459E-1f, E5 = 5.0000001201E-1f;
    /** Cephes logf: log(1 + t) ≈ t - t²/2 + t³ P(t) on √½ - 1 <= t <= √2 - 1, from t⁸ down. */
    private static final float L0 = 7.0376836292E-2f, L1 = -1.1514610310E-1f, L2 = 1.1676998740E-1f,
            L3 = -1.2420140846E-1f, L4 = 1.4249322787E-1f, L5 = -1.6668057665E-1f, L6 = 2.0000714765E-1f,
            L7 = -2.4999993993E-1f, L8 = 3.3333331174E-1f;
    /** Cephes tanhf: tanh x ≈ x + x³ P(x²) on |x| < 0.625, from x⁸ down. */
    private static final float T0 = -5.70498872745E-3f, T1 = 2.06390887954E-2f, T2 = -5.37397155531E-2f,
            T3 = 1.33314422036E-1f, T4 = -3.33332819422E-1f;

    /**
     * y = e^(s·x), or e^(s·|x|) when abs, for s in {1, -1, ½, 2} (exact before the exp):
     * e^v = 2^n e^r with n = round(v / ln 2), |r| <= ln 2 / 2. 2^n is applied as two factors
     * (exponent bits) so that results down to the subnormals come out right. v is first clamped
     * to [-104, 89]: below, e^v rounds to 0; above ln(MAX_VALUE) = 88.72, 2^n e^r overflows to
     * +∞ by itself. NaN propagates through the arithmetic.
     */
    static void expPass(float[] x, int xo, float[] y, int yo, int n, float s, boolean abs) {
        int bound = F.loopBound(n);
        FloatVector scale = FloatVector.broadcast(F, s);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, xo + i);
            v = (abs ? v.abs() : v).mul(scale).max(-104f).min(89f);
            FloatVector t = v.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUND));
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), v);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector p = r.fma(FloatVector.broadcast(F, E0), FloatVector.broadcast(F, E1));
            p = p.fma(r, FloatVector.broadcast(F, E2));
            p = p.fma(r, FloatVector.broadcast(F, E3));
            p = p.fma(r, FloatVector.broadcast(F, E4));
            p = p.fma(r, FloatVector.broadcast(F, E5));
            p = p.fma(r.mul(r), r).add(1f);
            IntVector k = t.reinterpretAsInts().sub(ROUND_BITS);                      // n, in [-150, 128]
            IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector f1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();      // 2^k1
            FloatVector f2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // 2^(n-k1)
            p.mul(f1).mul(f2).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = (float) Math.exp(s * (abs ? Math.abs(v) : v));
        }
    }

    /**
     * y = tanh x from x and e = e^2|x|: x + x³ P(x²) for |x| < 0.625, else ±(1 - 2 / (e + 1));
     * tanh ±0 = ±0. y may alias x (not e).
     */
    static void tanhPass(float[] x, int xo, float[] e, int eo, float[] y, int yo, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f), minusTwo = FloatVector.broadcast(F, -2f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, xo + i);
            FloatVector z = v.mul(v);
            FloatVector p = z.fma(FloatVector.broadcast(F, T0), FloatVector.broadcast(F, T1));
            p = p.fma(z, FloatVector.broadcast(F, T2));
            p = p.fma(z, FloatVector.broadcast(F, T3));
            p = p.fma(z, FloatVector.broadcast(F, T4));
            FloatVector small = p.mul(z).fma(v, v);
            FloatVector big = minusTwo.div(load(e, eo + i).add(one)).add(one);
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            small.blend(big, v.abs().compare(VectorOperators.GE, 0.625f))
                    .blend(v, v.compare(VectorOperators.EQ, 0f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.tanh(x[xo + i]);
        }
    }

    /** y = σ(x) from x and e = e^-|x|: 1/(1 + e) for x >= 0, e/(1 + e) below. */
    static void sigmoidPass(float[] x, int xo, float[] e, int eo, float[] y, int yo, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector ev = load(e, eo + i);
            one.blend(ev, load(x, xo + i).compare(VectorOperators.LT, 0f)).div(ev.add(one)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = ScalarMaps.sigmoid(x[xo + i]);
        }
    }

    /**
     * y = log(1 + e) for e in [0, 1], as softplus needs it (e = e^-|a|): u = 1 + e is in [1, 2],
     * log u = log m + (0 or ln 2) with m = u or u/2 in [√½, √2), log m = t - t²/2 + t³ P(t) with
     * t = m - 1, and the rounding of u is corrected: log(1 + e) = log u - ((u - 1) - e) / u.
     * y may alias e.
     */
    static void log1pUnitPass(float[] e, int eo, float[] y, int yo, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector ev = load(e, eo + i);
            FloatVector u = ev.add(one);
            VectorMask<Float> high = u.compare(VectorOperators.GE, SQRT_TWO);
            FloatVector t = u.blend(u.mul(0.5f), high).sub(one);                          // m - 1, exact
            FloatVector k = FloatVector.zero(F).blend(1f, high);
            FloatVector z = t.mul(t);
            FloatVector p = t.fma(FloatVector.broadcast(F, L0), FloatVector.broadcast(F, L1));
            p = p.fma(t, FloatVector.broadcast(F, L2));
            p = p.fma(t, FloatVector.broadcast(F, L3));
            p = p.fma(t, FloatVector.broadcast(F, L4));
            p = p.fma(t, FloatVector.broadcast(F, L5));
            p = p.fma(t, FloatVector.broadcast(F, L6));
            p = p.fma(t, FloatVector.broadcast(F, L7));
            p = p.fma(t, FloatVector.broadcast(F, L8));
            FloatVector w = z.fma(FloatVector.broadcast(F, -0.5f), p.mul(t).mul(z));
            w = k.fma(FloatVector.broadcast(F, LN2_LO), w);
            FloatVector log = k.fma(FloatVector.broadcast(F, LN2_HI), t.add(w));
            u.sub(one).sub(ev).div(u).neg().add(log).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.log1p(e[eo + i]);
        }
    }

    /**
     * y = sign · (max(sign·x, 0) + l) with l = log(1 + e^-|x|): softplus (sign 1) or log σ
     * (sign -1, as -softplus(-x)). y may alias l.
     */
    static void softplusPass(float[] x, int xo, float[] l, int lo, float[] y, int yo, int n, float sign) {
        int bound = F.loopBound(n);
        FloatVector sv = FloatVector.broadcast(F, sign);
        int i = 0;
        for (; i < bound; i += L) {
            load(x, xo + i).mul(sv).max(0f).add(load(l, lo + i)).mul(sv).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = sign * ScalarMaps.softplus(sign * x[xo + i]);
        }
    }

    /**
     * y = log x = e ln 2 + log m with x = m 2^e, m in [√½, √2), log m as in
     * {@link #log1pUnitPass}. Subnormal x are scaled by 2²³ first; log 0 = -∞, log of a negative
     * number is NaN, log ∞ = ∞.
     */
    static void logPass(float[] x, float[] y, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, i);
            VectorMask<Float> subnormal = v.compare(VectorOperators.LT, Float.MIN_NORMAL);
            IntVector bits = v.blend(v.mul(8388608f), subnormal).reinterpretAsInts();
            FloatVector ex = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(126)
                    .convert(VectorOperators.I2F, 0)).sub(FloatVector.zero(F).blend(23f, subnormal));
            FloatVector m = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();   // [0.5, 1)
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            ex = ex.sub(FloatVector.zero(F).blend(1f, low));
            FloatVector t = m.add(m.blend(0f, low.not())).sub(one);                      // 2m - 1 or m - 1
            FloatVector z = t.mul(t);
            FloatVector p = t.fma(FloatVector.broadcast(F, L0), FloatVector.broadcast(F, L1));
            p = p.fma(t, FloatVector.broadcast(F, L2));
            p = p.fma(t, FloatVector.broadcast(F, L3));
            p = p.fma(t, FloatVector.broadcast(F, L4));
            p = p.fma(t, FloatVector.broadcast(F, L5));
            p = p.fma(t, FloatVector.broadcast(F, L6));
            p = p.fma(t, FloatVector.broadcast(F, L7));
            p = p.fma(t, FloatVector.broadcast(F, L8));
            FloatVector w = z.fma(FloatVector.broadcast(F, -0.5f), p.mul(t).mul(z));
            w = ex.fma(FloatVector.broadcast(F, LN2_LO), w);
            ex.fma(FloatVector.broadcast(F, LN2_HI), t.add(w))
                    .blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0f))
                    .blend(Float.NaN, v.compare(VectorOperators.LT, 0f))
                    .blend(v, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY).or(v.test(VectorOperators.IS_NAN)))
                    .intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = (float) Math.log(x[i]);
        }
    }

    /** The lanes of a vector (stored into a small array) summed left to right: the same bits in every mode. */
    static double sumOf(double[] lanes) {
        double s = lanes[0];
        for (int l = 1; l < lanes.length; l++) {
            s += lanes[l];
        }
        return s;
    }

    static float sumOf(float[] lanes) {
        float s = lanes[0];
        for (int l = 1; l < lanes.length; l++) {
            s += lanes[l];
        }
        return s;
    }
}
