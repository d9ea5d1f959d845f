package aevb.prob;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The log-densities and the KL against direct formulas, and their gradients. */
class DensityTest {

    static Tensor random(SplittableRandom rnd, int rows, int cols, double lo, double hi) {
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return t;
    }

    @Property(tries = 30)
    void gaussianLogDensityMatchesTheFormula(@ForAll @IntRange(min = 1, max = 4) int rows,
                                             @ForAll @IntRange(min = 1, max = 6) int dims, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor mu = random(rnd, rows, dims, -2, 2), lv = random(rnd, rows, dims, -2, 2), z = random(rnd, rows, dims, -3, 3);
        Tape tape = new Tape();
        Var logq = new DiagonalGaussian(tape.constant(mu), tape.constant(lv)).logDensity(tape.constant(z));
        for (int r = 0; r < rows; r++) {
            double expected = 0;
            for (int j = 0; j < dims; j++) {
                int i = r * dims + j;
                double var = Math.exp(lv.data[i]);
                expected += -0.5 * Math.log(2 * Math.PI * var) - Math.pow(z.data[i] - mu.data[i], 2) / (2 * var);
            }
            assertEquals(expected, logq.value.data[r], 1e-4 * (1 + Math.abs(expected)));
        }
        GradientCheck.Report report = GradientCheck.ofInputs(List.of(mu, lv, z),
                v -> aevb.autodiff.Reductions.sum(new DiagonalGaussian(v.get(0), v.get(1)).logDensity(v.get(2))));
        assertTrue(report.ok(), report::toString);
    }

    @Property(tries = 30)
    void priorAndKlMatchTheirFormulasAndGradients(@ForAll @IntRange(min = 1, max = 4) int rows,
                                                  @ForAll @IntRange(min = 1, max = 6) int dims, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor mu = random(rnd, rows, dims, -2, 2), lv = random(rnd, rows, dims, -2, 2);
        Tape tape = new Tape();
        Var logp = new StandardNormalPrior().logDensity(tape.constant(mu));
        Var negKl = GaussianKl.negativeKl(new DiagonalGaussian(tape.constant(mu), tape.constant(lv)));
        for (int r = 0; r < rows; r++) {
            double lp = 0, nk = 0;
            for (int j = 0; j < dims; j++) {
                int i = r * dims + j;
                lp += -0.5 * Math.log(2 * Math.PI) - 0.5 * mu.data[i] * mu.data[i];
                nk += 0.5 * (1 + lv.data[i] - mu.data[i] * mu.data[i] - Math.exp(lv.data[i]));
            }
            assertEquals(lp, logp.value.data[r], 1e-4 * (1 + Math.abs(lp)));
            assertEquals(nk, negKl.value.data[r], 1e-4 * (1 + Math.abs(nk)));
        }
        GradientCheck.Report report = GradientCheck.ofInputs(List.of(mu, lv),
                v -> aevb.autodiff.Reductions.sum(GaussianKl.negativeKl(new DiagonalGaussian(v.get(0), v.get(1)))));
        assertTrue(report.ok(), report::toString);
        report = GradientCheck.ofInputs(List.of(mu),
                v -> aevb.autodiff.Reductions.sum(new StandardNormalPrior().logDensity(v.get(0))));
        assertTrue(report.ok(), report::toString);
    }

    /** App. B's closed form against a Monte Carlo estimate of E_q[log q(z) - log p(z)]. */
    @Test
    void analyticKlMatchesMonteCarlo() {
        Tensor mu = Tensor.of(1, 3, 0.5f, -1.2f, 0f), lv = Tensor.of(1, 3, -0.7f, 0.4f, -2f);
        int n = 200_000;
        Tape tape = new Tape();
        DiagonalGaussian q1 = new DiagonalGaussian(tape.constant(mu), tape.constant(lv));
        double kl = -GaussianKl.negativeKl(q1).item();
        Tensor eps = new Tensor(n, 3);
        Randomness.gaussian(7, Randomness.Stream.EVAL, 0, eps.data, eps.data.length);
        DiagonalGaussian q = q1.repeat(n);
        Var z = ReparameterizedSampler.sample(q, eps);
        Var logq = q.logDensity(z), logp = new StandardNormalPrior().logDensity(z);
        double mean = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double d = logq.value.data[i] - logp.value.data[i];
            mean += d;
            sq += d * d;
        }
        mean /= n;
        double stdErr = Math.sqrt((sq / n - mean * mean) / n);
        assertEquals(kl, mean, 4 * stdErr, "KL " + kl + " vs Monte Carlo " + mean + " ± " + stdErr);
        assertTrue(stdErr < 0.01, "enough samples for a tight check");
    }

    @Test
    void samplerHasTheRightMeanAndVariance() {
        int n = 100_000;
        Tensor mu = Tensor.of(1, 2, 1.5f, -0.5f), lv = Tensor.of(1, 2, (float) Math.log(4), (float) Math.log(0.25));
        Tape tape = new Tape();
        DiagonalGaussian q = new DiagonalGaussian(tape.constant(mu), tape.constant(lv)).repeat(n);
        Tensor eps = new Tensor(n, 2);
        Randomness.gaussian(3, Randomness.Stream.EVAL, 1, eps.data, eps.data.length);
        float[] z = ReparameterizedSampler.sample(q, eps).data();
        double[] expectMean = {1.5, -0.5}, expectVar = {4, 0.25};
        for (int j = 0; j < 2; j++) {
            double m = 0, s = 0;
            for (int i = 0; i < n; i++) {
                m += z[i * 2 + j];
            }
            m /= n;
            for (int i = 0; i < n; i++) {
                s += Math.pow(z[i * 2 + j] - m, 2);
            }
            s /= n - 1;
            assertEquals(expectMean[j], m, 4 * Math.sqrt(expectVar[j] / n));
            assertEquals(expectVar[j], s, 4 * expectVar[j] * Math.sqrt(2.0 / n));
        }
    }
}
