package aevb.eval;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.prob.DiagonalGaussian;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The marginal likelihood log p_θ(x) estimated by importance sampling with the encoder as the
 * proposal (the test-set score of Burda, Grosse & Salakhutdinov 2015, IWAE, with K = 5000):
 * <pre>
 *   log p(x) ≈ log (1/K) Σ_k w_k,   w_k = p_θ(x, z_k) / q_φ(z_k|x),   z_k ~ q_φ(z|x)
 *   log w_k  = log p_θ(x|z_k) + log p(z_k) - log q_φ(z_k|x)
 * </pre>
 * The mean of the w_k is an unbiased estimate of p(x), so by Jensen its log is below log p(x) in
 * expectation and rises towards it as K grows (Burda et al., theorem 1). K = 1 gives one term of
 * estimator A (eq. 6), and for every draw log (1/K) Σ w_k ≥ (1/K) Σ log w_k, the estimator-A
 * bound of the same samples, which {@link Result#elbo} reports beside it.
 *
 * <p>Paper: the importance-sampled estimate is the fast alternative to the paper's
 * Appendix D estimator of the marginal likelihood (Figure 3); with a good encoder a few thousand
 * samples suffice in this model (K = 5000 in the IWAE evaluation).
 *
 * <p>How it is computed. Each data point i draws its K·Nz noise values eps from the stream
 * (seed, EVAL, firstIndex + i), so its estimate does not depend on how the points are batched,
 * and K' ≤ K samples are the first K' of the K. z_k = mu + σ ⊙ eps_k; log q(z_k|x) is written
 * with eps directly ((z - mu)/σ = eps), and log p(z_k) in closed form, both in double. Only the
 * decoder runs on the tape, forward only, on about {@code rowsPerPass} rows at a time: P points
 * times S of their samples, S = min(K, rowsPerPass) and P = rowsPerPass / S, so the matrix
 * products run on blocks of ~1000 rows while memory stays bounded by max(K, rowsPerPass) rows.
 * The K log-weights of a point are kept in double and combined with a log-sum-exp
 * (subtract the largest before exp), which cannot overflow and loses nothing to the float32
 * range even when the log-weights are in the hundreds of nats.
 *
 * <p>Cost: K decoder passes per point. For 1000 MNIST test points with K = 5000 that is 5·10⁶
 * passes of the 20-500-784 decoder, ~4·10¹² flops plus 4·10⁹ softplus evaluations. Measured
 * with {@code ImportanceSamplingBenchmark} (in the tests) on this project's 2-core machine while
 * the kernels were still the scalar twins: 0.53 points/s (2,700 decoder rows/s, the 500→784
 * product ~95% of the time at ~2 GFLOP/s), so 1000 points take ~31 min; the cost scales with
 * the GEMM rate, and with the SIMD kernels near their design rate it falls to a few minutes,
 * the element-wise log-likelihood (softplus) then being the larger share. Batching the rows
 * from 250 to 1000 a pass changes little; the encoder runs once per point.
 */
public final class ImportanceSampledLikelihood {
    /** Decoder rows per forward pass: large enough that GEMM runs near its peak. */
    public static final int DEFAULT_ROWS_PER_PASS = 1000;

    private final Vae vae;
    private final int samples;
    private final long seed;
    private final int rowsPerPass;
    private final Tape tape = new Tape();
    private final Map<Integer, Tensor> zBuffers = new HashMap<>();
    private final Map<Integer, Tensor> xBuffers = new HashMap<>();

    /** The estimates for each data point of a split, in the order of its rows. */
    public record Result(double[] logPx, double[] elbo, double[] standardError) {
        /** The mean of log p(x) over the split and its standard error over data points. */
        public Summary summary() {
            return Summary.of(logPx);
        }

        /** The mean of the K-sample estimator-A bound, for comparison with {@link #summary()}. */
        public Summary elboSummary() {
            return Summary.of(elbo);
        }
    }

    /** K samples per data point, {@link #DEFAULT_ROWS_PER_PASS} decoder rows per pass. */
    public ImportanceSampledLikelihood(Vae vae, int samples, long seed) {
        this(vae, samples, seed, DEFAULT_ROWS_PER_PASS);
    }

    public ImportanceSampledLikelihood(Vae vae, int samples, long seed, int rowsPerPass) {
        this.vae = vae;
        this.samples = PointBatches.atLeastOne(samples, "K (importance samples per data point)");
        this.seed = seed;
        this.rowsPerPass = PointBatches.atLeastOne(rowsPerPass, "rows per pass");
    }

    /** Estimates log p(x_i) for every row of x (N, D); row i draws from counter i. */
    public Result evaluate(Tensor x) {
        return evaluate(x, 0, done -> {});
    }

    /**
     * Estimates log p(x_i) for every row of x (N, D), row i drawing its noise from counter
     * {@code firstIndex + i}, so a split evaluated in pieces gives the numbers it gives whole.
     * {@code pointsDone} hears how many points are finished after each group (for a progress bar).
     */
    public Result evaluate(Tensor x, long firstIndex, IntConsumer pointsDone) {
        PointBatches.checkData(x, vae);
        int n = x.rows, d = x.cols, nz = vae.config.latent();
        int chunk = Math.min(samples, rowsPerPass);           // S: samples per point per pass
        int group = Math.max(1, rowsPerPass / chunk);         // P: points per pass
        double[] logPx = new double[n], elbo = new double[n], se = new double[n];
        double[][] logW = new double[group][samples];          // log w_k of each point of the group
        float[][] eps = new float[group][samples * nz];        // (K, Nz) per point
        PointBatches.forEachGroup(n, group, pointsDone, (g, p) -> {
            Tensor xg = x.rowSlice(g, g + p);                  // (P, D)
            tape.reset();
            DiagonalGaussian q = vae.encoder.encode(tape.constant(xg));
            float[] mu = q.mu().data().clone(), logVar = q.logVar().data().clone(); // (P, Nz)
            for (int i = 0; i < p; i++) {
                PointBatches.pointNoise(seed, firstIndex + g + i, eps[i], samples * nz);
            }
            for (int k0 = 0; k0 < samples; k0 += chunk) {
                int s = Math.min(chunk, samples - k0);
                logWeights(xg.data, mu, logVar, eps, p, s, k0, d, nz, logW);
            }
            for (int i = 0; i < p; i++) {
                logPx[g + i] = logMeanExp(logW[i]);
                elbo[g + i] = mean(logW[i]);
                se[g + i] = deltaMethodError(logW[i]);
            }
        });
        return new Result(logPx, elbo, se);
    }

    /**
     * Fills logW[i][k0 .. k0+s) for the p points of a group with one decoder pass on p·s rows,
     * row i·s + j holding sample k0 + j of point i.
     */
    private void logWeights(float[] xg, float[] mu, float[] logVar, float[][] eps, int p, int s, int k0,
                            int d, int nz, double[][] logW) {
        int rows = p * s;
        tape.reset();
        Tensor z = buffer(zBuffers, rows, nz);       // (P·S, Nz)
        Tensor xRep = buffer(xBuffers, rows, d);     // (P·S, D): point i repeated S times
        double[] logPzMinusLogQ = new double[rows];
        double log2pi = DiagonalGaussian.LOG_2PI;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < s; j++) {
                int r = i * s + j;
                System.arraycopy(xg, i * d, xRep.data, r * d, d);
                double logPz = 0, logQ = 0;
                for (int c = 0; c < nz; c++) {
                    float e = eps[i][(k0 + j) * nz + c];
                    float lv = logVar[i * nz + c];
                    float zc = mu[i * nz + c] + (float) Math.exp(0.5 * lv) * e;  // z = mu + σ ⊙ eps
                    z.data[r * nz + c] = zc;
                    logPz += (double) zc * zc + log2pi;                        // log N(z; 0, 1)
                    logQ += (double) e * e + lv + log2pi;                      // log N(z; mu, σ²)
                }
                logPzMinusLogQ[r] = -0.5 * logPz + 0.5 * logQ;
            }
        }
        Var logPxGivenZ = vae.decoder.logLikelihood(tape.constant(xRep), tape.constant(z)); // (P·S, 1)
        float[] ll = logPxGivenZ.data();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < s; j++) {
                int r = i * s + j;
                logW[i][k0 + j] = ll[r] + logPzMinusLogQ[r];
            }
        }
    }

    /** A buffer of `rows` rows kept across passes; at most two sizes occur (full chunk and tail). */
    private static Tensor buffer(Map<Integer, Tensor> cache, int rows, int cols) {
        return cache.computeIfAbsent(rows, r -> new Tensor(r, cols));
    }

    /** log (1/K) Σ exp(a_k), with the largest a_k taken out first so no exp overflows. */
    static double logMeanExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (double v : a) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / a.length);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /**
     * The standard error of log p̂ from the spread of the weights, by the delta method:
     * Var(log p̂) ≈ Var(w) / (K · E[w]²). It is an estimate from the same K weights, so it is too
     * small when the weights are heavy-tailed (a proposal much narrower than the posterior);
     * NaN for K = 1.
     */
    static double deltaMethodError(double[] logW) {
        int k = logW.length;
        if (k < 2) {
            return Double.NaN;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        double s = 0, ss = 0;
        for (double v : logW) {
            double w = Math.exp(v - max);   // weights scaled by exp(-max): the ratio below is unchanged
            s += w;
            ss += w * w;
        }
        double mean = s / k;
        double var = (ss - k * mean * mean) / (k - 1);
        return Math.sqrt(Math.max(var, 0) / k) / mean;
    }

    public int samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }
}
