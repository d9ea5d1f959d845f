package aevb.baselines;

import static aevb.autodiff.Elementwise.neg;
import static aevb.autodiff.Reductions.mean;

import aevb.autodiff.Var;
import aevb.data.Minibatch;
import aevb.nn.Optimizer;
import aevb.nn.WeightDecay;
import aevb.prob.BernoulliDecoder;
import aevb.prob.DiagonalGaussian;
import aevb.prob.GaussianDecoder;
import aevb.prob.GaussianKl;
import aevb.random.Randomness;
import aevb.prob.ReparameterizedSampler;
import aevb.sgvb.NonFiniteException;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeLearner;
import aevb.tensor.Backend;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The wake-sleep algorithm (Hinton, Dayan, Frey &amp; Neal, 1995), the baseline of the paper's
 * Figure 2, with the same recognition model q_φ(z|x) (the encoder) and generative model
 * p_θ(x|z) p(z) (the decoder and the N(0, I) prior) as the VAE; a {@link Vae} holds them, so
 * the same bound measures both methods. One {@link #step} on a minibatch x:
 * <pre>
 *   wake:   z ~ q_φ(z|x)                    (a sample, held constant: no gradient reaches φ)
 *           θ ← θ + ∇_θ [log p_θ(x|z) + log p(z)] = θ + ∇_θ log p_θ(x|z)
 *   sleep:  z ~ p(z),  x ~ p_θ(x|z)           (a "dream" from the generative model)
 *           φ ← φ + ∇_φ log q_φ(z|x)
 * </pre>
 * The wake phase fits the generative model to the data completed with the recognition model's
 * guesses of z; its objective is log p_θ(x, z) = log p_θ(x|z) + log p(z), but the prior has no
 * θ, so only log p_θ(x|z) is differentiated. The sleep phase is maximum likelihood for φ on
 * dreamed pairs (z, x): the recognition model learns to invert the generative model. Unlike
 * AEVB, φ never sees the data, and the two phases optimise different objectives (the sleep phase
 * minimises KL(p_θ(z|x) || q_φ(z|x)) averaged over dreams, the reverse of the KL in the bound),
 * so wake-sleep maximises no single bound.
 *
 * <p>Both gradients are taken at the same (θ, φ) and applied in one optimiser step: they touch
 * disjoint parameters, so this is the classic alternation except that the dreams come from
 * θ before this step's wake update. Each phase uses M samples (the minibatch size). The
 * prior on θ enters as weight decay, as in {@link aevb.sgvb.Aevb}.
 *
 * <p>Progress is measured as for AEVB: {@link #step} returns estimator B (eq. 10, L = 1) on the
 * minibatch, per data point. It costs nothing extra: the wake phase's z = mu + σ ⊙ eps and
 * log p_θ(x|z) are exactly estimator B's reconstruction term, and -KL comes from the same mu and
 * log σ². The noise is counter-based: eps of step t from (seed, EPS, t), the dreams from
 * (seed, SLEEP, t), so a resumed run is bit-identical to an uninterrupted one.
 */
public final class WakeSleep extends VaeLearner {
    private Tensor zDream = new Tensor(0, 0);
    private Tensor xDream = new Tensor(0, 0);
    private double wakeLoss = Double.NaN;
    private double sleepLoss = Double.NaN;

    public WakeSleep(Vae vae, Optimizer optimizer, WeightDecay weightDecay, long seed) {
        super(vae, optimizer, weightDecay, seed);
    }

    /**
     * The wake objective per data point, (1/M) Σ_i log p_θ(x_i|z_i), (1, 1). z (M, Nz) must be a
     * constant of the tape (a sample from q): only θ gets a gradient.
     */
    public static Var wakeObjective(Vae vae, Var x, Var z) {
        return mean(vae.decoder.logLikelihood(x, z));
    }

    /** The sleep objective per dream, (1/M) Σ_i log q_φ(z_i|x_i) on dreamed (z, x), (1, 1). */
    public static Var sleepObjective(Vae vae, Var xDream, Var zDream) {
        return mean(vae.encoder.encode(xDream).logDensity(zDream));
    }

    /**
     * One wake phase and one sleep phase on the minibatch x (M, D). Returns estimator B on x per
     * data point (nats), before the update, like {@link aevb.sgvb.Aevb#step(Tensor)}.
     */
    public double step(Tensor x) {
        long step = steps();
        // ---- wake: z ~ q_φ(z|x), gradient of log p_θ(x|z) in θ ----
        tape.reset();
        Tensor eps = drawEps(x.rows);                                  // (M, Nz)
        Var xv = tape.constant(x);
        DiagonalGaussian q = vae.encoder.encode(xv);                    // (M, Nz)
        Var zSample = ReparameterizedSampler.sample(q, eps);           // z = mu + σ ⊙ eps, (M, Nz)
        Var z = tape.constant(zSample.value);                          // the same numbers, cut from the graph
        Var wake = wakeObjective(vae, xv, z);                          // (1/M) Σ log p_θ(x_i|z_i)
        double bound = meanOf(GaussianKl.negativeKl(q)) + wake.item(); // eq. (10) with L = 1
        wakeLoss = -wake.item();
        if (!Double.isFinite(bound)) {
            throw new NonFiniteException("bound", step);
        }
        tape.backward(neg(wake));                                      // fills θ's gradients only

        // ---- sleep: dream (z, x) from p_θ, gradient of log q_φ(z|x) in φ ----
        tape.reset();
        dream(x.rows, Randomness.rng(seed, Randomness.Stream.SLEEP, step));
        Var sleep = sleepObjective(vae, tape.constant(xDream), tape.constant(zDream));
        sleepLoss = -sleep.item();
        if (!Double.isFinite(sleepLoss)) {
            zeroGradients();
            throw new NonFiniteException("sleep-phase log q(z|x)", step);
        }
        tape.backward(neg(sleep));                                     // fills φ's gradients only

        weightDecay.addGradient(vae.theta());
        NonFiniteException.requireFiniteGradients(params, step);
        optimizer.step(params);
        stepDone();
        return bound;
    }

    @Override
    public double step(Minibatch batch) {
        return step(batch.x());
    }

    /**
     * Ancestral sampling from the generative model into zDream (n, Nz) and xDream (n, D):
     * z ~ N(0, I), then x ~ p_θ(x|z): binary pixels with P(x_j = 1) = σ(a_j) for the Bernoulli
     * decoder, x = mu + σ ⊙ n with n ~ N(0, I) for the Gaussian one.
     */
    void dream(int n, SplittableRandom rnd) {
        int d = vae.config.dataDim();
        zDream = sized(zDream, n, vae.config.latent());
        xDream = sized(xDream, n, d);
        Randomness.gaussian(rnd, zDream.data, zDream.data.length);
        Var z = tape.constant(zDream);
        switch (vae.decoder) {
            case BernoulliDecoder bernoulli -> {
                float[] a = bernoulli.logits(z).data();                  // (n, D)
                for (int i = 0; i < a.length; i++) {
                    double y = 1 / (1 + Math.exp(-a[i]));                 // P(x = 1) = σ(a)
                    xDream.data[i] = rnd.nextDouble() < y ? 1f : 0f;
                }
            }
            case GaussianDecoder gaussian -> {
                DiagonalGaussian p = gaussian.distribution(z);
                float[] mu = p.mu().data(), logVar = p.logVar().data(); // (n, D)
                Randomness.gaussian(rnd, xDream.data, xDream.data.length);
                for (int i = 0; i < mu.length; i++) {
                    xDream.data[i] = mu[i] + (float) Math.exp(0.5 * logVar[i]) * xDream.data[i];
                }
            }
            default -> throw new IllegalStateException("wake-sleep cannot dream from a " + vae.decoder.kind() + " decoder");
        }
    }

    private static double meanOf(Var column) {
        return Backend.kernels().sum(column.data(), column.size()) / column.size();
    }

    private static Tensor sized(Tensor t, int rows, int cols) {
        return t.rows == rows && t.cols == cols ? t : new Tensor(rows, cols);
    }

    /** -(1/M) Σ log p_θ(x|z) of the last step's wake phase (nats per data point). */
    public double lastWakeLoss() {
        return wakeLoss;
    }

    /** -(1/M) Σ log q_φ(z|x) of the last step's dreams (nats per dream). */
    public double lastSleepLoss() {
        return sleepLoss;
    }

    /** The dreams of the last step (for tests and pictures): z (M, Nz) and x (M, D). */
    public Tensor lastDreamZ() {
        return zDream;
    }

    public Tensor lastDreamX() {
        return xDream;
    }
}
