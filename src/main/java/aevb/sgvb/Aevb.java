package aevb.sgvb;

import static aevb.autodiff.Elementwise.neg;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.prob.Randomness;
import aevb.tensor.Tensor;
import java.util.List;

/**
 * Algorithm 1, Auto-Encoding VB, one iteration per call of {@link #step}:
 * <pre>
 *   X^M  ← random minibatch of M data points          (the caller's)
 *   eps  ← random samples from p(eps) = N(0, I)        (a function of (seed, step))
 *   g    ← ∇_{θ,φ} L̃^M(θ, φ; X^M, eps)                 (the tape)
 *   θ, φ ← update with g                               (Adagrad in the paper)
 * </pre>
 * The optimiser minimises the loss -(bound per data point) + λ ½ ‖θ‖² (the prior on θ).
 */
public final class Aevb {
    private final Vae vae;
    private final Estimator estimator;
    private final Optimizer optimizer;
    private final WeightDecay weightDecay;
    private final int samples;
    private final long seed;
    private final Tape tape = new Tape();
    private final List<Parameter> params;
    private final List<Parameter> theta;
    /** Every parameter's gradient array, in the order of params. */
    private final float[][] gradients;
    private Tensor eps = new Tensor(0, 0);
    private long step;

    public Aevb(Vae vae, Estimator estimator, Optimizer optimizer, WeightDecay weightDecay, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("L (samples per data point) must be >= 1, got " + samples);
        }
        this.vae = vae;
        this.estimator = estimator;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.samples = samples;
        this.seed = seed;
        this.params = vae.parameters();
        this.theta = vae.theta();
        this.gradients = NonFiniteException.gradientArrays(params);
    }

    /**
     * One iteration on the minibatch x (M, D). Returns this minibatch's estimate of the bound
     * per data point (nats), before the update.
     */
    public double step(Tensor x) {
        tape.reset();
        int rows = samples * x.rows;
        if (eps.rows != rows || eps.cols != vae.config.latent()) {
            eps = new Tensor(rows, vae.config.latent());
        }
        Randomness.gaussian(seed, Randomness.Stream.EPS, step, eps.data, eps.data.length);
        Var bound = MinibatchEstimator.perDataPoint(estimator, vae, tape.constant(x), eps, samples);
        double value = bound.item();
        if (!Double.isFinite(value)) {
            zeroGradients();
            throw new NonFiniteException("bound", step);
        }
        tape.backward(neg(bound));
        // θ is finite, so g + λθ is too: checking g suffices.
        NonFiniteException.requireFiniteGradients(params, gradients, step);
        optimizer.step(params, weightDecay, theta);   // the prior on θ adds λθ to θ's gradient
        step++;
        return value;
    }

    private void zeroGradients() {
        for (Parameter p : params) {
            p.grad.zero();
        }
    }

    /** Iterations done so far; the next one draws the eps of this counter. */
    public long steps() {
        return step;
    }

    /** Continues a run from a checkpoint taken after {@code steps} iterations. */
    public void resumeAt(long steps) {
        this.step = steps;
    }

    public Vae vae() {
        return vae;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Estimator estimator() {
        return estimator;
    }

    public int samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }

    public WeightDecay weightDecay() {
        return weightDecay;
    }
}
