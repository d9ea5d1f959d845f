package aevb.tensor;

/**
 * The scalar twin of {@link VectorMath}: the same operations in the same order on one float, so
 * the two agree to the last bit (see there for why aevb does not use {@code Math.exp} and
 * friends in its kernels). Every constant is written out with where it comes from.
 */
public final class ScalarMath {
    private ScalarMath() {}

    static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two (Cody and Waite): n · LN2_HI is exact for the |n| ≤ 150 we meet. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 · 2^23: adding and subtracting it rounds a float of magnitude < 2^22 to an integer. */
    static final float ROUND = 12582912f;
    /** Below EXP_MIN e^x is 0 in float; above EXP_MAX it is ∞. */
    static final float EXP_MIN = -104f;
    static final float EXP_MAX = 88.8f;
    /** 1/k! for e^r = Σ r^k / k!; with |r| ≤ 0.35 the first neglected term is below 6e-9. */
    static final float E2 = 1f / 2, E3 = 1f / 6, E4 = 1f / 24, E5 = 1f / 120, E6 = 1f / 720, E7 = 1f / 5040;
    /** 1/(2k+1) for atanh(s)/s = Σ s^2k / (2k+1). */
    static final float L3 = 1f / 3, L5 = 1f / 5, L7 = 1f / 7, L9 = 1f / 9, L11 = 1f / 11, L13 = 1f / 13, L15 = 1f / 15;
    /** tanh x = x - x³/3 + 2x⁵/15 - 17x⁷/315 + 62x⁹/2835 - 1382x¹¹/155925 + ... (|x| < 0.25: next term < 1e-10). */
    static final float T3 = -1f / 3, T5 = 2f / 15, T7 = -17f / 315, T9 = 62f / 2835, T11 = -1382f / 155925;
    static final float TANH_SMALL = 0.25f;
    static final float SQRT2 = 1.41421356f;
    static final float TWO_23 = 8388608f;

    public static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float n = Math.fma(xc, LOG2E, ROUND) - ROUND;
        float r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        float p = E7;
        p = Math.fma(p, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int ni = (int) n, n1 = ni >> 1, n2 = ni - n1;
        return p * pow2(n1) * pow2(n2);
    }

    private static float pow2(int n) {
        return Float.intBitsToFloat((n + 127) << 23);
    }

    /** log(1 + u) for u in [0, 1]. */
    static float log1pUnit(float u) {
        float s = u / (u + 2f);
        float s2 = s * s;
        float q = L15;
        q = Math.fma(q, s2, L13);
        q = Math.fma(q, s2, L11);
        q = Math.fma(q, s2, L9);
        q = Math.fma(q, s2, L7);
        q = Math.fma(q, s2, L5);
        q = Math.fma(q, s2, L3);
        q = Math.fma(q, s2, 1f);
        return (s + s) * q;
    }

    public static float log(float x) {
        boolean tiny = x < Float.MIN_NORMAL;
        float xs = tiny ? x * TWO_23 : x;
        int bits = Float.floatToRawIntBits(xs);
        int e = ((bits >> 23) & 0xff) - 127;
        if (tiny) {
            e -= 23;
        }
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
        if (m > SQRT2) {
            m *= 0.5f;
            e += 1;
        }
        float f = m - 1f;
        float s = f / (f + 2f);
        float s2 = s * s;
        float q = L11;
        q = Math.fma(q, s2, L9);
        q = Math.fma(q, s2, L7);
        q = Math.fma(q, s2, L5);
        q = Math.fma(q, s2, L3);
        q = Math.fma(q, s2, 1f);
        float logM = (s + s) * q;
        float ef = e;
        float out = Math.fma(ef, LN2_HI, Math.fma(ef, LN2_LO, logM));
        if (x == 0f) {
            out = Float.NEGATIVE_INFINITY;
        }
        if (x == Float.POSITIVE_INFINITY) {
            out = Float.POSITIVE_INFINITY;
        }
        if (x < 0f || Float.isNaN(x)) {
            out = Float.NaN;
        }
        return out;
    }

    public static float tanh(float x) {
        float a = Math.abs(x);
        float t = exp(a * -2f);
        float large = (-t + 1f) / (t + 1f);
        float z = x * x;
        float p = T11;
        p = Math.fma(p, z, T9);
        p = Math.fma(p, z, T7);
        p = Math.fma(p, z, T5);
        p = Math.fma(p, z, T3);
        float small = Math.fma(p * z, x, x);
        float signed = x < 0f ? -large : large;
        return a < TANH_SMALL ? small : signed;
    }

    public static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float num = x < 0f ? e : 1f;
        return num / (e + 1f);
    }

    public static float softplus(float x) {
        return Math.max(x, 0f) + log1pUnit(exp(-Math.abs(x)));
    }
}
