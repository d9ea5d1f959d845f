package aevb.sgvb;

import aevb.nn.Parameter;
import aevb.tensor.Backend;
import java.util.List;

/** Training met a NaN or an infinity; nothing was updated with it. */
public final class NonFiniteException extends RuntimeException {
    public final String quantity;
    public final long step;

    public NonFiniteException(String quantity, long step) {
        super("the " + quantity + " is not finite (NaN or infinite) at step " + step
                + "; the parameters were not updated with it. Try a smaller step size (--lr).");
        this.quantity = quantity;
        this.step = step;
    }

    /**
     * Before an optimiser step: throws for the first of params whose gradient holds a NaN or an
     * infinity, after zeroing all their gradients, so that none of them moves. One kernel call
     * checks them all; {@code gradients} holds params' gradient arrays in order (a caller that
     * keeps it allocates nothing).
     */
    public static void requireFiniteGradients(List<Parameter> params, float[][] gradients, long step) {
        int bad = Backend.kernels().firstNonFinite(gradients);
        if (bad >= 0) {
            for (Parameter p : params) {
                p.grad.zero();
            }
            throw new NonFiniteException("gradient of " + params.get(bad).name, step);
        }
    }

    /** {@link #requireFiniteGradients(List, float[][], long)}, gathering the arrays itself. */
    public static void requireFiniteGradients(List<Parameter> params, long step) {
        requireFiniteGradients(params, gradientArrays(params), step);
    }

    /** Each parameter's gradient array, in the order of params. */
    public static float[][] gradientArrays(List<Parameter> params) {
        return params.stream().map(p -> p.grad.data).toArray(float[][]::new);
    }
}
