package aevb.eval;

import aevb.tensor.Tensor;
import java.util.Arrays;

/**
 * The state of P Markov chains run side by side, one per data point: positions z (P, Nz), each
 * chain's leapfrog step size ε_i, and a cache of log π and ∇ log π at the current positions.
 *
 * <p>One chain per data point is what makes HMC fast here: a transition of all P chains with S
 * leapfrog steps costs S + 1 batched evaluations of the decoder, each a few matrix products over
 * P rows, instead of P separate small ones. Each chain keeps its own ε because posteriors
 * differ in width from one data point to the next.
 *
 * <p>The cache saves one evaluation per transition while the target stays the same (Appendix D).
 * Whoever changes the target under the chains (MCEM updating θ) calls {@link #targetChanged()}.
 */
public final class HmcChains {
    /** The current positions, one chain per row: (P, Nz). */
    public final Tensor z;
    /** The leapfrog step size of each chain: (P). */
    public final double[] stepSize;
    /** The acceptance probability of each chain's last transition: (P). */
    public final double[] lastAcceptance;
    final double[] logPi;    // log π(z) per chain, valid when cached
    final Tensor grad;       // ∇ log π(z), (P, Nz), valid when cached
    boolean cached;

    /** Chains starting at the rows of z0 (copied), all with step size {@code stepSize}. */
    public HmcChains(Tensor z0, double stepSize) {
        if (!(stepSize > 0)) {
            throw new IllegalArgumentException("the initial HMC step size must be positive, got " + stepSize);
        }
        this.z = z0.copy();
        this.stepSize = new double[z0.rows];
        Arrays.fill(this.stepSize, stepSize);
        this.lastAcceptance = new double[z0.rows];
        this.logPi = new double[z0.rows];
        this.grad = new Tensor(z0.rows, z0.cols);
    }

    /** The number of chains P. */
    public int count() {
        return z.rows;
    }

    /** The dimension Nz of each chain. */
    public int dims() {
        return z.cols;
    }

    /**
     * log π at the current positions, as of the last transition (for the Appendix D estimator,
     * where log π = log p(z) + log p(x|z) = log p(x, z), it saves evaluating the model again).
     */
    public double logPi(int chain) {
        if (!cached) {
            throw new IllegalStateException("log π is known only after a transition with an unchanged target");
        }
        return logPi[chain];
    }

    /** Forgets the cached log π and gradient: the next transition evaluates the target afresh. */
    public void targetChanged() {
        cached = false;
    }

    /** The chains of the given rows, copied (e.g. the chains of a minibatch's data points). */
    public HmcChains gather(int[] rows) {
        HmcChains out = new HmcChains(new Tensor(rows.length, dims()), 1.0);
        int d = dims();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(z.data, rows[r] * d, out.z.data, r * d, d);
            out.stepSize[r] = stepSize[rows[r]];
            out.lastAcceptance[r] = lastAcceptance[rows[r]];
        }
        return out;
    }

    /** Writes the chains of {@code from} back into the given rows: the inverse of {@link #gather}. */
    public void scatter(int[] rows, HmcChains from) {
        int d = dims();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(from.z.data, r * d, z.data, rows[r] * d, d);
            stepSize[rows[r]] = from.stepSize[r];
            lastAcceptance[rows[r]] = from.lastAcceptance[r];
        }
        cached = false;
    }

    /** The mean acceptance probability of the chains' last transitions. */
    public double meanAcceptance() {
        return Arrays.stream(lastAcceptance).average().orElse(Double.NaN);
    }

    /** The geometric mean of the step sizes (they spread over orders of magnitude). */
    public double typicalStepSize() {
        return Math.exp(Arrays.stream(stepSize).map(Math::log).average().orElse(Double.NaN));
    }
}
