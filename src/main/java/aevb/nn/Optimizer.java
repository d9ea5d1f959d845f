package aevb.nn;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients (of a loss to minimise) and zeroes the gradients.
 * Its state (accumulators, moments) can be saved and restored so a resumed run is exact.
 */
public interface Optimizer {
    void step(List<Parameter> params);

    /**
     * One step on the loss plus the weight decay λ ½ ‖θ‖² of the parameters in {@code decayed}
     * (the prior on θ): the same as {@code decay.addGradient(decayed)} and then {@link #step(List)},
     * which is what this default does. Adagrad and Adam add λθ to the gradient inside their one
     * pass over each parameter instead of in a pass of its own.
     */
    default void step(List<Parameter> params, WeightDecay decay, List<Parameter> decayed) {
        decay.addGradient(decayed);
        step(params);
    }

    /** A short name for logs and checkpoints, e.g. "adagrad". */
    String name();

    double learningRate();

    /** Named state arrays, one or more per parameter, for checkpoints. */
    Map<String, float[]> state(List<Parameter> params);

    /** Scalar state (e.g. Adam's step count) as text, for checkpoints. */
    Map<String, String> scalars();

    void restore(List<Parameter> params, Map<String, float[]> arrays, Map<String, String> scalars);

    /** The step size, checked: positive and finite, else an error that names the optimiser. */
    static double stepSize(String optimiser, double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(optimiser + ": the step size must be positive, got " + learningRate);
        }
        return learningRate;
    }
}
