package aevb.eval;

import aevb.autodiff.Tape;
import aevb.prob.GaussianKl;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * The two terms of eq. (10) on a split, read as Alemi et al. (2018, "Fixing a broken ELBO") read
 * them: the rate and the distortion of the code,
 * <pre>  R = (1/N) Σ_i D_KL(q_φ(z|x_i) || p(z))             (nats the code carries about x; Appendix B, exact)
 *   D = -(1/N) Σ_i E_{q_φ(z|x_i)} log p_θ(x_i | z)      (what the decoder fails to explain; L samples)
 *   ELBO = -(D + R)</pre>
 * A β-VAE ({@code sgvb.BetaEstimatorB}) minimises D + βR; each β is one point of the (R, D)
 * plane, and β = 1 the point of the best bound. D is computed as -(ELBO) - R with the ELBO of
 * {@link SplitBound} (estimator B, its per-point noise), so the three numbers add up exactly.
 *
 * @param rate        R, nats per data point
 * @param distortion  D, nats per data point
 * @param elbo        the bound of eq. (10), -(D + R)
 */
public record RateDistortion(double rate, double distortion, double elbo) {
    private static final int ROWS_PER_PASS = 1000;

    /** R, D and the ELBO of the model on the rows of x (N, D), with L samples for D. */
    public static RateDistortion of(Vae vae, Tensor x, int samples, long seed) {
        PointBatches.checkData(x, vae);
        double klSum = 0;
        Tape tape = new Tape();
        for (int from = 0; from < x.rows; from += ROWS_PER_PASS) {
            int to = Math.min(x.rows, from + ROWS_PER_PASS);
            tape.reset();
            float[] negKl = GaussianKl.negativeKl(vae.encoder.encode(tape.constant(x.rowSlice(from, to)))).data(); // (rows, 1)
            for (float v : negKl) {
                klSum -= v;
            }
        }
        double rate = klSum / x.rows;
        double elbo = new SplitBound(vae, new EstimatorB(), samples, seed).evaluate(x).summary().mean();
        return new RateDistortion(rate, -elbo - rate, elbo);
    }
}
