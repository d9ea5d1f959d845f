package aevb.eval;

import aevb.autodiff.Tape;
import aevb.prob.DiagonalGaussian;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Active units (Burda, Grosse &amp; Salakhutdinov 2015, IWAE): latent dimension u is active
 * when the encoder's mean moves with the data,
 * <pre>  A_u = Var_x( E_{q(z|x)}[z_u] ) = Var_x( mu_u(x) ) > 10⁻²</pre>
 * A dimension whose mean stays put whatever x is carries no information about x: the decoder
 * learns to ignore it and q leaves it at the prior. Counting active units shows how much of
 * the latent space a trained model really uses (in MNIST models typically fewer than Nz).
 */
public final class ActiveUnits {
    /** Burda et al.'s threshold on the variance. */
    public static final double THRESHOLD = 1e-2;
    private static final int ROWS_PER_PASS = 1000;

    private ActiveUnits() {}

    /** Var_x(mu_u(x)) for every dimension u, and how many exceed the threshold. */
    public record Result(double[] variance, double threshold) {
        public int active() {
            int n = 0;
            for (double v : variance) {
                if (v > threshold) {
                    n++;
                }
            }
            return n;
        }

        /** Whether dimension u is active. */
        public boolean isActive(int u) {
            return variance[u] > threshold;
        }
    }

    /** The active units of the model on the rows of x (N, D), with Burda et al.'s threshold. */
    public static Result of(Vae vae, Tensor x) {
        return of(vae, x, THRESHOLD);
    }

    public static Result of(Vae vae, Tensor x, double threshold) {
        if (x.rows < 2) {
            throw new IllegalArgumentException("active units need at least 2 data points, got " + x.rows);
        }
        int nz = vae.config.latent();
        // Welford's running mean and sum of squared deviations, in double, one pass over the data.
        double[] mean = new double[nz], m2 = new double[nz];
        long seen = 0;
        Tape tape = new Tape();
        for (int from = 0; from < x.rows; from += ROWS_PER_PASS) {
            int to = Math.min(x.rows, from + ROWS_PER_PASS);
            tape.reset();
            DiagonalGaussian q = vae.encoder.encode(tape.constant(x.rowSlice(from, to)));
            float[] mu = q.mu().data();                           // (rows, Nz)
            for (int r = 0; r < to - from; r++) {
                seen++;
                for (int u = 0; u < nz; u++) {
                    double v = mu[r * nz + u], delta = v - mean[u];
                    mean[u] += delta / seen;
                    m2[u] += delta * (v - mean[u]);
                }
            }
        }
        double[] variance = new double[nz];
        for (int u = 0; u < nz; u++) {
            variance[u] = m2[u] / seen;                           // the variance of the data set itself (1/N)
        }
        return new Result(variance, threshold);
    }
}
