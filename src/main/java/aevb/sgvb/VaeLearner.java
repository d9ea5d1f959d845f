package aevb.sgvb;

import aevb.nn.Optimizer;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.tensor.Tensor;

/**
 * What {@link Aevb} and wake-sleep share beyond {@link GradientLearner}'s bookkeeping: the VAE,
 * the seed, and the eps of the current step. What each step computes is in the subclass, beside the
 * paper's formula.
 */
public abstract class VaeLearner extends GradientLearner {
    protected final Vae vae;
    protected final long seed;
    private Tensor eps = new Tensor(0, 0);

    protected VaeLearner(Vae vae, Optimizer optimizer, WeightDecay weightDecay, long seed) {
        super(vae.parameters(), optimizer, weightDecay);
        this.vae = vae;
        this.seed = seed;
    }

    /** eps ~ N(0, I), (rows, Nz), of this step: a function of (seed, EPS, step); the buffer is reused. */
    protected final Tensor drawEps(int rows) {
        if (eps.rows != rows || eps.cols != vae.config.latent()) {
            eps = new Tensor(rows, vae.config.latent());
        }
        Randomness.gaussian(seed, Randomness.Stream.EPS, steps(), eps.data, eps.data.length);
        return eps;
    }

    public final Vae vae() {
        return vae;
    }

    public final long seed() {
        return seed;
    }
}
