package aevb.sgvb;

import static aevb.autodiff.Elementwise.neg;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.data.Minibatch;
import aevb.nn.Init;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Appendix F: full variational Bayes, a variational posterior over the decoder's parameters θ
 * as well as over z. A small-model demonstration; the paper derives it and reports no experiment.
 *
 * <p>The prior p_α(θ) = N(0, I) and the approximate posterior q_φ(θ) = N(θ; mu_θ, diag(σ_θ²))
 * (F.1, eq. 31) give a bound on the marginal likelihood of the whole data set X (eq. 22),
 * <pre>  log p_α(X) ≥ L(φ; X) = E_q(θ)[ log p_θ(X) + log p_α(θ) - log q_φ(θ) ]</pre>
 * in which each log p_θ(x_i) is bounded in turn by the per-point bound L(θ, φ; x_i) of eq. (24)
 * with the usual encoder q_φ(z|x). With both posteriors reparameterised (eq. 25, 27),
 * <pre>  θ = h_φ(ζ) = mu_θ + σ_θ ⊙ ζ,   ζ ~ N(0, I);        z = mu_z + σ_z ⊙ eps,   eps ~ N(0, I)</pre>
 * and the Gaussian terms in closed form, the estimator is eq. (32):
 * <pre>
 *   L(φ; X) ≈ N · (1/M) Σ_i [ ½ Σ_j (1 + log σ_z,j² - mu_z,j² - σ_z,j²) + log p_θ(x_i | z_i) ]
 *            + ½ Σ_j (1 + log σ_θ,j² - mu_θ,j² - σ_θ,j²)
 * </pre>
 * the minibatch estimate of Σ_i L(θ, φ; x_i) at the drawn θ (estimator B, eq. 10), minus
 * KL(q_φ(θ) || p_α(θ)) in closed form (Appendix B). Here φ holds the encoder's weights and
 * (mu_θ, log σ_θ²); {@link #step} returns L(φ; X)/N, the bound per data point, in nats.
 *
 * <p>Algorithm 2 draws one (x, eps, ζ) triple per term; we draw one ζ per minibatch (θ is global,
 * and one decoder per data point would cost M forward passes); the estimate stays unbiased.
 *
 * <p>How the gradient reaches (mu_θ, log σ_θ²): the decoder's own parameters hold the drawn θ,
 * overwritten before every evaluation; the tape gives dL/dθ there, and the chain rule through
 * θ = mu_θ + exp(½ log σ_θ²) ⊙ ζ gives
 * <pre>  dL/dmu_θ = dL/dθ,     dL/dlog σ_θ² = dL/dθ ⊙ ζ ⊙ ½σ_θ</pre>
 * plus the closed-form KL's own gradient, d(-KL)/dmu_θ = -mu_θ and d(-KL)/dlog σ_θ² = ½(1 - σ_θ²).
 * The prior on θ lives in the KL, so there is no separate weight decay.
 *
 * <p>What we saw (1000 MNIST digits, 100 hidden units, Nz = 3, Adagrad 0.02, M = 100, 3000
 * steps, σ_θ starting at 0.01): the bound per data point is dominated by KL(q(θ)||p(θ))/N, about
 * 245 nats at the end (each of the decoder's 80k weights pays a few nats for a σ_θ of 0.03
 * against the unit prior), and σ_θ grows slowly; the data term tracks AEVB's bound, and the
 * decoder at mu_θ reached a slightly better test bound than AEVB's own (-169.5 against -171.1
 * nats). With N = 50000 the KL per data point would be fifty times smaller.
 */
public final class FullVb implements Learner {
    private final Vae vae;
    private final int trainingPoints;
    private final Estimator estimator = new EstimatorB();
    private final Optimizer optimizer;
    private final int samples;
    private final long seed;
    private final List<Parameter> theta;        // the decoder's parameters: the current draw of θ
    private final List<Parameter> muTheta = new ArrayList<>();
    private final List<Parameter> logVarTheta = new ArrayList<>();
    private final List<Parameter> variational = new ArrayList<>();  // φ_z, mu_θ, log σ_θ²
    private final Tape tape = new Tape();
    private Tensor eps = new Tensor(0, 0);
    private List<Tensor> zeta;
    private long step;

