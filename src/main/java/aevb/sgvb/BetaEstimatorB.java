package aevb.sgvb;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Elementwise.scale;
import static aevb.autodiff.Matrices.repeatRows;

import aevb.autodiff.Var;
import aevb.prob.DiagonalGaussian;
import aevb.prob.GaussianKl;
import aevb.prob.ReparameterizedSampler;
import aevb.tensor.Tensor;
import java.util.Locale;

/**
 * β-VAE (Higgins et al. 2017): estimator B (eq. 10) with the KL term weighted by β,
 * <pre>  L̃_β(θ, φ; x) = -β · D_KL(q_φ(z|x) || p(z)) + (1/L) Σ_l log p_θ(x | z_l)</pre>
 * β = 1 is eq. (10) itself, bit for bit; β &gt; 1 is a lower bound of it (a looser one) that pays
 * more for every nat the code carries, β &lt; 1 a surrogate that is no bound of log p(x).
 *
 * <p>Alemi et al. (2018, "Fixing a broken ELBO") read the two terms as a rate R = E_x KL(q || p)
 * (nats the code carries about x) and a distortion D = -E_x E_q log p(x|z); the ELBO is -(D + R),
 * and minimising D + βR for a β traces the rate-distortion curve of the model family, each β
 * one point of it ({@code eval.RateDistortion}). The logged bound of a β-run is still
 * eq. (10) (β = 1): the number that says how well the model explains the data.
 */
public final class BetaEstimatorB implements Estimator {
    private final float beta;

    public BetaEstimatorB(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta);
        }
        this.beta = (float) beta;
    }

    @Override
    public Var terms(Vae vae, Var x, Tensor eps, int samples) {
        DiagonalGaussian q = vae.encoder.encode(x);                   // (M, Nz)
        Var negBetaKl = scale(GaussianKl.negativeKl(q), beta);        // -β KL, (M, 1); × 1f is exact
        Var z = ReparameterizedSampler.sample(q.repeat(samples), eps); // (L·M, Nz)
        Var logPxGivenZ = vae.decoder.logLikelihood(repeatRows(x, samples), z);
        return add(repeatRows(negBetaKl, samples), logPxGivenZ);      // (L·M, 1)
    }

    public double beta() {
        return beta;
    }

    /** "B(beta=4.0)": how a run's configuration names this estimator (β = 1 is plain "B"). */
    @Override
    public String name() {
        return nameFor(beta);
    }

    /** The estimator name of β: "B" for β = 1 (the paper's estimator), else "B(beta=X)". */
    public static String nameFor(double beta) {
        return beta == 1 ? "B" : String.format(Locale.ROOT, "B(beta=%s)", Float.toString((float) beta));
    }

    /** β from a name written by {@link #nameFor}, or NaN when the name is not one. */
    static double parse(String name) {
        if (!name.startsWith("B(beta=") || !name.endsWith(")")) {
            return Double.NaN;
        }
        try {
            double b = Float.parseFloat(name.substring(7, name.length() - 1));
            return b > 0 && Double.isFinite(b) ? b : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
