package aevb.eval;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Parameter;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.prob.StandardNormalPrior;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Appendix D estimator against brute-force integration over a grid, on a tiny model. */
class AppendixDEstimatorTest {

    /**
     * A small random decoder; weights of standard deviation 0.7 give skewed, mostly single-mode
     * posteriors (a trained decoder's are like that; a random one with larger weights often has
     * several modes, where a chain may stay in one and the estimator misses the others' mass).
     */
    static BernoulliDecoder tinyDecoder(int latent, int hidden, int d, long seed) {
        BernoulliDecoder decoder = new BernoulliDecoder(latent, hidden, d);
        Init.gaussian(decoder.parameters(), 0.7, seed);
        return decoder;
    }

    static Tensor binaryData(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor x = new Tensor(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rnd.nextBoolean() ? 1f : 0f;
        }
        return x;
    }

    /**
     * log p(x) = log ∫ p(z) p(x|z) dz by the midpoint rule on a grid over [-R, R]^Nz (Nz = 1 or 2),
     * summed in double by log-sum-exp. With R = 7 the prior mass outside the box is below 1e-10,
     * and with these steps the rule's error is far below the estimator's.
     */
    static double gridLogMarginal(Decoder decoder, Tensor x, int row) {
        int nz = decoder.latent();
        double r = 7, h = nz == 1 ? 0.005 : 0.04;
        int k = (int) Math.round(2 * r / h), cells = nz == 1 ? k : k * k;
        Tensor z = new Tensor(cells, nz), xs = new Tensor(cells, x.cols);
        for (int c = 0; c < cells; c++) {
            z.set(c, 0, (float) (-r + (c % k + 0.5) * h));
            if (nz == 2) {
                z.set(c, 1, (float) (-r + (c / k + 0.5) * h));
            }
            System.arraycopy(x.data, row * x.cols, xs.data, c * x.cols, x.cols);
        }
        Tape tape = new Tape();
        Var zv = tape.constant(z);
        Var logJoint = aevb.autodiff.Elementwise.add(new StandardNormalPrior().logDensity(zv),
                decoder.logLikelihood(tape.constant(xs), zv));
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (float v : logJoint.value.data) {
            max = Math.max(max, v);
        }
        for (float v : logJoint.value.data) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s) + nz * Math.log(h);
    }

    /**
     * With L = 200 (four times the paper's 50) the estimates of single points scatter by about
     * 0.05 nats here (0.15 with L = 50), so each must be within 0.3 and their mean within 0.06.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void agreesWithGridIntegration(int latent) {
        Decoder decoder = tinyDecoder(latent, 6, 24, 3);
        Tensor x = binaryData(8, 24, 4);
        AppendixDEstimator.Estimate est = new AppendixDEstimator(AppendixDEstimator.Settings.paper().withSamples(200), 11)
                .estimate(decoder, x);
        double meanGrid = 0, worst = 0;
        for (int i = 0; i < x.rows; i++) {
            double grid = gridLogMarginal(decoder, x, i);
            meanGrid += grid / x.rows;
            worst = Math.max(worst, Math.abs(est.logPx()[i] - grid));
        }
        System.out.printf("Nz = %d: log p(x) by the grid %.4f, by Appendix D %.4f; worst point off by %.3f; "
                + "acceptance %.3f, ε ≈ %.3f%n", latent, meanGrid, est.mean(), worst, est.meanAcceptance(), est.typicalStepSize());
        assertEquals(meanGrid, est.mean(), 0.06);
        assertTrue(worst < 0.3, "every point within 0.3 nats, worst " + worst);
        assertEquals(0, est.fallbacks());
    }

    /**
     * Larger weights give sharper posteriors with several modes (as a decoder fitted to few
     * images has): a chain started at the best of a few prior draws often sits in a minor mode
     * and misses the main one's mass, so the estimate falls below the grid's; the default starts
     * find the main mode.
     */
    @Test
    void findsTheMainModeOfMultimodalPosteriors() {
        Decoder decoder = tinyDecoder(2, 6, 24, 3);
        Init.gaussian(decoder.parameters(), 2.5, 7);
        Tensor x = binaryData(8, 24, 4);
        double meanGrid = 0;
        for (int i = 0; i < x.rows; i++) {
            meanGrid += gridLogMarginal(decoder, x, i) / x.rows;
        }
        double few = new AppendixDEstimator(AppendixDEstimator.Settings.paper().withStarts(1), 11).estimate(decoder, x).mean();
        double many = new AppendixDEstimator(AppendixDEstimator.Settings.paper(), 11).estimate(decoder, x).mean();
        System.out.printf("multimodal: log p(x) by the grid %.4f; Appendix D from 1 prior draw %.4f, from %d %.4f%n", meanGrid,
                few, AppendixDEstimator.STARTS, many);
        assertEquals(meanGrid, many, 0.3);
        assertTrue(few < meanGrid - 0.5, "a single start misses modes here: " + few + " against " + meanGrid);
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndStartsCanBeGiven() {
        Decoder decoder = tinyDecoder(2, 6, 24, 3);
        Tensor x = binaryData(5, 24, 4);
        AppendixDEstimator.Settings quick = AppendixDEstimator.Settings.quick();
        assertArrayEquals(new AppendixDEstimator(quick, 1).estimate(decoder, x).logPx(),
                new AppendixDEstimator(quick, 1).estimate(decoder, x).logPx());
        AppendixDEstimator.Estimate fromZero = new AppendixDEstimator(quick, 1).estimate(decoder, x, new Tensor(5, 2));
        assertEquals(5, fromZero.logPx().length);
        assertTrue(Double.isFinite(fromZero.mean()));
        assertThrows(IllegalArgumentException.class, () -> new AppendixDEstimator(quick, 1).estimate(decoder, x, new Tensor(4, 2)));
    }

    @Test
    void chiSquareMatchesClosedForms() {
        for (double x : new double[] {0.1, 1, 3, 7.5, 20}) {
            assertEquals(1 - Math.exp(-x / 2), AppendixDEstimator.ChiSquare.cdf(x, 2), 1e-12);   // k = 2: exponential
            // k = 4: 1 - e^(-x/2) (1 + x/2)
            assertEquals(1 - Math.exp(-x / 2) * (1 + x / 2), AppendixDEstimator.ChiSquare.cdf(x, 4), 1e-12);
        }
        // tabulated 95% quantiles for k = 1, 3, 10
        assertEquals(3.8415, AppendixDEstimator.ChiSquare.quantile(0.95, 1), 1e-4);
        assertEquals(7.8147, AppendixDEstimator.ChiSquare.quantile(0.95, 3), 1e-4);
        assertEquals(18.307, AppendixDEstimator.ChiSquare.quantile(0.95, 10), 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, AppendixDEstimator.ChiSquare.quantile(1, 3));
    }
}
