package aevb.sgvb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.autodiff.Tape;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Estimators A (eq. 6) and B (eq. 7) estimate the same bound; B has the lower variance. */
class EstimatorVarianceTest {

    @Test
    void sameMeanLowerVarianceForB() {
        Vae vae = ModelFixtures.model(20, 16, 4, "bernoulli", 5);
        Tensor x = ModelFixtures.data(1, 20, 6);
        int draws = 4000;
        double[] a = new double[draws], b = new double[draws];
        Tape tape = new Tape();
        for (int t = 0; t < draws; t++) {
            Tensor eps = ModelFixtures.eps(1, 4, 1000 + t);
            tape.reset();
            a[t] = MinibatchEstimator.perDataPoint(new EstimatorA(), vae, tape.constant(x), eps, 1).item();
            tape.reset();
            b[t] = MinibatchEstimator.perDataPoint(new EstimatorB(), vae, tape.constant(x), eps, 1).item();
        }
        double meanA = mean(a), meanB = mean(b), varA = variance(a), varB = variance(b);
        double stdErr = Math.sqrt(varA / draws + varB / draws);
        System.out.printf("estimator A: mean %.4f variance %.4f | estimator B: mean %.4f variance %.4f%n",
                meanA, varA, meanB, varB);
        assertEquals(meanA, meanB, 4 * stdErr, "both estimate the same bound");
        assertTrue(varB < varA, "B (analytic KL) must have less variance than A: " + varB + " vs " + varA);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static double variance(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return s / (v.length - 1);
    }
}
