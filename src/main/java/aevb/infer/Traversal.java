package aevb.infer;

import aevb.eval.ActiveUnits;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Turning one latent knob: hold an image's code mu(x) and move one coordinate z_j from -3 to +3
 * (±3 prior standard deviations of p(z) = N(0, I)), decoding each step. Only active
 * dimensions are worth turning (Burda et al.'s activity, Cov_x E_q[z_j] > 0.01,
 * {@code eval.ActiveUnits}); the model ignores the others, and their rows stay the same picture.
 * Section 2.1's second use, read as "what has each coordinate of the code come to mean".
 */
public final class Traversal {
    public static final double RANGE = 3.0;

    private Traversal() {}

    /** Codes (steps, Nz): mu with coordinate {@code dim} set to -3 .. +3 in {@code steps} even steps. */
    public static Tensor codes(float[] mu, int dim, int steps) {
        if (dim < 0 || dim >= mu.length || steps < 2) {
            throw new IllegalArgumentException("a traversal needs a dimension in 0.." + (mu.length - 1) + " and >= 2 steps");
        }
        Tensor z = new Tensor(steps, mu.length);
        for (int s = 0; s < steps; s++) {
            System.arraycopy(mu, 0, z.data, s * mu.length, mu.length);
            z.set(s, dim, (float) (-RANGE + 2 * RANGE * s / (steps - 1)));
        }
        return z;
    }

    /** One row of pictures per dimension in {@code dims}: (dims·steps, D), image x (1 x D). */
    public static Tensor of(Vae vae, Tensor x, int[] dims, int steps) {
        float[] mu = Codes.mean(vae, x.rowSlice(0, 1)).data;
        Tensor all = new Tensor(dims.length * steps, vae.config.dataDim());
        for (int k = 0; k < dims.length; k++) {
            Tensor pics = vae.decoder.mean(codes(mu, dims[k], steps));
            System.arraycopy(pics.data, 0, all.data, k * pics.data.length, pics.data.length);
        }
        return all;
    }

    /** The active dimensions, most active first (by the variance of mu over the images x). */
    public static int[] activeDims(Vae vae, Tensor x) {
        ActiveUnits.Result a = ActiveUnits.of(vae, x);
        double[] v = a.variance();
        return java.util.stream.IntStream.range(0, v.length).filter(a::isActive).boxed()
                .sorted((p, q) -> Double.compare(v[q], v[p])).mapToInt(Integer::intValue).toArray();
    }
}
