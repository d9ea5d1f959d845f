package aevb.infer;

import aevb.tensor.Tensor;

/**
 * The most probable code given what was observed, z* = argmax_z log p(z) + log p(y | z) (a MAP
 * estimate over z, section 2.1's "MAP inference" applied to the latent variable), found by
 * gradient ascent with Adam's per-coordinate steps (Kingma &amp; Ba, 2014) from a starting code
 * z0, for every row at once. One decoder picture E[x | z*] is then the answer: cheaper than
 * {@link PosteriorPredictive} by the number of samples, but blind to how uncertain z is.
 */
public final class MapEstimate {
    public static final int DEFAULT_STEPS = 200;
    public static final double DEFAULT_STEP_SIZE = 0.05;
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPSILON = 1e-8;

    private MapEstimate() {}

    /** z* for each row, from z0 (R, Nz), after {@code steps} ascent steps of size {@code stepSize}. */
    public static Tensor of(LatentPosterior target, Tensor z0, int steps, double stepSize) {
        Tensor z = z0.copy(), grad = new Tensor(z.rows, z.cols);
        double[] logPi = new double[z.rows];
        double[] m = new double[z.data.length], v = new double[z.data.length];
        for (int t = 1; t <= steps; t++) {
            target.evaluate(z, logPi, grad);
            double correction1 = 1 - Math.pow(BETA1, t), correction2 = 1 - Math.pow(BETA2, t);
            for (int j = 0; j < z.data.length; j++) {
                double g = grad.data[j];                    // ascent: z ← z + step · m̂ / (√v̂ + ε)
                m[j] = BETA1 * m[j] + (1 - BETA1) * g;
                v[j] = BETA2 * v[j] + (1 - BETA2) * g * g;
                z.data[j] += (float) (stepSize * (m[j] / correction1) / (Math.sqrt(v[j] / correction2) + EPSILON));
            }
        }
        return z;
    }

    public static Tensor of(LatentPosterior target, Tensor z0) {
        return of(target, z0, DEFAULT_STEPS, DEFAULT_STEP_SIZE);
    }
}
