package aevb.viz;

/**
 * The latent grid of Figure 4: "linearly spaced coordinates on the unit square were transformed
 * through the inverse CDF of the Gaussian to produce values of the latent variables z. For each of
 * these values z, we plotted the corresponding generative p_θ(x|z) with the learned parameters θ."
 *
 * <p>Orientation (the usual picture of a plane, so the decoded images can go straight into an
 * {@link ImageGrid} with K columns):
 * <ul>
 *   <li>column index c (left to right) → z1 ascending: z1 = Φ⁻¹(p_c);</li>
 *   <li>row index r (top to bottom) → z2 descending: z2 = Φ⁻¹(p_{K-1-r}).</li>
 * </ul>
 * The probabilities p_0 &lt; ... &lt; p_{K-1} are evenly spaced inside (0, 1): by default
 * p_i = (i + ½) / K, the midpoints of K equal cells; or linspace(pMin, pMax, K) as in the authors'
 * plots (e.g. 0.05 to 0.95).
 */
public final class Manifold {
    private Manifold() {}

    /** p_i = (i + ½) / K for i = 0..K-1. */
    public static double[] midpoints(int k) {
        requirePositive(k);
        double[] p = new double[k];
        for (int i = 0; i < k; i++) p[i] = (i + 0.5) / k;
        return p;
    }

    /** K evenly spaced probabilities from pMin to pMax inclusive (pMin when K = 1). */
    public static double[] linspace(double pMin, double pMax, int k) {
        requirePositive(k);
        if (!(pMin > 0 && pMax < 1 && pMin <= pMax)) {
            throw new IllegalArgumentException("manifold: need 0 < pMin <= pMax < 1, got pMin = "
                    + pMin + ", pMax = " + pMax);
        }
        double[] p = new double[k];
        for (int i = 0; i < k; i++) p[i] = k == 1 ? pMin : pMin + (pMax - pMin) * i / (k - 1);
        return p;
    }

    /** The K x K grid at p_i = (i + ½) / K; see {@link #grid(double[])}. */
    public static double[][][] grid(int k) {
        return grid(midpoints(k));
    }

    /**
     * The K x K x 2 grid of latent points for the probabilities p (K = p.length, ascending):
     * {@code z[r][c] = {z1, z2} = {Φ⁻¹(p[c]), Φ⁻¹(p[K-1-r])}}.
     */
    public static double[][][] grid(double[] p) {
        int k = p.length;
        double[] q = new double[k];
        for (int i = 0; i < k; i++) q[i] = InverseNormalCdf.apply(p[i]);
        double[][][] z = new double[k][k][];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) z[r][c] = new double[] {q[c], q[k - 1 - r]};
        }
        return z;
    }

    /**
     * The same grid as a (K², 2) row-major matrix, rows in reading order (r * K + c), ready to be
     * decoded as one minibatch whose images form the K x K picture.
     */
    public static float[] asMatrix(double[][][] grid) {
        int k = grid.length;
        float[] m = new float[k * k * 2];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                m[2 * (r * k + c)] = (float) grid[r][c][0];
                m[2 * (r * k + c) + 1] = (float) grid[r][c][1];
            }
        }
        return m;
    }

    private static void requirePositive(int k) {
        if (k < 1) throw new IllegalArgumentException("manifold: grid size K must be >= 1, got " + k);
    }
}
