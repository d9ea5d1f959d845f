package aevb.eval;

import aevb.tensor.Tensor;

/**
 * A density HMC can sample from: an unnormalised log π(z) and its gradient ∇_z log π(z), for P
 * independent targets at once, one per row. Hamiltonian Monte Carlo needs nothing else: the
 * normalising constant cancels in the acceptance ratio, and the gradient drives the leapfrog.
 *
 * <p>In Appendices D and E row i is the posterior of data point i,
 * {@code log π_i(z) = log p(z) + log p_θ(x_i|z)} ({@link HmcPosterior}); tests use a Gaussian.
 */
public interface HmcTarget {
    /**
     * Evaluates every row of z (P, Nz): writes log π(z_i) into {@code logPi[i]} and
     * ∇_z log π(z_i) into row i of {@code grad} (P, Nz). Must not keep or modify z.
     */
    void evaluate(Tensor z, double[] logPi, Tensor grad);
}
