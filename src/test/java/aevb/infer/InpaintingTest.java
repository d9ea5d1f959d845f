package aevb.infer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Inpainting on generated data with known structure beats the mean fill by a stated margin. */
class InpaintingTest {

    @Test
    void everyMethodFillsTheLowerHalfBetterThanTheMean() {
        Vae vae = InferFixtures.model();
        Tensor truth = InferFixtures.images(40, 77);
        Tensor mask = Corruptions.lowerHalfMissing(truth.rows, InferFixtures.H, InferFixtures.W);
        Tensor mean = Baselines.pixelMean(InferFixtures.images(InferFixtures.N, 1));
        Tensor missing = RestorationError.missing(mask);
        Inpainting.Settings s = Inpainting.Settings.defaults(3);
        RestorationError base = RestorationError.of(Inpainting.fill(Inpainting.Method.MEAN_FILL, vae, truth, mask, mean, s), truth, missing);
        for (Inpainting.Method m : new Inpainting.Method[] {Inpainting.Method.ITERATIVE, Inpainting.Method.MAP, Inpainting.Method.HMC}) {
            Tensor filled = Inpainting.fill(m, vae, truth, mask, mean, s);
            RestorationError e = RestorationError.of(filled, truth, missing);
            System.out.printf("%s: MSE %.4f (mean fill %.4f), log-lik %.2f (mean fill %.2f)%n", m, e.mse().mean(),
                    base.mse().mean(), e.logLikelihood().mean(), base.logLikelihood().mean());
            // the stated margin: half the mean fill's error, and 5 nats better per image
            assertTrue(e.mse().mean() < 0.5 * base.mse().mean(), m + " MSE " + e.mse() + " vs " + base.mse());
            if (m != Inpainting.Method.ITERATIVE) {
                assertTrue(e.logLikelihood().mean() > base.logLikelihood().mean() + 5, m + " log-lik " + e.logLikelihood());
            }
            for (int j = 0; j < filled.data.length; j++) {
                if (mask.data[j] == 1f) {
                    assertTrue(filled.data[j] == truth.data[j], "observed pixels are kept");
                }
            }
        }
    }

    @Test
    void hmcFillsEightyPercentMissingBetterThanTheMean() {
        Vae vae = InferFixtures.model();
        Tensor truth = InferFixtures.images(40, 78);
        Tensor mask = Corruptions.randomMissing(truth.rows, InferFixtures.D, 0.8, 4);
        Tensor mean = Baselines.pixelMean(InferFixtures.images(InferFixtures.N, 1));
        Tensor missing = RestorationError.missing(mask);
        Inpainting.Settings s = Inpainting.Settings.defaults(3);
        double base = RestorationError.of(Inpainting.fill(Inpainting.Method.MEAN_FILL, vae, truth, mask, mean, s), truth, missing).mse().mean();
        double hmc = RestorationError.of(Inpainting.fill(Inpainting.Method.HMC, vae, truth, mask, mean, s), truth, missing).mse().mean();
        System.out.printf("80%% missing: HMC MSE %.4f, mean fill %.4f%n", hmc, base);
        assertTrue(hmc < 0.6 * base, hmc + " vs " + base);
    }
}
