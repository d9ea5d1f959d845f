package aevb.eval;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.sgvb.Estimator;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * The variational lower bound on a whole split (training or test set), per data point:
 * <pre>  (1/N) Σ_i L̃(θ, φ; x_i),   L̃(x_i) = (1/L) Σ_l [estimator A (eq. 6) or B (eq. 7, eq. 10)]</pre>
 * with its standard error over the data points. This is the number the paper's Figure 2 plots for
 * the test set, and what {@code evaluate} reports.
 *
 * <p>Deterministic given the seed: data point i draws its L·Nz noise values from the stream
 * (seed, EVAL, firstIndex + i), whatever the batching, so the same split, model and seed always
 * give the same numbers. The same stream feeds {@link ImportanceSampledLikelihood}: with L = K
 * and estimator A, the bound here and that class's {@code elbo} use the same samples.
 */
public final class SplitBound {
    /** Rows (L · M) per forward pass. */
    public static final int DEFAULT_ROWS_PER_PASS = 1000;

    private final Vae vae;
    private final Estimator estimator;
    private final int samples;
    private final long seed;
    private final int rowsPerPass;
    private final Tape tape = new Tape();

    /** L̃(x_i) for every row of the split. */
    public record Result(double[] perPoint) {
        public Summary summary() {
            return Summary.of(perPoint);
        }
    }

    public SplitBound(Vae vae, Estimator estimator, int samples, long seed) {
        this(vae, estimator, samples, seed, DEFAULT_ROWS_PER_PASS);
    }

    public SplitBound(Vae vae, Estimator estimator, int samples, long seed, int rowsPerPass) {
        this.vae = vae;
        this.estimator = estimator;
        this.samples = PointBatches.atLeastOne(samples, "L (samples per data point)");
        this.seed = seed;
        this.rowsPerPass = PointBatches.atLeastOne(rowsPerPass, "rows per pass");
    }

    /** The bound of every row of x (N, D); a float[] of N·D values is {@code new Tensor(N, D, data)}. */
    public Result evaluate(Tensor x) {
        return evaluate(x, 0, done -> {});
    }

    /** As {@link #evaluate(Tensor)}, row i drawing from counter firstIndex + i; reports progress in points. */
    public Result evaluate(Tensor x, long firstIndex, IntConsumer pointsDone) {
        PointBatches.checkData(x, vae);
        int n = x.rows, nz = vae.config.latent();
        int batch = Math.max(1, rowsPerPass / samples);      // M
        double[] perPoint = new double[n];
        float[] pointEps = new float[samples * nz];            // (L, Nz) of one point
        PointBatches.forEachGroup(n, batch, pointsDone, (from, m) -> {
            // eps (L·M, Nz): row l·M + i is sample l of point i, as the estimators expect.
            Tensor eps = new Tensor(samples * m, nz);
            for (int i = 0; i < m; i++) {
                PointBatches.pointNoise(seed, firstIndex + from + i, pointEps, pointEps.length);
                for (int l = 0; l < samples; l++) {
                    System.arraycopy(pointEps, l * nz, eps.data, (l * m + i) * nz, nz);
                }
            }
            tape.reset();
            Var terms = estimator.terms(vae, tape.constant(x.rowSlice(from, from + m)), eps, samples); // (L·M, 1)
            float[] t = terms.data();
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int l = 0; l < samples; l++) {
                    s += t[l * m + i];
                }
                perPoint[from + i] = s / samples;
            }
        });
        return new Result(perPoint);
    }

    public Estimator estimator() {
        return estimator;
    }

    public int samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }
}
