package aevb.sgvb;

import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * An SGVB estimator L̃(θ, φ; x) of the lower bound (section 2.3). Given a minibatch x (M, D) and
 * noise eps (L·M, Nz), it returns one term per (sample, data point), (L·M, 1), with row l·M + i
 * for sample l of point i, such that the terms of point i averaged over l are L̃(x_i).
 */
public interface Estimator {
    Var terms(Vae vae, Var x, Tensor eps, int samples);

    /** "A" or "B". */
    String name();

    static Estimator byName(String name) {
        return switch (name) {
            case "A", "a" -> new EstimatorA();
            case "B", "b" -> new EstimatorB();
            default -> throw new IllegalArgumentException("unknown estimator '" + name + "' (use A or B)");
        };
    }
}
