package aevb.infer;

import static aevb.autodiff.Reductions.sum;
import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.eval.HmcPosterior;
import aevb.prob.BernoulliDecoder;
import aevb.sgvb.ModelFixtures;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Each corruption's likelihood: its gradient in z checked numerically, its value against the formula. */
class ObservationTest {
    static final int D = 16, H = 4, W = 4, NZ = 3;

    static Vae vae(long seed) {
        return ModelFixtures.model(D, 8, NZ, "bernoulli", seed);
    }

    static Tensor data(int rows, long seed) {
        return ModelFixtures.data(rows, D, seed);
    }

    /** The gradient of log p(y | z) through the decoder, with respect to z, against central differences. */
    static void checkGradientInZ(Vae vae, Observation y, int rows, long seed) {
        BernoulliDecoder dec = (BernoulliDecoder) vae.decoder;
        Tensor z = InferFixtures.z(rows, NZ, seed);
        GradientCheck.Report r = GradientCheck.ofInputs(List.of(z), v -> sum(y.logLikelihood(dec.logits(v.get(0)))));
        assertTrue(r.ok(), r.toString());
    }

    @Property(tries = 20)
    void maskedLikelihoodGradientIsChecked(@ForAll @IntRange(min = 1, max = 4) int rows, @ForAll long seed) {
        Tensor mask = Corruptions.randomMissing(rows, D, 0.5, seed);
        checkGradientInZ(vae(seed), new MaskedPixels(data(rows, seed), mask), rows, seed);
    }

    @Property(tries = 15)
    void saltAndPepperGaussianAndPoolingGradientsAreChecked(@ForAll @IntRange(min = 1, max = 3) int rows, @ForAll long seed) {
        Vae vae = vae(seed);
        Tensor y = data(rows, seed);
        checkGradientInZ(vae, new SaltAndPepper(y, 0.2), rows, seed);
        checkGradientInZ(vae, new GaussianNoise(Corruptions.gaussianNoise(y, 0.3, seed), 0.3), rows, seed);
        checkGradientInZ(vae, new Downsampled(Corruptions.averagePool(y, H, W, 2), H, W, 2), rows, seed);
    }

    @Test
    void anAllObservedMaskIsTheOrdinaryPosterior() {
        Vae vae = vae(9);
        Tensor x = data(5, 9), z = InferFixtures.z(5, NZ, 10);
        double[] a = new double[5], b = new double[5];
        Tensor ga = new Tensor(5, NZ), gb = new Tensor(5, NZ);
        new LatentPosterior(vae.decoder, new MaskedPixels(x, Tensor.filled(5, D, 1f))).evaluate(z, a, ga);
        new HmcPosterior(vae.decoder, x).evaluate(z, b, gb);
        for (int i = 0; i < 5; i++) {
            assertEquals(b[i], a[i], 1e-4 * Math.abs(b[i]), "log π of row " + i);
        }
        for (int j = 0; j < ga.data.length; j++) {
            assertEquals(gb.data[j], ga.data[j], 1e-4 * (1 + Math.abs(gb.data[j])), "gradient " + j);
        }
    }

    /** Evaluates an observation at logits a (R, D) given directly. */
    static float[] at(Observation y, Tensor a) {
        Tape tape = new Tape();
        return y.logLikelihood(tape.constant(a)).value.data.clone();
    }