    /** log σ_θ² at the start: σ_θ = 0.01, the scale of the paper's initialisation N(0, 0.01). */
    public static final double DEFAULT_INITIAL_LOG_VAR_THETA = 2 * Math.log(Init.PAPER_STD);

    /**
     * Full VB around {@code vae}: its encoder is q_φ(z|x); its decoder's current weights become
     * mu_θ, and every log σ_θ² starts at {@code initialLogVarTheta} (a small σ_θ, such as
     * {@link #DEFAULT_INITIAL_LOG_VAR_THETA}, lets the decoder learn before the noise in θ grows
     * to what the data allow).
     *
     * @param trainingPoints N, which weighs the data term against the KL of θ
     * @param samples        L, samples of z per data point
     */
    public FullVb(Vae vae, int trainingPoints, Optimizer optimizer, double initialLogVarTheta, int samples, long seed) {
        if (trainingPoints < 1 || samples < 1) {
            throw new IllegalArgumentException("full VB needs N >= 1 and L >= 1, got N = " + trainingPoints + ", L = " + samples);
        }
        this.vae = vae;
        this.trainingPoints = trainingPoints;
        this.optimizer = optimizer;
        this.samples = samples;
        this.seed = seed;
        this.theta = vae.theta();
        for (Parameter p : theta) {
            Parameter mu = new Parameter(p.name + ".mu", p.value.rows, p.value.cols);
            mu.value.copyFrom(p.value);
            Parameter logVar = new Parameter(p.name + ".logVar", p.value.rows, p.value.cols);
            logVar.value.fill((float) initialLogVarTheta);
            muTheta.add(mu);
            logVarTheta.add(logVar);
        }
        variational.addAll(vae.phi());
        variational.addAll(muTheta);
        variational.addAll(logVarTheta);
        this.zeta = drawZeta(Randomness.rng(seed, Randomness.Stream.EPS, -1));
    }

    @Override
    public double step(Minibatch batch) {
        return step(batch.x());
    }

