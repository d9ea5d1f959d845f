package aevb.viz;

/**
 * Φ⁻¹(p), the quantile function of N(0, 1), by Wichura's algorithm AS241 (PPND16): rational
 * approximations of degree 7 in three regions, relative accuracy about 1e-16.
 *
 * <p>Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal distribution.
 * Applied Statistics 37(3), 477-484. The paper prints a "hash sum" for each region (the sum of the
 * coefficients' mantissas, each scaled into [1, 10)); the tests check ours against them.
 *
 * <p>Used for Figure 4: "linearly spaced coordinates on the unit square were transformed through
 * the inverse CDF of the Gaussian to produce values of the latent variables z" (see {@link Manifold}).
 */
public final class InverseNormalCdf {
    private InverseNormalCdf() {}

    // Central region |p - 0.5| <= 0.425: x = q A(r) / B(r), r = 0.180625 - q², q = p - 0.5.
    // Coefficients from the constant term upwards. Hash sum 55.88319_28806_14901_4439.
    static final double[] A = {
        3.38713_28727_96366_6080e+0, 1.33141_66789_17843_7745e+2, 1.97159_09503_06551_4427e+3,
        1.37316_93765_50946_1125e+4, 4.59219_53931_54987_1457e+4, 6.72657_70927_00870_0853e+4,
        3.34305_75583_58812_8105e+4, 2.50908_09287_30122_6727e+3};
    static final double[] B = {
        1.0, 4.23133_30701_60091_1252e+1, 6.87187_00749_20579_0830e+2,
        5.39419_60214_24751_1077e+3, 2.12137_94301_58659_5867e+4, 3.93078_95800_09271_0610e+4,
        2.87290_85735_72194_2674e+4, 5.22649_52788_52854_5610e+3};

    // Intermediate tail r = sqrt(-log(min(p, 1-p))) <= 5: x = C(r - 1.6) / D(r - 1.6).
    // Hash sum 49.33206_50330_16102_89036.
    static final double[] C = {
        1.42343_71107_49683_57734e+0, 4.63033_78461_56545_29590e+0, 5.76949_72214_60691_40550e+0,
        3.64784_83247_63204_60504e+0, 1.27045_82524_52368_38258e+0, 2.41780_72517_74506_11770e-1,
        2.27238_44989_26918_45833e-2, 7.74545_01427_83414_07640e-4};
    static final double[] D = {
        1.0, 2.05319_16266_37758_82187e+0, 1.67638_48301_83803_84940e+0,
        6.89767_33498_51000_04550e-1, 1.48103_97642_74800_74590e-1, 1.51986_66563_61645_71966e-2,
        5.47593_80849_95344_94600e-4, 1.05075_00716_44416_84324e-9};

    // Far tail r > 5 (p < about 1e-11): x = E(r - 5) / F(r - 5). Hash sum 47.52583_31754_92896_71629.
    static final double[] E = {
        6.65790_46435_01103_77720e+0, 5.46378_49111_64114_36990e+0, 1.78482_65399_17291_33580e+0,
        2.96560_57182_85048_91230e-1, 2.65321_89526_57612_30930e-2, 1.24266_09473_88078_43860e-3,
        2.71155_55687_43487_57815e-5, 2.01033_43992_92288_13265e-7};
    static final double[] F = {
        1.0, 5.99832_20655_58879_37690e-1, 1.36929_88092_27358_05310e-1,
        1.48753_61290_85061_48525e-2, 7.86869_13114_56132_59100e-4, 1.84631_83175_10054_68180e-5,
        1.42151_17583_16445_88870e-7, 2.04426_31033_89939_78564e-15};

    /**
     * Φ⁻¹(p): the z with Φ(z) = p. Returns -∞ for p = 0 and +∞ for p = 1.
     *
     * @throws IllegalArgumentException if p is NaN or outside [0, 1]
     */
    public static double apply(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("inverse normal CDF: p must be in [0, 1], got " + p);
        }
        if (p == 0) return Double.NEGATIVE_INFINITY;
        if (p == 1) return Double.POSITIVE_INFINITY;
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * horner(A, r) / horner(B, r);
        }
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double x = r <= 5 ? horner(C, r - 1.6) / horner(D, r - 1.6)
                          : horner(E, r - 5) / horner(F, r - 5);
        return q < 0 ? -x : x;
    }

    /** c[0] + c[1] t + ... + c[n] tⁿ. */
    private static double horner(double[] c, double t) {
        double s = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) s = s * t + c[i];
        return s;
    }
}
