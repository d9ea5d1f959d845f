package aevb.sgvb;

import static aevb.autodiff.Elementwise.neg;

import aevb.autodiff.Var;
import aevb.data.Minibatch;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.List;

/**
 * Algorithm 1 (AEVB) for the conditional VAE: each minibatch of images is cut into (x, c) by the
 * model's {@link Condition}, eps ~ N(0, I) is drawn from (seed, EPS, step), and the optimiser
 * minimises -{@link CvaeBound} per data point + λ ½ ‖θ‖² (the prior on the decoder's θ, as
 * {@link Aevb} does). The noise is a function of (seed, step) and the minibatch of (seed, t), so
 * the run is the same bits on any thread count and after a resume.
 */
public final class CvaeLearner extends GradientLearner {
    private final Cvae cvae;
    private final int samples;
    private final long seed;
    /** The labels of the training set, by index (null when the condition needs none). */
    private final int[] trainLabels;
    private final List<Parameter> theta;

    public CvaeLearner(Cvae cvae, Optimizer optimizer, WeightDecay weightDecay, int samples, long seed, int[] trainLabels) {
        super(cvae.parameters(), optimizer, weightDecay);
        if (samples < 1) {
            throw new IllegalArgumentException("L (samples per data point) must be >= 1, got " + samples);
        }
        if (cvae.config.condition().needsLabels() && trainLabels == null) {
            throw new IllegalArgumentException("a CVAE conditioned on the label needs the training labels");
        }
        this.cvae = cvae;
        this.samples = samples;
        this.seed = seed;
        this.trainLabels = trainLabels;
        this.theta = cvae.theta();
    }

    @Override
    public double step(Minibatch batch) {
        int[] labels = null;
        if (trainLabels != null) {
            labels = new int[batch.indices().length];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = trainLabels[batch.indices()[r]];
            }
        }
        return step(batch.x(), labels);
    }

    /** One iteration on whole images (M, h·w) and their labels (null for the quadrant); the bound before the update. */
    public double step(Tensor images, int[] labels) {
        CvaeConfig k = cvae.config;
        Tensor x = k.condition().target(images, k.height(), k.width());            // (M, D)
        Tensor c = k.condition().context(images, labels, k.height(), k.width());   // (M, Dc)
        tape.reset();
        Tensor eps = new Tensor(samples * x.rows, k.latent());                     // (L·M, Nz)
        Randomness.gaussian(seed, Randomness.Stream.EPS, steps(), eps.data, eps.data.length);
        Var bound = CvaeBound.perDataPoint(cvae, tape.constant(x), tape.constant(c), eps, samples);
        double value = bound.item();
        if (!Double.isFinite(value)) {
            zeroGradients();
            throw new NonFiniteException("bound", steps());
        }
        tape.backward(neg(bound));
        update(theta);
        return value;
    }

    public Cvae cvae() {
        return cvae;
    }
}
