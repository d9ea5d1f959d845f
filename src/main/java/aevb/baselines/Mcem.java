package aevb.baselines;

import static aevb.autodiff.Elementwise.neg;
import static aevb.autodiff.Reductions.mean;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.eval.Hmc;
import aevb.eval.HmcChains;
import aevb.eval.HmcPosterior;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.prob.Decoder;
import aevb.random.Randomness;
import aevb.data.Minibatch;
import aevb.sgvb.Learner;
import aevb.sgvb.NonFiniteException;
import aevb.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Monte Carlo EM (Appendix E), the baseline of Figure 3. It learns the decoder p_θ(x|z) alone,
 * with no encoder: the posterior over z is sampled with HMC instead of approximated.
 *
 * <p>Appendix E: "The Monte Carlo EM algorithm does not employ an encoder, instead it samples
 * from the posterior of the latent variables using gradients of the posterior computed with
 * ∇_z log p_θ(z|x) = ∇_z log p_θ(z) + ∇_z log p_θ(x|z). The Monte Carlo EM procedure consists of
 * 10 HMC leapfrog steps with an automatically tuned stepsize such that the acceptance rate was
 * 90%, followed by 5 weight updates steps using the acquired sample. For all algorithms the
 * parameters were updated using the Adagrad stepsizes (with accompanying annealing schedule)."
 *
 * <p>Our reading, one {@link #step} per minibatch X^M:
 * <pre>
 *   E-step:  for each point i of the minibatch, one HMC transition (10 leapfrog steps) of its own
 *            chain z_i, targeting p_θ(z | x_i) ∝ p(z) p_θ(x_i|z)
 *   M-step:  5 updates of θ with the gradient of (1/M) Σ_i log p_θ(x_i | z_i) + log p(θ)/N
 *            at those z_i (the optimiser's, e.g. Adagrad; log p(θ) as weight decay, as AEVB)
 * </pre>
 * The chains persist: point i's chain resumes, epoch after epoch, where it last stopped, so it
 * tracks the posterior as θ moves. That makes this a stochastic (online) MCEM with one sample per
 * point and iteration, rather than a batch EM that would burn in fresh chains for every E-step.
 * The chains start at draws from the prior. One step size is shared by all chains and adapted
 * after every transition from the minibatch's mean acceptance ({@link Hmc.Adaptation#SHARED}):
 * each chain moves only once per epoch, too rarely to tune a step size of its own while θ changes.
 *
 * <p>Unlike AEVB and wake-sleep, every point carries state (its chain), so MCEM is not an on-line
 * algorithm; Figure 3 notes it "can't be applied efficiently for the full MNIST dataset".
 */
public final class Mcem implements Learner {

    /**
     * @param leapfrogSteps     per E-step transition (the paper: 10)
     * @param targetAcceptance  of the step-size adaptation (the paper: 0.9)
     * @param weightUpdates     M-step updates of θ per E-step (the paper: 5)
     * @param initialStepSize   ε at the start, when the posterior is still close to the prior
     */
    public record Settings(int leapfrogSteps, double targetAcceptance, int weightUpdates, double initialStepSize) {
        public Settings {
            if (leapfrogSteps < 1 || weightUpdates < 1 || !(initialStepSize > 0)) {
                throw new IllegalArgumentException("MCEM: need leapfrogSteps >= 1, weightUpdates >= 1 and a positive step size; got "
                        + leapfrogSteps + ", " + weightUpdates + ", " + initialStepSize);
            }
        }

        /** Appendix E: 10 leapfrog steps, 90% acceptance, 5 weight updates per sample. */
        public static Settings paper() {
            return new Settings(10, Hmc.PAPER_TARGET_ACCEPTANCE, 5, 0.1);
        }
    }

    private final Decoder decoder;
    private final Optimizer optimizer;
    private final WeightDecay weightDecay;
    private final Settings settings;
    private final long seed;
    private final Hmc hmc;
    private final HmcChains chains;            // one persistent chain per training point: z (N, Nz)
    private final List<Parameter> theta;
    private final Tape tape = new Tape();
    private double stepSize;
    private double lastAcceptance = Double.NaN;
    private long step;

    /**
     * MCEM for {@code decoder} on a training set of N = {@code trainingPoints} points; the chain
     * of point i starts at a draw z_i ~ N(0, I) determined by the seed.
     */
    public Mcem(Decoder decoder, int trainingPoints, Optimizer optimizer, WeightDecay weightDecay, Settings settings, long seed) {
        if (trainingPoints < 1) {
            throw new IllegalArgumentException("MCEM needs at least one training point, got " + trainingPoints);
        }
        this.decoder = decoder;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.settings = settings;
        this.seed = seed;
        this.hmc = new Hmc(settings.leapfrogSteps, settings.targetAcceptance);
        Tensor z0 = new Tensor(trainingPoints, decoder.latent());
        Randomness.gaussian(Randomness.rng(seed, Randomness.Stream.HMC, -1), z0.data, z0.data.length);
        this.chains = new HmcChains(z0, settings.initialStepSize);
        this.stepSize = settings.initialStepSize;
        this.theta = decoder.parameters();
    }

    /** One iteration on the training points first .. first + M - 1, whose data are the rows of x (M, D). */
    public double step(Tensor x, int first) {
        int[] indices = new int[x.rows];
        for (int r = 0; r < indices.length; r++) {
            indices[r] = first + r;
        }
        return step(x, indices);
    }

    /**
     * One iteration (E-step, then M-step) on the minibatch x (M, D), whose row r is training
     * point {@code indices[r]}. Returns the mean of log p_θ(x_i, z_i) = log p(z_i) + log p_θ(x_i|z_i)
     * over the minibatch at the E-step's samples, before the M-step (nats per data point).
     * It evaluates M training samples (Figure 3's x-axis), each with S + 1 decoder passes for HMC
     * and 5 for the weight updates.
     */
    public double step(Tensor x, int[] indices) {
        if (indices.length != x.rows) {
            throw new IllegalArgumentException("MCEM: " + x.rows + " data points but " + indices.length + " indices");
        }
        for (int i : indices) {
            if (i < 0 || i >= chains.count()) {
                throw new IndexOutOfBoundsException("MCEM: training point " + i + " outside 0.." + (chains.count() - 1));
            }
        }
        // E-step: one HMC transition of each point's chain, under the current θ.
        HmcChains batch = chains.gather(indices);
        Arrays.fill(batch.stepSize, stepSize);
        lastAcceptance = hmc.transition(new HmcPosterior(decoder, x), batch, Hmc.rng(seed, step), Hmc.Adaptation.SHARED);
        stepSize = batch.stepSize[0];
        chains.scatter(indices, batch);
        double logJoint = 0;
        for (int r = 0; r < batch.count(); r++) {
            logJoint += batch.logPi(r) / batch.count();
        }
        if (!Double.isFinite(logJoint)) {
            throw new NonFiniteException("log p(x, z) at the HMC sample", step);
        }

        // M-step: a few updates of θ towards a larger (1/M) Σ log p_θ(x_i | z_i) at these z.
        for (int u = 0; u < settings.weightUpdates; u++) {
            tape.reset();
            Var logLikelihood = mean(decoder.logLikelihood(tape.constant(x), tape.constant(batch.z)));
            tape.backward(neg(logLikelihood));
            weightDecay.addGradient(theta);
            NonFiniteException.requireFiniteGradients(theta, step);
            optimizer.step(theta);
        }
        step++;
        return logJoint;
    }

    @Override
    public double step(Minibatch batch) {
        return step(batch.x(), batch.indices());
    }

    /** The current sample z_i of training points from .. to - 1: (to - from, Nz), a copy. */
    public Tensor latents(int from, int to) {
        return chains.z.rowSlice(from, to);
    }

    /** The mean acceptance probability of the last E-step. */
    public double lastAcceptance() {
        return lastAcceptance;
    }

    /** The step size the chains share now. */
    public double stepSize() {
        return stepSize;
    }

    /** Iterations done so far; the next one draws the momenta of this counter. */
    @Override
    public long steps() {
        return step;
    }

    /**
     * Continues a run from a checkpoint: the chains' positions z (N, Nz) as {@link #latents}
     * gave them, the shared step size and the iteration count (θ and the optimiser's state are
     * restored by their owners).
     */
    public void resume(Tensor z, double stepSize, long steps) {
        if (z.rows != chains.count() || z.cols != chains.dims()) {
            throw new IllegalArgumentException("MCEM: the saved chains are " + z.shape() + ", expected "
                    + chains.count() + "x" + chains.dims());
        }
        chains.z.copyFrom(z);
        chains.targetChanged();
        this.stepSize = stepSize;
        this.step = steps;
    }

    @Override
    public void resumeAt(long steps) {
        this.step = steps;
    }

    /** For the loop's checkpoint: the chains and their shared step size (θ and the optimiser are saved by the loop). */
    @Override
    public Map<String, String> extraScalars() {
        return Map.of("mcem.stepSize", Double.toString(stepSize));
    }

    @Override
    public Map<String, Tensor> extraArrays() {
        return Map.of("mcem.chains", chains.z);
    }

    @Override
    public void restoreExtra(Map<String, String> scalars, Map<String, Tensor> arrays) {
        resume(arrays.get("mcem.chains"), Double.parseDouble(scalars.get("mcem.stepSize")), step);
    }

    /** θ, the decoder's parameters: MCEM has no encoder. */
    @Override
    public List<Parameter> parameters() {
        return theta;
    }

    public Decoder decoder() {
        return decoder;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    public Settings settings() {
        return settings;
    }
}
