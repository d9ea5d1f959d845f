package aevb.semi;

import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.run.TrainingLoop;
import java.io.IOException;
import java.util.SplittableRandom;

/** Generated labelled data for the semi-supervised tests, and short M2 and baseline runs on it. */
final class SemiFixtures {
    private SemiFixtures() {}

    /**
     * N binary images of an 8x8 grid from K classes: each class has a prototype (a random 30% of the
     * pixels on), each image shows its class's prototype with every pixel flipped with probability
     * {@code flip}. With a few labels per class the noise is what a classifier learns; with all the
     * images the clusters are plain.
     */
    static Dataset classes(int n, int k, double flip, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = 64;
        boolean[][] proto = new boolean[k][d];
        for (boolean[] p : proto) {
            for (int j = 0; j < d; j++) {
                p[j] = rnd.nextDouble() < 0.3;
            }
        }
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < d; j++) {
                boolean on = proto[y[i]][j] ^ (rnd.nextDouble() < flip);
                x[i * d + j] = on ? 1f : 0f;
            }
        }
        return new Dataset("classes", n, 8, 8, x, y);
    }

    static final int HIDDEN = 32, LATENT = 4, UNLABELLED_BATCH = 50, LABELLED_BATCH = 10;

    static M2Learner m2(Dataset train, int labels, long seed) {
        return m2(train, labels, SemiSupervisedObjective.PAPER_ALPHA_PER_POINT * (labels + train.size()), seed);
    }

    static M2Learner m2(Dataset train, int labels, double alpha, long seed) {
        M2 m2 = M2.initialised(new M2Config(train.dim(), 10, HIDDEN, LATENT, "bernoulli"), seed);
        Dataset labelled = LabelledSubset.of(train, labels, 10, seed);
        return new M2Learner(m2, labelled, Math.min(LABELLED_BATCH, labels), train.size(),
                alpha, new Adam(3e-3),
                WeightDecay.NONE, seed);
    }

    static TrainingLoop m2Loop(M2Learner learner, Dataset train, long steps, long seed) {
        return new TrainingLoop(learner, new Minibatches(train, UNLABELLED_BATCH, seed), steps);
    }

    static ClassifierLearner baseline(Dataset train, int labels, long seed) {
        Classifier c = Classifier.initialised(train.dim(), HIDDEN, 10, seed);
        return new ClassifierLearner(c, LabelledSubset.of(train, labels, 10, seed).labels(), new Adam(3e-3),
                WeightDecay.NONE);
    }

    static void run(TrainingLoop loop) {
        try {
            loop.run(new TrainingLoop.Listener() {
                @Override
                public boolean afterStep(long s, double bound) {
                    return true;
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