    /**
     * One stochastic gradient step (Algorithm 2 with a minibatch) on x (M, D): draws eps and ζ,
     * evaluates eq. (32) per data point, and updates φ, mu_θ and log σ_θ². Returns the bound per
     * data point, L(φ; X)/N, before the update. Leaves the decoder holding this step's θ draw.
     */
    public double step(Tensor x) {
        if (eps.rows != samples * x.rows) {
            eps = new Tensor(samples * x.rows, vae.config.latent());
        }
        // eps and ζ from counters 2t and 2t + 1 of the EPS stream: a pure function of (seed, t)
        Randomness.gaussian(seed, Randomness.Stream.EPS, 2 * step, eps.data, eps.data.length);
        SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.EPS, 2 * step + 1);
        for (Tensor z : zeta) {
            Randomness.gaussian(rnd, z.data, z.data.length);
        }
        double value = bound(x, eps, zeta);
        if (!Double.isFinite(value)) {
            variational.forEach(p -> p.grad.zero());
            throw new NonFiniteException("full VB bound", step);
        }
        NonFiniteException.requireFiniteGradients(variational, step);
        optimizer.step(variational);
        step++;
        return value;
    }

    /**
     * Eq. (32) divided by N, for given noise: eps (L·M, Nz) for z and ζ (one tensor per decoder
     * parameter) for θ. Returns the bound per data point and <em>adds</em> the gradient of the
     * loss, minus that bound, into the gradients of φ, mu_θ and log σ_θ² (what the optimiser
     * minimises). A pure function of the parameters and the noise, hence gradient-checkable.
     */
    public double bound(Tensor x, Tensor eps, List<Tensor> zeta) {
        // θ = mu_θ + σ_θ ⊙ ζ, written into the decoder's parameters
        for (int k = 0; k < theta.size(); k++) {
            float[] t = theta.get(k).value.data, mu = muTheta.get(k).value.data, lv = logVarTheta.get(k).value.data;
            float[] z = zeta.get(k).data;
            for (int j = 0; j < t.length; j++) {
                t[j] = mu[j] + (float) Math.exp(0.5 * lv[j]) * z[j];
            }
        }

        // (1/M) Σ_i L̃(θ, φ; x_i) on the tape: gives -dL/dφ into φ.grad and -dL/dθ into θ.grad
        for (Parameter p : theta) {
            p.grad.zero();   // θ.grad only carries dL/dθ on to mu_θ and log σ_θ²
        }
        tape.reset();
        Var perPoint = MinibatchEstimator.perDataPoint(estimator, vae, tape.constant(x), eps, samples);
        tape.backward(neg(perPoint));
        double value = perPoint.item();

        // the chain rule through θ = mu + exp(½ logVar) ζ, then the KL of q(θ) from p(θ), both per data point
        double negKl = 0;
        float perN = 1f / trainingPoints;
        for (int k = 0; k < theta.size(); k++) {
            float[] gTheta = theta.get(k).grad.data, z = zeta.get(k).data;
            Parameter mu = muTheta.get(k), logVar = logVarTheta.get(k);
            for (int j = 0; j < gTheta.length; j++) {
                float m = mu.value.data[j], lv = logVar.value.data[j];
                float sigma = (float) Math.exp(0.5 * lv), var = sigma * sigma;
                negKl += 0.5 * (1 + lv - (double) m * m - var);          // ½ (1 + log σ² - mu² - σ²)
                mu.grad.data[j] += gTheta[j]                              // dθ/dmu = 1
                        + perN * m;                                       // -d(-KL/N)/dmu = mu/N
                logVar.grad.data[j] += gTheta[j] * z[j] * 0.5f * sigma    // dθ/dlogVar = ½ σ ζ
                        - perN * 0.5f * (1 - var);                        // -d(-KL/N)/dlogVar = -½ (1 - σ²)/N
                gTheta[j] = 0;
            }
        }
        return value + negKl / trainingPoints;
    }

    /** ζ ~ N(0, I), one tensor shaped like each decoder parameter. */
    public List<Tensor> drawZeta(SplittableRandom rnd) {
        List<Tensor> zeta = new ArrayList<>();
        for (Parameter p : theta) {
            Tensor z = new Tensor(p.value.rows, p.value.cols);
            Randomness.gaussian(rnd, z.data, z.data.length);
            zeta.add(z);
        }
        return zeta;
    }

    /** Sets the decoder's θ to mu_θ, the posterior mean, e.g. before drawing pictures or evaluating. */
    public void useMeanTheta() {
        for (int k = 0; k < theta.size(); k++) {
            theta.get(k).value.copyFrom(muTheta.get(k).value);
        }
    }

    /** KL(q_φ(θ) || p_α(θ)) in nats, for the whole data set (the bound holds it once, not per point). */
    public double klTheta() {
        double kl = 0;
        for (int k = 0; k < theta.size(); k++) {
            float[] mu = muTheta.get(k).value.data, lv = logVarTheta.get(k).value.data;
            for (int j = 0; j < mu.length; j++) {
                kl -= 0.5 * (1 + lv[j] - (double) mu[j] * mu[j] - Math.exp(lv[j]));
            }
        }
        return kl;
    }

    /** The root mean square of σ_θ over all decoder weights: how uncertain q(θ) still is. */
    public double rmsSigmaTheta() {
        double s = 0;
        long n = 0;
        for (Parameter lv : logVarTheta) {
            for (float v : lv.value.data) {
                s += Math.exp(v);
                n++;
            }
        }
        return Math.sqrt(s / n);
    }

    public Vae vae() {
        return vae;
    }

    /** mu_θ, one per decoder parameter, in the decoder's order. */
    public List<Parameter> muTheta() {
        return muTheta;
    }

    /** log σ_θ², one per decoder parameter, in the decoder's order. */
    public List<Parameter> logVarTheta() {
        return logVarTheta;
    }

    /** Everything the optimiser updates: the encoder's φ, then mu_θ, then log σ_θ². */
    public List<Parameter> variationalParameters() {
        return variational;
    }

    /** What a checkpoint holds: the model's parameters (θ there is the last draw), then mu_θ and log σ_θ². */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(vae.parameters());
        all.addAll(muTheta);
        all.addAll(logVarTheta);
        return all;
    }

    /** The optimiser updates φ, mu_θ and log σ_θ², not the drawn θ. */
    @Override
    public List<Parameter> optimized() {
        return variational;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Iterations done so far; the next one draws the eps and ζ of this counter. */
    @Override
    public long steps() {
        return step;
    }

    /** Continues a run from a checkpoint taken after {@code steps} iterations. */
    @Override
    public void resumeAt(long steps) {
        this.step = steps;
    }
}
