package aevb.eval;

import static org.junit.jupiter.api.Assertions.*;

import aevb.nn.Linear;
import aevb.prob.BernoulliDecoder;
import aevb.sgvb.EstimatorA;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The importance-sampled log p(x): against brute-force integration over a one-dimensional z,
 * against estimator A at K = 1, above the bound and rising with K, and independent of batching.
 */
class ImportanceSampledLikelihoodTest {

    /**
     * log p(x) = log ∫ p(x|z) N(z; 0, 1) dz for Nz = 1 by Simpson's rule on [-8, 8], with the
     * decoder rebuilt in double from its parameters (an oracle independent of the tape).
     */
    static double logMarginalByQuadrature(Vae vae, float[] x) {
        BernoulliDecoder dec = (BernoulliDecoder) vae.decoder;
        Linear hidden = dec.mlp.hidden, out = dec.mlp.heads.get(0);
        int h = hidden.out(), d = out.out();
        int intervals = 4000;                      // even; step 0.004, far finer than p(x|z) varies
        double lo = -8, hi = 8, step = (hi - lo) / intervals;
        double[] logF = new double[intervals + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int g = 0; g <= intervals; g++) {
            double z = lo + g * step;
            double[] hv = new double[h];
            for (int k = 0; k < h; k++) {
                hv[k] = Math.tanh(hidden.weight.value.data[k] * z + hidden.bias.value.data[k]);
            }
            double logPxz = 0;
            for (int j = 0; j < d; j++) {
                double a = out.bias.value.data[j];
                for (int k = 0; k < h; k++) {
                    a += out.weight.value.data[j * h + k] * hv[k];
                }
                double softplus = Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
                logPxz += x[j] * a - softplus;     // log Bernoulli(x; sigmoid(a))
            }
            logF[g] = logPxz - 0.5 * (z * z + Math.log(2 * Math.PI));
            max = Math.max(max, logF[g]);
        }
        double sum = 0;
        for (int g = 0; g <= intervals; g++) {
            double w = (g == 0 || g == intervals) ? 1 : (g % 2 == 1 ? 4 : 2);
            sum += w * Math.exp(logF[g] - max);
        }
        return max + Math.log(sum * step / 3);
    }

    @Test
    void matchesNumericalIntegrationForOneLatentDimension() {
        // D = 6, Nz = 1: a decoder strong enough that p(x|z) varies with z, an encoder weak enough
        // that q stays a reasonable proposal.
        Vae vae = EvalFixtures.model(6, 8, 1, 0.3, 1.0, 5);
        Tensor x = EvalFixtures.binaryData(8, 6, 6);
        ImportanceSampledLikelihood.Result r = new ImportanceSampledLikelihood(vae, 4000, 7).evaluate(x);
        for (int i = 0; i < x.rows; i++) {
            double exact = logMarginalByQuadrature(vae, x.rowSlice(i, i + 1).data);
            double est = r.logPx()[i], se = r.standardError()[i];
            System.out.printf("point %d: quadrature %.4f, IS %.4f ± %.4f, elbo %.4f%n", i, exact, est, se, r.elbo()[i]);
            assertTrue(se < 0.05, "the proposal should be good enough for a small error, got " + se);
            // 4 standard errors, plus 1e-3 for the float32 decoder on the tape.
            assertEquals(exact, est, 4 * se + 1e-3, "point " + i);
            assertTrue(r.elbo()[i] < exact, "the bound is below log p(x)");
        }
    }

    @Test
    void withOneSampleItIsEstimatorAInExpectation() {
        Vae vae = EvalFixtures.model(8, 6, 2, 0.5, 0.8, 11);
        Tensor x = EvalFixtures.binaryData(2000, 8, 12);
        double[] is = new ImportanceSampledLikelihood(vae, 1, 100).evaluate(x).logPx();
        double[] a = new SplitBound(vae, new EstimatorA(), 1, 200).evaluate(x).perPoint();
        double[] diff = new double[is.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = is[i] - a[i];
        }
        Summary d = Summary.of(diff);   // independent noise, the same data points: a paired test
        System.out.println("IS(K=1) - estimator A: " + d);
        assertTrue(d.standardError() > 0.01, "the two draws are independent: " + d);
        assertEquals(0, d.mean(), 4 * d.standardError(), "K = 1 and estimator A agree in expectation: " + d);
    }

