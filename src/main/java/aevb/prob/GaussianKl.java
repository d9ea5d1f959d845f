package aevb.prob;

import aevb.autodiff.Fused;
import aevb.autodiff.Var;

/**
 * Appendix B: the KL divergence of the Gaussian posterior from the N(0, I) prior, in closed form,
 * <pre>  -D_KL(q_φ(z|x) || p(z)) = ½ Σ_j (1 + log σ_j² - mu_j² - σ_j²)</pre>
 * computed per data point: mu, log σ² (M, Nz) -> (M, 1).
 */
public final class GaussianKl {
    private GaussianKl() {}

    /** -KL per row, the regulariser term of eq. (7) and eq. (10). */
    public static Var negativeKl(DiagonalGaussian q) {
        return Fused.gaussianNegKl(q.mu(), q.logVar());   // ½ Σ_j (1 + logVar - mu² - e^logVar), (M, 1)
    }
}
