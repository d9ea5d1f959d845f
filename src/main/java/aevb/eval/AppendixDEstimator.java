package aevb.eval;

import static aevb.autodiff.Elementwise.add;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.prob.Decoder;
import aevb.random.Randomness;
import aevb.prob.StandardNormalPrior;
import aevb.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Appendix D: the marginal likelihood estimator for models with few latent dimensions.
 *
 * <p>For a data point x and the generative model p_θ(x, z) = p(z) p_θ(x|z):
 * <ol>
 *   <li>sample L values z_l from the posterior p_θ(z|x) with HMC, using
 *       ∇_z log p_θ(z|x) = ∇_z log p(z) + ∇_z log p_θ(x|z);</li>
 *   <li>fit a density q(z) to these samples;</li>
 *   <li>sample L new values from the posterior and plug them into
 *       <pre>  p_θ(x) ≈ [ (1/L) Σ_l q(z_l) / (p(z_l) p_θ(x|z_l)) ]⁻¹</pre></li>
 * </ol>
 * It holds because, for any normalised q, 1/p(x) = ∫ q(z) dz / p(x) = ∫ p(z|x) q(z) / p(x, z) dz:
 * the average in step 3 is an unbiased Monte Carlo estimate of 1/p(x). The average is taken in
 * log space (log-sum-exp, in double).
 *
 * <p><b>Only for a few latent dimensions.</b> The paper: the estimates are good "as long as the
 * dimensionality of the sampled space is low (less than 5 dimensions), and sufficient samples
 * are taken", which is why Figure 3 uses Nz = 3 ("for higher dimensional latent space the
 * estimates became unreliable"). The estimator's variance is that of q/p(z|x), small only when q
 * matches the posterior closely, and a density fitted to L samples matches it worse and worse as
 * Nz grows. Beyond a few dimensions use the importance-sampled estimator or the bound.
 *
 * <p><b>Our choice of q</b> (the paper leaves it open): a Gaussian with full covariance, fitted
 * by the sample mean m and covariance S of the first L samples, narrowed and cut to an ellipsoid:
 * <pre>  q(z) = N(z; m, Σ) · 1[(z - m)ᵀ Σ⁻¹ (z - m) ≤ r²] / P(χ²_Nz ≤ r²),   Σ = c·S</pre>
 * with c = 0.8 and r² the χ² quantile that keeps 95% of N(m, Σ). Any normalised q keeps the
 * estimate of 1/p(x) unbiased; q decides its variance, which is finite only when q/p(z|x) stays
 * bounded, i.e. when q's tails are lighter than the posterior's. A Gaussian fitted to a skewed
 * posterior can have heavier tails on the steep side, and one rare sample there then dominates
 * the average (we saw single points off by more than a nat). Narrowing (c &lt; 1) and cutting the
 * tails off keep the ratio bounded where the samples are; for a Gaussian posterior the price is
 * small (each term's relative variance is (2c - c²)^(-Nz/2) - 1 ≈ 0.06 for c = 0.8, Nz = 3,
 * before the cut). A chain that jumps to another mode between steps 1 and 3 may leave no sample
 * inside the ellipsoid; that point then falls back to the uncut N(m, Σ), and is counted.
 *
 * <p><b>Sampling</b> (Appendix E: "sampling 50 values from the posterior ... using Hybrid Monte
 * Carlo with 4 leapfrog steps"): one chain per data point, all chains of a chunk run together,
 * so each leapfrog step is one batched decoder pass. A chain starts at a given z0 (e.g. the
 * encoder's mean) or at the most probable of K prior draws, adapts its step size towards 90%
 * acceptance during a warm-up, then freezes it, so the L + L samples come from an exact HMC
 * chain (with a jittered step size, see {@link Hmc}). Successive transitions are used without
 * thinning. A multimodal posterior whose chain stays in one mode A gives p(x)·P(A)/Q(A): an
 * underestimate by the missing mass.
 */
public final class AppendixDEstimator {
    /** Chains of this many data points run together (memory: a few (CHUNK, D) float buffers). */
    public static final int CHUNK = 1000;
    /** ε of every chain at the start; the warm-up adapts it within tens of transitions. */
    public static final double INITIAL_STEP_SIZE = 0.05;
    /** K of the default settings: prior draws a chain's start is chosen from (K decoder passes, under a chain's cost). */
    public static final int STARTS = 1000;

    /**
     * @param warmUp            transitions before the first sample: the chains forget their start and ε adapts
     * @param samples           L: posterior samples to fit q, and again L fresh ones for the estimate
     * @param leapfrogSteps     per HMC transition
     * @param starts            K: without z0, each chain starts at the most probable of K draws from the prior
     * @param covarianceShrink  c in Σ = c·S; in (0, 1]
     * @param keptMass          the mass of N(m, Σ) inside the ellipsoid q is cut to; in (0, 1], 1 for no cut
     */
    public record Settings(int warmUp, int samples, int leapfrogSteps, int starts, double covarianceShrink, double keptMass) {
        public Settings {
            if (warmUp < 0 || samples < 2 || leapfrogSteps < 1 || starts < 1) {
                throw new IllegalArgumentException("Appendix D estimator: need warmUp >= 0, samples >= 2, leapfrogSteps >= 1, "
                        + "starts >= 1; got " + warmUp + ", " + samples + ", " + leapfrogSteps + ", " + starts);
            }
            if (!(covarianceShrink > 0 && covarianceShrink <= 1)) {
                throw new IllegalArgumentException("the covariance shrink c must be in (0, 1], got " + covarianceShrink);
            }
            if (!(keptMass > 0 && keptMass <= 1)) {
                throw new IllegalArgumentException("the kept mass of q must be in (0, 1], got " + keptMass);
            }
        }

        /**
         * Appendix E's numbers: L = 50 samples, 4 leapfrog steps; the warm-up, the starts and q's
         * details are ours. The chains start at the best of {@value #STARTS} prior draws: with 20,
         * Figure 3's models trained on 1,000 images were scored 14-16 nats too low (their
         * posteriors are sharp and multimodal, and a chain started in a minor mode stays there;
         * see docs/figures/README.md, "Figure 3 at N = 1,000").
         */
        public static Settings paper() {
            return new Settings(100, 50, 4, STARTS, 0.8, 0.95);
        }

        /** A cheaper variant for quick runs: fewer samples, a shorter warm-up. */
        public static Settings quick() {
            return new Settings(50, 20, 4, STARTS, 0.8, 0.95);
        }

        public Settings withSamples(int l) {
            return new Settings(warmUp, l, leapfrogSteps, starts, covarianceShrink, keptMass);
        }

        public Settings withWarmUp(int w) {
            return new Settings(w, samples, leapfrogSteps, starts, covarianceShrink, keptMass);
        }

        public Settings withStarts(int k) {
            return new Settings(warmUp, samples, leapfrogSteps, k, covarianceShrink, keptMass);
        }

        public Settings withCovarianceShrink(double c) {
            return new Settings(warmUp, samples, leapfrogSteps, starts, c, keptMass);
        }

        public Settings withKeptMass(double mass) {
            return new Settings(warmUp, samples, leapfrogSteps, starts, covarianceShrink, mass);
        }
    }

    /**
     * The result: log p_θ(x_i) per data point (nats), and how the sampler did.
     *
     * @param logPx            (N) the estimates
     * @param meanAcceptance   the mean acceptance probability of the sampling transitions
     * @param typicalStepSize  the geometric mean of the chains' frozen step sizes
     * @param fallbacks        points whose step-3 samples all missed q's ellipsoid (see the class comment)
     */
    public record Estimate(double[] logPx, double meanAcceptance, double typicalStepSize, int fallbacks) {
        /** The mean of log p(x_i): the number Figure 3 plots. */
        public double mean() {
            return Arrays.stream(logPx).average().orElse(Double.NaN);
        }
    }

    private final Settings settings;
    private final long seed;

    public AppendixDEstimator(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    public Settings settings() {
        return settings;
    }

    /** log p_θ(x_i) for every row of x (N, D); chains start at the best of K prior draws. */
    public Estimate estimate(Decoder decoder, Tensor x) {
        return estimate(decoder, x, null);
    }

    /**
     * log p_θ(x_i) for every row of x (N, D), the chain of row i started at row i of z0
     * (N, Nz), or at the best of K prior draws when z0 is null. The same seed gives the same
     * numbers.
     */
    public Estimate estimate(Decoder decoder, Tensor x, Tensor z0) {
        if (x.cols != decoder.dataDim()) {
            throw new IllegalArgumentException("the data have " + x.cols + " values per point but the decoder models "
                    + decoder.dataDim());
        }
        if (z0 != null && (z0.rows != x.rows || z0.cols != decoder.latent())) {
            throw new IllegalArgumentException("z0 is " + z0.shape() + ", expected " + x.rows + "x" + decoder.latent());
        }
        int n = x.rows;
        double[] logPx = new double[n];
        double acceptance = 0, logStep = 0;
        int fallbacks = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            Tensor xc = x.rowSlice(from, to);
            Tensor start = z0 != null ? z0.rowSlice(from, to) : bestPriorDraws(decoder, xc, from);
            HmcChains chains = new HmcChains(start, INITIAL_STEP_SIZE);
            ChunkResult r = chunk(new HmcPosterior(decoder, xc), chains, from);
            System.arraycopy(r.logPx, 0, logPx, from, to - from);
            acceptance += r.meanAcceptance * (to - from);
            fallbacks += r.fallbacks;
            for (double s : chains.stepSize) {
                logStep += Math.log(s);
            }
        }
        return new Estimate(logPx, acceptance / n, Math.exp(logStep / n), fallbacks);
    }

    private record ChunkResult(double[] logPx, double meanAcceptance, int fallbacks) {}

    /** The three steps for the chains of one chunk (P data points). */
    private ChunkResult chunk(HmcPosterior target, HmcChains chains, int offset) {
        int p = chains.count(), nz = chains.dims(), l = settings.samples;
        Hmc hmc = new Hmc(settings.leapfrogSteps, Hmc.PAPER_TARGET_ACCEPTANCE);
        long t = (long) offset << 24;   // a counter range of its own for each chunk
        for (int w = 0; w < settings.warmUp; w++) {
            hmc.transition(target, chains, Hmc.rng(seed, t++), Hmc.Adaptation.PER_CHAIN);
        }

        // Step 1: L posterior samples, kept as running sums for their mean and covariance.
        double[] sum = new double[p * nz], sumOuter = new double[p * nz * nz];
        double acceptance = 0;
        for (int s = 0; s < l; s++) {
            acceptance += hmc.transition(target, chains, Hmc.rng(seed, t++), Hmc.Adaptation.FROZEN);
            for (int i = 0; i < p; i++) {
                for (int a = 0; a < nz; a++) {
                    double za = chains.z.get(i, a);
                    sum[i * nz + a] += za;
                    for (int b = 0; b < nz; b++) {
                        sumOuter[(i * nz + a) * nz + b] += za * chains.z.get(i, b);
                    }
                }
            }
        }

        // Step 2: fit q_i to each chain's samples.
        double radius2 = ChiSquare.quantile(settings.keptMass, nz);
        FittedGaussian[] q = new FittedGaussian[p];
        for (int i = 0; i < p; i++) {
            q[i] = FittedGaussian.fit(sum, sumOuter, i, nz, l, settings.covarianceShrink, radius2);
        }

        // Step 3: L fresh samples; log Σ_l q(z_l) / p(x, z_l), by log-sum-exp, for the cut q and
        // (the fallback) the uncut one. log p(x, z) = log p(z) + log p(x|z) is the chain's log π.
        LogSumExp cut = new LogSumExp(p), uncut = new LogSumExp(p);
        for (int s = 0; s < l; s++) {
            acceptance += hmc.transition(target, chains, Hmc.rng(seed, t++), Hmc.Adaptation.FROZEN);
            for (int i = 0; i < p; i++) {
                double m2 = q[i].mahalanobis2(chains.z.data, i * nz);
                double logQ = q[i].logNormaliser - 0.5 * m2;                  // log N(z; m, Σ)
                uncut.add(i, logQ - chains.logPi(i));                         // log q(z) - log p(x, z)
                if (m2 <= radius2) {
                    cut.add(i, logQ - q[i].logMassInside - chains.logPi(i));  // outside the ellipsoid q = 0
                }
            }
        }
        double[] logPx = new double[p];
        int fallbacks = 0;
        for (int i = 0; i < p; i++) {
            boolean fallback = cut.isEmpty(i);
            fallbacks += fallback ? 1 : 0;
            double logMeanRatio = (fallback ? uncut : cut).log(i) - Math.log(l);   // log (1/L) Σ q / p(x, z)
            logPx[i] = -logMeanRatio;                                             // p(x) ≈ [ ... ]⁻¹
        }
        return new ChunkResult(logPx, acceptance / (2 * l), fallbacks);
    }

    /**
     * For each row of x (P, D), the most probable of K draws z ~ p(z) under p(z) p_θ(x|z): a cheap
     * way (K forward passes) to start most chains in the posterior's main mode, which a chain
     * started in a minor one might never leave. (P, Nz).
     */
    private Tensor bestPriorDraws(Decoder decoder, Tensor x, int offset) {
        int p = x.rows, nz = decoder.latent();
        Tensor best = new Tensor(p, nz), draw = new Tensor(p, nz);
        double[] bestLogJoint = new double[p];
        Arrays.fill(bestLogJoint, Double.NEGATIVE_INFINITY);
        SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.HMC, -1 - offset);
        StandardNormalPrior prior = new StandardNormalPrior();
        Tape tape = Tape.withConstantLeaves();   // forward passes only
        for (int k = 0; k < settings.starts; k++) {
            Randomness.gaussian(rnd, draw.data, draw.data.length);
            tape.reset();
            Var z = tape.constant(draw);
            float[] logJoint = add(prior.logDensity(z), decoder.logLikelihood(tape.constant(x), z)).value.data;
            for (int i = 0; i < p; i++) {
                if (logJoint[i] > bestLogJoint[i]) {
                    bestLogJoint[i] = logJoint[i];
                    System.arraycopy(draw.data, i * nz, best.data, i * nz, nz);
                }
            }
        }
        return best;
    }

    /** Running log Σ exp(v) per chain, in double, without overflow: max + log Σ exp(v - max). */
    private static final class LogSumExp {
        final double[] max, scaled;

        LogSumExp(int p) {
            max = new double[p];
            scaled = new double[p];
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(int i, double v) {
            if (v > max[i]) {
                scaled[i] = scaled[i] * Math.exp(max[i] - v) + 1;
                max[i] = v;
            } else {
                scaled[i] += Math.exp(v - max[i]);
            }
        }

        boolean isEmpty(int i) {
            return scaled[i] == 0;
        }

        double log(int i) {
            return max[i] + Math.log(scaled[i]);
        }
    }

    /**
     * N(m, Σ), Σ = c·S + δI, fitted in step 2: its mean, the Cholesky factor C (C Cᵀ = Σ), the
     * log of its normaliser, and the log of its mass inside the ellipsoid of squared radius r²,
     * log P(χ²_Nz ≤ r²). δ = 1e-8 keeps C defined even for a chain that never moved (whose
     * estimate is then poor, and its acceptance says so).
     */
    record FittedGaussian(double[] mean, double[] chol, double logNormaliser, double logMassInside) {
        static final double JITTER = 1e-8;

        static FittedGaussian fit(double[] sum, double[] sumOuter, int i, int nz, int n, double shrink, double radius2) {
            double[] m = new double[nz], cov = new double[nz * nz];
            for (int a = 0; a < nz; a++) {
                m[a] = sum[i * nz + a] / n;
            }
            for (int a = 0; a < nz; a++) {
                for (int b = 0; b < nz; b++) {
                    // S = (Σ z zᵀ - n m mᵀ) / (n - 1), the unbiased sample covariance
                    double s = (sumOuter[(i * nz + a) * nz + b] - n * m[a] * m[b]) / (n - 1);
                    cov[a * nz + b] = shrink * s + (a == b ? JITTER : 0);
                }
            }
            double[] c = cholesky(cov, nz);
            double logDet = 0;
            for (int a = 0; a < nz; a++) {
                logDet += 2 * Math.log(c[a * nz + a]);
            }
            return new FittedGaussian(m, c, -0.5 * (nz * Math.log(2 * Math.PI) + logDet),
                    Math.log(ChiSquare.cdf(radius2, nz)));
        }

        /** (z - m)ᵀ Σ⁻¹ (z - m) = ‖C⁻¹ (z - m)‖², by forward substitution; z at z[offset, offset + Nz). */
        double mahalanobis2(float[] z, int offset) {
            int nz = mean.length;
            double[] y = new double[nz];
            double quad = 0;
            for (int a = 0; a < nz; a++) {
                double r = z[offset + a] - mean[a];
                for (int b = 0; b < a; b++) {
                    r -= chol[a * nz + b] * y[b];
                }
                y[a] = r / chol[a * nz + a];
                quad += y[a] * y[a];
            }
            return quad;
        }

        /** The lower Cholesky factor of a symmetric positive definite matrix (nz, nz), row-major. */
        static double[] cholesky(double[] s, int nz) {
            double[] c = new double[nz * nz];
            for (int a = 0; a < nz; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = s[a * nz + b];
                    for (int k = 0; k < b; k++) {
                        v -= c[a * nz + k] * c[b * nz + k];
                    }
                    // a covariance estimated from samples is PSD up to rounding; clamp the pivot
                    c[a * nz + b] = a == b ? Math.sqrt(Math.max(v, JITTER)) : v / c[b * nz + b];
                }
            }
            return c;
        }
    }

    /**
     * The χ² distribution with k degrees of freedom, the law of the squared Mahalanobis distance
     * (z - m)ᵀ Σ⁻¹ (z - m) under N(m, Σ) in k dimensions: it renormalises the cut Gaussian.
     */
    static final class ChiSquare {
        private ChiSquare() {}

        /**
         * P(χ²_k ≤ x) = P(k/2, x/2), the regularised lower incomplete gamma function, from its series
         * P(s, y) = y^s e^(-y) / Γ(s + 1) · Σ_n y^n / ((s + 1) ... (s + n)), summed in double until
         * the terms stop mattering (their ratio y / (s + n) tends to 0, so it always converges).
         */
        static double cdf(double x, int k) {
            if (x <= 0) {
                return 0;
            }
            if (Double.isInfinite(x)) {
                return 1;
            }
            double s = 0.5 * k, y = 0.5 * x;
            double term = 1, sum = 1;
            for (int n = 1; n < 100_000 && term > 1e-17 * sum; n++) {
                term *= y / (s + n);
                sum += term;
            }
            return Math.min(1, Math.exp(s * Math.log(y) - y - logGammaOfHalfInteger(s + 1)) * sum);
        }

        /** The x with P(χ²_k ≤ x) = p, by bisection on the rising cdf; +∞ for p = 1 (no cut). */
        static double quantile(double p, int k) {
            if (p >= 1) {
                return Double.POSITIVE_INFINITY;
            }
            double lo = 0, hi = k + 20 * Math.sqrt(2.0 * k) + 50;
            for (int it = 0; it < 100; it++) {
                double mid = 0.5 * (lo + hi);
                if (cdf(mid, k) < p) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        /** log Γ(a) for a positive multiple a of ½: Γ(1) = 1, Γ(½) = √π, Γ(a + 1) = a Γ(a). */
        static double logGammaOfHalfInteger(double a) {
            double t = a == Math.floor(a) ? 1 : 0.5;
            double log = t == 1 ? 0 : 0.5 * Math.log(Math.PI);
            for (; t < a - 1e-9; t += 1) {
                log += Math.log(t);
            }
            return log;
        }
    }
}
