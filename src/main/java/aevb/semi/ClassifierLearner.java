package aevb.semi;

import aevb.autodiff.Var;
import aevb.data.Minibatch;
import aevb.nn.Optimizer;
import aevb.nn.WeightDecay;
import aevb.sgvb.GradientLearner;
import aevb.sgvb.NonFiniteException;
import aevb.tensor.Tensor;

/**
 * Supervised training of a {@link Classifier} on minibatches of labelled images (the loop's
 * {@link aevb.data.Minibatches} over the labelled set): minimise mean(-log q(y|x)) + λ ½ ‖W‖².
 * Nothing is random beyond the minibatches, which are a function of (seed, t), so resuming and
 * thread counts give the same bits. Its bound is the negative cross-entropy per image.
 */
public final class ClassifierLearner extends GradientLearner {
    private final Classifier classifier;
    private final int[] labels;
    private Tensor y = new Tensor(0, 0);

    /** @param labels the labels of the training set the loop's minibatches index */
    public ClassifierLearner(Classifier classifier, int[] labels, Optimizer optimizer, WeightDecay weightDecay) {
        super(classifier.parameters(), optimizer, weightDecay);
        this.classifier = classifier;
        this.labels = labels;
    }

    @Override
    public double step(Minibatch batch) {
        tape.reset();
        int m = batch.x().rows, k = classifier.classes;
        if (y.rows != m) {
            y = new Tensor(m, k);
        }
        y.zero();
        for (int r = 0; r < m; r++) {
            y.data[r * k + labels[batch.indices()[r]]] = 1f;
        }
        Var loss = classifier.crossEntropy(tape.constant(batch.x()), tape.constant(y));
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new NonFiniteException("cross-entropy", steps());
        }
        tape.backward(loss);
        update(params);
        return -value;
    }

    public Classifier classifier() {
        return classifier;
    }

}
