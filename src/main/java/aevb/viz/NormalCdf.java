package aevb.viz;

/**
 * The standard normal CDF Φ(x) = ½ erfc(-x / √2), and erfc itself, accurate to a few units in the
 * 15th significant digit (also in the tails, where 1 - erf would lose every digit).
 *
 * <p>erfc is computed from two expansions, each used where it converges fast:
 * <ul>
 *   <li>|x| &lt; 1.5: the series erf(x) = (2/√π) e^{-x²} Σ_{n≥0} (2x²)^n x / (1·3·5···(2n+1)),
 *       whose terms are all positive (no cancellation), then erfc = 1 - erf (≤ 25 terms);</li>
 *   <li>x ≥ 1.5: the continued fraction erfc(x) = (e^{-x²}/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x
 *       + 2/(x + ...))))), evaluated with the modified Lentz method (≤ 91 terms).</li>
 * </ul>
 * Negative arguments use erfc(-x) = 2 - erfc(x).
 */
public final class NormalCdf {
    private NormalCdf() {}

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    private static final double SQRT_2 = Math.sqrt(2.0);

    /** Φ(x), the CDF of N(0, 1). */
    public static double phi(double x) {
        return 0.5 * erfc(-x / SQRT_2);
    }

    /** The complementary error function erfc(x) = (2/√π) ∫_x^∞ e^{-t²} dt. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        if (x < 0) return 2.0 - erfc(-x);
        if (x < 1.5) return 1.0 - erfSeries(x);
        if (x > 27.3) return 0.0; // erfc(27.3) < 1e-325: below the smallest double
        return erfcContinuedFraction(x);
    }

    /** erf(x), for completeness: 1 - erfc(x), or the series near 0 where that is more accurate. */
    public static double erf(double x) {
        if (Math.abs(x) < 1.5) return erfSeries(x);
        return 1.0 - erfc(x);
    }

    /** (2/√π) e^{-x²} Σ (2x²)^n x / (2n+1)!!, summed until the terms stop mattering. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double twoXSquared = 2 * x * x;
        for (int n = 1; n < 100; n++) {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** erfc(x) = (e^{-x²}/√π) / f with f = x + K_{n≥1}((n/2) / x), by the modified Lentz method. */
    private static double erfcContinuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = 0.5 * n;
            d = x + a * d;
            if (d == 0) d = tiny;
            d = 1 / d;
            c = x + a / c;
            if (c == 0) c = tiny;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return ONE_OVER_SQRT_PI * Math.exp(-x * x) / f;
    }
}
