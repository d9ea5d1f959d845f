package aevb.sgvb;

import aevb.data.Minibatch;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A learning rule the training loop can drive: AEVB (Algorithm 1, {@link Aevb}), full VB
 * (Algorithm 2, {@link FullVb}), and the paper's baselines, wake-sleep and Monte Carlo EM
 * ({@code aevb.baselines}). One {@link #step} per minibatch; its noise is a function of the
 * seed and {@link #steps}, so a learner restored from a checkpoint (its parameters, its
 * optimiser's state, its extra state and the step count) continues bit for bit.
 */
public interface Learner {
    /**
     * One iteration on the minibatch. Returns this minibatch's estimate of the learner's bound
     * per data point (nats), before the update: the learner's own progress measure (AEVB and
     * wake-sleep: estimator B; full VB: eq. 32 / N; MCEM: log p(x, z) at its samples).
     *
     * @throws NonFiniteException when the bound or a gradient is not finite (nothing is updated)
     */
    double step(Minibatch batch);

    /** Iterations done so far; the next one draws the noise of this counter. */
    long steps();

    /** Continues from a checkpoint taken after {@code steps} iterations (parameters restored by the caller). */
    void resumeAt(long steps);

    /** Every parameter the checkpoint must hold, by their distinct names. */
    List<Parameter> parameters();

    /** The optimiser, whose state belongs to {@link #optimized}. */
    Optimizer optimizer();

    /** The parameters the optimiser updates (and keeps state for); by default all of them. */
    default List<Parameter> optimized() {
        return parameters();
    }

    /** Scalar state beyond the parameters and the optimiser that a resumed learner needs (MCEM's step size), by name. */
    default Map<String, String> extraScalars() {
        return Map.of();
    }

    /** Array state beyond the parameters and the optimiser (MCEM's chains), by name. */
    default Map<String, Tensor> extraArrays() {
        return Map.of();
    }

    /** Restores what {@link #extraScalars} and {@link #extraArrays} gave, after {@link #resumeAt}. */
    default void restoreExtra(Map<String, String> scalars, Map<String, Tensor> arrays) {}
}