    @Test
    void withTheSameSeedItUsesEstimatorAsSamples() {
        // The same stream: IS's mean log-weight is estimator A with L = K, sample for sample.
        Vae vae = EvalFixtures.model(8, 6, 3, 0.5, 0.8, 13);
        Tensor x = EvalFixtures.binaryData(30, 8, 14);
        for (int k : new int[] {1, 5}) {
            ImportanceSampledLikelihood.Result is = new ImportanceSampledLikelihood(vae, k, 15).evaluate(x);
            double[] a = new SplitBound(vae, new EstimatorA(), k, 15).evaluate(x).perPoint();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], is.elbo()[i], 1e-4 * (1 + Math.abs(a[i])), "K = " + k + ", point " + i);
            }
        }
    }

    @Test
    void isAboveTheBoundAndRisesWithK() {
        Vae vae = EvalFixtures.model(10, 8, 2, 0.5, 1.0, 21);
        Tensor x = EvalFixtures.binaryData(300, 10, 22);
        double[] elboB = new SplitBound(vae, new EstimatorB(), 10, 23).evaluate(x).perPoint();
        double[][] byK = new double[3][];
        int[] ks = {1, 10, 100};
        for (int j = 0; j < ks.length; j++) {
            ImportanceSampledLikelihood.Result r = new ImportanceSampledLikelihood(vae, ks[j], 24).evaluate(x);
            byK[j] = r.logPx();
            for (int i = 0; i < x.rows; i++) {
                // Jensen, draw by draw: log of the mean weight ≥ the mean log weight.
                assertTrue(r.logPx()[i] >= r.elbo()[i] - 1e-12, "point " + i + ", K = " + ks[j]);
            }
        }
        Summary gain1to10 = Summary.of(minus(byK[1], byK[0]));
        Summary gain10to100 = Summary.of(minus(byK[2], byK[1]));
        Summary aboveBound = Summary.of(minus(byK[2], elboB));
        System.out.println("K 1 -> 10: " + gain1to10 + ", K 10 -> 100: " + gain10to100 + ", IS(100) - ELBO(B): " + aboveBound);
        assertTrue(gain1to10.mean() > 4 * gain1to10.standardError(), "rises from K = 1 to 10: " + gain1to10);
        assertTrue(gain10to100.mean() > 4 * gain10to100.standardError(), "rises from K = 10 to 100: " + gain10to100);
        assertTrue(aboveBound.mean() > 4 * aboveBound.standardError(), "above the ELBO: " + aboveBound);
    }

    @Test
    void batchingAndSplittingDoNotChangeTheEstimates() {
        Vae vae = EvalFixtures.model(8, 6, 3, 0.5, 0.8, 31);
        Tensor x = EvalFixtures.binaryData(23, 8, 32);
        double[] whole = new ImportanceSampledLikelihood(vae, 37, 33).evaluate(x).logPx();
        // 10 rows a pass: 10 of a point's 37 samples at a time, tails of 7.
        double[] chunked = new ImportanceSampledLikelihood(vae, 37, 33, 10).evaluate(x).logPx();
        // Two pieces, the second starting at counter 15.
        ImportanceSampledLikelihood est = new ImportanceSampledLikelihood(vae, 37, 33, 200);
        double[] first = est.evaluate(x.rowSlice(0, 15), 0, n -> {}).logPx();
        double[] second = est.evaluate(x.rowSlice(15, 23), 15, n -> {}).logPx();
        for (int i = 0; i < x.rows; i++) {
            double piece = i < 15 ? first[i] : second[i - 15];
            assertEquals(whole[i], chunked[i], 1e-4, "chunked, point " + i);
            assertEquals(whole[i], piece, 1e-4, "in pieces, point " + i);
        }
        double[] otherSeed = new ImportanceSampledLikelihood(vae, 37, 34).evaluate(x).logPx();
        assertNotEquals(whole[0], otherSeed[0], "another seed, other samples");
    }

    @Test
    void logMeanExpIsStableForLargeLogWeights() {
        assertEquals(-1000, ImportanceSampledLikelihood.logMeanExp(new double[] {-1000, -1000}), 1e-12);
        assertEquals(800 + Math.log(2.0 / 3), ImportanceSampledLikelihood.logMeanExp(new double[] {800, 800, -2000}), 1e-12);
        assertEquals(Math.log((Math.exp(1) + Math.exp(2)) / 2), ImportanceSampledLikelihood.logMeanExp(new double[] {1, 2}), 1e-12);
        assertEquals(0, ImportanceSampledLikelihood.deltaMethodError(new double[] {-700, -700, -700}), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        Vae vae = EvalFixtures.model(8, 6, 3, 0.5, 0.8, 41);
        assertThrows(IllegalArgumentException.class, () -> new ImportanceSampledLikelihood(vae, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImportanceSampledLikelihood(vae, 5, 1).evaluate(new Tensor(3, 7)));
        assertTrue(e.getMessage().contains("7 values per point"), e.getMessage());
    }

    static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
