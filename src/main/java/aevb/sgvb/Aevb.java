package aevb.sgvb;

import static aevb.autodiff.Elementwise.neg;

import aevb.autodiff.Var;
import aevb.data.Minibatch;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.tensor.Tensor;
import java.util.List;

/**
 * Algorithm 1, Auto-Encoding VB, one iteration per call of {@link #step}:
 * <pre>
 *   X^M  ← random minibatch of M data points          (the caller's: {@link aevb.data.Minibatches})
 *   eps  ← random samples from p(eps) = N(0, I)        (a function of (seed, step))
 *   g    ← ∇_{θ,φ} L̃^M(θ, φ; X^M, eps)                 (the tape)
 *   θ, φ ← update with g                               (Adagrad in the paper)
 * </pre>
 * The optimiser minimises the loss -(bound per data point) + λ ½ ‖θ‖² (the prior on θ). The loop
 * around it (draw, step, log, evaluate, checkpoint) is {@link aevb.run.TrainingLoop}.
 */
public final class Aevb extends VaeLearner {
    private final Estimator estimator;
    private final int samples;
    private final List<Parameter> theta;

    public Aevb(Vae vae, Estimator estimator, Optimizer optimizer, WeightDecay weightDecay, int samples, long seed) {
        super(vae, optimizer, weightDecay, seed);
        if (samples < 1) {
            throw new IllegalArgumentException("L (samples per data point) must be >= 1, got " + samples);
        }
        this.estimator = estimator;
        this.samples = samples;
        this.theta = vae.theta();
    }

    @Override
    public double step(Minibatch batch) {
        return step(batch.x());
    }

    /**
     * One iteration on the minibatch x (M, D). Returns this minibatch's estimate of the bound
     * per data point (nats), before the update.
     */
    public double step(Tensor x) {
        tape.reset();
        Tensor eps = drawEps(samples * x.rows);                      // (L·M, Nz)
        Var bound = MinibatchEstimator.perDataPoint(estimator, vae, tape.constant(x), eps, samples);
        double value = bound.item();
        if (!Double.isFinite(value)) {
            zeroGradients();
            throw new NonFiniteException("bound", steps());
        }
        tape.backward(neg(bound));
        // θ is finite, so g + λθ is too: checking g suffices.
        update(theta);   // the prior on θ adds λθ to θ's gradient
        return value;
    }

    public Estimator estimator() {
        return estimator;
    }

    public int samples() {
        return samples;
    }
}