    static Tensor logits(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor a = new Tensor(rows, D);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = (float) (4 * rnd.nextGaussian());
        }
        return a;
    }

    static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    static void matches(Observation y, Tensor a, Function<Integer, Double> formula) {
        float[] got = at(y, a);
        for (int r = 0; r < a.rows; r++) {
            double want = formula.apply(r);
            assertEquals(want, got[r], 1e-3 * (1 + Math.abs(want)), "row " + r);
        }
    }

    @Test
    void eachLikelihoodIsItsFormula() {
        Tensor a = logits(3, 1), y = data(3, 2), mask = Corruptions.randomMissing(3, D, 0.5, 3);
        Tensor noisy = Corruptions.gaussianNoise(y, 0.25, 4), low = Corruptions.averagePool(y, H, W, 2);
        matches(new MaskedPixels(y, mask), a, r -> {
            double s = 0;
            for (int j = 0; j < D; j++) {
                double mu = sigmoid(a.get(r, j)), v = y.get(r, j);
                s += mask.get(r, j) * (v * Math.log(mu) + (1 - v) * Math.log(1 - mu));
            }
            return s;
        });
        matches(new SaltAndPepper(y, 0.1), a, r -> {
            double s = 0;
            for (int j = 0; j < D; j++) {
                double p1 = 0.9 * sigmoid(a.get(r, j)) + 0.05, v = y.get(r, j);
                s += v * Math.log(p1) + (1 - v) * Math.log(1 - p1);
            }
            return s;
        });
        matches(new GaussianNoise(noisy, 0.25), a, r -> {
            double s = 0, s2 = 0.25 * 0.25;
            for (int j = 0; j < D; j++) {
                double mu = sigmoid(a.get(r, j)), v = noisy.get(r, j);
                double n1 = Math.exp(-(v - 1) * (v - 1) / (2 * s2)), n0 = Math.exp(-v * v / (2 * s2));
                s += Math.log((mu * n1 + (1 - mu) * n0) / Math.sqrt(2 * Math.PI * s2));
            }
            return s;
        });
        matches(new Downsampled(low, H, W, 2), a, r -> {
            double s = 0;
            for (int k = 0; k < 4; k++) {
                int br = k / 2, bc = k % 2;
                double p = 0;
                for (int dr = 0; dr < 2; dr++) {
                    for (int dc = 0; dc < 2; dc++) {
                        p += sigmoid(a.get(r, (2 * br + dr) * W + 2 * bc + dc)) / 4;
                    }
                }
                double v = low.get(r, k);
                s += 4 * (v * Math.log(p) + (1 - v) * Math.log(1 - p));
            }
            return s;
        });
    }

    @Test
    void eachCleanMeanIsBayesPerPixel() {
        Tensor y = data(2, 5), mask = Corruptions.randomMissing(2, D, 0.5, 6), mu = data(2, 7);
        Tensor inpainted = new MaskedPixels(y, mask).cleanMean(mu);
        for (int j = 0; j < y.data.length; j++) {
            assertEquals(mask.data[j] == 1f ? y.data[j] : mu.data[j], inpainted.data[j], "observed pixels are known");
        }
        Tensor noisy = Corruptions.gaussianNoise(y, 0.3, 8);
        Tensor g = new GaussianNoise(noisy, 0.3).cleanMean(mu);
        for (int j = 0; j < y.data.length; j++) {
            double v = noisy.data[j], m = mu.data[j];
            double on = m * Math.exp(-(v - 1) * (v - 1) / 0.18), off = (1 - m) * Math.exp(-v * v / 0.18);
            assertEquals(on / (on + off), g.data[j], 1e-4, "P(x = 1 | y, z) by Bayes");
        }
        Tensor sp = Tensor.of(1, 3, 1f, 0f, 0.4f), spMu = Tensor.of(1, 3, 0.5f, 0.5f, 0.9f);
        Tensor c = new SaltAndPepper(new Tensor(1, D), 0.2).cleanMean(new Tensor(1, D));  // shape only
        assertEquals(D, c.cols);
        Tensor s3 = new SaltAndPepper(sp, 0.2).cleanMean(spMu);
        assertEquals(0.5 * 0.9 / (0.8 * 0.5 + 0.1), s3.data[0], 1e-6);
        assertEquals(0.5 * 0.1 / (0.8 * 0.5 + 0.1), s3.data[1], 1e-6);
        assertEquals(0.4f, s3.data[2], "a grey pixel was not touched by the noise");
        Tensor low = Corruptions.averagePool(y, H, W, 2);
        Tensor up = new Downsampled(low, H, W, 2).cleanMean(Tensor.filled(2, D, 0.5f));
        Tensor back = Corruptions.averagePool(up, H, W, 2);
        for (int j = 0; j < low.data.length; j++) {
            assertEquals(low.data[j], back.data[j], 1e-5, "the block means of the estimate are the observed ones");
        }
    }

    @Test
    void badObservationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MaskedPixels(data(2, 1), Tensor.filled(2, D, 0.5f)));
        assertThrows(IllegalArgumentException.class, () -> new MaskedPixels(data(2, 1), Tensor.filled(3, D, 1f)));
        assertThrows(IllegalArgumentException.class, () -> new SaltAndPepper(data(2, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(data(2, 1), -1));
        assertThrows(IllegalArgumentException.class, () -> new Downsampled(new Tensor(2, 5), H, W, 2));
        Vae gaussian = ModelFixtures.model(D, 8, NZ, "gaussian", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LatentPosterior(gaussian.decoder, new MaskedPixels(data(1, 1), Tensor.filled(1, D, 1f))));
        assertTrue(e.getMessage().contains("Bernoulli"), e.getMessage());
    }
}
