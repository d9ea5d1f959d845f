package aevb.infer;

import static org.junit.jupiter.api.Assertions.*;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Denoising and super-resolution on generated data beat their baselines by a stated margin. */
class RestorationTest {
    static final int H = InferFixtures.H, W = InferFixtures.W;

    double mse(Tensor estimate, Tensor truth) {
        return RestorationError.of(estimate, truth, null).mse().mean();
    }

    @Test
    void denoisingBeatsTheNoisyImageAndTheMedianFilter() {
        Vae vae = InferFixtures.model();
        Tensor truth = InferFixtures.images(40, 91);
        PosteriorPredictive.Settings hmc = PosteriorPredictive.Settings.defaults(5);
        for (Denoising.Noise noise : Denoising.Noise.values()) {
            double level = noise == Denoising.Noise.SALT_AND_PEPPER ? 0.2 : 0.4;
            Tensor y = Denoising.corrupt(noise, truth, level, 6);
            double noisy = mse(Denoising.denoise(Denoising.Method.NOISY, vae, y, noise, level, H, W, 100, hmc), truth);
            double median = mse(Denoising.denoise(Denoising.Method.MEDIAN, vae, y, noise, level, H, W, 100, hmc), truth);
            double post = mse(Denoising.denoise(Denoising.Method.HMC, vae, y, noise, level, H, W, 100, hmc), truth);
            double map = mse(Denoising.denoise(Denoising.Method.MAP, vae, y, noise, level, H, W, 100, hmc), truth);
            System.out.printf("%s %.2f: noisy %.4f, median %.4f, MAP %.4f, HMC %.4f%n", noise, level, noisy, median, map, post);
            assertTrue(post < 0.5 * Math.min(noisy, median), noise + ": HMC " + post + " vs " + noisy + ", " + median);
            assertTrue(map < 0.5 * Math.min(noisy, median), noise + ": MAP " + map);
        }
    }

    @Test
    void superResolutionBeatsBilinearUpsampling() {
        Vae vae = InferFixtures.model();
        Tensor truth = InferFixtures.images(40, 92);
        Tensor low = Corruptions.averagePool(truth, H, W, 2);
        PosteriorPredictive.Settings hmc = PosteriorPredictive.Settings.defaults(5);
        double bilinear = mse(SuperResolution.upscale(SuperResolution.Method.BILINEAR, vae, low, H, W, 2, 100, hmc), truth);
        double post = mse(SuperResolution.upscale(SuperResolution.Method.HMC, vae, low, H, W, 2, 100, hmc), truth);
        System.out.printf("super-resolution: bilinear %.4f, HMC %.4f%n", bilinear, post);
        assertTrue(post < 0.5 * bilinear, post + " vs " + bilinear);
    }

    @Test
    void baselinesDoWhatTheySay() {
        Tensor flat = Tensor.filled(2, 16, 0.25f);
        Tensor up = Baselines.bilinear(Corruptions.averagePool(flat, 4, 4, 2), 4, 4, 2);
        for (float v : up.data) {
            assertEquals(0.25f, v, 1e-6f, "a constant image stays constant");
        }
        Tensor dot = new Tensor(1, 16);
        dot.set(0, 5, 1f);   // one isolated salt pixel
        for (float v : Baselines.median3x3(dot, 4, 4).data) {
            assertEquals(0f, v, "the median removes an isolated pixel");
        }
        Tensor mask = Corruptions.lowerHalfMissing(1, 4, 4);
        assertEquals(8, (int) java.util.stream.IntStream.range(0, 16).filter(j -> mask.data[j] == 1f).count());
        Tensor filled = Baselines.meanFill(dot, mask, Tensor.filled(1, 16, 0.5f));
        assertEquals(1f, filled.get(0, 5));
        assertEquals(0.5f, filled.get(0, 12));
    }
}
