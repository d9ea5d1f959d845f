package aevb.prob;

import aevb.autodiff.Fused;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * The reparameterisation trick (section 2.4, eq. 4 for the Gaussian case): instead of sampling
 * z ~ q_φ(z|x), which has no gradient with respect to φ, draw eps ~ N(0, I) and set
 * <pre>  z = g_φ(eps, x) = mu + σ ⊙ eps,   σ = exp(½ log σ²)</pre>
 * so z is a differentiable function of mu and log σ², and a Monte Carlo estimate of
 * E_q[f(z)] can be differentiated through.
 */
public final class ReparameterizedSampler {
    private ReparameterizedSampler() {}

    /** One z per row: mu, log σ² and eps all (R, Nz) -> z (R, Nz). */
    public static Var sample(DiagonalGaussian q, Tensor eps) {
        if (eps.rows != q.rows() || eps.cols != q.dims()) {
            throw new IllegalArgumentException("sample: eps is " + eps.shape() + " but mu is "
                    + q.mu().shape() + "; they must have the same shape");
        }
        return Fused.reparameterize(q.mu(), q.logVar(), eps);   // mu + e^(logVar/2) ⊙ eps
    }
}
