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
import java.util.Objects;
import java.util.SplittableRandom;

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
 * <p>Our reading, one {@link #step} per minibatch X^M, in one of two forms ({@link EStep}):
 * <pre>
 *   E-step:  MINIBATCH: for each point i of the minibatch, one HMC transition (10 leapfrog steps)
 *                       of its own chain z_i, targeting p_θ(z | x_i) ∝ p(z) p_θ(x_i|z)
 *            ALL:       the same transition for every one of the N training points
 *   M-step:  5 updates of θ with the gradient of (1/M) Σ_i log p_θ(x_i | z_i) + log p(θ)/N
 *            at those z_i (the optimiser's, e.g. Adagrad; log p(θ) as weight decay, as AEVB);
 *            MINIBATCH: all 5 on the minibatch; ALL: on 5 successive blocks of M points of the data
 * </pre>
 * ALL is the authors' own "Batch MCEM" (D. P. Kingma's anglepy, {@code wzoptim.step_batch_mcem},
 * 2013-14: one HMC step of the chains of the whole training set, then {@code m_steps=5} Adagrad
 * steps, each on the next block of the data, cycling). It is why the paper calls MCEM "not an
 * on-line algorithm": every iteration visits all N points. MINIBATCH is the on-line variant
 * this project ran first; it moves each chain only once per epoch, so at N = 50,000 a chain
 * waits 500 iterations (2,500 θ-updates) between moves and carries a stale sample meanwhile.
 * In the ALL form the minibatch only sets M: the data are the training set given to
 * {@link #batch}, as they are (not binarised).
 *
 * <p>The chains persist in both forms: point i's chain resumes where it last stopped, so it
 * tracks the posterior as θ moves (one sample per point and iteration, no fresh burn-in). The
 * chains start at draws from the prior. One step size is shared by all chains and adapted
 * after every transition (ALL: after every chunk of {@value #CHUNK} chains) from the mean
 * acceptance ({@link Hmc.Adaptation#SHARED}), as the authors' code does.
 *
 * <p><b>Bookkeeping.</b> Figure 3's x axis is "# training samples evaluated"; what that counts
 * for MCEM the paper does not say. The counters below let a caller check a convention
 * ({@link #pointsSampled}: data points whose posterior was sampled, M or N per iteration;
 * {@link #pointsUpdated}: data points in a θ-update's minibatch, 5M per iteration) and the cost
 * ({@link #posteriorGradientRows}: rows × evaluations of ∇_z log p_θ(x, z), S + 1 per
 * transition; {@link #weightGradientRows}: rows × gradients in θ). They count what this object
 * did since it was made: a resumed run counts from its resume.
 *
 * <p>Unlike AEVB and wake-sleep, every point carries state (its chain), so MCEM is not an on-line
 * algorithm; Figure 3 notes it "can't be applied efficiently for the full MNIST dataset".
 */
public final class Mcem implements Learner {

    /** Which chains one iteration moves: the minibatch's (on-line) or all N (the authors' batch MCEM). */
    public enum EStep {
        MINIBATCH, ALL
    }

    /** Chains moved together in the ALL form (memory: a few (CHUNK, D) buffers). */
    public static final int CHUNK = 1000;

    /**
     * @param leapfrogSteps     per E-step transition (the paper: 10)
     * @param targetAcceptance  of the step-size adaptation (the paper: 0.9)
     * @param weightUpdates     M-step updates of θ per E-step (the paper: 5)
     * @param initialStepSize   ε at the start, when the posterior is still close to the prior
     * @param eStep             which chains an iteration moves
     */
    public record Settings(int leapfrogSteps, double targetAcceptance, int weightUpdates, double initialStepSize, EStep eStep) {
        public Settings {
            if (leapfrogSteps < 1 || weightUpdates < 1 || !(initialStepSize > 0)) {
                throw new IllegalArgumentException("MCEM: need leapfrogSteps >= 1, weightUpdates >= 1 and a positive step size; got "
                        + leapfrogSteps + ", " + weightUpdates + ", " + initialStepSize);
            }
            Objects.requireNonNull(eStep, "eStep");
        }

        /**
         * Appendix E: 10 leapfrog steps, 90% acceptance, 5 weight updates per sample, and the authors'
         * batch E-step over all N points (so the paper's "not an on-line algorithm").
         */
        public static Settings paper() {
            return new Settings(10, Hmc.PAPER_TARGET_ACCEPTANCE, 5, 0.1, EStep.ALL);
        }

        /** Appendix E's numbers with the on-line E-step (the minibatch's chains only): this project's first MCEM. */
        public static Settings online() {
            return paper().withEStep(EStep.MINIBATCH);
        }

        public Settings withWeightUpdates(int u) {
            return new Settings(leapfrogSteps, targetAcceptance, u, initialStepSize, eStep);
        }

        public Settings withEStep(EStep e) {
            return new Settings(leapfrogSteps, targetAcceptance, weightUpdates, initialStepSize, e);
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
    private final Tensor data;                 // the N training points (ALL form), else null
    private double stepSize;
    private double lastAcceptance = Double.NaN;
    private long step;
    private long pointsSampled, pointsUpdated, posteriorGradientRows, weightGradientRows;

    /**
     * MCEM for {@code decoder} on a training set of N = {@code trainingPoints} points, in the
     * MINIBATCH form (the settings must say so); the chain of point i starts at a draw z_i ~ N(0, I)
     * determined by the seed.
     */
    public Mcem(Decoder decoder, int trainingPoints, Optimizer optimizer, WeightDecay weightDecay, Settings settings, long seed) {
        this(decoder, trainingPoints, null, optimizer, weightDecay, settings, seed);
        if (settings.eStep == EStep.ALL) {
            throw new IllegalArgumentException("MCEM: the ALL E-step needs the training data; use Mcem.batch");
        }
    }

    /** MCEM in the form the settings give, on the training data (N, D) (which the ALL form keeps). */
    public static Mcem batch(Decoder decoder, Tensor data, Optimizer optimizer, WeightDecay weightDecay, Settings settings,
            long seed) {
        return new Mcem(decoder, data.rows, settings.eStep == EStep.ALL ? data : null, optimizer, weightDecay, settings, seed);
    }

    private Mcem(Decoder decoder, int trainingPoints, Tensor data, Optimizer optimizer, WeightDecay weightDecay,
            Settings settings, long seed) {
        if (trainingPoints < 1) {
            throw new IllegalArgumentException("MCEM needs at least one training point, got " + trainingPoints);
        }
        if (data != null && data.cols != decoder.dataDim()) {
            throw new IllegalArgumentException("MCEM: the data have " + data.cols + " values per point but the decoder models "
                    + decoder.dataDim());
        }
        this.data = data;
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
     * at the E-step's samples, before the M-step (nats per data point), over the minibatch
     * (MINIBATCH) or all N points (ALL). In the ALL form the minibatch only sets M: the E-step
     * moves every chain and the weight updates take the next blocks of M points of the data.
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
        double logJoint = settings.eStep == EStep.ALL ? eStepAll() : eStepMinibatch(x, indices);
        if (!Double.isFinite(logJoint)) {
            throw new NonFiniteException("log p(x, z) at the HMC sample", step);
        }
        // M-step: a few updates of θ towards a larger (1/M) Σ log p_θ(x_i | z_i) at these z.
        int m = x.rows;
        for (int u = 0; u < settings.weightUpdates; u++) {
            if (settings.eStep == EStep.ALL) {
                int blocks = Math.max(1, chains.count() / m);
                int from = (int) ((step * settings.weightUpdates + u) % blocks) * m, to = Math.min(chains.count(), from + m);
                weightUpdate(data.rowSlice(from, to), chains.z.rowSlice(from, to));
            } else {
                weightUpdate(x, lastBatch.z);
            }
        }
        chains.targetChanged();
        step++;
        return logJoint;
    }

    private HmcChains lastBatch;

    /** One transition of the minibatch's chains under the current θ; the mean log p(x, z) after it. */
    private double eStepMinibatch(Tensor x, int[] indices) {
        HmcChains batch = chains.gather(indices);
        Arrays.fill(batch.stepSize, stepSize);
        lastAcceptance = hmc.transition(new HmcPosterior(decoder, x), batch, Hmc.rng(seed, step), Hmc.Adaptation.SHARED);
        posteriorGradientRows += (long) (settings.leapfrogSteps + 1) * x.rows;   // the chains of a gather hold no cache
        pointsSampled += x.rows;
        stepSize = batch.stepSize[0];
        chains.scatter(indices, batch);
        lastBatch = batch;
        double logJoint = 0;
        for (int r = 0; r < batch.count(); r++) {
            logJoint += batch.logPi(r) / batch.count();
        }
        return logJoint;
    }

    /** One transition of every chain, in chunks of {@value #CHUNK}; ε adapts after each chunk. */
    private double eStepAll() {
        int n = chains.count();
        double logJoint = 0, acceptance = 0;
        for (int from = 0, c = 0; from < n; from += CHUNK, c++) {
            int to = Math.min(n, from + CHUNK);
            int[] rows = new int[to - from];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = from + r;
            }
            HmcChains chunk = chains.gather(rows);
            Arrays.fill(chunk.stepSize, stepSize);
            SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.HMC, step * 65_536 + c);
            acceptance += rows.length * hmc.transition(new HmcPosterior(decoder, data.rowSlice(from, to)), chunk, rnd,
                    Hmc.Adaptation.SHARED);
            stepSize = chunk.stepSize[0];
            for (int r = 0; r < rows.length; r++) {
                logJoint += chunk.logPi(r) / n;
            }
            chains.scatter(rows, chunk);
            posteriorGradientRows += (long) (settings.leapfrogSteps + 1) * rows.length;
        }
        pointsSampled += n;
        lastAcceptance = acceptance / n;
        return logJoint;
    }

    /** One θ-update towards a larger (1/M) Σ log p_θ(x_i | z_i) + log p(θ)/N at the given z (M, Nz). */
    private void weightUpdate(Tensor x, Tensor z) {
        tape.reset();
        Var logLikelihood = mean(decoder.logLikelihood(tape.constant(x), tape.constant(z)));
        tape.backward(neg(logLikelihood));
        weightDecay.addGradient(theta);
        NonFiniteException.requireFiniteGradients(theta, step);
        optimizer.step(theta);
        pointsUpdated += x.rows;
        weightGradientRows += x.rows;
    }

    /** Data points whose posterior an E-step sampled, so far: M (MINIBATCH) or N (ALL) per iteration. */
    public long pointsSampled() {
        return pointsSampled;
    }

    /** Data points in the minibatches of the θ-updates, so far: weightUpdates · M per iteration. */
    public long pointsUpdated() {
        return pointsUpdated;
    }

    /** Rows × evaluations of ∇_z log p_θ(x, z) by HMC so far: (S + 1) per chain and transition. */
    public long posteriorGradientRows() {
        return posteriorGradientRows;
    }

    /** Rows × gradients of log p_θ(x|z) in θ so far (one per point of each θ-update). */
    public long weightGradientRows() {
        return weightGradientRows;
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
