package aevb.sgvb;

import static aevb.autodiff.Elementwise.scale;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Eq. (8): the bound of a data set of N points estimated from a minibatch of M,
 * <pre>  L(θ, φ; X) ≈ L̃^M(θ, φ; X^M) = (N/M) Σ_{i=1..M} L̃(θ, φ; x_i)</pre>
 * We report and optimise it divided by N, the bound per data point in nats, as the paper's
 * plots do; the gradient differs only by the constant N.
 */
public final class MinibatchEstimator {
    private MinibatchEstimator() {}

    /** (1/M) Σ_i L̃(x_i): the bound per data point estimated on this minibatch, (1, 1). */
    public static Var perDataPoint(Estimator estimator, Vae vae, Var x, Tensor eps, int samples) {
        Var terms = estimator.terms(vae, x, eps, samples);   // (L·M, 1)
        return scale(sum(terms), 1f / (samples * x.rows()));
    }

    /** (N/M) Σ_i L̃(x_i): eq. (8) itself, the bound of the whole data set, (1, 1). */
    public static Var total(Estimator estimator, Vae vae, Var x, Tensor eps, int samples, int n) {
        return scale(perDataPoint(estimator, vae, x, eps, samples), n);
    }
}
