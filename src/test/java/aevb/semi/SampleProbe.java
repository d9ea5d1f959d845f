package aevb.semi;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.data.Minibatches;
import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.run.TrainingLoop;

/** Not a test: M2 against the labels-only classifier on the embedded sample (validation error). */
public class SampleProbe {
    public static void main(String[] a) throws Exception {
        int hidden = Integer.parseInt(a[0]), latent = Integer.parseInt(a[1]), labels = Integer.parseInt(a[2]);
        int steps = Integer.parseInt(a[3]);
        double alphaPerPoint = Double.parseDouble(a[4]), lr = Double.parseDouble(a[5]);
        int mu = Integer.parseInt(a[6]), ml = Integer.parseInt(a[7]);
        DataSplits data = Datasets.load("sample", null, false, System.err);
        Dataset train = data.train(), valid = data.validation();
        long seed = 1;
        Dataset lab = LabelledSubset.of(train, labels, 10, seed);
        long t0 = System.nanoTime();
        M2 m2 = M2.initialised(new M2Config(784, 10, hidden, latent, "bernoulli"), seed);
        M2Learner l = new M2Learner(m2, lab, ml, train.size(), alphaPerPoint * (labels + train.size()), new Adam(lr),
                WeightDecay.NONE, seed);
        TrainingLoop loop = new TrainingLoop(l, new Minibatches(train, mu, seed), steps);
        loop.run(new TrainingLoop.Listener() {
            public boolean afterStep(long s, double bound) {
                if (s % Math.max(1, steps / 5) == 0) {
                    System.out.printf("  step %d bound %.2f (l %.2f u %.2f) CE %.3f valid error %.1f%% (%.0fs)%n", s, bound, l.lastTerms().labelledBound(), l.lastTerms().unlabelledBound(), l.lastTerms().crossEntropy(),
                            ClassificationError.percent(m2::classify, valid.asTensor(), valid.labels()), (System.nanoTime() - t0) / 1e9);
                }
                return true;
            }
        });
        double m2Err = ClassificationError.percent(m2::classify, valid.asTensor(), valid.labels());
        double t1 = (System.nanoTime() - t0) / 1e9;
        ClassifierLearner b = new ClassifierLearner(Classifier.initialised(784, hidden, 10, seed), lab.labels(), new Adam(lr),
                WeightDecay.NONE);
        SemiFixtures.run(new TrainingLoop(b, new Minibatches(lab, Math.min(ml, labels), seed), steps));
        double bErr = ClassificationError.percent(b.classifier()::classify, valid.asTensor(), valid.labels());
        System.out.printf("M2 %.1f%% (%.0fs)  labels-only %.1f%%%n", m2Err, t1, bErr);
    }
}
