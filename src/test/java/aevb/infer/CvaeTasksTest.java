package aevb.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.run.TrainingLoop;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.CvaeConfig;
import aevb.sgvb.CvaeLearner;
import aevb.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two tasks of the conditional VAE on generated 8x8 images of four known classes (each a
 * random binary prototype with 5% of its pixels flipped): samples drawn for class k are classified
 * as k by the nearest class mean of the training images, and the three quadrants filled from the
 * lower-left one are closer to the truth than the training mean fill.
 */
class CvaeTasksTest {
    static final int SIDE = 8, D = SIDE * SIDE, K = 4;

    /** n images around the K prototypes of {@code protoSeed}, labelled by their prototype. */
    static Dataset images(int n, long protoSeed, long seed) {
        SplittableRandom p = new SplittableRandom(protoSeed), rnd = new SplittableRandom(seed);
        boolean[][] proto = new boolean[K][D];
        for (boolean[] q : proto) {
            for (int j = 0; j < D; j++) {
                q[j] = p.nextDouble() < 0.4;
            }
        }
        float[] x = new float[n * D];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(K);
            for (int j = 0; j < D; j++) {
                x[i * D + j] = proto[y[i]][j] ^ rnd.nextDouble() < 0.05 ? 1f : 0f;
            }
        }
        return new Dataset("generated", n, SIDE, SIDE, x, y);
    }

    static Cvae trained(Condition condition, Dataset train, long seed) {
        Cvae cvae = Cvae.initialised(new CvaeConfig(condition, SIDE, SIDE, 32, 2), seed);
        CvaeLearner learner = new CvaeLearner(cvae, new Adam(0.01), WeightDecay.NONE, 1, seed, train.labels());
        TrainingLoop loop = new TrainingLoop(learner, new Minibatches(train, 20, seed), 600);
        for (int t = 0; t < 600; t++) {
            loop.step();
        }
        return cvae;
    }

    @Test
    void samplesOfClassKAreClassifiedAsK() {
        Dataset train = images(400, 7, 8);
        Cvae cvae = trained(Condition.LABEL, train, 3);
        double[][] classMean = new double[K][D];
        int[] counts = new int[K];
        for (int i = 0; i < train.size(); i++) {
            counts[train.label(i)]++;
            for (int j = 0; j < D; j++) {
                classMean[train.label(i)][j] += train.images()[i * D + j];
            }
        }
        int n = 50;
        Tensor z = new Tensor(n, 2);
        Randomness.gaussian(11, Randomness.Stream.SAMPLE, 0, z.data, z.data.length);
        for (int k = 0; k < K; k++) {
            Tensor c = new Tensor(n, Condition.CLASSES);
            for (int i = 0; i < n; i++) {
                c.set(i, k, 1f);
            }
            Tensor x = cvae.mean(z, c);
            int right = 0;
            for (int i = 0; i < n; i++) {
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int m = 0; m < K; m++) {
                    double dist = 0;
                    for (int j = 0; j < D; j++) {
                        double diff = x.get(i, j) - classMean[m][j] / counts[m];
                        dist += diff * diff;
                    }
                    if (dist < bestD) {
                        bestD = dist;
                        best = m;
                    }
                }
                right += best == k ? 1 : 0;
            }
            int kk = k, r = right;
            assertTrue(right >= 0.8 * n, () -> "class " + kk + ": " + r + " of " + n + " samples classified as " + kk);
        }
    }

    @Test
    void theQuadrantModelFillsBetterThanTheMeanFill() {
        Dataset train = images(400, 7, 8), test = images(100, 7, 9);
        Cvae cvae = trained(Condition.QUADRANT, train, 3);
        Tensor truth = test.asTensor();
        Map<String, Tensor> done = QuadrantCompletion.complete(cvae, null, truth, SIDE, SIDE,
                Baselines.pixelMean(train.asTensor()), Inpainting.Settings.defaults(1));
        Map<String, RestorationError> e = QuadrantCompletion.errors(done, truth, SIDE, SIDE);
        double cvaeMse = e.get("CVAE, mean over 100 z ~ p(z)").mse().mean(), meanFill = e.get("mean fill").mse().mean();
        double cvaeLl = e.get("CVAE, mean over 100 z ~ p(z)").logLikelihood().mean();
        double fillLl = e.get("mean fill").logLikelihood().mean();
        assertTrue(cvaeMse < 0.5 * meanFill, () -> "MSE per missing pixel: CVAE " + cvaeMse + ", mean fill " + meanFill);
        assertTrue(cvaeLl > fillLl, () -> "log p(true missing): CVAE " + cvaeLl + ", mean fill " + fillLl);
        // the paired difference's mean is the difference of the means, and its spread is smaller
        var paired = QuadrantCompletion.pairedDifference(done.get("CVAE, mean over 100 z ~ p(z)"), done.get("mean fill"),
                truth, SIDE, SIDE);
        assertEquals(cvaeMse - meanFill, paired[0].mean(), 1e-9);
        assertEquals(cvaeLl - fillLl, paired[1].mean(), 1e-6);
    }
}
