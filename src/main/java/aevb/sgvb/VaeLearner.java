package aevb.sgvb;

import aevb.autodiff.Tape;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.List;

/**
 * The bookkeeping {@link Aevb} and wake-sleep share around their different steps: the model and
 * its optimiser, the prior on θ as weight decay, the tape, the step counter that keys the noise,
 * and the eps of the current step. What each step computes is in the subclass, beside the
 * paper's formula.
 */
public abstract class VaeLearner implements Learner {
    protected final Vae vae;
    protected final Optimizer optimizer;
    protected final WeightDecay weightDecay;
    protected final long seed;
    protected final Tape tape = new Tape();
    /** Every parameter of the model, θ and φ. */
    protected final List<Parameter> params;
    private Tensor eps = new Tensor(0, 0);
    private long step;

    protected VaeLearner(Vae vae, Optimizer optimizer, WeightDecay weightDecay, long seed) {
        this.vae = vae;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.seed = seed;
        this.params = vae.parameters();
    }

    /** eps ~ N(0, I), (rows, Nz), of this step: a function of (seed, EPS, step); the buffer is reused. */
    protected final Tensor drawEps(int rows) {
        if (eps.rows != rows || eps.cols != vae.config.latent()) {
            eps = new Tensor(rows, vae.config.latent());
        }
        Randomness.gaussian(seed, Randomness.Stream.EPS, step, eps.data, eps.data.length);
        return eps;
    }

    /** After a failed step: no half-computed gradient may reach the next one. */
    protected final void zeroGradients() {
        for (Parameter p : params) {
            p.grad.zero();
        }
    }

    /** Counts a finished step: the next one draws the noise of the next counter. */
    protected final void stepDone() {
        step++;
    }

    @Override
    public final long steps() {
        return step;
    }

    @Override
    public final void resumeAt(long steps) {
        this.step = steps;
    }

    @Override
    public final List<Parameter> parameters() {
        return params;
    }

    public final Vae vae() {
        return vae;
    }

    @Override
    public final Optimizer optimizer() {
        return optimizer;
    }

    public final WeightDecay weightDecay() {
        return weightDecay;
    }

    public final long seed() {
        return seed;
    }
}
