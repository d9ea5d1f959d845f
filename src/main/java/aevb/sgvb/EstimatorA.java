package aevb.sgvb;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.repeatRows;

import aevb.autodiff.Var;
import aevb.prob.DiagonalGaussian;
import aevb.prob.ReparameterizedSampler;
import aevb.tensor.Tensor;

/**
 * The generic SGVB estimator, eq. (6):
 * <pre>  L̃^A(θ, φ; x) = (1/L) Σ_l  log p_θ(x, z_l) - log q_φ(z_l|x),   z_l = g_φ(eps_l, x)</pre>
 * where log p_θ(x, z) = log p_θ(x|z) + log p(z). Everything is estimated by Monte Carlo, so it
 * works for any q and p, at the price of more variance than estimator B.
 */
public final class EstimatorA implements Estimator {

    @Override
    public Var terms(Vae vae, Var x, Tensor eps, int samples) {
        DiagonalGaussian q = vae.encoder.encode(x).repeat(samples);    // (L·M, Nz)
        Var z = ReparameterizedSampler.sample(q, eps);                 // (L·M, Nz)
        Var logPxGivenZ = vae.decoder.logLikelihood(repeatRows(x, samples), z);
        Var logPz = vae.prior.logDensity(z);
        return sub(add(logPxGivenZ, logPz), q.logDensity(z));         // (L·M, 1)
    }

    @Override
    public String name() {
        return "A";
    }
}
