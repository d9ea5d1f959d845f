package aevb.sgvb;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Matrices.repeatRows;

import aevb.autodiff.Var;
import aevb.prob.DiagonalGaussian;
import aevb.prob.GaussianKl;
import aevb.prob.ReparameterizedSampler;
import aevb.tensor.Tensor;

/**
 * The second SGVB estimator, eq. (7), with the KL term in closed form (Appendix B); for the
 * Gaussian encoder and the N(0, I) prior it is eq. (10):
 * <pre>  L̃^B(θ, φ; x) = ½ Σ_j (1 + log σ_j² - mu_j² - σ_j²) + (1/L) Σ_l log p_θ(x | z_l)</pre>
 * Only the reconstruction term is sampled, so its variance is lower than estimator A's.
 */
public final class EstimatorB implements Estimator {

    @Override
    public Var terms(Vae vae, Var x, Tensor eps, int samples) {
        DiagonalGaussian q = vae.encoder.encode(x);                   // (M, Nz)
        Var negKl = GaussianKl.negativeKl(q);                         // (M, 1)
        Var z = ReparameterizedSampler.sample(q.repeat(samples), eps); // (L·M, Nz)
        Var logPxGivenZ = vae.decoder.logLikelihood(repeatRows(x, samples), z);
        return add(repeatRows(negKl, samples), logPxGivenZ);          // (L·M, 1)
    }

    @Override
    public String name() {
        return "B";
    }
}
