package aevb.prob;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.repeatRows;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Var;

/**
 * A Gaussian with diagonal covariance, N(z; mu, diag(σ²)), parameterised by mu and log σ² as the
 * encoder outputs them (both (M, Nz)). Working with log σ² keeps σ² positive without a
 * constraint and makes the KL of Appendix B a plain sum.
 */
public record DiagonalGaussian(Var mu, Var logVar) {
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * log N(z; mu, σ²) per row: {@code -½ Σ_j [log 2π + log σ_j² + (z_j - mu_j)² / σ_j²]}, (M, 1).
     */
    public Var logDensity(Var z) {
        Var sq = square(sub(z, mu));                          // (z - mu)²
        Var inner = add(logVar, mul(sq, exp(neg(logVar))));  // log σ² + (z - mu)² / σ²
        return scale(addScalar(sumRows(inner), (float) (z.cols() * LOG_2PI)), -0.5f);
    }

    /**
     * The same distribution for each of L samples: the L copies of the minibatch are stacked,
     * so row l·M + i belongs to data point i. (M, Nz) -> (L·M, Nz).
     */
    public DiagonalGaussian repeat(int samples) {
        return samples == 1 ? this : new DiagonalGaussian(repeatRows(mu, samples), repeatRows(logVar, samples));
    }

    public int rows() {
        return mu.rows();
    }

    public int dims() {
        return mu.cols();
    }
}
