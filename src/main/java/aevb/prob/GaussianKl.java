package aevb.prob;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Fused;
import aevb.autodiff.Var;

/**
 * Appendix B: the KL divergence of the Gaussian posterior from the N(0, I) prior, in closed form,
 * <pre>  -D_KL(q_φ(z|x) || p(z)) = ½ Σ_j (1 + log σ_j² - mu_j² - σ_j²)</pre>
 * computed per data point: mu, log σ² (M, Nz) -> (M, 1).
 */
public final class GaussianKl {
    private GaussianKl() {}

    /**
     * -KL of q from another diagonal Gaussian p (the conditional VAE's prior network p_θ(z | c)),
     * per row: {@code -D_KL(q || p) = ½ Σ_j (1 + log σ_qj² - log σ_pj² - (σ_qj² + (mu_qj - mu_pj)²) / σ_pj²)}.
     * With p = N(0, I) it is {@link #negativeKl(DiagonalGaussian)}. (M, Nz) -> (M, 1).
     */
    public static Var negativeKl(DiagonalGaussian q, DiagonalGaussian p) {
        Var spread = add(exp(q.logVar()), square(sub(q.mu(), p.mu())));         // σ_q² + (mu_q - mu_p)²
        Var inner = sub(sub(q.logVar(), p.logVar()), mul(spread, exp(neg(p.logVar()))));
        return scale(addScalar(sumRows(inner), q.dims()), 0.5f);                 // ½ Σ_j (1 + ...)
    }

    /** -KL per row, the regulariser term of eq. (7) and eq. (10). */
    public static Var negativeKl(DiagonalGaussian q) {
        return Fused.gaussianNegKl(q.mu(), q.logVar());   // ½ Σ_j (1 + logVar - mu² - e^logVar), (M, 1)
    }
}
