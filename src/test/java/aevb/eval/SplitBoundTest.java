package aevb.eval;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.Tape;
import aevb.random.Randomness;
import aevb.sgvb.Estimator;
import aevb.sgvb.EstimatorA;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.MinibatchEstimator;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The bound on a whole split: the minibatch estimator's numbers, deterministic, batch-free. */
class SplitBoundTest {

    @Test
    void itsMeanIsTheMinibatchEstimatorOnTheWholeSplitWithTheSameNoise() {
        Vae vae = EvalFixtures.model(9, 6, 3, 0.5, 0.8, 1);
        int n = 40, samples = 3, nz = 3;
        Tensor x = EvalFixtures.binaryData(n, 9, 2);
        // eps as SplitBound draws it: point i's L·Nz values from (seed, EVAL, i), row l·N + i.
        Tensor eps = new Tensor(samples * n, nz);
        float[] pointEps = new float[samples * nz];
        for (int i = 0; i < n; i++) {
            Randomness.gaussian(5, Randomness.Stream.EVAL, i, pointEps, pointEps.length);
            for (int l = 0; l < samples; l++) {
                System.arraycopy(pointEps, l * nz, eps.data, (l * n + i) * nz, nz);
            }
        }
        for (Estimator est : new Estimator[] {new EstimatorA(), new EstimatorB()}) {
            double expected = MinibatchEstimator.perDataPoint(est, vae, new Tape().constant(x), eps, samples).item();
            // 7 rows a pass: batches of 2 points, so the split is cut into 20 passes.
            Summary s = new SplitBound(vae, est, samples, 5, 7).evaluate(x).summary();
            assertEquals(expected, s.mean(), 1e-4 * Math.abs(expected), "estimator " + est.name());
            assertEquals(n, s.n());
        }
    }

    @Test
    void sameSeedSameNumbersAndTheStandardErrorIsOverDataPoints() {
        Vae vae = EvalFixtures.model(9, 6, 3, 0.5, 0.8, 3);
        Tensor x = EvalFixtures.binaryData(101, 9, 4);
        SplitBound b = new SplitBound(vae, new EstimatorB(), 2, 9);
        double[] first = b.evaluate(x).perPoint(), again = b.evaluate(x).perPoint();
        assertArrayEquals(first, again);
        double[] other = new SplitBound(vae, new EstimatorB(), 2, 10).evaluate(x).perPoint();
        assertNotEquals(first[0], other[0]);
        Summary s = Summary.of(first);
        double mean = java.util.Arrays.stream(first).average().orElseThrow();
        double var = java.util.Arrays.stream(first).map(v -> (v - mean) * (v - mean)).sum() / 100;
        assertEquals(mean, s.mean(), 1e-12);
        assertEquals(Math.sqrt(var / 101), s.standardError(), 1e-12);
    }

    @Test
    void summaryOfFewValues() {
        Summary s = Summary.of(new double[] {1, 2, 3, 4});
        assertEquals(2.5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3 / 4), s.standardError(), 1e-15);
        assertTrue(Double.isNaN(Summary.of(new double[] {1}).standardError()));
        assertEquals(0, Summary.of(new double[0]).n());
    }
}
