package aevb.infer;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Walking between two images through the latent space, section 2.1's second use ("efficient
 * approximate posterior inference of the latent variable z given an observed value x ... for
 * coding or data representation tasks"): encode both images to their means mu_a, mu_b, and
 * decode the codes along a path between them,
 * <pre>
 *   line:          z(t) = (1 - t) mu_a + t mu_b
 *   great circle:  z(t) = [sin((1 - t) Ω) mu_a + sin(t Ω) mu_b] / sin Ω,   cos Ω = mu_a·mu_b / (|mu_a| |mu_b|)
 * </pre>
 * for t from 0 to 1. The line passes near the origin when mu_a and mu_b point apart, where
 * codes are denser under the prior than any image's code (a 20-dimensional N(0, I) puts almost all
 * its mass near the sphere of radius √20); the great circle (White, 2016, "Sampling generative
 * networks") keeps |z| between |mu_a| and |mu_b|. At t = 0 and t = 1 both paths decode to the
 * images' reconstructions E[x | mu].
 */
public final class Interpolation {
    public enum Path { LINE, GREAT_CIRCLE }

    private Interpolation() {}

    /** The codes along the path: (steps, Nz), row 0 = a, row steps-1 = b. */
    public static Tensor codes(Path path, float[] a, float[] b, int steps) {
        if (a.length != b.length || steps < 2) {
            throw new IllegalArgumentException("interpolation needs two codes of one size and at least 2 steps");
        }
        int nz = a.length;
        Tensor z = new Tensor(steps, nz);
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < nz; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        double omega = Math.acos(Math.clamp(dot / Math.sqrt(na * nb), -1, 1));
        boolean straight = path == Path.LINE || !(Math.sin(omega) > 1e-6);  // parallel codes: the circle is the line
        for (int s = 0; s < steps; s++) {
            double t = s / (double) (steps - 1);
            double wa = straight ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
            double wb = straight ? t : Math.sin(t * omega) / Math.sin(omega);
            for (int j = 0; j < nz; j++) {
                z.set(s, j, (float) (wa * a[j] + wb * b[j]));
            }
            if (s == 0 || s == steps - 1) {   // the ends are the codes themselves, not rounded sums
                System.arraycopy(s == 0 ? a : b, 0, z.data, s * nz, nz);
            }
        }
        return z;
    }

    /** The decoded path between images a and b (each 1 x D): (steps, D). */
    public static Tensor between(Vae vae, Path path, Tensor a, Tensor b, int steps) {
        Tensor mu = Codes.mean(vae, stack(a, b));
        int nz = mu.cols;
        float[] za = java.util.Arrays.copyOfRange(mu.data, 0, nz), zb = java.util.Arrays.copyOfRange(mu.data, nz, 2 * nz);
        return vae.decoder.mean(codes(path, za, zb, steps));
    }

    static Tensor stack(Tensor a, Tensor b) {
        Tensor x = new Tensor(2, a.cols);
        System.arraycopy(a.data, 0, x.data, 0, a.cols);
        System.arraycopy(b.data, 0, x.data, a.cols, a.cols);
        return x;
    }
}
