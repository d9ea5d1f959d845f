package aevb.semi;

import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.run.TrainingLoop;

/** Not a test: prints M2 against the labels-only classifier on generated data (for choosing the test's settings). */
public class SemiProbe {
    public static void main(String[] a) {
        double flip = Double.parseDouble(a[0]);
        int n = Integer.parseInt(a[1]), labels = Integer.parseInt(a[2]), steps = Integer.parseInt(a[3]);
        for (long seed = 1; seed <= 2; seed++) {
            Dataset train = SemiFixtures.classes(n, 10, flip, seed), test = SemiFixtures.classes(1000, 10, flip, seed).named("t");
            // same prototypes? classes() draws prototypes first from the same seed: yes
            long t0 = System.nanoTime();
            M2Learner m2 = SemiFixtures.m2(train, labels, Double.parseDouble(a[4]) * (labels + n), seed);
            SemiFixtures.run(SemiFixtures.m2Loop(m2, train, steps, seed));
            double m2Err = ClassificationError.percent(m2.m2()::classify, test.asTensor(), test.labels());
            long t1 = System.nanoTime();
            ClassifierLearner b = SemiFixtures.baseline(train, labels, seed);
            Dataset l = LabelledSubset.of(train, labels, 10, seed);
            SemiFixtures.run(new TrainingLoop(b, new Minibatches(l, Math.min(10, labels), seed), steps));
            double bErr = ClassificationError.percent(b.classifier()::classify, test.asTensor(), test.labels());
            System.out.printf("seed %d: M2 %.1f%% (%.1fs, last bound %.2f, CE %.3f)  baseline %.1f%%%n", seed, m2Err,
                    (t1 - t0) / 1e9, m2.lastTerms().bound(), m2.lastTerms().crossEntropy(), bErr);
        }
    }
}
