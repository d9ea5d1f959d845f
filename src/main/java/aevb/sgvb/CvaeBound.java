package aevb.sgvb;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Elementwise.scale;
import static aevb.autodiff.Matrices.repeatRows;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Var;
import aevb.prob.DiagonalGaussian;
import aevb.prob.ReparameterizedSampler;
import aevb.tensor.Tensor;

/**
 * The conditional bound of Sohn, Lee &amp; Yan (2015), their eq. (4) and its estimator eq. (5),
 * with the prior N(0, I) in place of their p_θ(z | c), so that the KL is Appendix B's closed form:
 * <pre>
 *   log p_θ(x | c) ≥ -D_KL(q_φ(z | x, c) || p(z)) + E_q[log p_θ(x | z, c)]
 *   L̃(θ, φ; x, c)  = ½ Σ_j (1 + log σ_j² - mu_j² - σ_j²) + (1/L) Σ_l log p_θ(x | z_l, c),
 *                    z_l = mu + σ ⊙ eps_l
 * </pre>
 * Estimator B of Kingma &amp; Welling (eq. 10) with c beside x and z: only the reconstruction
 * term is sampled. It bounds log p(x | c), not log p(x): for the quadrant model, the
 * log-likelihood of the three missing quadrants given the observed one. With the prior network
 * ({@link CvaeConfig#learnedPrior}) the KL is against p_θ(z | c), as in their eq. (5) itself.
 */
public final class CvaeBound {
    private CvaeBound() {}

    /** One term per (sample, data point): x (M, D), c (M, Dc), eps (L·M, Nz) -> (L·M, 1), row l·M + i. */
    public static Var terms(Cvae cvae, Var x, Var c, Tensor eps, int samples) {
        DiagonalGaussian q = cvae.encode(x, c);                        // (M, Nz)
        Var negKl = cvae.negativeKl(q, c);                             // (M, 1)
        Var z = ReparameterizedSampler.sample(q.repeat(samples), eps); // (L·M, Nz)
        Var logPx = cvae.logLikelihood(repeatRows(x, samples), z, repeatRows(c, samples));
        return add(repeatRows(negKl, samples), logPx);                 // (L·M, 1)
    }

    /** (1/M) Σ_i L̃(x_i, c_i): the bound per data point on this minibatch, (1, 1) (eq. 8 over N). */
    public static Var perDataPoint(Cvae cvae, Var x, Var c, Tensor eps, int samples) {
        return scale(sum(terms(cvae, x, c, eps, samples)), 1f / (samples * x.rows()));
    }
}
