package aevb.semi;

import aevb.autodiff.Var;
import aevb.data.Dataset;
import aevb.data.Minibatch;
import aevb.data.Minibatches;
import aevb.nn.Optimizer;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.GradientLearner;
import aevb.sgvb.NonFiniteException;
import aevb.tensor.Tensor;

/**
 * Trains M2 on eq. (9) by stochastic gradients, as Algorithm 1 trains the VAE. Each minibatch
 * has two parts, as in the authors' code: the unlabelled part is the minibatch the
 * {@link aevb.run.TrainingLoop} draws from all N training images (their labels unused), the
 * labelled part is M_l images drawn by this learner from the N_l labelled ones, from its own
 * counter-based shuffle (seed, LABELS, epoch of the labelled set) at the same step t. The eps of
 * step t, one z for each labelled point and one for each (label, unlabelled point), comes from
 * (seed, EPS, t). So the whole step is a function of (seed, t): 1 or 2 threads and a resumed run
 * give the same bits.
 */
public final class M2Learner extends GradientLearner {
    private final M2 m2;
    private final SemiSupervisedObjective objective;
    private final long seed;
    private final Minibatches labelled;
    private final Tensor yl;              // (M_l, K), one-hot, refilled each step
    private SemiSupervisedObjective.Terms last;

    /**
     * @param labelledSet   the N_l labelled training images ({@link LabelledSubset})
     * @param labelledBatch M_l, labelled images per minibatch
     * @param unlabelledCount N_u, the images the loop's minibatches come from
     */
    public M2Learner(M2 m2, Dataset labelledSet, int labelledBatch, int unlabelledCount, double alpha,
            Optimizer optimizer, WeightDecay weightDecay, long seed) {
        super(m2.parameters(), optimizer, weightDecay);
        this.m2 = m2;
        this.seed = seed;
        this.objective = new SemiSupervisedObjective(labelledSet.size(), unlabelledCount, alpha);
        this.labelled = new Minibatches(labelledSet, labelledBatch, Randomness.key(seed, Randomness.Stream.LABELS, 1));
        this.yl = new Tensor(labelledBatch, m2.config.classes());
    }

    @Override
    public double step(Minibatch batch) {
        tape.reset();
        Minibatch l = labelled.draw(steps());
        int[] labels = labelled.train().labels();
        yl.zero();
        int k = m2.config.classes();
        for (int r = 0; r < yl.rows; r++) {
            yl.data[r * k + labels[l.indices()[r]]] = 1f;
        }
        int ml = l.x().rows, mu = batch.x().rows, nz = m2.config.latent();
        Tensor eps = new Tensor(ml + k * mu, nz);                             // (M_l + K·M_u, Nz)
        Randomness.gaussian(seed, Randomness.Stream.EPS, steps(), eps.data, eps.data.length);
        Tensor epsL = eps.rowSlice(0, ml), epsU = eps.rowSlice(ml, ml + k * mu);
        last = objective.perDataPoint(m2, tape.constant(l.x()), tape.constant(yl), epsL, tape.constant(batch.x()), epsU);
        Var loss = last.loss();
        if (!Double.isFinite(loss.item())) {
            zeroGradients();
            throw new NonFiniteException("M2 objective", steps());
        }
        tape.backward(loss);
        update(m2.theta());   // the prior on θ, as the VAE's
        return last.bound();
    }

    /** The terms of the last step (per data point), for logs. */
    public SemiSupervisedObjective.Terms lastTerms() {
        return last;
    }

    public M2 m2() {
        return m2;
    }

    public SemiSupervisedObjective objective() {
        return objective;
    }

}
