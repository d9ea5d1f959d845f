package aevb.nn;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients (of a loss to minimise) and zeroes the gradients.
 * Its state (accumulators, moments) can be saved and restored so a resumed run is exact.
 */
public interface Optimizer {
    void step(List<Parameter> params);

    /** A short name for logs and checkpoints, e.g. "adagrad". */
    String name();

    double learningRate();

    /** Named state arrays, one or more per parameter, for checkpoints. */
    Map<String, float[]> state(List<Parameter> params);

    /** Scalar state (e.g. Adam's step count) as text, for checkpoints. */
    Map<String, String> scalars();

    void restore(List<Parameter> params, Map<String, float[]> arrays, Map<String, String> scalars);
}
